// 指标 at build time.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, LIST_ROWS, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { capLists } from '$lib/views/lists';
import { DEFAULT_DIMENSION, indicatorsCharts, indicatorsQueries } from '$lib/views/indicators';

export async function load() {
  const views = await prerenderViews(indicatorsQueries(NO_FILTERS, DEFAULT_DIMENSION));
  return {
    ...capLists(views, ['missed'], LIST_ROWS),
    svgs: prerenderCharts(indicatorsCharts(views, DEFAULT_DIMENSION), {
      achievement: HALF_WIDTH,
      quality: HALF_WIDTH
    })
  };
}
