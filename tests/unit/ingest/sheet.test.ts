/**
 * Workbooks built here with SheetJS itself, written as .xlsx and as .xls (BIFF8), read back by
 * readWorkbook: the funds block of the national self-evaluation template, money from float cells,
 * two forms on a sheet, several sheets, hidden parts, broken and encrypted files; then random grids
 * and random damage (fast-check, a new seed each run; FUZZ_SEED replays one, FUZZ_RUNS scales).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CFB, utils, write, type CellObject, type WorkBook } from '@e965/xlsx';
import {
  inflateRaw,
  numberText,
  plainDecimal,
  readWorkbook,
  readZip,
  toTableBlock,
  WorkbookReadError,
  ZipError,
  type WorkbookDocument
} from '../../../src/lib/ingest/formats/sheet';
import type { GridCell, TableBlock } from '../../../src/lib/ingest/formats/paged';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/sheet');

// ---------------------------------------------------------------------------------------------
// Building workbooks

interface SheetSpec {
  name: string;
  /** Rows of values; a string starting with '=' is not a formula (formulas go in `formulas`). */
  aoa: unknown[][];
  /** Merged ranges in A1 notation (`A5:A9`). */
  merges?: string[];
  /** Number formats by cell address. */
  formats?: Record<string, string>;
  /** Formulas with their cached values by cell address. */
  formulas?: Record<string, { f: string; v: number; z?: string }>;
  hidden?: 1 | 2;
  /** 1-based Excel rows to hide. */
  hiddenRows?: number[];
  /** 0-based columns to hide. */
  hiddenCols?: number[];
}

function workbook(sheets: SheetSpec[]): WorkBook {
  const wb = utils.book_new();
  for (const spec of sheets) {
    const ws = utils.aoa_to_sheet(spec.aoa);
    for (const [addr, z] of Object.entries(spec.formats ?? {})) (ws[addr] as CellObject).z = z;
    for (const [addr, { f, v, z }] of Object.entries(spec.formulas ?? {})) ws[addr] = { t: 'n', f, v, z };
    if (spec.formulas) {
      const range = utils.decode_range(ws['!ref'] ?? 'A1');
      for (const addr of Object.keys(spec.formulas)) {
        const { r, c } = utils.decode_cell(addr);
        range.e.r = Math.max(range.e.r, r);
        range.e.c = Math.max(range.e.c, c);
      }
      ws['!ref'] = utils.encode_range(range);
    }
    if (spec.merges) ws['!merges'] = spec.merges.map((m) => utils.decode_range(m));
    if (spec.hiddenRows) {
      ws['!rows'] = [];
      for (const r of spec.hiddenRows) ws['!rows'][r - 1] = { hidden: true };
    }
    if (spec.hiddenCols) {
      ws['!cols'] = [];
      for (const c of spec.hiddenCols) ws['!cols'][c] = { hidden: true };
    }
    utils.book_append_sheet(wb, ws, spec.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ?? 0 })) };
  return wb;
}

type BookType = 'xlsx' | 'biff8';
const BOOK_TYPES: BookType[] = ['xlsx', 'biff8'];

function bytesOf(
  wb: WorkBook,
  bookType: BookType | 'ods' | 'xlml' | 'xlsb',
  compression = false
): Uint8Array {
  return new Uint8Array(write(wb, { type: 'array', bookType, compression }) as ArrayBuffer);
}

function readBack(sheets: SheetSpec[], bookType: BookType): WorkbookDocument {
  return readWorkbook(bytesOf(workbook(sheets), bookType));
}

function tableOf(doc: WorkbookDocument, page = 0): TableBlock {
  const block = doc.pages[page]?.blocks[0];
  if (block?.kind !== 'table') throw new Error(`page ${page} has no table`);
  return block;
}

/** The cells whose top is on Excel row `line`, as `[col, rowSpan, colSpan, text]`. */
function rowAt(table: TableBlock, line: number): [number, number, number, string][] {
  const row = table.rowLines.indexOf(line);
  expect(row, `row ${line} is in the grid`).toBeGreaterThanOrEqual(0);
  return table.cells.filter((c) => c.row === row).map((c) => [c.col, c.rowSpan, c.colSpan, c.text]);
}

