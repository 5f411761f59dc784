/** 目标质量: targets that are missing, worded where a number was possible, and the share quantified. */
import type { CheckRecord, IndicatorRecord, ProjectRecord } from '../schema/records';
import { formatRate } from '../format';
import { compact } from '../ingest/text';
import type { AuditConfig } from './config';

/** Names of indicators that measure a rate or a count (质量 is quality, not a quantity). */
const MEASURABLE_NAME = /(?:率|比例|占比|人数|次数|数量|人次|户数|件数|个数|场次|满意度|数)$/;

/** True when the indicator's name says it measures a rate or a count. */
export function isMeasurableName(name: string): boolean {
  const key = compact(name).replace(/[(（][^)）]*[)）]$/, '');
  return MEASURABLE_NAME.test(key) && !/质量$/.test(key);
}

/** True when the target is quantified: a comparison and a number (`≥90%`), not a bare number or words. */
export function isQuantifiedTarget(i: Pick<IndicatorRecord, 'target_op' | 'target_value'>): boolean {
  return i.target_op !== null && i.target_value !== null;
}

/** Indicators without any target value. */
export function checkTargetMissing(p: ProjectRecord, inds: readonly IndicatorRecord[]): CheckRecord[] {
  return inds
    .filter((i) => i.target_text === null)
    .map((i) => ({
      rule: 'target-missing',
      severity: 'warning' as const,
      project_id: p.project_id,
      indicator_id: i.indicator_id,
      message: `「${p.name}」指标“${i.name}”（${i.level2 ?? i.level1 ?? '未分类'}）未填写年度指标值，无法评价是否达成`,
      expected: null,
      actual: null
    }));
}

/** A rate or count given only as words (`参保人数：应保尽保`). */
export function checkTargetQualitative(p: ProjectRecord, inds: readonly IndicatorRecord[]): CheckRecord[] {
  return inds
    .filter((i) => i.target_text !== null && i.target_value === null && isMeasurableName(i.name))
    .map((i) => ({
      rule: 'target-qualitative',
      severity: 'info' as const,
      project_id: p.project_id,
      indicator_id: i.indicator_id,
      message: `「${p.name}」指标“${i.name}”是比率或数量类指标，指标值却只写了“${i.target_text}”，建议改为可衡量的数值目标`,
      expected: null,
      actual: null
    }));
}

/** Share of indicators with a numeric target; flagged when below the threshold. */
export function checkQuantifiedShare(
  p: ProjectRecord,
  inds: readonly IndicatorRecord[],
  cfg: AuditConfig
): CheckRecord[] {
  if (inds.length === 0) return [];
  const quantified = inds.filter(isQuantifiedTarget).length;
  const share = quantified / inds.length;
  if (share >= cfg.minQuantifiedShare) return [];
  return [
    {
      rule: 'quantified-share',
      severity: 'warning',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」${inds.length} 个指标中仅 ${quantified} 个有量化目标（比较符加数值，如 ≥90%），占 ${formatRate(share, 1)}，低于 ${formatRate(cfg.minQuantifiedShare, 0)}`,
      expected: cfg.minQuantifiedShare,
      actual: share
    }
  ];
}
