/**
 * Reads the header of a form (项目名称, 主管部门, 项目资金, 年度总体目标, …) in any layout: labels
 * are recognised by their words, and a label's value is everything up to the next label, however
 * the export spread it over cells and lines.
 */
import type { Cell, Row } from './layout';
import { joinWrapped, squeeze, tidyText } from './text';
import {
  couldStartLabel,
  recogniseLabel,
  splitLabelValue,
  type FieldKey,
  type LabelMatch
} from './vocabulary';

/** One value piece: a table cell, or one line's worth of text in a PDF extraction. */
export interface ValuePiece {
  text: string;
  line: number;
  /** True when the piece is a whole cell (tables, or PDF text that marks cell ends). */
  cellEnd: boolean;
  /** True when a blank line precedes this piece. */
  afterBlank: boolean;
}

/** A label and the value that follows it. */
export interface FieldEntry {
  key: FieldKey;
  label: string;
  line: number;
  unit: string | null;
  pieces: ValuePiece[];
}

interface Token {
  text: string;
  line: number;
  table: boolean;
  /** Last token of its row. */
  rowEnd: boolean;
  /** The row ends in whitespace (a cell-end mark in PDF text). */
  rowTrailing: boolean;
  afterBlank: boolean;
}

// `（ 2023 年- 2023 年）`: the period printed under 项目总目标; a template note, not a value.
const PERIOD_NOTE = /[(（]\s*\d{4}\s*年?\s*[-—–~～至]\s*\d{4}\s*年?\s*[)）]/g;

function tokensOf(rows: readonly Row[]): Token[] {
  const tokens: Token[] = [];
  let blank = false;
  for (const row of rows) {
    if (row.kind === 'blank' || row.kind === 'separator') {
      blank = true;
      continue;
    }
    const table = row.kind === 'table';
    const cells: Cell[] = table ? row.cells : readTextCells(row);
    cells.forEach((cell, i) => {
      const text = cell.text.replace(PERIOD_NOTE, '').trim();
      if (!text) return;
      tokens.push({
        text,
        line: row.line,
        table,
        rowEnd: i === cells.length - 1,
        rowTrailing: row.trailingSpace,
        afterBlank: blank && i === 0
      });
    });
    blank = false;
  }
  return tokens;
}

/** PDF text rows: the whole line, minus template notes, split at spaces. */
function readTextCells(row: Row): Cell[] {
  const text = row.text.replace(PERIOD_NOTE, ' ').trim();
  if (!text) return [];
  return text.split(/[ \u3000]+/).map((t, col) => ({ text: t, line: row.line, col }));
}

const MAX_LABEL_TOKENS = 6;
const AMOUNT_TOKEN = /^\d[\d,]*(?:\.\d+)?$/;

/** Finds a label made of one token, or of several short tokens (`年度`/`总体`/`目标`). */
function matchLabelAt(
  tokens: readonly Token[],
  i: number
): { match: LabelMatch; used: number; rest: string | null } | null {
  const first = tokens[i];
  if (!first) return null;
  const single = recogniseLabel(first.text);
  let best: { match: LabelMatch; used: number; rest: string | null } | null = single
    ? { match: single, used: 1, rest: null }
    : null;
  // A label may be split over tokens, but never starts with an amount (`3827430` `1.` `上级…`).
  if (!first.table && !AMOUNT_TOKEN.test(first.text.trim()) && couldStartLabel(first.text)) {
    let joined = first.text;
    for (let k = 2; k <= MAX_LABEL_TOKENS && i + k - 1 < tokens.length; k++) {
      const next = tokens[i + k - 1];
      if (!next || next.table || next.text.length > 8 || joined.length > 16) break;
      joined += next.text;
      const m = recogniseLabel(joined);
      if (m) best = { match: m, used: k, rest: null };
    }
  }
  if (best) return best;
  const split = splitLabelValue(first.text);
  if (split) return { match: split.match, used: 1, rest: split.value };
  return null;
}

/**
 * Walks the rows of a header and returns every label with its value pieces, in order. Tokens
 * before the first label are returned as `stray` so that callers can report them.
 */
