// 执行 at build time.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { executionCharts, executionQueries } from '$lib/views/execution';

export async function load() {
  const views = await prerenderViews(executionQueries(NO_FILTERS));
  return {
    views,
    svgs: prerenderCharts(executionCharts(views), { budget: HALF_WIDTH, byDistrictYear: HALF_WIDTH })
  };
}
