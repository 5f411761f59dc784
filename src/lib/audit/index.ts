/**
 * The audit: pure rules over the contract's records. `npm run ingest` writes their findings to
 * checks.parquet; the browser runs the same rules over records an auditor imports.
 */
import type {
  BudgetLineRecord,
  CheckRecord,
  Dataset,
  IndicatorRecord,
  ProjectRecord
} from '../schema/records';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config';
import { checkBudgetLines, checkFiscalLevels, checkFundsSum, checkNegativeAmounts } from './funds';
import { checkExecutionLevel, checkExecutionRate, checkExecutionScore } from './execution';
import { checkMissedWithoutReason, checkScoreAboveWeight, checkTotalScore } from './scores';
import { checkQuantifiedShare, checkTargetMissing, checkTargetQualitative } from './targets';
import { checkSeries } from './series';

export { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config';
export { RULES, formatCheckValue, ruleInfo, type RuleInfo, type RuleId } from './rules';
export { SERIES_RULES } from './series';

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}

/** The rules that look at one project with its own indicators and budget lines. */
export function auditProject(
  p: ProjectRecord,
  inds: readonly IndicatorRecord[],
  lines: readonly BudgetLineRecord[],
  cfg: AuditConfig = DEFAULT_AUDIT_CONFIG
): CheckRecord[] {
  return [
    ...checkFundsSum(p, cfg),
    ...checkFiscalLevels(p, cfg),
    ...checkBudgetLines(p, lines, cfg),
    ...checkNegativeAmounts(p, lines),
    ...checkExecutionRate(p, cfg),
    ...checkExecutionScore(p, cfg),
    ...checkExecutionLevel(p, cfg),
    ...checkTotalScore(p, inds, cfg),
    ...checkScoreAboveWeight(p, inds),
    ...checkMissedWithoutReason(p, inds),
    ...checkTargetMissing(p, inds),
    ...checkTargetQualitative(p, inds),
    ...checkQuantifiedShare(p, inds, cfg)
  ];
}

/** The rules across projects: one project followed over the years (needs every project). */
export function auditSeries(projects: readonly ProjectRecord[]): CheckRecord[] {
  return checkSeries(projects);
}

/**
 * The rules as the ingest applies them (`IngestAudit` of the pipeline): each project with its own
 * rows as it is read, and the series across projects once every source is read.
 */
export const ingestAudit = { project: auditProject, series: auditSeries };

/** The one-project rules over every project of the records, each with its own indicators and lines. */
export function auditProjects(
  data: Pick<Dataset, 'projects' | 'indicators' | 'budget_lines'>,
  cfg: AuditConfig = DEFAULT_AUDIT_CONFIG
): CheckRecord[] {
  const indicators = groupBy<IndicatorRecord>(data.indicators, (i) => i.project_id);
  const lines = groupBy<BudgetLineRecord>(data.budget_lines, (l) => l.project_id);
  const out: CheckRecord[] = [];
  // (Not `push(...list)` with a long list: at a million rows, spreading overflows the call stack.)
  for (const p of data.projects)
    for (const c of auditProject(p, indicators.get(p.project_id) ?? [], lines.get(p.project_id) ?? [], cfg))
      out.push(c);
  return out;
}

/**
 * Runs every rule over the records and returns the findings: `auditProjects`, then `auditSeries`.
 * (`npm run ingest` runs the same in its worker threads and main thread; the browser's import runs
 * `auditProjects` on the imported records and `auditSeries` on every series they join.)
 */
export function auditDataset(
  data: Pick<Dataset, 'projects' | 'indicators' | 'budget_lines'>,
  cfg: AuditConfig = DEFAULT_AUDIT_CONFIG
): CheckRecord[] {
  const out = auditProjects(data, cfg);
  for (const c of auditSeries(data.projects)) out.push(c);
  return out;
}
