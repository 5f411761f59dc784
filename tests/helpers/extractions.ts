/**
 * The text other tools make of a PDF page, rebuilt from the page's geometry, for the form
 * parser's tests: the same printed form as pdfplumber's `extract_text()` sees it (rows joined,
 * wrapped cells interleaved), as pdftotext without -layout sees it (a cell's lines one by one),
 * and as a table export sees it (tab-separated rows, merged cells empty but their first).
 */
import {
  cleanItems,
  itemChars,
  layoutPage,
  type PageGeometry,
  type TextItem
} from '../../src/lib/ingest/formats/pdf/geometry';
import { foldRadicals } from '../../src/lib/ingest/text';

interface Char {
  text: string;
  x0: number;
  x1: number;
  top: number;
}

/** Values sorted and chained into clusters where each is within `tolerance` of the previous (pdfplumber's cluster_list). */
function clusterBy<T>(objects: readonly T[], key: (o: T) => number, tolerance: number): T[][] {
  const sorted = [...objects].sort((a, b) => key(a) - key(b));
  const out: T[][] = [];
  let last = -Infinity;
  for (const o of sorted) {
    const v = key(o);
    if (out.length && v - last <= tolerance) out[out.length - 1]!.push(o);
    else out.push([o]);
    last = v;
  }
  return out;
}

/**
 * pdfplumber's `page.extract_text()` (x_tolerance 3, y_tolerance 3): characters clustered into
 * lines by their top, each line left to right with a space where the gap exceeds 3 pt. A wrapped
 * cell's lines land above and below its row's centred labels, and the columns interleave.
 */
export function plumberText(pages: readonly PageGeometry[]): string {
  return pages
    .map((page) => {
      const chars: Char[] = cleanItems(page.items).flatMap((it: TextItem) =>
        itemChars(it).map((c) => ({ text: c.str, x0: c.x, x1: c.x + c.width, top: c.y }))
      );
      return clusterBy(chars, (c) => c.top, 3)
        .map((line) => {
          let out = '';
          let prev: Char | null = null;
          for (const c of [...line].sort((a, b) => a.x0 - b.x0)) {
            if (prev && c.x0 - prev.x1 > 3) out += ' ';
            out += c.text;
            prev = c;
          }
          return foldRadicals(out).trim();
        })
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
}

/**
 * pdftotext without -layout, as seed 001 came out: lines outside tables as they are; in a table,
 * each cell's visual lines one per line in reading order (cells of a row left to right), and a
 * blank line after each row and each line of text.
 */
export function cellLinesText(pages: readonly PageGeometry[]): string {
  const out: string[] = [];
  for (const page of pages)
    for (const block of layoutPage(page).blocks) {
      if (block.kind === 'text') out.push(block.text, '');
      else
        for (let r = 0; r < block.rows; r++) {
          const cells = block.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
          for (const c of cells) out.push(...c.lines);
          out.push('');
        }
    }
  return out.join('\n');
}

/**
 * A table export, as seed 003 came out: each table row's cells separated by tabs, a merged cell's
 * text in its first (top-left) position and empty elsewhere, a cell's lines joined with a space;
 * lines outside tables as they are, each followed by a blank line, and a blank line after a table.
 */
export function tabSeparatedText(pages: readonly PageGeometry[]): string {
  const out: string[] = [];
  for (const page of pages)
    for (const block of layoutPage(page).blocks) {
      if (block.kind === 'text') {
        out.push(block.text, '');
        continue;
      }
      const grid: string[][] = Array.from({ length: block.rows }, () => Array<string>(block.cols).fill(''));
      for (const c of block.cells) grid[c.row]![c.col] = c.lines.join(' ');
      for (const row of grid) out.push(row.join('\t'));
      out.push('');
    }
  return out.join('\n');
}
