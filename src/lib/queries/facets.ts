/** The values each filter can take, with how many projects have them. */
import type { Query } from './types';

/** Every year, district, form and topic present in the data. */
export function buildFacetsQuery(): Query {
  return {
    sql: `SELECT 'year' AS facet, year::VARCHAR AS value, count(*)::INTEGER AS projects FROM projects GROUP BY year
UNION ALL SELECT 'district', district, count(*)::INTEGER FROM projects GROUP BY district
UNION ALL SELECT 'form', form, count(*)::INTEGER FROM projects GROUP BY form
UNION ALL SELECT 'topic', topic, count(*)::INTEGER FROM projects GROUP BY topic
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
