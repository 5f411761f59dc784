/**
 * CSV exports: UTF-8 with a BOM so that Excel opens Chinese correctly, written by papaparse, and
 * text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) neutralised.
 */
import Papa from 'papaparse';

/** The byte-order mark Excel needs to read UTF-8. */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets (prefixed with an apostrophe); numbers stay numbers. */
export function neutraliseCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A CSV text of the rows, with a header of column labels, starting with a BOM. */
export function toCsv(
  columns: readonly { key: string; label: string }[],
  rows: readonly Record<string, unknown>[]
): string {
  const data = rows.map((r) => columns.map((c) => neutraliseCell(r[c.key])));
  return (
    BOM +
    Papa.unparse({ fields: columns.map((c) => String(neutraliseCell(c.label))), data }, { newline: '\r\n' })
  );
}

/** Offers a text as a file download (browser only). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Offers bytes (e.g. a Parquet file) as a file download (browser only). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
