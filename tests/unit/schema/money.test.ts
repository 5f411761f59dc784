import { describe, expect, it } from 'vitest';
import { fenToMoney, moneyToFen, roundDecimal, shiftDecimal, sumMoney } from '../../../src/lib/schema/money';

describe('money', () => {
  it('adds exactly where floats would not', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['14392367.39', '0.00', null])).toBe('14392367.39');
    expect(fenToMoney(moneyToFen('-475000.00'))).toBe('-475000.00');
  });
});

describe('decimal helpers', () => {
  it('shifts and rounds decimal strings exactly', () => {
    expect(shiftDecimal('172.42', 4)).toBe('1724200');
    expect(shiftDecimal('115.95', -2)).toBe('1.1595');
    expect(shiftDecimal('0.5', -3)).toBe('0.0005');
    expect(roundDecimal('2.675', 2)).toBe('2.68');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
  });
});
