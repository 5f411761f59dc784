// 审计 at build time: every finding.
import { NO_FILTERS } from '$lib/queries/filters';
import { HALF_WIDTH, prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { NO_FINDING_FILTERS, auditCharts, auditQueries } from '$lib/views/audit';

export async function load() {
  const views = await prerenderViews(auditQueries(NO_FILTERS, NO_FINDING_FILTERS));
  return { views, svgs: prerenderCharts(auditCharts(views), { byDistrict: HALF_WIDTH, byRule: HALF_WIDTH }) };
}
