/**
 * Turns source lines into rows of cells, whatever the layout: Markdown pipe tables, tab-separated
 * spreadsheets, or PDF text where cells are separated by spaces or line breaks.
 */
import type { Layout } from '../schema/records';
import { squeeze } from './text';

/** One cell: its text, the 1-based line it is on and its column (index of the cell or token). */
export interface Cell {
  text: string;
  line: number;
  col: number;
}

/** One source line read as a row. `cells` holds the non-empty cells only. */
export interface Row {
  line: number;
  kind: 'table' | 'text' | 'blank' | 'separator';
  cells: Cell[];
  /** The line's text, trimmed. */
  text: string;
  /** True when the line ends in whitespace: PDF extractions mark the end of a cell that way. */
  trailingSpace: boolean;
  /** The page (PDF page or worksheet) the row is on, for documents read from pages. */
  page?: number;
}

const MD_SEPARATOR = /^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?$/;
const DASH_CELL = /^[-—:\s]+$/;

/** Decides the dominant layout of a document from its non-blank lines. */
export function detectLayout(lines: readonly string[]): Layout {
  let md = 0;
  let tsv = 0;
  let other = 0;
  for (const line of lines) {
    const t = line.trim();
    if (!t) continue;
    if (t.startsWith('|') && t.indexOf('|', 1) > 0) md++;
    else if (line.includes('\t')) tsv++;
    else other++;
  }
  const total = md + tsv + other || 1;
  if (md / total >= 0.3) return 'markdown';
  if (tsv / total >= 0.3) return 'tsv';
  return 'text';
}

/** Reads one line as a row; `lineNo` is 1-based. Each line decides its own splitting. */
export function readRow(raw: string, lineNo: number): Row {
  const text = raw.trim();
  const trailingSpace = /[ \t\u3000]$/.test(raw) && text.length > 0;
  if (!text) return { line: lineNo, kind: 'blank', cells: [], text, trailingSpace: false };
  if (text.startsWith('|') && text.indexOf('|', 1) > 0) {
    if (MD_SEPARATOR.test(text)) return { line: lineNo, kind: 'separator', cells: [], text, trailingSpace };
    // A pipe escaped as \| is part of the cell, not a column break.
    const parts = text
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/)
      .map((p) => p.replace(/\\\|/g, '|'));
    return { line: lineNo, kind: 'table', cells: toCells(parts, lineNo), text, trailingSpace };
  }
  if (raw.includes('\t')) {
    const parts = raw.split('\t');
    if (parts.every((p) => DASH_CELL.test(p) || !p.trim()))
      return { line: lineNo, kind: 'separator', cells: [], text, trailingSpace };
    return { line: lineNo, kind: 'table', cells: toCells(parts, lineNo), text, trailingSpace };
  }
  const tokens = text.split(/[ \u3000]+/);
  return { line: lineNo, kind: 'text', cells: toCells(tokens, lineNo), text, trailingSpace };
}

function toCells(parts: readonly string[], line: number): Cell[] {
  const cells: Cell[] = [];
  parts.forEach((part, col) => {
    const t = squeeze(part);
    if (t) cells.push({ text: t, line, col });
  });
  return cells;
}

/** Reads every line of a document as rows. */
export function readRows(lines: readonly string[]): Row[] {
  return lines.map((l, i) => readRow(l, i + 1));
}
