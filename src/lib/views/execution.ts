/** The 执行 page. */
import {
  toBudgetVsExecutedChart,
  toExecutionByDistrictYearChart,
  toExecutionRateChart
} from '../charts/execution';
import type { Filters } from '../queries/filters';
import { buildExecutionByDistrictYearQuery, buildExecutionByProjectQuery } from '../queries/execution';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the execution page's queries. */
export type ExecutionView = 'byProject' | 'byDistrictYear';

/** The execution page's queries. */
export function executionQueries(f: Filters): ViewQueries<ExecutionView> {
  return { byProject: buildExecutionByProjectQuery(f), byDistrictYear: buildExecutionByDistrictYearQuery(f) };
}

/** The execution page's charts. */
export function executionCharts(
  v: Views<ExecutionView>
): Record<'rate' | 'budget' | 'byDistrictYear', ChartSpec> {
  return {
    rate: toExecutionRateChart(v.byProject),
    budget: toBudgetVsExecutedChart(v.byProject),
    byDistrictYear: toExecutionByDistrictYearChart(v.byDistrictYear)
  };
}
