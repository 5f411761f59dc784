// 执行 at build time.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, LIST_ROWS, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { capLists } from '$lib/views/lists';
import { executionCharts, executionQueries } from '$lib/views/execution';

export async function load() {
  const views = await prerenderViews(executionQueries(NO_FILTERS));
  return {
    ...capLists(views, ['byProject'], LIST_ROWS),
    svgs: prerenderCharts(executionCharts(views), { budget: HALF_WIDTH, byDistrictYear: HALF_WIDTH })
  };
}
