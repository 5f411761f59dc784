/** Exact money arithmetic for the rules (fen as bigint) and the figures their messages quote. */
import type { Money } from '../schema/records';
import { formatYuan } from '../format';
import { fenToMoney, moneyToFen } from '../schema/money';

/** Money as fen; null stays null. */
export const fen = (m: Money | null): bigint | null => (m === null ? null : moneyToFen(m));
/** Fen as a float of 元, for the `expected` / `actual` columns. */
export const yuan = (f: bigint): number => Number(fenToMoney(f));
/** Fen formatted as 元 with separators. */
export const showFen = (f: bigint): string => formatYuan(fenToMoney(f));
/** Absolute value of fen. */
export const absFen = (f: bigint): bigint => (f < 0n ? -f : f);
/** True when two fen amounts differ by more than the tolerance (in 元). */
export const differs = (a: bigint, b: bigint, toleranceYuan: number): boolean =>
  absFen(a - b) > BigInt(Math.round(toleranceYuan * 100));
