/** The 执行 page. */
import {
  toBudgetVsExecutedChart,
  toExecutionByDistrictYearChart,
  toExecutionRateChart
} from '../charts/execution';
import type { Filters } from '../queries/filters';
import {
  buildExecutionByDistrictYearQuery,
  buildExecutionByProjectQuery,
  buildExecutionExtremesQuery,
  EXECUTION_EXTREMES
} from '../queries/execution';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the execution page's queries. */
export type ExecutionView = 'byProject' | 'extremes' | 'byDistrictYear';

/** The execution page's queries. */
export function executionQueries(f: Filters): ViewQueries<ExecutionView> {
  return {
    byProject: buildExecutionByProjectQuery(f),
    extremes: buildExecutionExtremesQuery(f),
    byDistrictYear: buildExecutionByDistrictYearQuery(f)
  };
}

/** The execution page's charts. */
export function executionCharts(
  v: Views<ExecutionView>
): Record<'rate' | 'budget' | 'byDistrictYear', ChartSpec> {
  return {
    // One bar per project: the lowest and highest rates only (the table lists every project).
    rate: toExecutionRateChart(v.extremes),
    budget: toBudgetVsExecutedChart(v.extremes),
    byDistrictYear: toExecutionByDistrictYearChart(v.byDistrictYear)
  };
}

/** What the per-project charts leave out, when they do: a note under their titles, else ''. */
export function extremesNote(extremes: Views<ExecutionView>['extremes']): string {
  const total = Number(extremes[0]?.total ?? 0);
  if (total <= extremes.length) return '';
  return `共 ${total.toLocaleString('zh-CN')} 个项目，图中为执行率最低与最高的各 ${EXECUTION_EXTREMES} 个；每个项目见下方“项目执行明细”。`;
}