export function collectFields(rows: readonly Row[]): { entries: FieldEntry[]; stray: ValuePiece[] } {
  const tokens = tokensOf(rows);
  const entries: FieldEntry[] = [];
  const stray: ValuePiece[] = [];
  let current: FieldEntry | null = null;
  for (let i = 0; i < tokens.length;) {
    const tok = tokens[i] as Token;
    const found = matchLabelAt(tokens, i);
    if (found) {
      current = {
        key: found.match.key,
        label: found.match.label,
        line: tok.line,
        unit: found.match.unit,
        pieces: []
      };
      entries.push(current);
      if (found.rest) current.pieces.push(pieceOf(tok, found.rest));
      i += found.used;
      continue;
    }
    const piece = pieceOf(tok, tok.text);
    if (current) appendPiece(current.pieces, piece, tok);
    else stray.push(piece);
    i++;
  }
  return { entries, stray };
}

function pieceOf(tok: Token, text: string): ValuePiece {
  return {
    text,
    line: tok.line,
    cellEnd: tok.table || (tok.rowEnd && tok.rowTrailing),
    afterBlank: tok.afterBlank
  };
}

/** In PDF text, the tokens of one line form one piece (they were split at spaces). */
function appendPiece(pieces: ValuePiece[], piece: ValuePiece, tok: Token): void {
  const last = pieces[pieces.length - 1];
  if (!tok.table && last && last.line === piece.line && !last.cellEnd) {
    last.text = `${last.text} ${piece.text}`;
    last.cellEnd = piece.cellEnd;
    return;
  }
  pieces.push(piece);
}

/** The value of a field as one text: pieces of a wrapped cell joined, PDF spacing tidied. */
export function fieldText(pieces: readonly ValuePiece[]): string | null {
  const text = tidyText(joinWrapped(pieces.map((p) => squeeze(p.text))));
  return text || null;
}

/** The first piece of a value, for fields that hold one short value (an amount, a date). */
export function firstPiece(pieces: readonly ValuePiece[]): string | null {
  return pieces[0]?.text.trim() || null;
}

/**
 * Splits text that an export printed in two columns side by side (项目总目标 | 年度总目标, or
 * 预算目标 | 实际完成情况) into the two cells. Returns null when no split can be justified.
 */
export function splitTwoColumns(input: readonly ValuePiece[]): [ValuePiece[], ValuePiece[]] | null {
  // Two cells joined with a space on one line: try each space as the column boundary.
  const pieces: readonly ValuePiece[] =
    input.length === 1 && /\s/.test((input[0] as ValuePiece).text.trim())
      ? (input[0] as ValuePiece).text
          .trim()
          .split(/\s+/)
          .map((text) => ({ ...(input[0] as ValuePiece), text, cellEnd: false, afterBlank: false }))
      : input;
  const n = pieces.length;
  if (n < 2) return null;
  const at = (k: number): [ValuePiece[], ValuePiece[]] => [pieces.slice(0, k), pieces.slice(k)];
  // Whole cells (tables, or PDF text that marks cell ends with a trailing space).
  const ends = pieces.map((p) => p.cellEnd);
  if (ends.some((e) => e) && !ends.every((e) => e)) {
    const k = ends.indexOf(true) + 1;
    if (k < n) return at(k);
  }
  if (ends.every((e) => e) && n === 2) return at(1);
  const texts = pieces.map((p) => tidyText(p.text));
  // The same text printed twice, wrapped at different widths.
  for (let k = 1; k < n; k++) {
    if (joinWrapped(texts.slice(0, k)) === joinWrapped(texts.slice(k))) return at(k);
  }
  // The second column restates the first one's opening words.
  const head = (texts[0] ?? '').slice(0, 8);
  if (head.length >= 4) {
    for (let k = 1; k < n; k++) if ((texts[k] ?? '').startsWith(head)) return at(k);
  }
  // One blank line between two blocks.
  const gaps = pieces.map((p, i) => (i > 0 && p.afterBlank ? i : -1)).filter((i) => i > 0);
  if (gaps.length === 1) return at(gaps[0] as number);
  return null;
}
