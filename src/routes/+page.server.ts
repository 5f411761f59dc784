// 总览 at build time: the unfiltered view queried with DuckDB (Node) and its chart drawn as SVG.
import { NO_FILTERS } from '$lib/queries/filters';
import { prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { overviewCharts, overviewQueries } from '$lib/views/overview';

export async function load() {
  const views = await prerenderViews(overviewQueries(NO_FILTERS));
  return { views, svgs: prerenderCharts(overviewCharts(views)) };
}
