/** Queries of the 对比 page: two or more districts (or years) side by side. */
import { placeholders, projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** What is compared: districts or years. */
export type CompareBy = 'district' | 'year';

/** The column holding the compared value, as text. */
function keyOf(by: CompareBy): string {
  return by === 'district' ? 'p.place' : 'p.year::VARCHAR';
}

function compareConditions(f: Filters, by: CompareBy, keys: readonly string[]) {
  const w = projectConditions(f);
  if (!keys.length) return w;
  return {
    sql: `${w.sql} AND ${keyOf(by)} IN (${placeholders(keys.length)})`,
    params: [...w.params, ...keys]
  };
}

/** Headline figures per compared district (or year). */
export function buildCompareKpiQuery(f: Filters, by: CompareBy, keys: readonly string[]): Query {
  const w = compareConditions(f, by, keys);
  return {
    sql: `WITH ind AS (
  SELECT i.project_id,
    count(*) AS total,
    count(*) FILTER (WHERE i.achieved) AS achieved,
    count(*) FILTER (WHERE i.achieved IS NOT NULL) AS assessable,
    count(*) FILTER (WHERE i.target_op IS NOT NULL AND i.target_value IS NOT NULL) AS quantified
  FROM indicators i GROUP BY i.project_id
)
SELECT ${keyOf(by)} AS key,
  count(*)::INTEGER AS projects,
  coalesce(sum(p.annual_amount), 0)::DOUBLE AS funding,
  (sum(p.executed_amount) / nullif(sum(p.budget_adjusted) FILTER (WHERE p.executed_amount IS NOT NULL), 0))::DOUBLE AS execution_rate,
  coalesce(sum(ind.total), 0)::INTEGER AS indicators,
  (sum(ind.achieved) / nullif(sum(ind.assessable), 0))::DOUBLE AS achieved_share,
  (sum(ind.quantified) / nullif(sum(ind.total), 0))::DOUBLE AS quantified_share,
  avg(p.total_score)::DOUBLE AS avg_total_score
FROM ${PROJECT_SUMMARY} p LEFT JOIN ind ON ind.project_id = p.project_id
WHERE ${w.sql}
GROUP BY 1
ORDER BY 1`,
    params: w.params
  };
}

/** Funding by topic per compared district (or year). */
export function buildCompareTopicsQuery(f: Filters, by: CompareBy, keys: readonly string[]): Query {
  const w = compareConditions(f, by, keys);
  return {
    sql: `SELECT ${keyOf(by)} AS key, p.topic, sum(p.annual_amount)::DOUBLE AS amount, count(*)::INTEGER AS projects
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql}
GROUP BY 1, 2
ORDER BY 2, 1`,
    params: w.params
  };
}

/**
 * Projects listed per topic and compared district (or year): the largest by annual amount. A
 * district has hundreds of projects of a topic at scale; the list is for comparing like with like.
 */
export const COMPARE_PROJECTS_PER_CELL = 8;

/**
 * The projects of each topic, per compared district (or year): like with like, the largest
 * `COMPARE_PROJECTS_PER_CELL` of each, with `in_cell`, how many projects the topic has there.
 */
export function buildCompareProjectsQuery(
  f: Filters,
  by: CompareBy,
  keys: readonly string[],
  perCell = COMPARE_PROJECTS_PER_CELL
): Query {
  const w = compareConditions(f, by, keys);
  return {
    sql: `SELECT ${keyOf(by)} AS key, p.topic, p.project_id, p.name, p.year::INTEGER AS year, p.form,
  p.annual_amount::DOUBLE AS amount, p.execution_rate::DOUBLE AS execution_rate, p.total_score::DOUBLE AS total_score,
  count(*) OVER (PARTITION BY ${keyOf(by)}, p.topic)::INTEGER AS in_cell
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql}
QUALIFY row_number() OVER (PARTITION BY ${keyOf(by)}, p.topic ORDER BY p.annual_amount DESC NULLS LAST, p.project_id) <= ${perCell}
ORDER BY p.topic, 1, p.annual_amount DESC NULLS LAST, p.project_id`,
    params: w.params
  };
}
