/** The 审计 page. */
import { toFindingsByDistrictChart, toFindingsByRuleChart } from '../charts/audit';
import type { Filters } from '../queries/filters';
import {
  buildFindingsByDistrictQuery,
  buildFindingsByRuleQuery,
  buildFindingsQuery,
  type FindingFilters
} from '../queries/audit';
import { RULES } from '../audit/rules';
import type { ChartSpec, ViewQueries, Views } from './types';

/** Names of the audit page's queries. */
export type AuditView = 'findings' | 'byDistrict' | 'byRule';

/** No audit filter. */
export const NO_FINDING_FILTERS: FindingFilters = { rules: [], severities: [] };

/** Reads the audit filters (`rule`, `severity`) from the URL. */
export function findingFiltersFrom(params: URLSearchParams): FindingFilters {
  const rules = new Set(RULES.map((r) => r.id as string));
  return {
    rules: [...new Set(params.getAll('rule').filter((r) => rules.has(r)))].sort(),
    severities: [
      ...new Set(params.getAll('severity').filter((s) => ['error', 'warning', 'info'].includes(s)))
    ].sort()
  };
}

/** The audit page's queries. */
export function auditQueries(f: Filters, ff: FindingFilters): ViewQueries<AuditView> {
  return {
    findings: buildFindingsQuery(f, ff),
    byDistrict: buildFindingsByDistrictQuery(f, ff),
    byRule: buildFindingsByRuleQuery(f, ff)
  };
}

/** The audit page's charts. */
export function auditCharts(v: Views<AuditView>): Record<'byDistrict' | 'byRule', ChartSpec> {
  return { byDistrict: toFindingsByDistrictChart(v.byDistrict), byRule: toFindingsByRuleChart(v.byRule) };
}
