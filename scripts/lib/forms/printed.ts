/**
 * Values as the forms print them, each with the number a workbook would store behind it: amounts
 * (`11,143,200.00`, `660296`, `118.50` 万元), rates (`58.13%`) and scores (`6.32`). Exact: money
 * stays a decimal string from the record to the printed text.
 */
import type { Money } from '../../../src/lib/schema/records';

/** The number a workbook stores behind a printed value: exact decimal text and its number format. */
export interface NumberValue {
  /** The value as a plain decimal (`'11143200.00'`, `'0.5813'`). */
  value: string;
  /** The Excel number format that shows `value` as the form prints it (`'#,##0.00'`, `'0.00%'`). */
  format: string;
}

/** A printed value: the text on the form, and the number behind it (none for a blank). */
export interface Printed {
  text: string;
  number?: NumberValue;
}

/** How a template prints an amount. */
export type AmountStyle =
  /** `11,143,200.00` (the 2023–2026 declaration) */
  | 'grouped'
  /** `120000.00` (budget lines, the self-evaluation's total row) */
  | 'fixed'
  /** `660296` when whole, else `22842339.16` (the 2020 form, the self-evaluation's sub-rows) */
  | 'plain'
  /** 万元 with at least two places, exactly: `1185000.00` → `118.50` (the national template) */
  | 'wan';

const BLANK: Printed = { text: '' };

/** Moves the decimal point of a plain decimal `places` to the left (negative: to the right), exactly. */
export function shiftPoint(decimal: string, places: number): string {
  const negative = decimal.startsWith('-');
  const [intPart = '0', frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  let digits = intPart + frac;
  let point = intPart.length - places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

/** Pads a plain decimal to at least `places` decimals (`'118.5'`, 2 → `'118.50'`). */
function padPlaces(decimal: string, places: number): string {
  const [whole, frac = ''] = decimal.split('.');
  const padded = frac.padEnd(places, '0');
  return padded ? `${whole}.${padded}` : `${whole}`;
}

function placesOf(decimal: string): number {
  return decimal.split('.')[1]?.length ?? 0;
}

/** The number format showing a plain number with this many decimals. */
function fixedFormat(places: number): string {
  return places ? `0.${'0'.repeat(places)}` : '0';
}

/** `11143200.00` → `11,143,200.00`. */
export function withThousands(decimal: string): string {
  const [whole = '', frac] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** An amount of yuan as a template prints it; blank for null. */
export function amount(money: Money | null, style: AmountStyle): Printed {
  if (money === null) return BLANK;
  switch (style) {
    case 'grouped':
      return { text: withThousands(money), number: { value: money, format: '#,##0.00' } };
    case 'fixed':
      return { text: money, number: { value: money, format: fixedFormat(placesOf(money)) } };
    case 'plain': {
      const text = money.replace(/\.0+$/, '');
      return { text, number: { value: text, format: fixedFormat(placesOf(text)) } };
    }
    case 'wan': {
      const wan = shiftPoint(money, 4);
      const text = padPlaces(wan, Math.max(2, placesOf(wan)));
      return { text, number: { value: wan, format: fixedFormat(placesOf(text)) } };
    }
  }
}

/** A float's shortest decimal text, never in exponent form. */
function decimalOf(x: number): string {
  const s = String(x);
  return /e/i.test(s) ? x.toFixed(20).replace(/\.?0+$/, '') : s;
}

/** A rate (0.5813) as the forms print it: a percent with at least two places (`58.13%`); blank for null. */
export function percent(rate: number | null): Printed {
  if (rate === null) return BLANK;
  const value = decimalOf(rate);
  const pct = shiftPoint(value, -2);
  const places = Math.max(2, placesOf(pct));
  return { text: `${padPlaces(pct, places)}%`, number: { value, format: `${fixedFormat(places)}%` } };
}

/** A weight or score as printed (`10`, `6.32`); blank for null. */
export function score(x: number | null): Printed {
  if (x === null) return BLANK;
  const text = decimalOf(x);
  return { text, number: { value: text, format: 'General' } };
}

/** A quantity of the itemised budget as the 2020 form prints it: `656.00`. */
export function quantity(x: number | null): Printed {
  if (x === null) return BLANK;
  const value = decimalOf(x);
  const text = padPlaces(value, Math.max(2, placesOf(value)));
  return { text, number: { value, format: fixedFormat(placesOf(text)) } };
}

/** Exact sum of amounts (decimal strings with at most two places), as a decimal with two places. */
export function sumMoney(values: readonly Money[]): Money {
  let fen = 0n;
  for (const v of values) fen += BigInt(padPlaces(v, 2).replace('.', ''));
  const negative = fen < 0n;
  const digits = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Exact sum of scores (`10 + 6.32`), as the shortest decimal; null when any is unknown. */
export function sumScores(values: readonly (number | null)[]): number | null {
  if (values.some((v) => v === null)) return null;
  const texts = values.map((v) => decimalOf(v as number));
  const places = Math.max(0, ...texts.map(placesOf));
  let units = 0n;
  for (const t of texts) units += BigInt(padPlaces(t, places).replace('.', ''));
  return Number(shiftPoint(units.toString(), places));
}
