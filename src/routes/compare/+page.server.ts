// 对比 at build time: every district side by side.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { compareCharts, compareQueries } from '$lib/views/compare';

export async function load() {
  const views = await prerenderViews(compareQueries(NO_FILTERS, { by: 'district', keys: [] }));
  return { views, svgs: prerenderCharts(compareCharts(views), { rates: HALF_WIDTH, topics: HALF_WIDTH }) };
}
