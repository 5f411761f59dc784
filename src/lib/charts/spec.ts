/** What a chart builder returns: the ECharts option and the same data as a table. */
import type { EChartsOption } from 'echarts';
import type { ChartTable } from './table';

/** A chart ready to draw, with its table view. */
export interface ChartSpec {
  option: EChartsOption;
  table: ChartTable;
  /** True when there is nothing to draw (the page says so instead). */
  empty: boolean;
  /** Height in pixels. */
  height: number;
}

/** A row of query results. */
export type Row = Record<string, unknown>;

const collator = new Intl.Collator('zh-CN');

/** Distinct values of a column, sorted (Chinese text by the zh-CN collation, numbers numerically). */
export function distinct(rows: readonly Row[], key: string): string[] {
  const values = [
    ...new Set(
      rows
        .map((r) => r[key])
        .filter((v) => v !== null && v !== undefined)
        .map(String)
    )
  ];
  return values.every((v) => /^\d+$/.test(v))
    ? values.sort((a, b) => Number(a) - Number(b))
    : values.sort(collator.compare);
}

/** Number of a row's column, or null. */
export function num(row: Row | undefined, key: string): number | null {
  const v = row?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
