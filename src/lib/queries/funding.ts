/** Queries of the 资金 page: funding by topic, by source of funds, and the largest projects. */
import { projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** Funding by topic and district. */
export function buildFundingByTopicQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.topic, p.place AS district, sum(p.annual_amount)::DOUBLE AS amount, count(*)::INTEGER AS projects
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql} AND p.annual_amount IS NOT NULL
GROUP BY p.topic, p.place
ORDER BY p.topic, p.place`,
    params: w.params
  };
}

/**
 * Sources of funds by district and year: this year's fiscal allocation, carry-over and other funds,
 * and the split of the fiscal allocation by level of government where the form gives it.
 */
export function buildFundingBySourceQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.place AS district, p.year::INTEGER AS year,
  sum(p.annual_amount)::DOUBLE AS annual,
  coalesce(sum(p.fiscal_amount), 0)::DOUBLE AS fiscal,
  coalesce(sum(p.carryover_amount), 0)::DOUBLE AS carryover,
  coalesce(sum(p.other_amount), 0)::DOUBLE AS other,
  sum(p.fiscal_superior)::DOUBLE AS superior,
  sum(p.fiscal_local)::DOUBLE AS local,
  sum(p.fiscal_subordinate)::DOUBLE AS subordinate,
  count(p.fiscal_superior)::INTEGER AS with_levels,
  count(*)::INTEGER AS projects
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql}
GROUP BY p.place, p.year
ORDER BY p.year, p.place`,
    params: w.params
  };
}

/** The largest projects by annual amount. */
export function buildLargestProjectsQuery(f: Filters, limit = 15): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.project_id, p.name, p.place AS district, p.year::INTEGER AS year, p.form, p.topic,
  p.annual_amount::DOUBLE AS amount, p.annual_amount::VARCHAR AS amount_exact
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql} AND p.annual_amount IS NOT NULL
ORDER BY p.annual_amount DESC, p.name
LIMIT ?`,
    params: [...w.params, limit]
  };
}
