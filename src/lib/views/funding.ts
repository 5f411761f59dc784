/** The 资金 page. */
import {
  toFundingByDistrictYearChart,
  toFundingBySourceChart,
  toFundingByTopicChart,
  toLargestProjectsChart,
  type BarMode
} from '../charts/funding';
import type { Filters } from '../queries/filters';
import {
  buildFundingBySourceQuery,
  buildFundingByTopicQuery,
  buildLargestProjectsQuery
} from '../queries/funding';
import { buildFundingByDistrictYearQuery } from '../queries/overview';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the funding page's queries. */
export type FundingView = 'byDistrictYear' | 'byTopic' | 'bySource' | 'largest';

/** How many of the largest projects are listed. */
export const LARGEST_COUNT = 15;

/** The funding page's queries. */
export function fundingQueries(f: Filters): ViewQueries<FundingView> {
  return {
    byDistrictYear: buildFundingByDistrictYearQuery(f),
    byTopic: buildFundingByTopicQuery(f),
    bySource: buildFundingBySourceQuery(f),
    largest: buildLargestProjectsQuery(f, LARGEST_COUNT)
  };
}

/** The funding page's charts. */
export function fundingCharts(
  v: Views<FundingView>,
  mode: BarMode = 'stacked'
): Record<'byDistrictYear' | 'byTopic' | 'bySource' | 'byLevel' | 'largest', ChartSpec> {
  return {
    byDistrictYear: toFundingByDistrictYearChart(v.byDistrictYear, mode),
    byTopic: toFundingByTopicChart(v.byTopic),
    bySource: toFundingBySourceChart(v.bySource),
    byLevel: toFundingBySourceChart(v.bySource, true),
    largest: toLargestProjectsChart(v.largest)
  };
}
