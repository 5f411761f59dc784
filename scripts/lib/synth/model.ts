/**
 * Synthetic budget-performance documents as data: which districts, years and projects, with
 * amounts in fen (exact integers) and indicators with targets and results. `render.ts` turns a
 * document into text in one of the layouts the ingest reads. Deterministic for a seed.
 */
import type { Form, TargetOp } from '../../../src/lib/schema/records';
import { Rng } from './random';
import { DISTRICTS, type IndicatorTemplate, type TargetSpec, type Vocabulary } from './vocabulary';

/** How a document is laid out as text. */
export type SynthLayout = 'markdown' | 'tsv' | 'joined' | 'cells' | 'pdf';

/** The layouts each template is published in. */
export const LAYOUTS: Record<SynthTemplate, readonly SynthLayout[]> = {
  current: ['markdown', 'tsv', 'joined', 'cells'],
  '2020': ['tsv', 'markdown', 'joined'],
  self_eval: ['pdf', 'markdown', 'tsv', 'joined', 'cells']
};

/** The target declaration of 2021 onwards, the three-part one of 2020 and earlier, the self-evaluation. */
export type SynthTemplate = 'current' | '2020' | 'self_eval';

/** The options of `npm run synth`. */
export interface SynthOptions {
  districts: number;
  years: number;
  /** Projects per district and year. */
  projects: number;
  seed: number;
  /** The latest year (it has targets but no self-evaluation yet). */
  lastYear: number;
}

/** A stated result of a self-evaluation. */
export interface SynthResult {
  actual: string;
  /** The number a reader takes from `actual` (null for words). */
  actualValue: number | null;
  weight: number;
  score: number;
  deviation: string | null;
}

export interface SynthIndicator extends IndicatorTemplate {
  /** 备注 of the 2020 template: where the target comes from. */
  basis: string;
  result: SynthResult | null;
}

export interface SynthBudgetLine {
  content: string;
  detail: string;
  /** Fen. */
  unitPrice: number;
  quantity: number;
}

export interface SynthProject {
  name: string;
  nature: string;
  category: string;
  department: string;
  unit: string;
  goal: string;
  /** Fen, exact. */
  annual: number;
  fiscal: number;
  carryover: number;
  other: number;
  /** 2020 template: the split of the fiscal amount. */
  superior: number;
  local: number;
  subordinate: number;
  budgetLines: SynthBudgetLine[];
  safeguards: { kind: string; document: string; measures: string; stages: [boolean, boolean, boolean] }[];
  /** Self-evaluation: 年初预算数, 全年预算数, 全年执行数 (fen) and the reported rate and scores. */
  initial: number;
  adjusted: number;
  executed: number;
  rateText: string;
  executionWeight: number;
  executionScore: number;
  totalScore: number;
  outcome: string;
  contact: { leader: string; person: string; phone: string };
  indicators: SynthIndicator[];
}

export interface SynthDocument {
  file: string;
  form: Form;
  template: SynthTemplate;
  layout: SynthLayout;
  year: number;
  district: string;
  department: string;
  projects: SynthProject[];
}

const ORDINALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const BASES = ['工作计划', '管理目标', '行业标准', '历史标准', '计划标准'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡'];
const GIVEN = [
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超'
];
const MISSED_WORDS = ['基本完成', '部分完成', '未完全达到', '有待提升'];

/** A name for the k-th project of a district: the seeds' names first, then their later phases. */
function projectName(base: string, round: number): string {
  if (round === 0) return base;
  return round < ORDINALS.length ? `${base}（${ORDINALS[round]}期）` : `${base}（第${round + 1}期）`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A plausible amount in fen: log-uniform between 50 thousand and 50 million yuan, mostly whole hundreds. */
function amount(rng: Rng): number {
  const yuan = Math.exp(rng.real(Math.log(50_000), Math.log(50_000_000)));
  if (rng.chance(0.7)) return Math.round(yuan / 100) * 100 * 100;
  return Math.round(yuan * 100);
}

function scaled(rng: Rng, fen: number, from: number, to: number): number {
  return Math.round(fen * rng.real(from, to));
}

/** A target for an indicator: the seed's, with its number moved a little; an empty one filled from a like indicator. */
function targetFor(rng: Rng, t: IndicatorTemplate, vocab: Vocabulary): TargetSpec {
  let target = t.target;
  if (target.kind === 'none')
    target = rng.pick(vocab.targetsByLevel2.get(t.level2) ?? [{ kind: 'words', text: '及时' }]);
  if (target.kind !== 'measure') return target;
  if (target.unit === '%' || target.unit === '分') return target;
  const value = Number((target.value * rng.real(0.8, 1.25)).toFixed(target.decimals));
  return { ...target, value: value > 0 ? value : target.value };
}

function formatNumber(x: number, decimals = 2): string {
  return String(Number(x.toFixed(decimals)));
}

/** What was achieved against a target, with the score and, for a miss, usually a reason. */
function resultFor(rng: Rng, target: TargetSpec, weight: number, vocab: Vocabulary): SynthResult {
  const achieved = rng.chance(0.82);
  // A miss loses at least a point.
  const score = achieved
    ? weight
    : Math.max(0, Math.min(weight - 1, Math.round(weight * rng.real(0.3, 0.9))));
  const deviation = achieved || rng.chance(0.15) ? null : rng.pick(vocab.reasons);
  if (target.kind !== 'measure') {
    const words = target.kind === 'words' ? target.text : '完成';
    return { actual: achieved ? words : rng.pick(MISSED_WORDS), actualValue: null, weight, score, deviation };
  }
  const v = target.value;
  const cap = target.unit === '%' ? 100 : Infinity;
  let x: number;
  if (achieved) {
    if (target.op === '=') x = v;
    else if (target.op === '>=' || target.op === '>')
      x = Math.min(cap, v * rng.real(1, 1.15) + (target.op === '>' ? 1 : 0));
    else x = v * rng.real(0.7, 1) - (target.op === '<' ? Math.min(1, v / 10) : 0);
  } else if (target.op === '<=' || target.op === '<') x = v * rng.real(1.05, 1.3) + 1;
  else x = v * rng.real(0.6, 0.97);
  const value = Number(formatNumber(Math.max(0, x), target.decimals));
  return { actual: `${value}${target.unit ?? ''}`, actualValue: value, weight, score, deviation };
}

/** Splits 90 points among the indicators: whole numbers, the first ones taking the remainder. */
function weights(count: number): number[] {
  const base = Math.floor(90 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 90 - base * count ? 1 : 0));
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.5) ? rng.pick(GIVEN) : '');
}

/** One project of a series in one year: its amounts, and for a self-evaluation its results. */
function makeProject(
  rng: Rng,
  vocab: Vocabulary,
  series: { template: number; name: string; base: number },
  district: string,
  template: SynthTemplate,
  year: number,
  lastYear: number
): SynthProject {
  const form: Form = template === 'self_eval' ? 'self_eval' : 'target';
  const t = vocab.projects[series.template] as (typeof vocab.projects)[number];
  // The same series moves by a few per cent a year.
  const annual =
    Math.round((series.base * (1 + 0.04 * (year - lastYear + 5)) * rng.real(0.9, 1.1)) / 100) * 100;
  // The 2020 template has no carry-over line: the year's budget is fiscal plus other funds.
  const carryover = template !== '2020' && rng.chance(0.15) ? scaled(rng, annual, 0.02, 0.2) : 0;
  const other = rng.chance(0.1) ? scaled(rng, annual - carryover, 0.02, 0.2) : 0;
  const fiscal = annual - carryover - other;
  const superior = rng.chance(0.3) ? scaled(rng, fiscal, 0.1, 0.7) : 0;
  const subordinate = rng.chance(0.1) ? scaled(rng, fiscal - superior, 0.05, 0.2) : 0;
  const local = fiscal - superior - subordinate;
  const lineCount = rng.int(1, 4);
  const budgetLines: SynthBudgetLine[] = [];
  let rest = annual;
  for (let i = 0; i < lineCount; i++) {
    const line = rng.pick(vocab.budgetLines);
    const share = i === lineCount - 1 ? rest : Math.round(rest * rng.real(0.2, 0.6));
    // Quantity × unit price = amount, exactly: the price is the amount over a divisor of it.
    const quantity = [1, 2, 4, 5, 10, 20, 25, 50, 100].filter((q) => share % q === 0).pop() ?? 1;
    budgetLines.push({ ...line, quantity, unitPrice: share / quantity });
    rest -= share;
  }
  // The 2020 template had no 成本指标; its targets were often left empty.
  const indicatorTemplates =
    template === '2020' ? t.indicators.filter((i) => i.level1 !== '成本指标') : t.indicators;
  const w = weights(indicatorTemplates.length);
  const indicators: SynthIndicator[] = indicatorTemplates.map((it, k) => {
    const target: TargetSpec =
      template === '2020' && rng.chance(0.5) ? { kind: 'none' } : targetFor(rng, it, vocab);
    return {
      ...it,
      target,
      basis: rng.pick(BASES),
      result: form === 'self_eval' ? resultFor(rng, target, w[k] as number, vocab) : null
    };
  });
  const initial = annual;
  const adjusted = rng.chance(0.6) ? initial : scaled(rng, initial, 0.85, 1.15);
  const r = rng.chance(0.75) ? rng.real(0.85, 1) : rng.chance(0.8) ? rng.real(0.35, 0.85) : rng.real(1, 1.2);
  const executed = Math.round(adjusted * r);
  const rate = adjusted ? (executed / adjusted) * 100 : 0;
  const rateText = `${rate.toFixed(2)}%`;
  const executionWeight = 10;
  const executionScore = round2(executionWeight * Math.min(Number(rate.toFixed(2)) / 100, 1));
  let totalScore = round2(executionScore + indicators.reduce((n, i) => n + (i.result?.score ?? 0), 0));
  // Forms are filled in by hand: a few totals are off, as in real ones.
  if (rng.chance(0.03)) totalScore = round2(totalScore + rng.pick([-2, -1, 1, 5]));
  const dept = department(district);
  return {
    name: series.name,
    nature: t.nature ?? rng.pick(vocab.natures),
    category: t.category && t.category !== '经常性项目' ? t.category : rng.pick(vocab.categories),
    department: dept,
    unit: rng.chance(0.6) ? `上海市${district}医疗保险事务中心` : dept,
    goal: t.goal,
    annual,
    fiscal,
    carryover,
    other,
    superior,
    local,
    subordinate,
    budgetLines,
    safeguards: Array.from({ length: rng.int(1, 3) }, () => ({
      ...rng.pick(vocab.safeguards),
      stages: [rng.chance(0.3), rng.chance(0.9), rng.chance(0.3)] as [boolean, boolean, boolean]
    })),
    initial,
    adjusted,
    executed,
    rateText,
    executionWeight,
    executionScore,
    totalScore,
    outcome: rng.pick(vocab.outcomes.length ? vocab.outcomes : [t.goal]),
    contact: { leader: personName(rng), person: personName(rng), phone: `54${rng.int(100000, 999999)}` },
    indicators
  };
}

