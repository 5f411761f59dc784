/**
 * What the ingest must read from a synthetic document: the figures it was made from, in the
 * contract's terms. Tests compare the parser's records with these, field by field.
 */
import type { TargetOp } from '../../../src/lib/schema/records';
import { fenToYuan, type SynthDocument } from './model';

export interface ExpectedIndicator {
  level1: string;
  level2: string;
  name: string;
  target_op: TargetOp | null;
  target_value: number | null;
  target_unit: string | null;
  actual_value: number | null;
  weight: number | null;
  score: number | null;
  deviation: string | null;
}

export interface ExpectedProject {
  name: string;
  form: 'target' | 'self_eval';
  year: number;
  district: string;
  department: string;
  annual_amount: string;
  fiscal_amount: string;
  carryover_amount: string | null;
  other_amount: string;
  fiscal_superior: string | null;
  fiscal_local: string | null;
  fiscal_subordinate: string | null;
  budget_initial: string | null;
  budget_adjusted: string | null;
  executed_amount: string | null;
  execution_rate: number | null;
  execution_score: number | null;
  total_score: number | null;
  indicators: ExpectedIndicator[];
  budget_lines: string[];
  safeguards: number;
}

/** The projects of a document as the ingest must read them. */
export function expectedProjects(doc: SynthDocument): ExpectedProject[] {
  const is2020 = doc.template === '2020';
  const self = doc.template === 'self_eval';
  return doc.projects.map((p) => ({
    name: p.name,
    form: doc.form,
    year: doc.year,
    district: doc.district,
    department: doc.department,
    // A self-evaluation's amounts are those of its 全年预算数 column.
    annual_amount: fenToYuan(self ? p.adjusted : p.annual),
    fiscal_amount: fenToYuan(self ? p.adjusted - p.carryover - p.other : p.fiscal),
    carryover_amount: is2020 ? null : fenToYuan(p.carryover),
    other_amount: fenToYuan(p.other),
    fiscal_superior: is2020 ? fenToYuan(p.superior) : null,
    fiscal_local: is2020 ? fenToYuan(p.local) : null,
    fiscal_subordinate: is2020 ? fenToYuan(p.subordinate) : null,
    budget_initial: self ? fenToYuan(p.initial) : null,
    budget_adjusted: self ? fenToYuan(p.adjusted) : null,
    executed_amount: self ? fenToYuan(p.executed) : null,
    execution_rate: self ? Number(p.rateText.replace('%', '')) / 100 : null,
    execution_score: self ? p.executionScore : null,
    total_score: self ? p.totalScore : null,
    indicators: p.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target_op: i.target.kind === 'measure' ? i.target.op : null,
      target_value: i.target.kind === 'measure' ? i.target.value : null,
      target_unit: i.target.kind === 'measure' ? i.target.unit : null,
      actual_value: i.result?.actualValue ?? null,
      weight: i.result?.weight ?? null,
      score: i.result?.score ?? null,
      deviation: i.result?.deviation ?? null
    })),
    budget_lines: is2020 ? p.budgetLines.map((b) => fenToYuan(b.unitPrice * b.quantity)) : [],
    safeguards: is2020 ? p.safeguards.length : 0
  }));
}