function readError(bytes: Uint8Array): WorkbookReadError {
  try {
    readWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error('the workbook was read');
}

// ---------------------------------------------------------------------------------------------
// The national self-evaluation template's head and funds block
// (/work/shared/samples/national-selfeval-template.md): 项目资金（万元） spans its header row and
// the four money rows; 执行率 and 得分 are formulas whose cached values Excel rounds for display.

const NATIONAL: SheetSpec = {
  name: '自评表',
  aoa: [
    ['项目支出绩效自评表'],
    ['（2024年度）'],
    ['项目名称', '农村饮水安全工程维修养护'],
    ['主管部门', '临江县水利局', null, null, '实施单位', '临江县农村供水管理站'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 120, 118.5, 112.3, 10],
    [null, '其中：当年财政拨款', 120, 118.5, 112.3, '—', '—', '—'],
    [null, '上年结转资金', 0, 0, 0, '—', '—', '—'],
    [null, '其他资金', 0, 0, 0, '—', '—', '—']
  ],
  merges: ['A1:H1', 'A2:H2', 'B3:H3', 'B4:D4', 'F4:H4', 'A5:A9'],
  formats: Object.fromEntries(
    ['C', 'D', 'E'].flatMap((c) => [6, 7, 8, 9].map((r) => [`${c}${r}`, '#,##0.00']))
  ),
  formulas: {
    G6: { f: 'E6/D6', v: 112.3 / 118.5, z: '0.00%' },
    H6: { f: 'F6*G6', v: (10 * 112.3) / 118.5, z: '0.00' }
  }
};

describe.each(BOOK_TYPES)('the national template read from %s', (bookType) => {
  const doc = readBack([NATIONAL], bookType);
  const table = tableOf(doc);

  it('is one page named after the sheet, one table over the used range', () => {
    expect(doc.format).toBe(bookType === 'xlsx' ? 'xlsx' : 'xls');
    expect(doc.pages.map((p) => [p.number, p.name, p.blocks.length])).toEqual([[1, '自评表', 1]]);
    expect([table.rows, table.cols]).toEqual([9, 8]);
    expect(table.rowLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.notices).toEqual([]);
  });

  it('has the title and the head as merged cells, the text once', () => {
    expect(rowAt(table, 1)).toEqual([[0, 1, 8, '项目支出绩效自评表']]);
    expect(rowAt(table, 3)).toEqual([
      [0, 1, 1, '项目名称'],
      [1, 1, 7, '农村饮水安全工程维修养护']
    ]);
    expect(rowAt(table, 4)).toEqual([
      [0, 1, 1, '主管部门'],
      [1, 1, 3, '临江县水利局'],
      [4, 1, 1, '实施单位'],
      [5, 1, 3, '临江县农村供水管理站']
    ]);
    expect(table.cells.filter((c) => c.text === '临江县水利局')).toHaveLength(1);
  });

  it('has 项目资金（万元） as one cell over five rows and the amounts as Excel shows them', () => {
    expect(rowAt(table, 5)).toEqual([
      [0, 5, 1, '项目资金（万元）'],
      [2, 1, 1, '年初预算数'],
      [3, 1, 1, '全年预算数'],
      [4, 1, 1, '全年执行数'],
      [5, 1, 1, '分值'],
      [6, 1, 1, '执行率'],
      [7, 1, 1, '得分']
    ]);
    expect(rowAt(table, 6)).toEqual([
      [1, 1, 1, '年度资金总额'],
      [2, 1, 1, '120.00'],
      [3, 1, 1, '118.50'],
      [4, 1, 1, '112.30'],
      [5, 1, 1, '10'],
      [6, 1, 1, '94.77%'],
      [7, 1, 1, '9.48']
    ]);
    expect(rowAt(table, 9)).toEqual([
      [1, 1, 1, '其他资金'],
      [2, 1, 1, '0.00'],
      [3, 1, 1, '0.00'],
      [4, 1, 1, '0.00'],
      [5, 1, 1, '—'],
      [6, 1, 1, '—'],
      [7, 1, 1, '—']
    ]);
    // Nothing was copied into the cells the merged label covers.
    expect(table.cells.filter((c) => c.col === 0 && c.row > 4)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cell text

describe.each(BOOK_TYPES)('cell text from %s', (bookType) => {
  const doc = readBack(
    [
      {
        name: '金额',
        aoa: [
          ['typed', 226145100, 0.1, 112.3, 0.1 + 0.2, 12345678901.23, 1e21, 1e-7, -1234.5],
          ['formatted', 1234567.891, 0.9477, 1.005, 2.675, -1.005, 1234.5, 1234.5, 1234567],
          ['dates', 45296, 45296, 45296, 45296, 45296.5],
          [
            'other',
            true,
            false,
            '1,234.50',
            '  两个   空格  ',
            '项⽬资⾦',
            'line\r\nbreak',
            '完成全县农村供水管网\n维修15公里'
          ]
        ],
        formats: {
          B2: '#,##0.00',
          C2: '0.00%',
          D2: '0.00',
          E2: '#,##0.00',
          F2: '#,##0.00;-#,##0.00',
          G2: '¥#,##0.00',
          H2: '#,##0.00"万元"',
          I2: '#,##0,',
          C3: 'yyyy-mm-dd',
          D3: 'm/d/yy',
          E3: 'yyyy年m月d日',
          F3: 'yyyy"年"m"月"d"日" hh:mm'
        }
      }
    ],
    bookType
  );
  const table = tableOf(doc);
  const texts = (line: number) => rowAt(table, line).map((c) => c[3]);

  it('gives a number as the publisher typed it, never a float’s long digits or an exponent', () => {
    expect(texts(1)).toEqual([
      'typed',
      '226145100',
      '0.1',
      '112.3',
      '0.3',
      '12345678901.23',
      '1000000000000000000000',
      '0.0000001',
      '-1234.5'
    ]);
  });

  it('gives a formatted number as Excel shows it, rounding the decimal as Excel does', () => {
    expect(texts(2)).toEqual([
      'formatted',
      '1,234,567.89',
      '94.77%',
      '1.01',
      '2.68',
      '-1.01',
      '¥1,234.50',
      '1,234.50万元',
      '1,235'
    ]);
  });

  it('gives a date as shown, and an unformatted serial as the number it is', () => {
    expect(texts(3)).toEqual([
      'dates',
      '45296',
      '2024-01-05',
      '2024/1/5',
      '2024年1月5日',
      '2024年1月5日 12:00'
    ]);
  });

  it('gives booleans, numbers stored as text, squeezed spaces, folded radicals, joined lines', () => {
    expect(texts(4)).toEqual([
      'other',
      'TRUE',
      'FALSE',
      '1,234.50',
      '两个 空格',
      '项目资金',
      'line break',
      '完成全县农村供水管网维修15公里'
    ]);
  });
});

describe('numberText and plainDecimal', () => {
  it('write doubles out in plain decimal to Excel’s 15 digits', () => {
    expect([0, -0, 0.1, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.7, -0.000123].map(plainDecimal)).toEqual([
      '0',
      '0',
      '0.1',
      '1000000000000000000000',
      '0.0000001',
      '123456789012346000000',
      '0.8',
      '-0.000123'
    ]);
    expect([NaN, Infinity].map(plainDecimal)).toEqual(['', '']);
  });

  it('reads back a decimal typed with up to 15 digits as the same text and the same double', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: -20, max: 25 }),
        (mantissa, exponent) => {
          const typed = decimalOf(mantissa, exponent);
          expect(plainDecimal(Number(typed))).toBe(typed);
          expect(Number(plainDecimal(Number(typed)))).toBe(Number(typed));
        }
      ),
      { numRuns: 2000, seed: SEED }
    );
  });

  it('rounds as Excel for scaled formats, and keeps the number where SheetJS cannot format', () => {
    expect(numberText(0.94775, '0.00%')).toBe('94.78%');
    expect(numberText(1234567, '#,##0.0,,"百万"')).toBe('1.2百万');
    expect(numberText(0.125, '0.0%')).toBe('12.5%');
    expect(numberText(2.5, '0')).toBe('3');
    expect(numberText(-2.5, '0')).toBe('-3');
    expect(numberText(1234.5, '[DBNum2][$-804]General')).toBe('1234.5');
    expect(numberText(1234.5, '@')).toBe('1234.5');
    // The en-US built-ins SheetJS names, as a Chinese Excel shows them.
    expect(numberText(-1234.5, '#,##0.00;(#,##0.00)')).toBe('-1,234.50');
    expect(numberText(1234.5, '"$"#,##0.00_);\\("$"#,##0.00\\)')).toBe('¥1,234.50');
    expect(numberText(45296, 'yyyy年m月d日')).toBe('2024年1月5日');
  });
});

/** mantissa × 10^exponent as the shortest plain decimal. */
function decimalOf(mantissa: bigint, exponent: number): string {
  if (mantissa === 0n) return '0';
  const sign = mantissa < 0n ? '-' : '';
  let digits = (mantissa < 0n ? -mantissa : mantissa).toString();
  let exp = exponent;
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    exp++;
  }
  if (exp >= 0) return sign + digits + '0'.repeat(exp);
  const point = digits.length + exp;
  return (
    sign +
    (point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`)
  );
}

// ---------------------------------------------------------------------------------------------
// Sheets, rows and what is hidden

describe.each(BOOK_TYPES)('layout read from %s', (bookType) => {
  it('keeps two forms on one sheet apart by their Excel row numbers', () => {
    const form = (name: string, amount: number) => [
      ['项目支出绩效自评表'],
      ['项目名称', name],
      ['全年执行数', amount]
    ];
    const doc = readBack(
      [
        {
          name: 'Sheet1',
          aoa: [...form('农村饮水安全工程维修养护', 112.3), [], [], ...form('河道清淤', 45.6)],
          merges: ['A1:B1', 'A6:B6']
        }
      ],
      bookType
    );
    const table = tableOf(doc);
    expect(table.rowLines).toEqual([1, 2, 3, 6, 7, 8]);
    expect(table.cells).toEqual<GridCell[]>([
      { row: 0, col: 0, rowSpan: 1, colSpan: 2, text: '项目支出绩效自评表' },
      { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: '项目名称' },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '农村饮水安全工程维修养护' },
      { row: 2, col: 0, rowSpan: 1, colSpan: 1, text: '全年执行数' },
      { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '112.3' },
      { row: 3, col: 0, rowSpan: 1, colSpan: 2, text: '项目支出绩效自评表' },
      { row: 4, col: 0, rowSpan: 1, colSpan: 1, text: '项目名称' },
      { row: 4, col: 1, rowSpan: 1, colSpan: 1, text: '河道清淤' },
      { row: 5, col: 0, rowSpan: 1, colSpan: 1, text: '全年执行数' },
      { row: 5, col: 1, rowSpan: 1, colSpan: 1, text: '45.6' }
    ]);
  });

  it('numbers pages by sheet among all sheets, skips an empty one, reads a hidden one and says so', () => {
    const doc = readBack(
      [
        { name: '自评表', aoa: [['项目名称', '河道清淤']] },
        { name: '空表', aoa: [] },
        { name: '附表', aoa: [['说明'], ['隐藏的工作表里的数据']], hidden: 1 }
      ],
      bookType
    );
    expect(doc.pages.map((p) => [p.number, p.name])).toEqual([
      [1, '自评表'],
      [3, '附表']
    ]);
    expect(rowAt(tableOf(doc, 1), 2)).toEqual([[0, 1, 1, '隐藏的工作表里的数据']]);
    expect(doc.notices).toEqual([
      {
        kind: 'hidden-sheet',
        sheet: 3,
        name: '附表',
        rows: [],
        message: '工作表“附表”是隐藏的工作表，已一并读取'
      }
    ]);
  });

  it('starts the grid at the first column and row with text, and keeps blank columns inside', () => {
    const doc = readBack(
      [{ name: 'S', aoa: [[], [], [null, null, '项目名称', null, '河道清淤']] }],
      bookType
    );
    const table = tableOf(doc);
    expect([table.rows, table.cols, table.rowLines]).toEqual([1, 3, [3]]);
    expect(rowAt(table, 3)).toEqual([
      [0, 1, 1, '项目名称'],
      [2, 1, 1, '河道清淤']
    ]);
  });

  it('reads hidden columns and says which', () => {
    const doc = readBack([{ name: 'S', aoa: [['项目名称', '备注', '河道清淤']], hiddenCols: [1] }], bookType);
    expect(rowAt(tableOf(doc), 1).map((c) => c[3])).toEqual(['项目名称', '备注', '河道清淤']);
    expect(doc.notices).toEqual([
      {
        kind: 'hidden-columns',
        sheet: 1,
        name: 'S',
        rows: [1],
        message: '工作表“S”第 B 列是隐藏列，已一并读取'
      }
    ]);
  });

  it('leaves out text under a merged range, as Excel does, and says so', () => {
    const doc = readBack(
      [
        {
          name: 'S',
          aoa: [
            ['年度总体目标', '被遮住'],
            ['完成', '']
          ],
          merges: ['A1:B1']
        }
      ],
      bookType
    );
    expect(tableOf(doc).cells.map((c) => c.text)).toEqual(['年度总体目标', '完成']);
    expect(doc.notices.map((n) => [n.kind, n.rows, n.message])).toEqual([
      ['covered-text', [1], '工作表“S”第 1 行有被合并单元格遮住的文字“被遮住”，Excel 中不显示，已略去']
    ]);
  });

  it('reads an error cell as blank and says so', () => {
    const wb = workbook([{ name: 'S', aoa: [['执行率', 1]] }]);
    (wb.Sheets.S as Record<string, CellObject>).B1 = { t: 'e', v: 0x2a, w: '#N/A' };
    const doc = readWorkbook(bytesOf(wb, bookType));
    expect(tableOf(doc).cells.map((c) => c.text)).toEqual(['执行率']);
    expect(doc.notices.map((n) => [n.kind, n.rows, n.message])).toEqual([
      ['error-cells', [1], '工作表“S”第 1 行有显示为公式错误（#N/A）的单元格，按空白读取']
    ]);
  });
});

it('reads hidden rows from .xlsx and says which', () => {
  const doc = readBack([{ name: 'S', aoa: [['a'], ['b'], ['c'], ['d']], hiddenRows: [2, 3] }], 'xlsx');
  expect(tableOf(doc).rowLines).toEqual([1, 2, 3, 4]);
  expect(doc.notices).toEqual([
    {
      kind: 'hidden-rows',
      sheet: 1,
      name: 'S',
      rows: [2, 3],
      message: '工作表“S”第 2、3 行是隐藏行，已一并读取'
    }
  ]);
});

it('reads hidden rows from .xls and says which', () => {
  // SheetJS writes no ROW records to .xls: one is put in as Excel writes it (fDyZero set).
  const xls = bytesOf(workbook([{ name: 'S', aoa: [['a'], ['b'], ['c']] }]), 'biff8');
  const hidden = patchWorkbookStream(xls, (s) => {
    const dimensions = biffRecords(s).filter((r) => r.type === 0x0200);
    const row = biffRecord(0x0208, [1, 0, 0, 0, 1, 0, 0xff, 0, 0, 0, 0, 0, 0x60, 0x01, 0x0f, 0]);
    return insert(s, (dimensions.at(-1) as { end: number }).end, row);
  });
  const doc = readWorkbook(hidden);
  expect(doc.notices.map((n) => [n.kind, n.rows])).toEqual([['hidden-rows', [2]]]);
  expect(tableOf(doc).cells.map((c) => c.text)).toEqual(['a', 'b', 'c']);
});

it('reads a formula saved without its result as blank and says so', () => {
  // What workbook generators that do not calculate write: <f> and no <v>.
  const xlsx = bytesOf(
    workbook([{ name: 'S', aoa: [['全年执行数', 1]], formulas: { C1: { f: 'B1*2', v: 2 } } }]),
    'xlsx'
  );
  const doc = readWorkbook(
    patchZipEntry(xlsx, '/xl/worksheets/sheet1.xml', (x) => x.replace('<v>2</v>', ''))
  );
  expect(tableOf(doc).cells.map((c) => c.text)).toEqual(['全年执行数', '1']);
  expect(doc.notices.map((n) => [n.kind, n.rows, n.message])).toEqual([
    ['uncached-formulas', [1], '工作表“S”第 1 行的公式没有保存计算结果，按空白读取']
  ]);
});

it('reads rich text as its plain text, runs and line breaks joined', () => {
  const xlsx = bytesOf(workbook([{ name: 'S', aoa: [['x', 1]] }]), 'xlsx');
  const rich =
    '<c r="A1" t="inlineStr"><is><r><t>项目</t></r><r><rPr><b/></rPr><t xml:space="preserve">名称\n（万元）</t></r></is></c>';
  const doc = readWorkbook(
    patchZipEntry(xlsx, '/xl/worksheets/sheet1.xml', (x) => x.replace(/<c r="A1"[^>]*>.*?<\/c>/, rich))
  );
  expect(tableOf(doc).cells.map((c) => c.text)).toEqual(['项目名称（万元）', '1']);
});

it('reads .ods, .xlsb and Excel 2003 XML, and says what they were', () => {
  const wb = workbook([NATIONAL]);
  for (const [bookType, format, fileType] of [
    ['ods', 'xlsx', 'ods'],
    ['xlsb', 'xlsx', 'xlsb'],
    ['xlml', 'xls', 'xlml']
  ] as const) {
    const doc = readWorkbook(bytesOf(wb, bookType));
    expect([doc.format, doc.fileType]).toEqual([format, fileType]);
    expect(rowAt(tableOf(doc), 5)[0]).toEqual([0, 5, 1, '项目资金（万元）']);
    expect(rowAt(tableOf(doc), 6).map((c) => c[3])).toEqual([
      '年度资金总额',
      '120.00',
      '118.50',
      '112.30',
      '10',
      '94.77%',
      '9.48'
    ]);
  }
});

describe('readZip', () => {
  it('unpacks deflated and stored entries', () => {
    const zip = CFB.utils.cfb_new();
    const text = '项目支出绩效自评表 '.repeat(200);
    CFB.utils.cfb_add(zip, '2024/selfeval.txt', new TextEncoder().encode(text));
    CFB.utils.cfb_add(zip, 'note.txt', new TextEncoder().encode('绩效'));
    for (const compression of [true, false]) {
      const bytes = new Uint8Array(CFB.write(zip, { fileType: 'zip', type: 'array', compression }));
      const entries = readZip(bytes).map((e) => [e.name, new TextDecoder().decode(e.data)]);
      expect(entries).toContainEqual(['2024/selfeval.txt', text]);
      expect(entries).toContainEqual(['note.txt', '绩效']);
    }
  });

  it('reads a deflated .xlsx as the stored one', () => {
    const wb = workbook([NATIONAL]);
    const deflated = readWorkbook(bytesOf(wb, 'xlsx', true));
    expect(deflated.pages).toEqual(readWorkbook(bytesOf(wb, 'xlsx')).pages);
    expect(rowAt(tableOf(deflated), 6)[5]).toEqual([6, 1, 1, '94.77%']);
  });

  it('refuses deflate data that ends early or says more than its size', () => {
    const zip = CFB.utils.cfb_new();
    CFB.utils.cfb_add(zip, 'a.txt', new TextEncoder().encode('绩效目标申报表'.repeat(50)));
    const bytes = new Uint8Array(CFB.write(zip, { fileType: 'zip', type: 'array', compression: true }));
    const entry = readZip(bytes)[0] as { data: Uint8Array };
    // The raw deflate data of the entry: after the 30-byte local header and the name.
    const start = 30 + 'a.txt'.length;
    const size = new DataView(bytes.buffer).getUint32(18, true);
    const raw = bytes.subarray(start, start + size);
    expect(inflateRaw(raw, entry.data.length)).toEqual(entry.data);
    expect(() => inflateRaw(raw.subarray(0, raw.length - 3), entry.data.length)).toThrow(ZipError);
    expect(() => inflateRaw(raw, entry.data.length - 1)).toThrow(ZipError);
  });
});

describe('toTableBlock', () => {
  it('keeps a blank merged range inside the text, clips it, and ignores an overlapping one', () => {
    const grid = toTableBlock({
      texts: [
        [0, 0, '偏差原因'],
        [2, 0, '总分'],
        [2, 2, '97.48']
      ],
      merges: [
        { s: { r: 0, c: 1 }, e: { r: 1, c: 5 } }, // blank, reaches past the text: clipped to col 2
        { s: { r: 1, c: 2 }, e: { r: 2, c: 2 } }, // overlaps the first: ignored
        { s: { r: 9, c: 9 }, e: { r: 9, c: 10 } } // blank, outside: dropped
      ]
    });
    expect(grid.table).toEqual<TableBlock>({
      kind: 'table',
      rows: 3,
      cols: 3,
      rowLines: [1, 2, 3],
      cells: [
        { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '偏差原因' },
        { row: 0, col: 1, rowSpan: 2, colSpan: 2, text: '' },
        { row: 2, col: 0, rowSpan: 1, colSpan: 1, text: '总分' },
        { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '97.48' }
      ]
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Files that cannot be read

describe('files that are not readable workbooks', () => {
  const xlsx = bytesOf(workbook([NATIONAL]), 'xlsx', true);
  const xls = bytesOf(workbook([NATIONAL]), 'biff8');

  it('a truncated .xlsx', () => {
    const e = readError(xlsx.slice(0, Math.floor(xlsx.length / 2)));
    expect([e.kind, e.reason]).toEqual([
      'corrupt',
      '工作簿已损坏，无法读取（文件不完整，压缩结构缺少结尾，可能下载中断）'
    ]);
  });

  it('a truncated .xls', () => {
    const e = readError(xls.slice(0, 1000));
    expect([e.kind, e.reason]).toEqual(['corrupt', '工作簿已损坏，无法读取（文件不完整，可能下载中断）']);
  });

  it('random bytes, an empty file, a web page, a PDF', () => {
    const reason = (bytes: Uint8Array) => readError(bytes).reason;
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(reason(random)).toBe('工作簿已损坏，无法读取（不是 Excel 工作簿）');
    expect(reason(new Uint8Array())).toBe('工作簿已损坏，无法读取（文件为空）');
    expect(reason(new TextEncoder().encode('<html><body><table><tr><td>项目名称</td></tr></table>'))).toBe(
      '工作簿已损坏，无法读取（文件是网页（HTML），不是 Excel 工作簿）'
    );
    expect(reason(new TextEncoder().encode('%PDF-1.7\n'))).toBe(
      '工作簿已损坏，无法读取（文件是 PDF，不是 Excel 工作簿）'
    );
  });

  it('a zip of other files, and an OLE file without a workbook', () => {
    const zip = CFB.utils.cfb_new();
    CFB.utils.cfb_add(zip, '自评表.pdf', new TextEncoder().encode('%PDF-1.7'));
    expect(readError(new Uint8Array(CFB.write(zip, { fileType: 'zip', type: 'array' }))).reason).toBe(
      '工作簿已损坏，无法读取（压缩包中没有 Excel 工作簿；若是多个文件打包的压缩包，请先解压）'
    );
    const doc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(doc, 'WordDocument', new Uint8Array(4096));
    expect(readError(new Uint8Array(CFB.write(doc, { type: 'array' }))).reason).toBe(
      '工作簿已损坏，无法读取（复合文档中没有工作簿数据，可能是 Word 等其他文件）'
    );
  });

  it('an .xlsx encrypted with a password (fixture, see tests/fixtures/sheet/README.md)', () => {
    const e = readError(new Uint8Array(readFileSync(path.join(FIXTURES, 'encrypted-agile.xlsx'))));
    expect([e.kind, e.reason]).toEqual(['encrypted', '工作簿已加密，需要密码才能打开：请提供未加密的版本']);
  });

  it('an .xls encrypted with a password (a FILEPASS record after the BOF, as Excel writes it)', () => {
    const encrypted = patchWorkbookStream(xls, (s) => {
      // wEncryptionType 1 (RC4), version 1.1, salt, encrypted verifier and its hash.
      const body = [1, 0, 1, 0, 1, 0, ...Array.from({ length: 48 }, (_, i) => (i * 37) & 0xff)];
      return insert(s, (biffRecords(s)[0] as { end: number }).end, biffRecord(0x002f, body));
    });
    const e = readError(encrypted);
    expect([e.kind, e.reason]).toEqual(['encrypted', '工作簿已加密，需要密码才能打开：请提供未加密的版本']);
  });

  it.each(BOOK_TYPES)('a %s workbook whose sheets are all empty', (bookType) => {
    const e = readError(
      bytesOf(
        workbook([
          { name: 'A', aoa: [] },
          { name: 'B', aoa: [[null, '   ']], merges: ['A1:C2'] }
        ]),
        bookType
      )
    );
    expect([e.kind, e.reason]).toEqual(['empty', '工作簿中没有内容']);
  });
});

// ---------------------------------------------------------------------------------------------
// Byte-level helpers: a BIFF8 workbook stream, a zip entry

function biffRecords(s: Uint8Array): { type: number; end: number }[] {
  const out: { type: number; end: number }[] = [];
  for (let i = 0; i + 4 <= s.length;) {
    const type = (s[i] as number) | ((s[i + 1] as number) << 8);
    const end = i + 4 + ((s[i + 2] as number) | ((s[i + 3] as number) << 8));
    out.push({ type, end });
    i = end;
  }
  return out;
}

function biffRecord(type: number, body: number[]): Uint8Array {
  return Uint8Array.from([type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body]);
}

function insert(s: Uint8Array, at: number, piece: Uint8Array): Uint8Array {
  const out = new Uint8Array(s.length + piece.length);
  out.set(s.subarray(0, at));
  out.set(piece, at);
  out.set(s.subarray(at), at + piece.length);
  return out;
}

interface CfbEntry {
  content: Uint8Array | number[];
  size: number;
}

function patchWorkbookStream(xls: Uint8Array, edit: (stream: Uint8Array) => Uint8Array): Uint8Array {
  const cfb = CFB.read(xls, { type: 'array' });
  const entry = CFB.find(cfb, '/Workbook') as CfbEntry;
  entry.content = edit(Uint8Array.from(entry.content));
  entry.size = entry.content.length;
  return new Uint8Array(CFB.write(cfb, { type: 'array' }));
}

function patchZipEntry(zip: Uint8Array, name: string, edit: (xml: string) => string): Uint8Array {
  const cfb = CFB.read(zip, { type: 'array' });
  const entry = CFB.find(cfb, name) as CfbEntry;
  entry.content = new TextEncoder().encode(edit(new TextDecoder().decode(Uint8Array.from(entry.content))));
  entry.size = entry.content.length;
  return new Uint8Array(CFB.write(cfb, { fileType: 'zip', type: 'array' }));
}

// ---------------------------------------------------------------------------------------------
// Fuzz: random grids read back to the same cells; random damage never throws anything else.

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
console.log(`sheet.test.ts fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);

type FuzzValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; typed: string }
  | { kind: 'money'; typed: string }
  | { kind: 'rate'; typed: string };

const ALPHABET = [...'项目资金年度执行率得分指标值完成 abcXYZ 0123456789.,%（）：—/-'];
const fuzzText = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 12 });
const fuzzDecimal = (maxDigits: bigint, maxPlaces: number) =>
  fc
    .tuple(fc.bigInt({ min: -maxDigits, max: maxDigits }), fc.integer({ min: 0, max: maxPlaces }))
    .map(([m, places]) => decimalOf(m, -places));
