/**
 * 资金勾稽: the sources of funds, the levels of the fiscal allocation and the itemised budget add up,
 * and no amount is negative.
 */
import type { BudgetLineRecord, CheckRecord, Money, ProjectRecord } from '../schema/records';
import type { AuditConfig } from './config';
import { absFen, differs, fen, showFen, yuan } from './money';

/** fiscal + carryover + other = annual amount (NULL parts count as 0 once at least one part is given). */
export function checkFundsSum(p: ProjectRecord, cfg: AuditConfig): CheckRecord[] {
  const annual = fen(p.annual_amount);
  const parts = [fen(p.fiscal_amount), fen(p.carryover_amount), fen(p.other_amount)];
  if (annual === null || parts.every((x) => x === null)) return [];
  const [fiscal = 0n, carry = 0n, other = 0n] = parts.map((x) => x ?? 0n);
  const sum = fiscal + carry + other;
  if (!differs(sum, annual, cfg.moneyTolerance)) return [];
  return [
    {
      rule: 'funds-sum',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」资金来源合计 ${showFen(sum)} 元（当年财政拨款 ${showFen(fiscal)} + 上年结转资金 ${showFen(carry)} + 其他资金 ${showFen(other)}）与年度资金总额 ${showFen(annual)} 元不符，${sum < annual ? '少' : '多'} ${showFen(absFen(sum - annual))} 元`,
      expected: yuan(annual),
      actual: yuan(sum)
    }
  ];
}

/** superior + local + subordinate = fiscal amount, when the form splits it by level (2020 form). */
export function checkFiscalLevels(p: ProjectRecord, cfg: AuditConfig): CheckRecord[] {
  const fiscal = fen(p.fiscal_amount);
  const parts = [fen(p.fiscal_superior), fen(p.fiscal_local), fen(p.fiscal_subordinate)];
  if (fiscal === null || parts.every((x) => x === null)) return [];
  const [sup = 0n, local = 0n, sub = 0n] = parts.map((x) => x ?? 0n);
  const sum = sup + local + sub;
  if (!differs(sum, fiscal, cfg.moneyTolerance)) return [];
  return [
    {
      rule: 'fiscal-levels',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」上级财政拨款 ${showFen(sup)} + 本级财政安排 ${showFen(local)} + 下级财政配套 ${showFen(sub)} = ${showFen(sum)} 元，与财政拨款 ${showFen(fiscal)} 元不符，${sum < fiscal ? '少' : '多'} ${showFen(absFen(sum - fiscal))} 元`,
      expected: yuan(fiscal),
      actual: yuan(sum)
    }
  ];
}

/** The itemised budget (项目构成分解) sums to the annual amount. */
export function checkBudgetLines(
  p: ProjectRecord,
  lines: readonly BudgetLineRecord[],
  cfg: AuditConfig
): CheckRecord[] {
  const annual = fen(p.annual_amount);
  if (annual === null || lines.length === 0) return [];
  const sum = lines.reduce((acc, l) => acc + (fen(l.amount) ?? 0n), 0n);
  if (!differs(sum, annual, cfg.moneyTolerance)) return [];
  return [
    {
      rule: 'budget-lines-sum',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」项目构成分解 ${lines.length} 项明细金额合计 ${showFen(sum)} 元，与年度资金总额 ${showFen(annual)} 元不符，${sum < annual ? '少' : '多'} ${showFen(absFen(sum - annual))} 元`,
      expected: yuan(annual),
      actual: yuan(sum)
    }
  ];
}

/** Every money field of a project, with the label the forms give it (a test holds it to the contract). */
export const PROJECT_AMOUNTS = [
  ['project_total', '项目资金总额'],
  ['annual_amount', '年度资金总额'],
  ['fiscal_amount', '当年财政拨款'],
  ['carryover_amount', '上年结转资金'],
  ['other_amount', '其他资金'],
  ['fiscal_superior', '上级财政拨款'],
  ['fiscal_local', '本级财政安排'],
  ['fiscal_subordinate', '下级财政配套'],
  ['budget_initial', '年初预算数'],
  ['budget_adjusted', '全年预算数'],
  ['executed_amount', '全年执行数']
] as const satisfies readonly (readonly [keyof ProjectRecord, string])[];

/**
 * No amount of a project or of its itemised budget is below zero: the forms have no field where a
 * negative sum means anything (a refund or a cut is shown as a smaller amount), so a minus sign is
 * a typing or export error that would silently lower every total it enters.
 */
export function checkNegativeAmounts(p: ProjectRecord, lines: readonly BudgetLineRecord[]): CheckRecord[] {
  const out: CheckRecord[] = [];
  const report = (value: Money | null, where: string) => {
    const f = fen(value);
    if (f === null || f >= 0n) return;
    out.push({
      rule: 'negative-amount',
      severity: 'error',
      project_id: p.project_id,
      indicator_id: null,
      message: `「${p.name}」${where}为负数（${showFen(f)} 元），金额不应小于零，请核对原表`,
      expected: 0,
      actual: yuan(f)
    });
  };
  for (const [key, label] of PROJECT_AMOUNTS) report(p[key], `“${label}”`);
  for (const l of lines) {
    const item = l.detail ?? l.content;
    const which = `项目构成分解第 ${l.seq} 项${item ? `“${item}”` : ''}`;
    report(l.amount, `${which}的明细金额`);
    report(l.unit_price, `${which}的单价`);
  }
  return out;
}
