/** 预算执行: the reported execution rate and its score recomputed; over- and low execution flagged. */
import type { CheckRecord, ProjectRecord } from '../schema/records';
import { formatRate, formatScore } from '../format';
import type { AuditConfig } from './config';
import { fen, showFen } from './money';

/** Executed ÷ adjusted budget, or null when either is missing or the budget is 0. */
export function computedRate(p: ProjectRecord): number | null {
  const exec = fen(p.executed_amount);
  const budget = fen(p.budget_adjusted);
  if (exec === null || budget === null || budget === 0n) return null;
  return Number(exec) / Number(budget);
}

/** The rate reported on the form agrees with executed ÷ adjusted budget. */
export function checkExecutionRate(p: ProjectRecord, cfg: AuditConfig): CheckRecord[] {
  const computed = computedRate(p);
  if (computed === null || p.execution_rate === null) return [];
  if (Math.abs(computed - p.execution_rate) <= cfg.rateTolerance) return [];
  return [
    {
      rule: 'execution-rate',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」所报执行率 ${formatRate(p.execution_rate)}，按全年执行数 ${showFen(fen(p.executed_amount) ?? 0n)} ÷ 全年预算数 ${showFen(fen(p.budget_adjusted) ?? 0n)} 计算应为 ${formatRate(computed)}`,
      expected: computed,
      actual: p.execution_rate
    }
  ];
}

/** The execution score equals weight × min(rate, 100%). */
export function checkExecutionScore(p: ProjectRecord, cfg: AuditConfig): CheckRecord[] {
  const rate = p.execution_rate ?? computedRate(p);
  if (rate === null || p.execution_weight === null || p.execution_score === null) return [];
  const expected = p.execution_weight * Math.min(rate, 1);
  if (Math.abs(expected - p.execution_score) <= cfg.scoreTolerance) return [];
  return [
    {
      rule: 'execution-score',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」执行率得分 ${formatScore(p.execution_score)}，按分值 ${formatScore(p.execution_weight)} × min(执行率 ${formatRate(rate)}, 100%) 应为 ${formatScore(expected)}`,
      expected,
      actual: p.execution_score
    }
  ];
}

/** Over-execution (rate above the threshold) and low execution (rate below the threshold). */
export function checkExecutionLevel(p: ProjectRecord, cfg: AuditConfig): CheckRecord[] {
  const rate = p.execution_rate ?? computedRate(p);
  if (rate === null) return [];
  if (rate > cfg.highExecutionRate) {
    return [
      {
        rule: 'over-execution',
        severity: 'warning',
        project_id: p.project_id,
        indicator_id: null,
        message: `「${p.name}」执行率 ${formatRate(rate)}，全年执行数 ${showFen(fen(p.executed_amount) ?? 0n)} 元超过全年预算数 ${showFen(fen(p.budget_adjusted) ?? 0n)} 元，请核实超支的资金来源与审批`,
        expected: cfg.highExecutionRate,
        actual: rate
      }
    ];
  }
  if (rate < cfg.lowExecutionRate) {
    return [
      {
        rule: 'low-execution',
        severity: 'warning',
        project_id: p.project_id,
        indicator_id: null,
        message: `「${p.name}」执行率 ${formatRate(rate)}，低于 ${formatRate(cfg.lowExecutionRate, 0)}，全年执行数 ${showFen(fen(p.executed_amount) ?? 0n)} 元，预算 ${showFen(fen(p.budget_adjusted) ?? 0n)} 元`,
        expected: cfg.lowExecutionRate,
        actual: rate
      }
    ];
  }
  return [];
}
