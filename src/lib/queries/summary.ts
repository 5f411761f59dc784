/**
 * `project_summary`: one row per project as the pages see it: the columns they select on, show and
 * sum, the project's place as the site's district dimension (`place`, ./places.ts), and the
 * project's indicator and finding counts. Derived inside each engine (the build's DuckDB and the
 * browser's) from the contract's tables, never published. Every page query reads its projects
 * here, so that the place is defined once.
 *
 * Why it exists: the overview counts indicators and findings of the filtered projects at every
 * filter change. Joining 100,000 indicators to their projects each time costs the browser's
 * single-threaded engine about 8 ms per count; summing ten times fewer pre-counted rows costs about
 * one. The engine builds it once the data are loaded and again whenever the tables change (records
 * imported in the browser), so it always agrees with `indicators` and `checks`, and the place
 * labels with the cities the data hold.
 */
import { placeSql, severalPlacesSql } from './places';

/** Name of the derived table. */
export const PROJECT_SUMMARY = 'project_summary';

/**
 * Project columns copied as they are: every column `projectConditions` and the pages' queries read
 * (not the long texts: goals and outcomes are read from `projects` on a project's page).
 */
const PROJECT_COLUMNS = [
  'project_id',
  'source_file',
  'form',
  'year',
  'district',
  'province',
  'city',
  'department',
  'name',
  'topic',
  'annual_amount',
  'fiscal_amount',
  'carryover_amount',
  'other_amount',
  'fiscal_superior',
  'fiscal_local',
  'fiscal_subordinate',
  'budget_adjusted',
  'executed_amount',
  'execution_rate',
  'execution_weight',
  'execution_score',
  'total_score'
] as const;

/**
 * (Re)creates `project_summary` from the tables `projects`, `indicators` and `checks` as the engine
 * sees them (published and local rows, with the replaced findings left out). Counts are 0, not
 * NULL, for a project without indicators or findings.
 */
export function projectSummarySql(): string {
  return `CREATE OR REPLACE TABLE ${PROJECT_SUMMARY} AS
WITH i AS (
  SELECT project_id,
    count(*)::INTEGER AS indicators,
    count(*) FILTER (WHERE achieved)::INTEGER AS achieved,
    count(*) FILTER (WHERE NOT achieved)::INTEGER AS missed,
    count(*) FILTER (WHERE achieved IS NULL)::INTEGER AS not_assessed
  FROM indicators GROUP BY project_id
), c AS (
  SELECT project_id,
    count(*)::INTEGER AS findings,
    count(*) FILTER (WHERE severity = 'error')::INTEGER AS errors,
    count(*) FILTER (WHERE severity = 'warning')::INTEGER AS warnings,
    count(*) FILTER (WHERE severity = 'info')::INTEGER AS infos
  FROM checks GROUP BY project_id
), places AS (
  SELECT ${severalPlacesSql('projects')} AS several
)
SELECT ${PROJECT_COLUMNS.map((c) => `p.${c}`).join(', ')},
  ${placeSql('p', 'places.several')} AS place,
  coalesce(i.indicators, 0) AS indicators,
  coalesce(i.achieved, 0) AS achieved,
  coalesce(i.missed, 0) AS missed,
  coalesce(i.not_assessed, 0) AS not_assessed,
  coalesce(c.findings, 0) AS findings,
  coalesce(c.errors, 0) AS errors,
  coalesce(c.warnings, 0) AS warnings,
  coalesce(c.infos, 0) AS infos
FROM projects p
CROSS JOIN places
LEFT JOIN i ON i.project_id = p.project_id
LEFT JOIN c ON c.project_id = p.project_id
ORDER BY p.year, place`;
}
