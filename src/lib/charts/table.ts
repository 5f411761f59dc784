/** The table behind a chart: what screen readers read and what “表格” shows. */

/** A column of a chart's table. */
export interface TableColumn {
  key: string;
  label: string;
  /** How to show a value; defaults to the value as text. */
  format?: (value: unknown, row: Record<string, unknown>) => string;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/** A chart's data as rows and columns. */
export interface ChartTable {
  columns: TableColumn[];
  rows: Record<string, unknown>[];
}

/** The text of a cell. */
export function cellText(col: TableColumn, row: Record<string, unknown>): string {
  const v = row[col.key];
  if (col.format) return col.format(v, row);
  return v === null || v === undefined ? '—' : String(v);
}

/** True when every value of a column is short enough to keep on one line (区, 年度, 严重程度…). */
export function isShortColumn(col: TableColumn, rows: readonly Record<string, unknown>[]): boolean {
  return rows.every((r) => cellText(col, r).length <= 8);
}