const fuzzValue: fc.Arbitrary<FuzzValue | null> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fuzzText.map((text) => ({ kind: 'text' as const, text })), weight: 3 },
  { arbitrary: fuzzDecimal(10n ** 14n, 4).map((typed) => ({ kind: 'number' as const, typed })), weight: 1 },
  { arbitrary: fuzzDecimal(10n ** 12n, 4).map((typed) => ({ kind: 'money' as const, typed })), weight: 1 },
  { arbitrary: fuzzDecimal(10n ** 6n, 6).map((typed) => ({ kind: 'rate' as const, typed })), weight: 1 }
);

interface FuzzGrid {
  values: (FuzzValue | null)[][];
  merges: { s: { r: number; c: number }; e: { r: number; c: number } }[];
}

const fuzzGrid: fc.Arbitrary<FuzzGrid> = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 8 }))
  .chain(([rows, cols]) =>
    fc.record({
      values: fc.array(fc.array(fuzzValue, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows
      }),
      rects: fc.array(
        fc.record({
          r: fc.nat(rows - 1),
          c: fc.nat(cols - 1),
          h: fc.integer({ min: 1, max: 4 }),
          w: fc.integer({ min: 1, max: 4 })
        }),
        { maxLength: 6 }
      ),
      label: fuzzText.filter((t) => t.trim() !== '')
    })
  )
  .map(({ values, rects, label }) => {
    const merges: FuzzGrid['merges'] = [];
    for (const { r, c, h, w } of rects) {
      const e = {
        r: Math.min(r + h - 1, values.length - 1),
        c: Math.min(c + w - 1, (values[0] as unknown[]).length - 1)
      };
      if (e.r === r && e.c === c) continue;
      if (merges.some((m) => r <= m.e.r && m.s.r <= e.r && c <= m.e.c && m.s.c <= e.c)) continue;
      merges.push({ s: { r, c }, e });
    }
    // A merged range shows its top-left cell's text: give it one, and clear what it covers.
    for (const m of merges)
      for (let r = m.s.r; r <= m.e.r; r++)
        for (let c = m.s.c; c <= m.e.c; c++)
          (values[r] as (FuzzValue | null)[])[c] =
            r === m.s.r && c === m.s.c ? { kind: 'text', text: label } : null;
    return { values, merges };
  });

