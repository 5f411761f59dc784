/**
 * A paged document (a PDF's pages, a workbook's sheets) as the rows the form reader reads, the
 * same rows a tab-separated export gives: one row per grid row with its cells at their columns, a
 * merged cell once, at its top-left, as published forms show them when copied out; text outside
 * tables as lines of text. Rows are numbered from 1 through the whole document, so the form
 * reader can tell them apart; `places` says where each is on its page, for the records and the
 * warnings a reader follows back to the original.
 */
import type { Cell, Row } from '../layout';
import { readRow } from '../layout';
import { recogniseTitle } from '../segment';
import { normalizeSourceText, squeeze } from '../text';
import type { PagedDocument, TableBlock } from './paged';

/** Where a row stands in the original: its page (PDF page or sheet number) and its line there. */
export interface SourcePlace {
  page: number;
  line: number;
}

/** The rows of a paged document, and the place of each (`places[row.line - 1]`). */
export interface PagedRows {
  rows: Row[];
  places: SourcePlace[];
}

/**
 * Turns a paged document into rows; a blank row stands between pages. A table's heading row that
 * a publisher repeats at the top of every page it runs onto (Word's 重复标题行) is read once: the
 * first row of a page's opening table, when it equals the first row of the table the page before
 * ended with, and no title stands above it (a new form would have one).
 */
export function pagedToRows(doc: PagedDocument): PagedRows {
  const rows: Row[] = [];
  const places: SourcePlace[] = [];
  const push = (row: Omit<Row, 'line'>, place: SourcePlace) => {
    const line = rows.length + 1;
    rows.push({ ...row, line, cells: row.cells.map((c) => ({ ...c, line })) });
    places.push(place);
  };
  let lastHead: string | null = null;
  for (const page of doc.pages) {
    if (rows.length)
      push(
        { kind: 'blank', cells: [], text: '', trailingSpace: false, page: page.number },
        { page: page.number, line: 0 }
      );
    let opening = true;
    let head: string | null = null;
    for (const block of page.blocks) {
      if (block.kind === 'text') {
        const row = readRow(normalizeSourceText(block.text), 0);
        push({ ...row, page: page.number }, { page: page.number, line: block.line });
        opening = false;
        continue;
      }
      const cellRows = tableRows(block);
      const first = cellRows.findIndex((cells) => cells.length > 0);
      const headText = first < 0 ? null : rowKey(cellRows[first] as Cell[]);
      // (A form's title in the table's first row, as workbooks have it, is never a repeated heading.)
      const repeated =
        opening &&
        headText !== null &&
        headText === lastHead &&
        recogniseTitle(readRow((cellRows[first] as Cell[]).map((c) => c.text).join('\t'), 0)) === null;
      cellRows.forEach((cells, r) => {
        if (repeated && r === first) return;
        const place = { page: page.number, line: block.rowLines[r] ?? 0 };
        const kind = cells.length ? 'table' : 'blank';
        const text = cells.map((c) => c.text).join('\t');
        push({ kind, cells, text, trailingSpace: false, page: page.number }, place);
      });
      head = headText;
      opening = false;
    }
    lastHead = head;
  }
  return { rows, places };
}

/** A row's cells as one key: their texts in order, spacing ignored (grids of two pages differ in columns). */
function rowKey(cells: readonly Cell[]): string {
  return cells.map((c) => c.text.replace(/\s+/g, '')).join('|');
}

/** The cells that start on each grid row, left to right (their line is set by the caller). */
function tableRows(block: TableBlock): Cell[][] {
  const out: Cell[][] = Array.from({ length: block.rows }, () => []);
  for (const cell of block.cells) {
    // The same clean-up a text export gets (full-width digits, no-break spaces, zero-width marks).
    const text = squeeze(normalizeSourceText(cell.text));
    if (text) out[cell.row]?.push({ text, line: 0, col: cell.col });
  }
  for (const cells of out) cells.sort((a, b) => a.col - b.col);
  return out;
}
