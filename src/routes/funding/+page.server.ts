// 资金 at build time.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { fundingCharts, fundingQueries } from '$lib/views/funding';

export async function load() {
  const views = await prerenderViews(fundingQueries(NO_FILTERS));
  return {
    views,
    svgs: prerenderCharts(fundingCharts(views), {
      byDistrictYear: HALF_WIDTH,
      byTopic: HALF_WIDTH,
      bySource: HALF_WIDTH,
      byLevel: HALF_WIDTH
    })
  };
}
