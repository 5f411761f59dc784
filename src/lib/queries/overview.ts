/** Queries of the 总览 page: KPIs and funding by district × year. */
import { projectConditions, type Filters } from './filters';
import type { Query } from './types';

/** Headline figures: funding, projects, districts, years, execution rate. */
export function buildKpiQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT count(*)::INTEGER AS projects,
  count(DISTINCT p.district)::INTEGER AS districts,
  count(DISTINCT p.year)::INTEGER AS years,
  min(p.year)::INTEGER AS first_year,
  max(p.year)::INTEGER AS last_year,
  coalesce(sum(p.annual_amount), 0)::DOUBLE AS funding,
  coalesce(sum(p.annual_amount), 0)::VARCHAR AS funding_exact,
  avg(p.execution_rate)::DOUBLE AS avg_execution_rate,
  (sum(p.executed_amount) / nullif(sum(p.budget_adjusted) FILTER (WHERE p.executed_amount IS NOT NULL), 0))::DOUBLE AS weighted_execution_rate,
  count(*) FILTER (WHERE p.form = 'self_eval')::INTEGER AS self_evaluations
FROM projects p
WHERE ${w.sql}`,
    params: w.params
  };
}

/** Indicators achieved, missed and not assessable. */
export function buildAchievementTotalsQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT count(*)::INTEGER AS total,
  count(*) FILTER (WHERE i.achieved)::INTEGER AS achieved,
  count(*) FILTER (WHERE NOT i.achieved)::INTEGER AS missed,
  count(*) FILTER (WHERE i.achieved IS NULL)::INTEGER AS unknown
FROM indicators i JOIN projects p ON p.project_id = i.project_id
WHERE ${w.sql}`,
    params: w.params
  };
}

/** Annual funding summed by district and year. */
export function buildFundingByDistrictYearQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.district, p.year::INTEGER AS year,
  sum(p.annual_amount)::DOUBLE AS amount,
  sum(p.annual_amount)::VARCHAR AS amount_exact,
  count(*)::INTEGER AS projects
FROM projects p
WHERE ${w.sql} AND p.annual_amount IS NOT NULL
GROUP BY p.district, p.year
ORDER BY p.year, p.district`,
    params: w.params
  };
}

/** Audit findings by severity (the overview's count of open findings). */
export function buildFindingTotalsQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT count(*)::INTEGER AS total,
  count(*) FILTER (WHERE c.severity = 'error')::INTEGER AS errors,
  count(*) FILTER (WHERE c.severity = 'warning')::INTEGER AS warnings,
  count(*) FILTER (WHERE c.severity = 'info')::INTEGER AS infos
FROM checks c JOIN projects p ON p.project_id = c.project_id
WHERE ${w.sql}`,
    params: w.params
  };
}
