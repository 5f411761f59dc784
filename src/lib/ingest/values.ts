/**
 * Values as the forms write them: money (`11,143,200.00`, `1668.71万`), targets and actuals
 * (`≥3340.00(人)`, `<10 次`, `>=12万`, `及时`), rates (`50.00%`) and dates (`2023 年 1月 1 日`).
 * Money is handled as decimal strings and never passes through a float.
 */
import { roundDecimal, shiftDecimal } from '../schema/money';
import type { Money, TargetOp } from '../schema/records';
import { foldFullWidth } from './text';

/** A target or actual value taken apart: `>=` 120000 `人`, or all null for words like `及时`. */
export interface Measure {
  op: TargetOp | null;
  value: number | null;
  unit: string | null;
}

const EMPTY_MEASURE: Measure = Object.freeze({ op: null, value: null, unit: null });

/** Placeholders the forms use for "nothing here". */
const BLANK = /^(?:|[-—–－―~～/／\\]+|无|空|——|\/)$/;

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;

/** Removes thousands separators and spaces inside a number (`1, 234 .5` → `1234.5`). */
function cleanNumberText(s: string): string {
  return foldFullWidth(s)
    .replace(/(?<=[\d.,，])\s+(?=[\d.,，])/g, '')
    .replace(/[，,](?=\d{3}(?!\d))/g, '')
    .trim();
}

/**
 * Parses an amount of money written in a form: `11,143,200.00`, `60,000`, `174,371.2`, `0`,
 * `1668.71万`, `3亿元`. Returns yuan with two decimals, `null` for a blank or a dash, and
 * `undefined` when the text is not an amount at all.
 */
export function parseMoney(text: string | null | undefined): Money | null | undefined {
  if (text === null || text === undefined) return null;
  let s = cleanNumberText(text).replace(/\s+/g, '');
  if (BLANK.test(s)) return null;
  s = s.replace(/^[¥￥]/, '').replace(/(?:元|RMB)$/i, '');
  let shift = 0;
  const scale = /^(.*?)(万|亿|千)$/.exec(s);
  if (scale) {
    s = scale[1] ?? '';
    shift = scale[2] === '万' ? 4 : scale[2] === '亿' ? 8 : 3;
  }
  if (!/^-?\d+(?:\.\d+)?$/.test(s)) return undefined;
  const yuan = shiftDecimal(s, shift);
  return roundDecimal(yuan, 2);
}

/** Parses a plain number (`10`, `6.32`, `1,000`); `null` for blanks or dashes, `undefined` otherwise. */
export function parseNumber(text: string | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return null;
  const s = cleanNumberText(text).replace(/\s+/g, '');
  if (BLANK.test(s)) return null;
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Parses a rate as a fraction: `50.00%` → 0.5, `115.95%` → 1.1595, `0.5` → 0.5. */
export function parseRate(text: string | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return null;
  const s = cleanNumberText(text).replace(/\s+/g, '');
  if (BLANK.test(s)) return null;
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) return Number(shiftDecimal(pct[1] ?? '0', -2));
  if (/^[+-]?\d+(?:\.\d+)?$/.test(s)) return Number(s);
  return undefined;
}

const OPERATORS: readonly [RegExp, TargetOp][] = [
  [/^(?:>=|=>|≥|≧|不低于|不少于|不小于|至少)/, '>='],
  [/^(?:<=|=<|≤|≦|不高于|不超过|不多于|不大于|至多)/, '<='],
  [/^(?:>|大于|高于|超过|多于)/, '>'],
  [/^(?:<|小于|低于|少于)/, '<'],
  [/^(?:=|==|等于)/, '=']
];
const SUFFIX_OPS: readonly [RegExp, TargetOp][] = [
  [/(?:以上|及以上)$/, '>='],
  [/(?:以下|及以下|以内)$/, '<=']
];
const MULTIPLIERS: Record<string, number> = { 万: 4, 亿: 8, 千: 3, 百: 2 };
/** Units a measure may carry: short, no digits, not a sentence. */
const UNIT = /^(?:%|‰|[A-Za-z\u4E00-\u9FFF]{1,4}(?:\/[A-Za-z\u4E00-\u9FFF]{1,3})?)$/;