/** What the reader must give for a value: typed decimals as typed, money and rates as Excel rounds them. */
function expectedText(v: FuzzValue): string {
  switch (v.kind) {
    case 'text':
      return v.text.replace(/\s+/g, ' ').trim();
    case 'number':
      return v.typed;
    case 'money':
      return excelFixed(v.typed, 0, 2, true);
    case 'rate':
      return `${excelFixed(v.typed, 2, 2, false)}%`;
  }
}

/** A reference for Excel's `#,##0.00` / `0.00%`: the decimal × 10^shift, rounded half away from zero. */
function excelFixed(typed: string, shift: number, places: number, grouped: boolean): string {
  const negative = typed.startsWith('-');
  const [int = '0', frac = ''] = typed.replace('-', '').split('.');
  const scaled = BigInt(int + frac) * 10n ** BigInt(shift); // value × 10^(frac.length)
  const drop = frac.length - places;
  let units = drop >= 0 ? scaled / 10n ** BigInt(drop) : scaled * 10n ** BigInt(-drop);
  if (drop > 0 && (scaled % 10n ** BigInt(drop)) * 2n >= 10n ** BigInt(drop)) units += 1n;
  const digits = units.toString().padStart(places + 1, '0');
  let whole = digits.slice(0, -places);
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative && units !== 0n ? '-' : ''}${whole}.${digits.slice(-places)}`;
}

function writeGrid(grid: FuzzGrid, bookType: BookType): Uint8Array {
  const aoa = grid.values.map((row) =>
    row.map((v) => (v === null ? null : v.kind === 'text' ? v.text : Number(v.typed)))
  );
  const ws = utils.aoa_to_sheet(aoa);
  grid.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = ws[utils.encode_cell({ r, c })] as CellObject | undefined;
      if (cell && v?.kind === 'money') cell.z = '#,##0.00';
      if (cell && v?.kind === 'rate') cell.z = '0.00%';
    })
  );
  ws['!merges'] = grid.merges;
  const wb = utils.book_new();
  utils.book_append_sheet(wb, ws, '随机');
  return bytesOf(wb, bookType);
}

/** A grid's cells in sheet coordinates (0-based row and column, spans in sheet rows). */
function sheetCells(table: TableBlock, left: number): string[] {
  return table.cells.map((c) => {
    const top = (table.rowLines[c.row] as number) - 1;
    const bottom = (table.rowLines[c.row + c.rowSpan - 1] as number) - 1;
    return `${top},${c.col + left} ${bottom - top + 1}x${c.colSpan} ${c.text}`;
  });
}

function expectSoundGrid(table: TableBlock): void {
  const seen = new Set<string>();
  for (const c of table.cells) {
    expect(c.row >= 0 && c.col >= 0 && c.rowSpan >= 1 && c.colSpan >= 1).toBe(true);
    expect(c.row + c.rowSpan <= table.rows && c.col + c.colSpan <= table.cols).toBe(true);
    for (let r = c.row; r < c.row + c.rowSpan; r++)
      for (let k = c.col; k < c.col + c.colSpan; k++) {
        expect(seen.has(`${r},${k}`), `cells overlap at ${r},${k}`).toBe(false);
        seen.add(`${r},${k}`);
      }
  }
  expect(table.rowLines).toHaveLength(table.rows);
  for (let i = 1; i < table.rowLines.length; i++)
    expect(table.rowLines[i] as number).toBeGreaterThan(table.rowLines[i - 1] as number);
}

describe.each(BOOK_TYPES)('fuzz: random grids written as %s', (bookType) => {
  it('read back to the same cells and spans', () => {
    fc.assert(
      fc.property(fuzzGrid, (grid) => {
        const want: string[] = [];
        let left = Infinity;
        grid.values.forEach((row, r) =>
          row.forEach((v, c) => {
            const text = v === null ? '' : expectedText(v);
            if (!text) return;
            const m = grid.merges.find((o) => o.s.r === r && o.s.c === c);
            want.push(`${r},${c} ${m ? m.e.r - r + 1 : 1}x${m ? m.e.c - c + 1 : 1} ${text}`);
            left = Math.min(left, c);
          })
        );
        const bytes = writeGrid(grid, bookType);
        if (want.length === 0) {
          expect(readError(bytes).kind).toBe('empty');
          return;
        }
        const table = tableOf(readWorkbook(bytes));
        expectSoundGrid(table);
        expect(sheetCells(table, left).sort()).toEqual(want.sort());
      }),
      { numRuns: RUNS, seed: SEED }
    );
  });
});

describe('fuzz: damaged workbooks', () => {
  const bases: [string, Uint8Array][] = [
    ['xlsx (stored)', bytesOf(workbook([NATIONAL]), 'xlsx')],
    ['xlsx (deflated)', bytesOf(workbook([NATIONAL]), 'xlsx', true)],
    ['xls', bytesOf(workbook([NATIONAL]), 'biff8')]
  ];
  const damage = (length: number) =>
    fc.oneof(
      fc
        .array(fc.tuple(fc.nat(length - 1), fc.nat(255)), { minLength: 1, maxLength: 20 })
        .map((edits) => (b: Uint8Array) => {
          const out = b.slice();
          for (const [at, byte] of edits) out[at] = byte;
          return out;
        }),
      fc.nat(length - 1).map((at) => (b: Uint8Array) => b.slice(0, at)),
      fc.tuple(fc.nat(length - 1), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
        ([at, junk]) =>
          (b: Uint8Array) =>
            insert(b, at, junk)
      ),
      fc.tuple(fc.nat(length - 1), fc.nat(4096)).map(([at, n]) => (b: Uint8Array) => {
        const out = b.slice();
        out.copyWithin(at, Math.max(0, at - n));
        return out;
      })
    );

  it.each(bases)('%s: a WorkbookReadError or a sound document, nothing else', (_name, base) => {
    fc.assert(
      fc.property(damage(base.length), (hurt) => {
        let doc: WorkbookDocument;
        try {
          doc = readWorkbook(hurt(base));
        } catch (e) {
          expect(e).toBeInstanceOf(WorkbookReadError);
          expect((e as WorkbookReadError).reason).toMatch(/^工作簿/);
          return;
        }
        expect(doc.pages.length).toBeGreaterThan(0);
        for (const page of doc.pages)
          for (const block of page.blocks) if (block.kind === 'table') expectSoundGrid(block);
      }),
      { numRuns: RUNS * 5, seed: SEED }
    );
  });
});