/** The department of a district's medical-insurance bureau (the seeds' body). */
export function department(district: string): string {
  return `上海市${district}医疗保障局`;
}

/**
 * Every document of a synthetic set: for each district and year, the target declarations
 * (the 2020 template up to 2020) and, for every year but the last, the self-evaluations,
 * `projects` projects each, split into documents of 3 to 13 projects as the seeds are.
 */
export function* synthDocuments(opts: SynthOptions, vocab: Vocabulary): Generator<SynthDocument> {
  if (opts.districts < 1 || opts.districts > DISTRICTS.length)
    throw new Error(`--districts 须在 1 到 ${DISTRICTS.length} 之间`);
  if (opts.years < 1 || opts.projects < 1) throw new Error('--years 与 --projects 须为正整数');
  const rng = new Rng(opts.seed);
  let seq = 0;
  for (const district of DISTRICTS.slice(0, opts.districts)) {
    // A district's projects recur every year under the same name: each is a series.
    const series = Array.from({ length: opts.projects }, (_, k) => {
      const template = (k + DISTRICTS.indexOf(district)) % vocab.projects.length;
      const base = vocab.projects[template] as (typeof vocab.projects)[number];
      return {
        template,
        name: projectName(base.name, Math.floor(k / vocab.projects.length)),
        base: amount(rng)
      };
    });
    for (let year = opts.lastYear - opts.years + 1; year <= opts.lastYear; year++) {
      const forms: Form[] = year < opts.lastYear ? ['target', 'self_eval'] : ['target'];
      for (const form of forms) {
        const template: SynthTemplate =
          form === 'self_eval' ? 'self_eval' : year <= 2020 ? '2020' : 'current';
        const projects = series.map((s) =>
          makeProject(rng, vocab, s, district, template, year, opts.lastYear)
        );
        for (let start = 0; start < projects.length;) {
          const size = Math.min(projects.length - start, rng.int(3, 13));
          yield {
            file: `${String(seq++).padStart(6, '0')}_${rng.hex(16)}.txt`,
            form,
            template,
            layout: rng.pick(LAYOUTS[template]),
            year,
            district,
            department: department(district),
            projects: projects.slice(start, start + size)
          };
          start += size;
        }
      }
    }
  }
}

/** Yuan with two decimals from fen: `1114320000` → `11143200.00`. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The sign a declaration prints for an operator. */
export const OP_SIGNS: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '＞', '<': '＜' };
