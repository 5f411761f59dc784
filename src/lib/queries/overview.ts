/**
 * Queries of the 总览 page: KPIs and funding by district × year. They read `project_summary`
 * (src/lib/queries/summary.ts), the projects with their indicators and findings counted, so that a
 * filter change scans projects only.
 */
import { projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/**
 * Headline figures, in one scan of the filtered projects: funding, projects, districts, years,
 * execution rates, and the projects' indicators (achieved, missed, not assessable) and audit
 * findings by severity.
 */
export function buildKpiQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT count(*)::INTEGER AS projects,
  count(DISTINCT p.place)::INTEGER AS districts,
  count(DISTINCT p.year)::INTEGER AS years,
  min(p.year)::INTEGER AS first_year,
  max(p.year)::INTEGER AS last_year,
  coalesce(sum(p.annual_amount), 0)::DOUBLE AS funding,
  coalesce(sum(p.annual_amount), 0)::VARCHAR AS funding_exact,
  avg(p.execution_rate)::DOUBLE AS avg_execution_rate,
  (sum(p.executed_amount) / nullif(sum(p.budget_adjusted) FILTER (WHERE p.executed_amount IS NOT NULL), 0))::DOUBLE AS weighted_execution_rate,
  count(*) FILTER (WHERE p.form = 'self_eval')::INTEGER AS self_evaluations,
  coalesce(sum(p.indicators), 0)::INTEGER AS indicators,
  coalesce(sum(p.achieved), 0)::INTEGER AS achieved,
  coalesce(sum(p.missed), 0)::INTEGER AS missed,
  coalesce(sum(p.not_assessed), 0)::INTEGER AS not_assessed,
  coalesce(sum(p.findings), 0)::INTEGER AS findings,
  coalesce(sum(p.errors), 0)::INTEGER AS errors,
  coalesce(sum(p.warnings), 0)::INTEGER AS warnings,
  coalesce(sum(p.infos), 0)::INTEGER AS infos
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql}`,
    params: w.params
  };
}

/** Annual funding summed by district and year. */
export function buildFundingByDistrictYearQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.place AS district, p.year::INTEGER AS year,
  sum(p.annual_amount)::DOUBLE AS amount,
  sum(p.annual_amount)::VARCHAR AS amount_exact,
  count(*)::INTEGER AS projects
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql} AND p.annual_amount IS NOT NULL
GROUP BY p.place, p.year
ORDER BY p.year, p.place`,
    params: w.params
  };
}
