/** Summaries of repeated measurements, for `npm run bench`. Pure. */

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export const median = (values: readonly number[]): number | null => quantile(values, 0.5);

/** `a / b`, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

/** Rounds to `digits` decimals, keeping null. */
export function round(v: number | null, digits = 1): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** A target and whether a figure meets it. */
export interface Verdict {
  target: string;
  value: number | null;
  met: boolean | null;
}

/** Whether `value` is at most (or at least) `limit`; null when there is no value. */
export function verdict(target: string, value: number | null, cmp: '<=' | '>=', limit: number): Verdict {
  return {
    target,
    value,
    met: value === null ? null : cmp === '<=' ? value <= limit : value >= limit
  };
}
