/** The 对比 page. */
import { toCompareRatesChart, toCompareTopicsChart } from '../charts/compare';
import type { Filters } from '../queries/filters';
import {
  buildCompareKpiQuery,
  buildCompareProjectsQuery,
  buildCompareTopicsQuery,
  type CompareBy
} from '../queries/compare';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the compare page's queries. */
export type CompareView = 'kpi' | 'topics' | 'projects';

/** What the page compares: by districts or years, and which ones (empty: all). */
export interface Comparison {
  by: CompareBy;
  keys: string[];
}

/** Reads the comparison from the URL (`by=district&cmp=松江区&cmp=宝山区`). */
export function comparisonFrom(params: URLSearchParams): Comparison {
  const by: CompareBy = params.get('by') === 'year' ? 'year' : 'district';
  return { by, keys: [...new Set(params.getAll('cmp').filter(Boolean))].sort() };
}

/** The compare page's queries. */
export function compareQueries(f: Filters, c: Comparison): ViewQueries<CompareView> {
  return {
    kpi: buildCompareKpiQuery(f, c.by, c.keys),
    topics: buildCompareTopicsQuery(f, c.by, c.keys),
    projects: buildCompareProjectsQuery(f, c.by, c.keys)
  };
}

/** The compare page's charts. */
export function compareCharts(v: Views<CompareView>): Record<'rates' | 'topics', ChartSpec> {
  return { rates: toCompareRatesChart(v.kpi), topics: toCompareTopicsChart(v.topics) };
}
