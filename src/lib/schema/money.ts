/**
 * Money as the contract holds it: yuan as an exact decimal string with two places (`Money`), and
 * the exact arithmetic every layer needs on it (fen as bigint, decimal shifts and rounding). Never
 * a float: the ingest, the audit, the browser's engine and the exports all use these.
 */
import type { Money } from './records';

/**
 * Shifts the decimal point of a plain decimal string `digits` by `shift` places to the right,
 * exactly (`'172.42'`, 4 → `'1724200'`).
 */
export function shiftDecimal(decimal: string, shift: number): string {
  const negative = decimal.startsWith('-');
  const body = negative ? decimal.slice(1) : decimal;
  const [intPart = '0', fracPart = ''] = body.split('.');
  let digits = intPart + fracPart;
  let point = intPart.length + shift;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${whole}.${frac}` : whole;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}

/** Rounds a plain decimal string to `places` decimals, half away from zero, exactly. */
export function roundDecimal(decimal: string, places: number): string {
  const negative = decimal.startsWith('-');
  const body = negative ? decimal.slice(1) : decimal;
  const [intPart = '0', fracPart = ''] = body.split('.');
  const padded = (fracPart + '0'.repeat(places + 1)).slice(0, places + 1);
  let units = BigInt((intPart || '0') + padded.slice(0, places));
  if (Number(padded[places]) >= 5) units += 1n;
  const str = units.toString().padStart(places + 1, '0');
  const result = places > 0 ? `${str.slice(0, -places)}.${str.slice(-places)}` : str;
  return negative && units !== 0n ? `-${result}` : result;
}

/** A money string as integer fen. */
export function moneyToFen(money: Money): bigint {
  const [intPart = '0', fracPart = ''] = money.replace('-', '').split('.');
  const fen = BigInt(intPart) * 100n + BigInt((fracPart + '00').slice(0, 2));
  return money.startsWith('-') ? -fen : fen;
}

/** Integer fen as a money string with two places. */
export function fenToMoney(fen: bigint): Money {
  const negative = fen < 0n;
  const abs = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** Exact sum of money strings. */
export function sumMoney(values: readonly (Money | null)[]): Money {
  let total = 0n;
  for (const v of values) if (v !== null) total += moneyToFen(v);
  return fenToMoney(total);
}
