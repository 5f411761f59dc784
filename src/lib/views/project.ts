/** A project's page. */
import { toScoresChart, toSeriesChart } from '../charts/project';
import {
  buildProjectBudgetLinesQuery,
  buildProjectFindingsQuery,
  buildProjectIndicatorsQuery,
  buildProjectQuery,
  buildProjectSafeguardsQuery,
  buildProjectSeriesQuery
} from '../queries/project';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of a project page's queries. */
export type ProjectView = 'project' | 'indicators' | 'budgetLines' | 'safeguards' | 'findings' | 'series';

/** A project page's queries. */
export function projectQueries(id: string): ViewQueries<ProjectView> {
  return {
    project: buildProjectQuery(id),
    indicators: buildProjectIndicatorsQuery(id),
    budgetLines: buildProjectBudgetLinesQuery(id),
    safeguards: buildProjectSafeguardsQuery(id),
    findings: buildProjectFindingsQuery(id),
    series: buildProjectSeriesQuery(id)
  };
}

/** A project page's charts. */
export function projectCharts(v: Views<ProjectView>): Record<'scores' | 'series', ChartSpec> {
  return { scores: toScoresChart(v.indicators), series: toSeriesChart(v.series) };
}
