import { describe, expect, it } from 'vitest';
import {
  meetsTarget,
  parseDate,
  parseMeasure,
  parseMoney,
  parseNumber,
  parseRate,
  unitFromName
} from '../../../src/lib/ingest/values';

describe('parseMeasure: every target format of the seeds', () => {
  it.each([
    ['≥3340.00(人)', '>=', 3340, '人'],
    ['=100(%)', '=', 100, '%'],
    ['=100.00 (%)', '=', 100, '%'],
    ['≤172.42(万元)', '<=', 1724200, '元'],
    ['<10 次', '<', 10, '次'],
    ['>=12万', '>=', 120000, null],
    ['＞0', '>', 0, null],
    ['>=85分', '>=', 85, '分'],
    ['0.8', null, 0.8, null],
    ['1668.71万', null, 16687100, null],
    ['=6000人', '=', 6000, '人'],
    ['≥2.00(次/周)', '>=', 2, '次/周'],
    ['≥48.00(人次)', '>=', 48, '人次'],
    ['=100.00%', '=', 100, '%'],
    ['100%', null, 100, '%'],
    ['12.25万', null, 122500, null],
    ['＞＝９０％', '>=', 90, '%'],
    ['不低于90%', '>=', 90, '%'],
    ['95%以上', '>=', 95, '%'],
    ['1, 234 .5元', null, 1234.5, '元']
  ] as const)('%s → %s %s %s', (text, op, value, unit) => {
    expect(parseMeasure(text)).toEqual({ op, value, unit });
  });

  it.each(['及时', '有效缓解', '是/否', '是', '精准无误', '100%覆盖', ''])('keeps %s qualitative', (text) => {
    expect(parseMeasure(text)).toEqual({ op: null, value: null, unit: null });
  });

  it('takes the unit from the indicator name when the value has none (补助资金数量（万元）)', () => {
    const hint = unitFromName('补助资金数量（万元）');
    expect(hint).toBe('万元');
    expect(parseMeasure('>1000', hint)).toEqual({ op: '>', value: 10000000, unit: '元' });
    expect(parseMeasure('1668.71万', hint)).toEqual({ op: null, value: 16687100, unit: '元' });
  });

  it('scales 万 exactly, without float error', () => {
    expect(parseMeasure('≤172.42(万元)').value).toBe(1724200);
    expect(parseMeasure('0.07万').value).toBe(700);
  });
});

describe('parseMoney: exact to the fen', () => {
  it.each([
    ['11,143,200.00', '11143200.00'],
    ['60,000', '60000.00'],
    ['174,371.2', '174371.20'],
    ['0', '0.00'],
    ['22842339.16', '22842339.16'],
    ['1668.71万', '16687100.00'],
    ['3亿元', '300000000.00'],
    ['１２３.４５', '123.45'],
    ['0.125', '0.13'],
    ['-5.5', '-5.50']
  ])('%s → %s', (text, money) => {
    expect(parseMoney(text)).toBe(money);
  });

  it.each(['—', '-', '', '/', '无'])('reads the placeholder %j as not stated (null)', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('says undefined for text that is not an amount', () => {
    expect(parseMoney('其他资金')).toBeUndefined();
  });
});

describe('rates, numbers and dates', () => {
  it('reads rates as fractions', () => {
    expect(parseRate('50.00%')).toBe(0.5);
    expect(parseRate('115.95%')).toBe(1.1595);
    expect(parseRate('63.20%')).toBe(0.632);
    expect(parseRate('0.5')).toBe(0.5);
    expect(parseRate('—')).toBeNull();
  });

  it('reads plain numbers', () => {
    expect(parseNumber('6.32')).toBe(6.32);
    expect(parseNumber('1,000')).toBe(1000);
    expect(parseNumber('及时')).toBeUndefined();
  });

  it.each([
    ['2026-01-01', '2026-01-01'],
    ['2020-1-1', '2020-01-01'],
    ['2023 年 1月 1 日', '2023-01-01'],
    ['2023 年 12 月 31 日', '2023-12-31'],
    ['2019.12.31.', '2019-12-31']
  ])('reads the date %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('refuses impossible dates', () => {
    expect(parseDate('2023-02-30')).toBeUndefined();
  });
});

describe('meetsTarget', () => {
  it('compares an actual with a target by its operator', () => {
    expect(meetsTarget(parseMeasure('>=12万'), parseMeasure('12.25万'))).toBe(true);
    expect(meetsTarget(parseMeasure('=4'), parseMeasure('1'))).toBe(false);
    expect(meetsTarget(parseMeasure('<2%'), parseMeasure('2%'))).toBe(false);
    expect(meetsTarget(parseMeasure('0'), parseMeasure('0'))).toBe(true);
    expect(meetsTarget(parseMeasure('及时'), parseMeasure('及时'))).toBeNull();
  });
});
