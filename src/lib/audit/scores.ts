/** 评分复核: scores add up to the total, none exceeds its weight, every miss is explained. */
import type { CheckRecord, IndicatorRecord, ProjectRecord } from '../schema/records';
import { formatScore } from '../format';
import type { AuditConfig } from './config';

/** Indicator scores plus the execution score equal the total score. */
export function checkTotalScore(
  p: ProjectRecord,
  inds: readonly IndicatorRecord[],
  cfg: AuditConfig
): CheckRecord[] {
  if (p.form !== 'self_eval' || p.total_score === null) return [];
  const scored = inds.filter((i) => i.score !== null);
  const sum = scored.reduce((acc, i) => acc + (i.score ?? 0), 0) + (p.execution_score ?? 0);
  if (Math.abs(sum - p.total_score) <= cfg.scoreTolerance) return [];
  return [
    {
      rule: 'total-score',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」${scored.length} 个指标得分与执行率得分 ${formatScore(p.execution_score)} 合计 ${formatScore(sum)}，与所报总分 ${formatScore(p.total_score)} 不符`,
      expected: sum,
      actual: p.total_score
    }
  ];
}

/** No score above its weight (indicators and the execution row). */
export function checkScoreAboveWeight(p: ProjectRecord, inds: readonly IndicatorRecord[]): CheckRecord[] {
  const out: CheckRecord[] = [];
  if (p.execution_score !== null && p.execution_weight !== null && p.execution_score > p.execution_weight)
    out.push({
      rule: 'score-above-weight',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」执行率得分 ${formatScore(p.execution_score)} 超过分值 ${formatScore(p.execution_weight)}`,
      expected: p.execution_weight,
      actual: p.execution_score
    });
  for (const i of inds) {
    if (i.score === null || i.weight === null || i.score <= i.weight) continue;
    out.push({
      rule: 'score-above-weight',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: i.indicator_id,
      message: `「${p.name}」指标“${i.name}”得分 ${formatScore(i.score)} 超过分值 ${formatScore(i.weight)}`,
      expected: i.weight,
      actual: i.score
    });
  }
  return out;
}

/** A missed target must come with a deviation reason. */
export function checkMissedWithoutReason(p: ProjectRecord, inds: readonly IndicatorRecord[]): CheckRecord[] {
  return inds
    .filter((i) => i.achieved === false && !(i.deviation ?? '').trim())
    .map((i) => ({
      rule: 'missed-without-reason',
      severity: 'warning' as const,
      project_id: p.project_id,
      indicator_id: i.indicator_id,
      message: `「${p.name}」指标“${i.name}”未达成（目标 ${i.target_text ?? '—'}，实际 ${i.actual_text ?? '—'}${i.weight !== null ? `，得分 ${formatScore(i.score)}/${formatScore(i.weight)}` : ''}），未填写偏差原因`,
      expected: i.weight,
      actual: i.score
    }));
}
