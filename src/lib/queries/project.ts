/** Queries of a project's page: every field, its indicators, budget lines, safeguards, findings, series. */
import type { Query } from './types';
import { plainColumns } from './columns';
import { PROJECT_SUMMARY } from './summary';

/**
 * The project's row, money and dates as exact text, with `place`: its place as the rest of the
 * site names it (./places.ts).
 */
export function buildProjectQuery(projectId: string): Query {
  return {
    sql: `SELECT ${plainColumns('projects', 'p')}, s.place
FROM projects p LEFT JOIN ${PROJECT_SUMMARY} s ON s.project_id = p.project_id
WHERE p.project_id = ?`,
    params: [projectId]
  };
}

/** Every project's id (for prerendering its page). */
export function buildProjectIdsQuery(): Query {
  return { sql: `SELECT project_id FROM projects ORDER BY project_id`, params: [] };
}

/** How many projects the data hold. */
export function buildProjectCountQuery(): Query {
  return { sql: `SELECT COUNT(*)::INTEGER AS projects FROM projects`, params: [] };
}

/** The project's indicators, in order. */
export function buildProjectIndicatorsQuery(projectId: string): Query {
  return {
    sql: `SELECT i.indicator_id, i.seq::INTEGER AS seq, i.level1, i.level2, i.level1_raw, i.level2_raw, i.name,
  i.target_text, i.target_op, i.target_value::DOUBLE AS target_value, i.target_unit,
  i.actual_text, i.actual_value::DOUBLE AS actual_value, i.actual_unit,
  i.weight::DOUBLE AS weight, i.score::DOUBLE AS score, i.deviation, i.basis, i.achieved, i.source_line::INTEGER AS source_line,
  i.source_page::INTEGER AS source_page
FROM indicators i WHERE i.project_id = ? ORDER BY i.seq`,
    params: [projectId]
  };
}

/** The project's itemised budget (2020 form). */
export function buildProjectBudgetLinesQuery(projectId: string): Query {
  return {
    sql: `SELECT b.seq::INTEGER AS seq, b.content, b.detail, b.amount::VARCHAR AS amount, b.unit_price::VARCHAR AS unit_price,
  b.quantity::DOUBLE AS quantity, b.note, b.source_line::INTEGER AS source_line, b.source_page::INTEGER AS source_page
FROM budget_lines b WHERE b.project_id = ? ORDER BY b.seq`,
    params: [projectId]
  };
}

/** The project's safeguards (2020 form). */
export function buildProjectSafeguardsQuery(projectId: string): Query {
  return {
    sql: `SELECT s.seq::INTEGER AS seq, s.kind, s.document, s.measures, s.at_planning, s.at_implementation, s.at_completion, s.source_line::INTEGER AS source_line,
  s.source_page::INTEGER AS source_page
FROM safeguards s WHERE s.project_id = ? ORDER BY s.seq`,
    params: [projectId]
  };
}

/** The project's audit findings. */
export function buildProjectFindingsQuery(projectId: string): Query {
  return {
    sql: `SELECT c.rule, c.severity, c.indicator_id, c.message, c.expected::DOUBLE AS expected, c.actual::DOUBLE AS actual
FROM checks c WHERE c.project_id = ?
ORDER BY CASE c.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, c.rule, c.indicator_id`,
    params: [projectId]
  };
}

/** The same project in other years and forms (same series). */
export function buildProjectSeriesQuery(projectId: string): Query {
  return {
    sql: `SELECT o.project_id, o.name, o.year::INTEGER AS year, o.form, o.district,
  o.annual_amount::DOUBLE AS amount, o.annual_amount::VARCHAR AS amount_exact,
  o.executed_amount::DOUBLE AS executed, o.execution_rate::DOUBLE AS execution_rate, o.total_score::DOUBLE AS total_score,
  o.project_id = ? AS current
FROM projects o
WHERE o.series_id = (SELECT series_id FROM projects WHERE project_id = ?)
ORDER BY o.year, o.form`,
    params: [projectId, projectId]
  };
}
