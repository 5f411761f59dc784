// 指标 at build time.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { DEFAULT_DIMENSION, indicatorsCharts, indicatorsQueries } from '$lib/views/indicators';

export async function load() {
  const views = await prerenderViews(indicatorsQueries(NO_FILTERS, DEFAULT_DIMENSION));
  return {
    views,
    svgs: prerenderCharts(indicatorsCharts(views, DEFAULT_DIMENSION), {
      achievement: HALF_WIDTH,
      quality: HALF_WIDTH
    })
  };
}
