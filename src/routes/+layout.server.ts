// Values the filters can take, for the filter bar on every page (queried at build time).
import { buildFacetsQuery, facetsFromRows } from '$lib/queries/facets';
import { runQuery } from '$lib/server/duckdb';
import { projectPagesMode } from '$lib/server/pages';

export async function load() {
  return {
    projectPages: await projectPagesMode(),
    facets: facetsFromRows(await runQuery(buildFacetsQuery()))
  };
}
