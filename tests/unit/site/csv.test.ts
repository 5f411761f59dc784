import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, neutraliseCell, toCsv } from '../../../src/lib/csv';

describe('CSV exports', () => {
  it('start with a BOM and keep Chinese text and exact amounts', () => {
    const csv = toCsv(
      [
        { key: 'name', label: '项目' },
        { key: 'amount', label: '年度资金（元）' }
      ],
      [{ name: '社会救助', amount: '11143200.00' }]
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}项目,年度资金（元）\r\n社会救助,11143200.00`);
  });

  it('neutralise formula injection in text cells but keep numbers', () => {
    expect(neutraliseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-2')).toBe("'-2");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell(-2)).toBe(-2);
    expect(neutraliseCell('≥90%')).toBe('≥90%');
  });

  it('quote cells with commas, quotes and line breaks so that the rows survive', () => {
    const rows = [{ a: '含,逗号', b: '含"引号"', c: '两\n行' }];
    const csv = toCsv(
      ['a', 'b', 'c'].map((k) => ({ key: k, label: k })),
      rows
    );
    expect(Papa.parse(csv.slice(1), { header: true }).data).toEqual(rows);
  });
});
