/** What each audit rule checks, for the 审计 page and the data dictionary. */
import type { Severity } from '../schema/records';

/** One audit rule: its id, title, what it checks and how severe its findings are. */
export interface RuleInfo {
  id: RuleId;
  title: string;
  description: string;
  severity: Severity;
  group: '资金勾稽' | '预算执行' | '评分复核' | '目标质量' | '跨年一致性';
  /** What `expected` and `actual` measure: 元, a rate (fraction), points, or nothing. */
  unit: 'yuan' | 'rate' | 'score' | null;
}

/** Ids of the rules. */
export type RuleId =
  | 'funds-sum'
  | 'fiscal-levels'
  | 'budget-lines-sum'
  | 'negative-amount'
  | 'execution-rate'
  | 'execution-score'
  | 'over-execution'
  | 'low-execution'
  | 'total-score'
  | 'score-above-weight'
  | 'missed-without-reason'
  | 'target-missing'
  | 'target-qualitative'
  | 'quantified-share'
  | 'series-change'
  | 'duplicate-in-series';

/** Every rule, in the order the 审计 page lists them. */
export const RULES: readonly RuleInfo[] = [
  {
    id: 'funds-sum',
    unit: 'yuan',
    group: '资金勾稽',
    severity: 'error',
    title: '资金来源合计',
    description: '当年财政拨款 + 上年结转资金 + 其他资金 应等于年度资金总额'
  },
  {
    id: 'fiscal-levels',
    unit: 'yuan',
    group: '资金勾稽',
    severity: 'error',
    title: '财政拨款分级',
    description: '上级财政拨款 + 本级财政安排 + 下级财政配套 应等于财政拨款'
  },
  {
    id: 'budget-lines-sum',
    unit: 'yuan',
    group: '资金勾稽',
    severity: 'error',
    title: '项目构成分解合计',
    description: '项目构成分解的明细金额之和应等于年度资金总额'
  },
  {
    id: 'negative-amount',
    unit: 'yuan',
    group: '资金勾稽',
    severity: 'error',
    title: '金额为负',
    description:
      '项目及其构成分解的任何金额（资金总额、财政拨款、预算数、执行数、明细金额、单价）都不应小于零'
  },
  {
    id: 'execution-rate',
    unit: 'rate',
    group: '预算执行',
    severity: 'error',
    title: '执行率复核',
    description: '全年执行数 ÷ 全年预算数 应等于所报执行率'
  },
  {
    id: 'execution-score',
    unit: 'score',
    group: '预算执行',
    severity: 'error',
    title: '执行率得分复核',
    description: '执行率得分 = 分值 × min(执行率, 100%)'
  },
  {
    id: 'over-execution',
    unit: 'rate',
    group: '预算执行',
    severity: 'warning',
    title: '超预算执行',
    description: '全年执行数超过全年预算数'
  },
  {
    id: 'low-execution',
    unit: 'rate',
    group: '预算执行',
    severity: 'warning',
    title: '执行率偏低',
    description: '执行率低于阈值（默认 60%）'
  },
  {
    id: 'total-score',
    unit: 'score',
    group: '评分复核',
    severity: 'error',
    title: '总分复核',
    description: '各指标得分与执行率得分之和应等于总分'
  },
  {
    id: 'score-above-weight',
    unit: 'score',
    group: '评分复核',
    severity: 'error',
    title: '得分超过分值',
    description: '任何得分不应超过其分值'
  },
  {
    id: 'missed-without-reason',
    unit: 'score',
    group: '评分复核',
    severity: 'warning',
    title: '未达标未说明原因',
    description: '未达成的指标应填写偏差原因分析及改进措施'
  },
  {
    id: 'target-missing',
    unit: null,
    group: '目标质量',
    severity: 'warning',
    title: '未填指标值',
    description: '三级指标没有年度指标值，无法评价'
  },
  {
    id: 'target-qualitative',
    unit: null,
    group: '目标质量',
    severity: 'info',
    title: '可量化却未量化',
    description: '比率、数量类指标只写了文字目标'
  },
  {
    id: 'quantified-share',
    unit: 'rate',
    group: '目标质量',
    severity: 'warning',
    title: '量化指标占比偏低',
    description: '项目中量化目标（比较符加数值）的占比低于阈值（默认 50%）'
  },
  {
    id: 'series-change',
    unit: 'yuan',
    group: '跨年一致性',
    severity: 'info',
    title: '跨年度金额变化',
    description: '同一项目在不同年度、不同表格中的申报金额与自评预算及其变化'
  },
  {
    id: 'duplicate-in-series',
    unit: null,
    group: '跨年一致性',
    severity: 'warning',
    title: '同一年度重复出现',
    description: '同一单位的同名项目在同一年度的同一种表格中出现多次，无法区分，彼此不作跨年度比较'
  }
];

/** The rule with this id. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULES.find((r) => r.id === id);
}

/** A finding's expected or actual figure in the rule's unit (元, %, points). */
export function formatCheckValue(rule: string, value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  switch (ruleInfo(rule)?.unit) {
    case 'yuan':
      return `${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
    case 'rate':
      return `${(value * 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
    case 'score':
      return `${Math.round(value * 100) / 100} 分`;
    default:
      return String(value);
  }
}
