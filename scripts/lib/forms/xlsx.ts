/**
 * Form grids as Excel workbooks (.xlsx, or .xls in BIFF8) written with SheetJS, as publishers
 * post them: merged cells as `!merges`, amounts, rates and scores as number cells whose number
 * format shows them as the form prints them, text elsewhere; a form per sheet or all on one sheet.
 */
import * as XLSX from '@e965/xlsx';
import type { FormGrid, FormPart } from './layout';

/** How the forms are laid out in the workbook. */
export interface WorkbookOptions {
  /** 'xlsx' (default) or 'xls' (BIFF8). */
  bookType?: 'xlsx' | 'xls';
  /** One sheet per form (default), named after its project; or every form on one sheet, one below another. */
  layout?: 'sheet-per-form' | 'one-sheet';
  /** Name of the sheet in the one-sheet layout. Default '项目绩效表'. */
  sheetName?: string;
}

/** Characters a sheet name cannot hold, and its length limit. */
const BAD_SHEET_CHARS = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/** Writes parts into a sheet from row `top`; returns the first row after them. */
function writeParts(sheet: XLSX.WorkSheet, parts: readonly FormPart[], top: number): number {
  const merges = (sheet['!merges'] ??= []);
  const put = (r: number, c: number, cell: XLSX.CellObject) => {
    sheet[XLSX.utils.encode_cell({ r, c })] = cell;
  };
  let r = top;
  parts.forEach((part, k) => {
    if (k > 0) r++; // a blank row between parts
    const { table } = part;
    const wide = (row: number) => {
      if (table.cols > 1) merges.push({ s: { r: row, c: 0 }, e: { r: row, c: table.cols - 1 } });
    };
    for (const title of part.titles) {
      put(r, 0, { t: 's', v: title });
      wide(r++);
    }
    // Lines above the table share a row: the first at its left, the last at its right (金额单位).
    if (part.above.length) {
      part.above.forEach((text, i) =>
        put(r, i === part.above.length - 1 && i > 0 ? table.cols - 1 : i, { t: 's', v: text })
      );
      r++;
    }
    for (const c of table.cells) {
      const at = { r: r + c.row, c: c.col };
      if (c.number) put(at.r, at.c, { t: 'n', v: Number(c.number.value), z: c.number.format, w: c.text });
      else if (c.text !== '') put(at.r, at.c, { t: 's', v: c.text });
      if (c.rowSpan > 1 || c.colSpan > 1)
        merges.push({ s: at, e: { r: at.r + c.rowSpan - 1, c: at.c + c.colSpan - 1 } });
    }
    r += table.rows;
    for (const line of part.below) {
      put(r, 0, { t: 's', v: line });
      wide(r++);
    }
  });
  return r;
}

function finishSheet(sheet: XLSX.WorkSheet, rows: number, parts: readonly FormPart[]): XLSX.WorkSheet {
  const cols = Math.max(1, ...parts.map((p) => p.table.cols));
  sheet['!ref'] = XLSX.utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(0, rows - 1), c: cols - 1 }
  });
  // Column widths in characters, from the first part's relative widths (a sheet has one set).
  const widths = parts[0]?.table.widths ?? [];
  sheet['!cols'] = Array.from({ length: cols }, (_, i) => ({
    wch: Math.max(6, Math.round((widths[i] ?? 10) * 1.1))
  }));
  return sheet;
}

function uniqueName(name: string, taken: Set<string>): string {
  const base = name.replace(BAD_SHEET_CHARS, '_').slice(0, SHEET_NAME_MAX) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, SHEET_NAME_MAX - 4)}(${n})`;
  taken.add(candidate);
  return candidate;
}

/** The forms as a workbook's bytes. */
export function formsWorkbook(forms: readonly FormGrid[], options: WorkbookOptions = {}): Uint8Array {
  const book = XLSX.utils.book_new();
  if (options.layout === 'one-sheet') {
    const sheet: XLSX.WorkSheet = {};
    const parts = forms.flatMap((f) => f.parts);
    const rows = writeParts(sheet, parts, 0);
    XLSX.utils.book_append_sheet(book, finishSheet(sheet, rows, parts), options.sheetName ?? '项目绩效表');
  } else {
    const taken = new Set<string>();
    for (const form of forms) {
      const sheet: XLSX.WorkSheet = {};
      const rows = writeParts(sheet, form.parts, 0);
      XLSX.utils.book_append_sheet(book, finishSheet(sheet, rows, form.parts), uniqueName(form.name, taken));
    }
  }
  const out = XLSX.write(book, {
    type: 'array',
    bookType: options.bookType === 'xls' ? 'biff8' : 'xlsx'
  }) as ArrayBuffer;
  return new Uint8Array(out);
}
