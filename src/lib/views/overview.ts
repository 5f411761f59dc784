/** The 总览 page: what it queries and what it draws. */
import { toFundingByDistrictYearChart, type BarMode } from '../charts/funding';
import type { Filters } from '../queries/filters';
import { buildFundingByDistrictYearQuery, buildKpiQuery } from '../queries/overview';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the overview's queries. */
export type OverviewView = 'kpi' | 'fundingByDistrictYear';

/** The overview's queries for these filters. */
export function overviewQueries(f: Filters): ViewQueries<OverviewView> {
  return {
    kpi: buildKpiQuery(f),
    fundingByDistrictYear: buildFundingByDistrictYearQuery(f)
  };
}

/** The overview's charts. */
export function overviewCharts(v: Views<OverviewView>, mode: BarMode = 'stacked'): { funding: ChartSpec } {
  return { funding: toFundingByDistrictYearChart(v.fundingByDistrictYear, mode) };
}
