/** Forms written as workbooks with SheetJS and read back: merges, number cells and their formats. */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { buildForms } from '../../../scripts/lib/forms/grid';
import type { FormGrid } from '../../../scripts/lib/forms/layout';
import { formsWorkbook } from '../../../scripts/lib/forms/xlsx';
import { parseSeed } from '../../helpers/seeds';

function read(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellNF: true });
}

/** Where each part's table starts on a sheet holding `forms` from row 0: after its titles and the line above it. */
function tableTops(forms: readonly FormGrid[]): number[] {
  const tops: number[] = [];
  let r = 0;
  forms
    .flatMap((f) => f.parts)
    .forEach((p, k) => {
      if (k > 0) r++;
      r += p.titles.length + (p.above.length ? 1 : 0);
      tops.push(r);
      r += p.table.rows + p.below.length;
    });
  return tops;
}

/** Every cell of the forms' tables is on the sheet as the form prints it: text, or a number that formats to the text. */
function expectTablesOnSheet(sheet: XLSX.WorkSheet, forms: readonly FormGrid[]): number {
  const tops = tableTops(forms);
  let numbers = 0;
  forms
    .flatMap((f) => f.parts)
    .forEach((part, k) => {
      for (const c of part.table.cells) {
        const got = sheet[XLSX.utils.encode_cell({ r: (tops[k] as number) + c.row, c: c.col })] as
          XLSX.CellObject | undefined;
        if (c.text === '') expect(got).toBeUndefined();
        else if (c.number) {
          numbers++;
          expect(got?.t).toBe('n');
          expect(got?.v).toBe(Number(c.number.value));
          expect(got?.z).toBe(c.number.format);
          expect(XLSX.SSF.format(got?.z as string, got?.v as number)).toBe(c.text);
        } else expect(got).toMatchObject({ t: 's', v: c.text });
      }
    });
  return numbers;
}

describe('formsWorkbook', () => {
  it('writes one sheet per form, named after its project, merged cells as !merges', () => {
    const forms = buildForms(parseSeed('000'));
    const book = read(formsWorkbook(forms));
    expect(book.SheetNames).toEqual([
      '社会救助',
      '免申即享运维费',
      '医疗补助',
      '辅助业务管理与支持',
      '宣传与推广',
      '编外人员工作经费'
    ]);
    const sheet = book.Sheets['社会救助'] as XLSX.WorkSheet;
    expect(sheet.A1?.v).toBe('财政项目支出绩效目标申报表');
    expect(sheet.A3?.v).toBe('项目名称');
    expect(sheet['!ref']).toBe('A1:F21');
    const merges = sheet['!merges'] ?? [];
    // 绩效指标 over rows 12–20 (0-based 11–19), 产出指标 over six rows, the title across the table.
    expect(merges).toContainEqual({ s: { r: 11, c: 0 }, e: { r: 19, c: 0 } });
    expect(merges).toContainEqual({ s: { r: 12, c: 1 }, e: { r: 17, c: 1 } });
    expect(merges).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } });
    expect(sheet.E6).toMatchObject({ t: 'n', v: 11143200, z: '#,##0.00', w: '11,143,200.00' });
    expect(sheet.A21?.v).toMatch(/^填报人：\p{Script=Han}{2} {4}联系电话：021-\d{8}/u);
  });

  // Number cells per seed: the current form's non-null amounts; the 2020 form's funds and budget
  // lines; the self-evaluation's funds, rates, weights and scores.
  it.each([
    ['000', 24],
    ['001', 9],
    ['002', 289],
    ['003', 48],
    ['004', 243]
  ] as const)(
    'puts every cell of seed %s’s forms on its sheet, %i of them numbers that print as the form',
    (id, n) => {
      const forms = buildForms(parseSeed(id));
      const book = read(formsWorkbook(forms));
      const sheets = forms.map(
        (form, i) => [book.Sheets[book.SheetNames[i] as string] as XLSX.WorkSheet, form] as const
      );
      expect(sheets.reduce((sum, [sheet, form]) => sum + expectTablesOnSheet(sheet, [form]), 0)).toBe(n);
    }
  );

  it('writes rates as percent cells and scores as numbers (seed 004)', () => {
    const book = read(formsWorkbook(buildForms(parseSeed('004')).slice(1, 2)));
    const sheet = book.Sheets['业务培训'] as XLSX.WorkSheet;
    expect(sheet.G6).toMatchObject({ t: 'n', v: 0.632, z: '0.00%', w: '63.20%' });
    expect(sheet.H6).toMatchObject({ t: 'n', v: 6.32 });
    expect(sheet.D7).toMatchObject({ t: 'n', v: 120000, z: '0', w: '120000' });
  });

  it('puts all forms of a document on one sheet, one below another', () => {
    const forms = buildForms(parseSeed('002'));
    const book = read(formsWorkbook(forms, { layout: 'one-sheet', sheetName: '2020年项目绩效目标' }));
    expect(book.SheetNames).toEqual(['2020年项目绩效目标']);
    const sheet = book.Sheets['2020年项目绩效目标'] as XLSX.WorkSheet;
    expect(expectTablesOnSheet(sheet, forms)).toBeGreaterThan(100);
    const tops = tableTops(forms);
    expect(tops).toHaveLength(39);
    // The second project's overview starts three parts down, under its title and 金额单位 line.
    expect(sheet[XLSX.utils.encode_cell({ r: (tops[3] as number) - 3, c: 0 })]?.v).toBe(
      '财政项目支出绩效目标申报表（项目总体情况）'
    );
    expect(sheet[XLSX.utils.encode_cell({ r: tops[3] as number, c: 1 })]?.v).toBe('党建工作经费');
    expect(sheet[XLSX.utils.encode_cell({ r: (tops[3] as number) - 1, c: 5 })]?.v).toBe('金额单位：元');
  });

  it('writes .xls (BIFF8) with the same merges, numbers and formats', () => {
    const forms = buildForms(parseSeed('004'));
    const xlsx = read(formsWorkbook(forms));
    const xls = read(formsWorkbook(forms, { bookType: 'xls' }));
    const bytes = formsWorkbook(forms, { bookType: 'xls' });
    // A BIFF8 workbook is an OLE compound file.
    expect([...bytes.slice(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    expect(xls.SheetNames).toEqual(xlsx.SheetNames);
    for (const [i, name] of xls.SheetNames.entries()) {
      const sheet = xls.Sheets[name] as XLSX.WorkSheet;
      expect(sheet['!merges']?.length).toBe(xlsx.Sheets[name]?.['!merges']?.length);
      expectTablesOnSheet(sheet, [forms[i] as FormGrid]);
    }
    expect(xls.Sheets['设备购置']?.G6).toMatchObject({ t: 'n', v: 0.5, z: '0.00%', w: '50.00%' });
  });

  it('keeps sheet names within Excel’s rules', () => {
    const seed = parseSeed('000');
    const p = seed.projects[0]!;
    const twins = [
      { ...p, project_id: 'a', name: '信息系统/网络[运维]：一二三四五六七八九十一二三四五六七八九十' },
      { ...p, project_id: 'b', name: '信息系统/网络[运维]：一二三四五六七八九十一二三四五六七八九十' }
    ];
    const book = read(formsWorkbook(buildForms({ ...seed, projects: twins })));
    expect(book.SheetNames).toEqual([
      '信息系统_网络_运维_：一二三四五六七八九十一二三四五六七八九',
      '信息系统_网络_运维_：一二三四五六七八九十一二三四五(2)'
    ]);
  });
});
