import { describe, expect, it } from 'vitest';
import { median, quantile, ratio, round, verdict } from '../../../scripts/lib/bench/stats';

describe('bench statistics', () => {
  it('median and p95 interpolate between ranks, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(quantile([7], 0.95)).toBe(7);
    expect(median([])).toBeNull();
  });
  it('ratios and verdicts keep missing figures missing', () => {
    expect(ratio(3000, 250)).toBe(12);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(round(1.2345, 2)).toBe(1.23);
    expect(verdict('≤ 300 ms', 120, '<=', 300).met).toBe(true);
    expect(verdict('≥ 200 docs/s', 180, '>=', 200).met).toBe(false);
    expect(verdict('x', null, '<=', 1).met).toBeNull();
  });
});
