/** Build-time rendering of a page's default view: its query results and its charts as SVG. */
import { renderChartSvg } from '../charts/echarts';
import type { ChartSpec } from '../charts/spec';
import type { Query } from '../queries/types';
import { DATA_PRERENDERED } from '../live.svelte';
import { PRERENDERED_LIST_ROWS } from '../views/lists';
import { runQueries, type Row } from './duckdb';

/**
 * Rows a long list keeps in a prerendered page: `LIST_ROWS` (read at build time; the end-to-end
 * tests build a site with a few, to see a list completed in the browser), else
 * `PRERENDERED_LIST_ROWS`.
 */
export const LIST_ROWS = Number(process.env.LIST_ROWS ?? PRERENDERED_LIST_ROWS);

/** Layout width of a chart that shares its row with another (two columns of the page grid). */
export const HALF_WIDTH = 580;

/** Runs a page's queries at build time. */
export async function prerenderViews<K extends string>(queries: Record<K, Query>): Promise<Record<K, Row[]>> {
  if (!DATA_PRERENDERED)
    return Object.fromEntries(Object.keys(queries).map((k) => [k, []])) as unknown as Record<K, Row[]>;
  return runQueries(queries);
}

/**
 * Each chart drawn to an SVG string (empty charts stay empty), laid out at the width it will be
 * shown at (`widths`, default full width) so that it fills its box before the live chart replaces it.
 */
export function prerenderCharts<K extends string>(
  charts: Record<K, ChartSpec>,
  widths: Partial<Record<K, number>> = {}
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const [k, spec] of Object.entries(charts) as [K, ChartSpec][])
    out[k] = spec.empty || !DATA_PRERENDERED ? '' : renderChartSvg(spec.option, spec.height, widths[k]);
  return out;
}
