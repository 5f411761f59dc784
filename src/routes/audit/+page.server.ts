// 审计 at build time: the findings (the first of them when there are many), counted and charted.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, LIST_ROWS, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { capLists } from '$lib/views/lists';
import { NO_FINDING_FILTERS, auditCharts, auditQueries } from '$lib/views/audit';

export async function load() {
  const views = await prerenderViews(auditQueries(NO_FILTERS, NO_FINDING_FILTERS));
  return {
    ...capLists(views, ['findings'], LIST_ROWS),
    svgs: prerenderCharts(auditCharts(views), { byDistrict: HALF_WIDTH, byRule: HALF_WIDTH })
  };
}
