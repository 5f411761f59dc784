/** The values each filter can take, with how many projects have them. */
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/**
 * Every year, district (the place, as ./places.ts names it), form and topic present in the data,
 * and the departments whose forms they are (for the pages' note on where the data come from).
 */
export function buildFacetsQuery(): Query {
  const p = PROJECT_SUMMARY;
  return {
    sql: `SELECT 'year' AS facet, year::VARCHAR AS value, count(*)::INTEGER AS projects FROM ${p} GROUP BY year
UNION ALL SELECT 'district', place, count(*)::INTEGER FROM ${p} GROUP BY place
UNION ALL SELECT 'form', form, count(*)::INTEGER FROM ${p} GROUP BY form
UNION ALL SELECT 'topic', topic, count(*)::INTEGER FROM ${p} GROUP BY topic
UNION ALL SELECT 'department', department, count(*)::INTEGER FROM ${p} WHERE department IS NOT NULL GROUP BY department
ORDER BY 1, 2`,
    params: []
  };
}

/** One value of a filter and how many projects have it. */
export interface Facet {
  value: string;
  projects: number;
}

/** The filter bar's values, from the rows of `buildFacetsQuery`. */
export function facetsFromRows(
  rows: readonly Record<string, unknown>[]
): Record<'year' | 'district' | 'form' | 'topic' | 'department', Facet[]> {
  const facet = (name: string) =>
    rows
      .filter((r) => r.facet === name)
      .map((r) => ({ value: String(r.value), projects: Number(r.projects) }));
  return {
    year: facet('year'),
    district: facet('district'),
    form: facet('form'),
    topic: facet('topic'),
    department: facet('department')
  };
}

/**
 * Whose forms the data are, in a line: the departments with the most projects first, at most
 * `max` named (`上海市医疗保障局、上海市松江区医疗保障局等 5 个单位`).
 */
export function describeDepartments(departments: readonly Facet[], max = 3): string {
  const named = [...departments]
    .sort((a, b) => b.projects - a.projects || (a.value < b.value ? -1 : 1))
    .slice(0, max)
    .map((d) => d.value);
  if (departments.length === 0) return '';
  return departments.length > max ? `${named.join('、')}等 ${departments.length} 个单位` : named.join('、');
}