/**
 * Parses a target or actual value (`≥3340.00(人)`, `=100.00 (%)`, `≤172.42(万元)`, `<10 次`,
 * `>=12万`, `＞0`, `>=85分`, `0.8`, `1668.71万`). 万 and 亿 scale the value to base units
 * (`172.42(万元)` → 1724200 `元`); words such as `及时` or `是/否` give all nulls.
 * `unitHint` is a unit the indicator's name gives (`补助资金数量（万元）`), used when the value
 * itself has none.
 */
export function parseMeasure(text: string | null | undefined, unitHint: string | null = null): Measure {
  if (!text) return EMPTY_MEASURE;
  let s = foldFullWidth(text).trim();
  if (!s) return EMPTY_MEASURE;
  let op: TargetOp | null = null;
  for (const [re, o] of OPERATORS) {
    const m = re.exec(s);
    if (m) {
      op = o;
      s = s.slice(m[0].length).trim();
      break;
    }
  }
  const num = NUMBER.exec(cleanNumberText(s));
  if (!num) return EMPTY_MEASURE;
  s = cleanNumberText(s);
  let decimal = num[0].replace(/,/g, '').replace(/^\+/, '');
  let rest = s.slice(num[0].length).trim();
  if (op === null) {
    for (const [re, o] of SUFFIX_OPS) {
      if (re.test(rest)) {
        op = o;
        rest = rest.replace(re, '').trim();
        break;
      }
    }
  }
  rest = rest.replace(/^[(（]\s*(.*?)\s*[)）]$/, '$1').trim();
  let shift = 0;
  const scaled = /^(万|亿|千|百)(.*)$/.exec(rest);
  if (scaled && (scaled[2] === '' || UNIT.test(scaled[2] ?? ''))) {
    shift = MULTIPLIERS[scaled[1] ?? ''] ?? 0;
    rest = (scaled[2] ?? '').replace(/^[(（]\s*(.*?)\s*[)）]$/, '$1').trim();
  }
  if (rest && !UNIT.test(rest)) return EMPTY_MEASURE;
  let unit: string | null = rest || null;
  if (unit === null && unitHint) {
    const hint = /^(万|亿|千)(.*)$/.exec(unitHint);
    if (hint && shift === 0) {
      shift = MULTIPLIERS[hint[1] ?? ''] ?? 0;
      unit = hint[2] || null;
    } else if (!hint) {
      unit = unitHint;
    } else {
      unit = hint[2] || null;
    }
  }
  if (shift) decimal = shiftDecimal(decimal, shift);
  return { op, value: Number(decimal), unit };
}

/** The unit an indicator's name declares in brackets at its end: `补助资金数量（万元）` → `万元`. */
export function unitFromName(name: string): string | null {
  const m = /[(（]\s*([%‰A-Za-z\u4E00-\u9FFF/]{1,4})\s*[)）]\s*$/.exec(foldFullWidth(name));
  return m ? (m[1] ?? null) : null;
}

/** True when the value says a number with an operator, i.e. the target is quantified. */
export function isQuantified(m: Measure): boolean {
  return m.value !== null;
}

/**
 * Parses a date: `2026-01-01`, `2020-1-1`, `2023 年 1月 1 日`, `2019.12.31.`; `null` when the
 * text is blank, `undefined` when it is not a valid date.
 */
export function parseDate(text: string | null | undefined): string | null | undefined {
  if (!text) return null;
  const s = foldFullWidth(text).replace(/\s+/g, '');
  if (BLANK.test(s)) return null;
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?\.?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Compares an actual with a target: true when the actual meets it. Without an operator the target
 * is a value to reach exactly. `null` when either number is missing or the units disagree.
 */
export function meetsTarget(target: Measure, actual: Measure): boolean | null {
  if (target.value === null || actual.value === null) return null;
  if (target.unit && actual.unit && target.unit !== actual.unit) return null;
  const a = actual.value;
  const t = target.value;
  const eps = 1e-9 * Math.max(1, Math.abs(t));
  switch (target.op) {
    case '>=':
      return a >= t - eps;
    case '<=':
      return a <= t + eps;
    case '>':
      return a > t;
    case '<':
      return a < t;
    case '=':
    case null:
      return Math.abs(a - t) <= eps;
  }
}

/** True when a text is a blank placeholder (`—`, `/`, `无`, empty). */
export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || BLANK.test(foldFullWidth(text).replace(/\s+/g, ''));
}
