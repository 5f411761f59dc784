/** Queries of the 审计 page: findings with their projects, and counts to compare districts. */
import { placeholders, projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** Audit-page filters on top of the global ones. */
export interface FindingFilters {
  rules: string[];
  severities: string[];
}

function findingConditions(f: Filters, ff: FindingFilters): { sql: string; params: (string | number)[] } {
  const w = projectConditions(f);
  const parts = [w.sql];
  const params = [...w.params];
  if (ff.rules.length) {
    parts.push(`c.rule IN (${placeholders(ff.rules.length)})`);
    params.push(...ff.rules);
  }
  if (ff.severities.length) {
    parts.push(`c.severity IN (${placeholders(ff.severities.length)})`);
    params.push(...ff.severities);
  }
  return { sql: parts.join(' AND '), params };
}

/** Every finding with its project, most severe first. */
export function buildFindingsQuery(f: Filters, ff: FindingFilters): Query {
  const w = findingConditions(f, ff);
  return {
    sql: `SELECT c.rule, c.severity, c.project_id, c.indicator_id, c.message,
  c.expected::DOUBLE AS expected, c.actual::DOUBLE AS actual,
  p.name AS project, p.place AS district, p.year::INTEGER AS year, p.form, i.name AS indicator
FROM checks c
JOIN ${PROJECT_SUMMARY} p ON p.project_id = c.project_id
LEFT JOIN indicators i ON i.indicator_id = c.indicator_id
WHERE ${w.sql}
ORDER BY CASE c.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, p.year, p.place, p.name, c.rule, i.seq`,
    params: w.params
  };
}

/** Findings counted by district and severity, for side-by-side comparison. */
export function buildFindingsByDistrictQuery(f: Filters, ff: FindingFilters): Query {
  const w = findingConditions(f, ff);
  return {
    sql: `SELECT p.place AS district,
  count(*) FILTER (WHERE c.severity = 'error')::INTEGER AS errors,
  count(*) FILTER (WHERE c.severity = 'warning')::INTEGER AS warnings,
  count(*) FILTER (WHERE c.severity = 'info')::INTEGER AS infos,
  count(*)::INTEGER AS total,
  count(DISTINCT c.project_id)::INTEGER AS projects
FROM checks c JOIN ${PROJECT_SUMMARY} p ON p.project_id = c.project_id
WHERE ${w.sql}
GROUP BY p.place
ORDER BY p.place`,
    params: w.params
  };
}

/** Findings counted by rule and severity. */
export function buildFindingsByRuleQuery(f: Filters, ff: FindingFilters): Query {
  const w = findingConditions(f, ff);
  return {
    sql: `SELECT c.rule, c.severity, count(*)::INTEGER AS findings, count(DISTINCT c.project_id)::INTEGER AS projects
FROM checks c JOIN ${PROJECT_SUMMARY} p ON p.project_id = c.project_id
WHERE ${w.sql}
GROUP BY c.rule, c.severity
ORDER BY c.rule`,
    params: w.params
  };
}
