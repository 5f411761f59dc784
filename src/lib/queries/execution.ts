/** Queries of the 执行 page: budget execution of self-evaluated projects. */
import { projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** A self-evaluated project's row: budget, money spent (as numbers and exactly), rates, score. */
const PROJECT_COLUMNS = `p.project_id, p.name, p.place AS district, p.year::INTEGER AS year,
  p.budget_adjusted::DOUBLE AS budget, p.budget_adjusted::VARCHAR AS budget_exact,
  p.executed_amount::DOUBLE AS executed, p.executed_amount::VARCHAR AS executed_exact,
  p.execution_rate::DOUBLE AS rate,
  (p.executed_amount / nullif(p.budget_adjusted, 0))::DOUBLE AS computed_rate,
  p.execution_weight::DOUBLE AS weight, p.execution_score::DOUBLE AS score`;

/** A project's execution rate: as reported, else computed from its money. */
const RATE = 'coalesce(p.execution_rate, p.executed_amount / nullif(p.budget_adjusted, 0))';
/** Lowest execution rate first (projects without one last). */
const BY_RATE = `${RATE}, p.name, p.project_id`;

/** Each self-evaluated project's adjusted budget, money spent and execution rate. */
export function buildExecutionByProjectQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT ${PROJECT_COLUMNS}
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql} AND p.form = 'self_eval'
ORDER BY ${BY_RATE}`,
    params: w.params
  };
}

/**
 * How many projects the per-project execution charts show at each end: a chart of one bar per
 * project stays readable only for a few dozen projects, and a selection may hold thousands.
 */
export const EXECUTION_EXTREMES = 20;

/**
 * The projects the per-project charts show: the `n` lowest and the `n` highest execution rates
 * (all the projects when there are at most 2n), in the full list's order; a project without a
 * rate is among them only when fewer than n have one. `total` counts every project selected.
 */
export function buildExecutionExtremesQuery(f: Filters, n = EXECUTION_EXTREMES): Query {
  const w = projectConditions(f);
  return {
    sql: `WITH ranked AS (
  SELECT ${PROJECT_COLUMNS},
    row_number() OVER (ORDER BY ${BY_RATE}) AS lowest,
    row_number() OVER (ORDER BY ${RATE} DESC NULLS LAST, p.name, p.project_id) AS highest,
    count(*) OVER () AS n
  FROM ${PROJECT_SUMMARY} p
  WHERE ${w.sql} AND p.form = 'self_eval'
)
SELECT * EXCLUDE (lowest, highest, n), n::INTEGER AS total
FROM ranked
WHERE lowest <= ${n} OR highest <= ${n}
ORDER BY lowest`,
    params: w.params
  };
}

/** Execution by district and year: budget, money spent, and the rate weighted by budget. */
export function buildExecutionByDistrictYearQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.place AS district, p.year::INTEGER AS year,
  sum(p.budget_adjusted)::DOUBLE AS budget,
  sum(p.executed_amount)::DOUBLE AS executed,
  (sum(p.executed_amount) / nullif(sum(p.budget_adjusted), 0))::DOUBLE AS rate,
  avg(p.execution_rate)::DOUBLE AS avg_rate,
  count(*)::INTEGER AS projects
FROM ${PROJECT_SUMMARY} p
WHERE ${w.sql} AND p.form = 'self_eval'
GROUP BY p.place, p.year
ORDER BY p.year, p.place`,
    params: w.params
  };
}
