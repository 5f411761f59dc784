/**
 * Numbers as Chinese readers expect them: 元 with thousands separators, 万元 and 亿元 for large
 * amounts, percentages. Exact money strings are formatted without going through a float.
 */
import type { Money } from './schema/records';

const zh = (digits: number) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const FORMATS = [0, 1, 2, 4].map(zh);
const fmt = (digits: number) => FORMATS[[0, 1, 2, 4].indexOf(digits)] ?? zh(digits);

/** An exact amount in 元 with separators: `'11143200.00'` → `11,143,200.00`. */
export function formatYuan(money: Money | null | undefined): string {
  if (money === null || money === undefined || money === '') return '—';
  const negative = money.startsWith('-');
  const [int = '0', frac = ''] = money.replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${(frac + '00').slice(0, 2)}`;
}

/** An amount in 万元 with two decimals: 33706066 → `3,370.61`. */
export function formatWan(yuan: number | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  return fmt(digits).format(yuan / 10_000);
}

/** An amount in 亿元: 187109143 → `1.87`. */
export function formatYi(yuan: number | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  return fmt(digits).format(yuan / 100_000_000);
}

/** The amount with the unit that reads best: 元 below 1 万, 万元 below 1 亿, else 亿元. */
export function formatAmount(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '—';
  const abs = Math.abs(yuan);
  if (abs >= 100_000_000) return `${formatYi(yuan)} 亿元`;
  if (abs >= 10_000) return `${formatWan(yuan)} 万元`;
  return `${fmt(2).format(yuan)} 元`;
}

/** A fraction as a percentage: 0.5813 → `58.13%`. */
export function formatRate(rate: number | null | undefined, digits = 2): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${fmt(digits).format(rate * 100)}%`;
}

/** A plain number with separators. */
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return fmt(digits).format(n);
}

/** A score with up to two decimals (`6.32`, `90`). */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

/** Where on its source a record was read: `第 12 行`, or `第 3 页第 12 行` in a PDF or workbook. */
export function formatSourceLine(line: unknown, page: unknown): string {
  const l = typeof line === 'number' ? line : null;
  const p = typeof page === 'number' ? page : null;
  if (p === null) return l === null ? '—' : `第 ${l} 行`;
  return l === null || l <= 0 ? `第 ${p} 页` : `第 ${p} 页第 ${l} 行`;
}

/**
 * A record's source, as the ingest names places in its messages: `file:12`, or
 * `file 第 3 页第 12 行` in a PDF or workbook.
 */
export function formatSourceRef(file: unknown, line: unknown, page: unknown): string {
  if (typeof page === 'number') return `${String(file)} ${formatSourceLine(line, page)}`;
  return `${String(file)}:${typeof line === 'number' ? line : '—'}`;
}
