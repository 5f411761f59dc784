// Values the filters can take, for the filter bar on every page (queried at build time).
import { buildFacetsQuery, facetsFromRows } from '$lib/queries/facets';
import { runQuery } from '$lib/server/duckdb';

export async function load() {
  return { facets: facetsFromRows(await runQuery(buildFacetsQuery())) };
}
