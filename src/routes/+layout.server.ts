// Values the filters can take, for the filter bar on every page (queried at build time).
import { buildFacetsQuery } from '$lib/queries/facets';
import { runQuery } from '$lib/server/duckdb';
import { projectPagesMode } from '$lib/server/pages';

export async function load() {
  const rows = await runQuery(buildFacetsQuery());
  const facet = (name: string) =>
    rows
      .filter((r) => r.facet === name)
      .map((r) => ({ value: String(r.value), projects: Number(r.projects) }));
  return {
    projectPages: await projectPagesMode(),
    facets: { year: facet('year'), district: facet('district'), form: facet('form'), topic: facet('topic') }
  };
}
