/** Queries of the 指标 page: achievement, missed targets, and how many targets are quantified. */
import { projectConditions, type Filters } from './filters';
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** Dimensions achievement can be broken down by. */
export const ACHIEVEMENT_DIMENSIONS = {
  district: { column: 'p.place', label: '区' },
  year: { column: 'p.year::VARCHAR', label: '年度' },
  level1: { column: "coalesce(i.level1, '未分类')", label: '一级指标' },
  level2: { column: "coalesce(i.level2, '未分类')", label: '二级指标' }
} as const;
/** A dimension of achievement. */
export type AchievementDimension = keyof typeof ACHIEVEMENT_DIMENSIONS;

/** Indicators achieved / missed / not assessable, by one dimension. */
export function buildAchievementQuery(f: Filters, by: AchievementDimension): Query {
  const w = projectConditions(f);
  const dim = ACHIEVEMENT_DIMENSIONS[by].column;
  return {
    sql: `SELECT ${dim} AS key,
  count(*) FILTER (WHERE i.achieved)::INTEGER AS achieved,
  count(*) FILTER (WHERE NOT i.achieved)::INTEGER AS missed,
  count(*) FILTER (WHERE i.achieved IS NULL)::INTEGER AS unknown,
  count(*)::INTEGER AS total
FROM indicators i JOIN ${PROJECT_SUMMARY} p ON p.project_id = i.project_id
WHERE ${w.sql}
GROUP BY 1
ORDER BY 1`,
    params: w.params
  };
}

/** Missed indicators with their deviation reasons. */
export function buildMissedIndicatorsQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.project_id, p.name AS project, p.place AS district, p.year::INTEGER AS year,
  i.indicator_id, i.name, i.level1, i.level2, i.target_text, i.actual_text,
  i.weight::DOUBLE AS weight, i.score::DOUBLE AS score, i.deviation, p.source_file, i.source_line::INTEGER AS source_line,
  i.source_page::INTEGER AS source_page
FROM indicators i JOIN ${PROJECT_SUMMARY} p ON p.project_id = i.project_id
WHERE ${w.sql} AND NOT i.achieved
ORDER BY p.year, p.place, p.name, i.seq`,
    params: w.params
  };
}

/**
 * How targets are stated, by district and year: a number with an operator (quantified), a number
 * alone, words only, or nothing.
 */
export function buildTargetQualityQuery(f: Filters): Query {
  const w = projectConditions(f);
  return {
    sql: `SELECT p.place AS district, p.year::INTEGER AS year,
  count(*)::INTEGER AS total,
  count(*) FILTER (WHERE i.target_op IS NOT NULL AND i.target_value IS NOT NULL)::INTEGER AS quantified,
  count(*) FILTER (WHERE i.target_op IS NULL AND i.target_value IS NOT NULL)::INTEGER AS number_only,
  count(*) FILTER (WHERE i.target_value IS NULL AND i.target_text IS NOT NULL)::INTEGER AS words,
  count(*) FILTER (WHERE i.target_text IS NULL)::INTEGER AS missing
FROM indicators i JOIN ${PROJECT_SUMMARY} p ON p.project_id = i.project_id
WHERE ${w.sql}
GROUP BY p.place, p.year
ORDER BY p.year, p.place`,
    params: w.params
  };
}
