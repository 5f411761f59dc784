/** The values each filter can take, with how many projects have them. */
import { PROJECT_SUMMARY } from './summary';
import type { Query } from './types';

/** Every year, district (the place, as ./places.ts names it), form and topic present in the data. */
export function buildFacetsQuery(): Query {
  const p = PROJECT_SUMMARY;
  return {
    sql: `SELECT 'year' AS facet, year::VARCHAR AS value, count(*)::INTEGER AS projects FROM ${p} GROUP BY year
UNION ALL SELECT 'district', place, count(*)::INTEGER FROM ${p} GROUP BY place
UNION ALL SELECT 'form', form, count(*)::INTEGER FROM ${p} GROUP BY form
UNION ALL SELECT 'topic', topic, count(*)::INTEGER FROM ${p} GROUP BY topic
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
): Record<'year' | 'district' | 'form' | 'topic', Facet[]> {
  const facet = (name: string) =>
    rows
      .filter((r) => r.facet === name)
      .map((r) => ({ value: String(r.value), projects: Number(r.projects) }));
  return { year: facet('year'), district: facet('district'), form: facet('form'), topic: facet('topic') };
}
