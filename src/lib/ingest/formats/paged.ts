/**
 * What every reader of a published binary format (a PDF book, a workbook) turns a document into
 * before the one form reader runs: its pages (a PDF page, a worksheet), each a sequence of blocks
 * in reading order, tables as grids of cells with their spans. Plain data, the same in Node and in
 * the browser; `toRows` (./rows.ts) turns it into the rows the form reader reads.
 */

/** A cell of a table as the publisher laid it out: a merged cell is one cell with its spans. */
export interface GridCell {
  /** 0-based row of the grid where the cell starts (its top). */
  row: number;
  /** 0-based column of the grid where the cell starts (its left). */
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell's text: lines a cell wrapped over joined, trimmed; '' for an empty cell. */
  text: string;
}

/** A table: a grid of `rows` × `cols`, and the non-empty cells on it. */
export interface TableBlock {
  kind: 'table';
  rows: number;
  cols: number;
  cells: GridCell[];
  /**
   * Where each grid row starts on its page, as a reader counts: for a worksheet the row number
   * Excel shows; for a PDF page the row's position among the page's rows and text lines, from 1.
   */
  rowLines: number[];
}

/** A line of text outside any table (a title, a page number, a paragraph's line). */
export interface TextBlock {
  kind: 'text';
  text: string;
  /** The line's position on its page, counted as for `TableBlock.rowLines`. */
  line: number;
}

/** One page of a PDF, or one worksheet of a workbook. */
export interface SourcePage {
  /** 1-based page or sheet number. */
  number: number;
  /** The worksheet's name; null for a PDF page. */
  name: string | null;
  blocks: (TableBlock | TextBlock)[];
}

/** A binary document read into pages. */
export interface PagedDocument {
  format: 'pdf' | 'xlsx' | 'xls';
  pages: SourcePage[];
}
