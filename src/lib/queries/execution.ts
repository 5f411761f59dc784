/** Queries of the 执行 page: budget execution of self-evaluated projects. */
import { projectConditions, type Filters } from './filters';
import type { Query } from './types';

/** Each self-evaluated project's adjusted budget, money spent and execution rate. */
export function buildExecutionByProjectQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.project_id, p.name, p.district, p.year::INTEGER AS year,
  p.budget_adjusted::DOUBLE AS budget, p.budget_adjusted::VARCHAR AS budget_exact,
  p.executed_amount::DOUBLE AS executed, p.executed_amount::VARCHAR AS executed_exact,
  p.execution_rate::DOUBLE AS rate,
  (p.executed_amount / nullif(p.budget_adjusted, 0))::DOUBLE AS computed_rate,
  p.execution_weight::DOUBLE AS weight, p.execution_score::DOUBLE AS score
FROM projects p
WHERE ${w.sql} AND p.form = 'self_eval'
ORDER BY coalesce(p.execution_rate, p.executed_amount / nullif(p.budget_adjusted, 0)), p.name`,
    params: w.params
  };
}

/** Execution by district and year: budget, money spent, and the rate weighted by budget. */
export function buildExecutionByDistrictYearQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.district, p.year::INTEGER AS year,
  sum(p.budget_adjusted)::DOUBLE AS budget,
  sum(p.executed_amount)::DOUBLE AS executed,
  (sum(p.executed_amount) / nullif(sum(p.budget_adjusted), 0))::DOUBLE AS rate,
  avg(p.execution_rate)::DOUBLE AS avg_rate,
  count(*)::INTEGER AS projects
FROM projects p
WHERE ${w.sql} AND p.form = 'self_eval'
GROUP BY p.district, p.year
ORDER BY p.year, p.district`,
    params: w.params
  };
}
