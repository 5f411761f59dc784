/** The pure geometry on hand-made pages: rulings → grids → cells, runs → lines → text, stream tables. */
import { describe, expect, it } from 'vitest';
import {
  cellText,
  findLattices,
  groupLines,
  joinRules,
  layoutPage,
  pageRules,
  readPageBlocks,
  snapRules,
  splitItem,
  type TextItem
} from '../../../../src/lib/ingest/formats/pdf/geometry';
import type { TableBlock } from '../../../../src/lib/ingest/formats/paged';
import { drawGrid, page, run, type BorderStyle, type DrawnCell } from './synthetic';

const FUNDS: DrawnCell[] = [
  { row: 0, col: 0, rowSpan: 1, colSpan: 3, text: '财政项目' },
  { row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '项目资金(元)' },
  { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '总额' },
  { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: '11,143,200.00' },
  { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '其中' },
  { row: 2, col: 2, rowSpan: 1, colSpan: 1 }
];

const table = (blocks: ReturnType<typeof readPageBlocks>, k = 0): TableBlock => {
  const t = blocks.filter((b): b is TableBlock => b.kind === 'table')[k];
  if (!t) throw new Error(`no table ${k}`);
  return t;
};

describe('rules', () => {
  it('snaps chained positions to their mean and joins collinear pieces across small gaps', () => {
    const snapped = snapRules(
      [
        { pos: 10, start: 0, end: 10 },
        { pos: 11.5, start: 12, end: 20 },
        { pos: 13, start: 30, end: 40 },
        { pos: 20, start: 0, end: 5 }
      ],
      3
    );
    expect(snapped.map((r) => r.pos)).toEqual([11.5, 11.5, 11.5, 20]);
    expect(joinRules(snapped, 3)).toEqual([
      { pos: 11.5, start: 0, end: 20 },
      { pos: 11.5, start: 30, end: 40 },
      { pos: 20, start: 0, end: 5 }
    ]);
  });

  it('takes thin filled rectangles as rules and ignores shading and dots', () => {
    const { h, v } = pageRules(
      page(
        [],
        [{ x0: 10, y0: 50, x1: 10, y1: 90 }],
        [
          { x0: 10, y0: 49.625, x1: 200, y1: 50.375 },
          { x0: 199.625, y0: 50, x1: 200.375, y1: 90 },
          { x0: 10, y0: 100, x1: 200, y1: 120 },
          { x0: 300, y0: 300, x1: 301, y1: 301 }
        ]
      )
    );
    expect(h).toEqual([{ pos: 50, start: 10, end: 200 }]);
    expect(v).toEqual([
      { pos: 10, start: 50, end: 90 },
      { pos: 200, start: 50, end: 90 }
    ]);
  });
});

describe('lattice', () => {
  const cases: [BorderStyle, number, ((i: number) => number) | undefined][] = [
    ['lines', 0, undefined],
    ['rects', 0, undefined],
    ['rects', 2, (i) => ((i * 7) % 5) / 4 - 0.5]
  ];
  for (const [style, gap, jitter] of cases)
    it(`finds merged cells from missing borders (${style}${gap ? ', broken and jittered borders' : ''})`, () => {
      const drawn = drawGrid({
        x0: 50,
        y0: 100,
        colWidths: [70, 60, 90],
        rowHeights: [20, 20, 20],
        cells: FUNDS,
        style,
        gap,
        jitter
      });
      const blocks = readPageBlocks(page(drawn.items, drawn.lines, drawn.rects));
      expect(blocks).toEqual([
        {
          kind: 'table',
          rows: 3,
          cols: 3,
          rowLines: [1, 2, 3],
          cells: [
            { row: 0, col: 0, rowSpan: 1, colSpan: 3, text: '财政项目' },
            { row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '项目资金(元)' },
            { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '总额' },
            { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: '11,143,200.00' },
            { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '其中' },
            { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '' }
          ]
        }
      ]);
    });

  it('reads a table open at its sides (no outer verticals) with borders where its rules end', () => {
    const lines = [100, 120, 140].map((y) => ({ x0: 50, y0: y, x1: 250, y1: y }));
    lines.push({ x0: 150, y0: 100, x1: 150, y1: 140 });
    const items = [
      run('项目名称', 60, 105, 9),
      run('经费', 160, 105, 9),
      run('金额', 60, 125, 9),
      run('0.00', 160, 125, 9)
    ];
    const t = table(readPageBlocks(page(items, lines)));
    expect([t.rows, t.cols]).toEqual([2, 2]);
    expect(t.cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, '项目名称'],
      [0, 1, '经费'],
      [1, 0, '金额'],
      [1, 1, '0.00']
    ]);
  });

  it('leaves squares whose outer border is missing outside the table', () => {
    // An L-shaped table: the top-right square has no border above or to the right.
    const cells: DrawnCell[] = [
      { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '甲' },
      { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: '乙' },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '丙' }
    ];
    const drawn = drawGrid({
      x0: 50,
      y0: 100,
      colWidths: [40, 40],
      rowHeights: [20, 20],
      cells,
      style: 'lines'
    });
    const beside = run('旁注', 100, 105, 9);
    const blocks = readPageBlocks(page([...drawn.items, beside], drawn.lines));
    expect(blocks).toEqual([
      { kind: 'table', rows: 2, cols: 2, rowLines: [1, 2], cells: expect.any(Array) },
      { kind: 'text', text: '旁注', line: 3 }
    ]);
    expect(table(blocks).cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
      [0, 0, 1, 1, '甲'],
      [1, 0, 1, 1, '乙'],
      [1, 1, 1, 1, '丙']
    ]);
  });

  it('keeps a cell cut by a page break: open below, its sides ruled down to the page’s last rule', () => {
    const lines = [
      { x0: 50, y0: 100, x1: 250, y1: 100 },
      { x0: 120, y0: 120, x1: 250, y1: 120 },
      { x0: 120, y0: 140, x1: 250, y1: 140 },
      ...[50, 120, 250].map((x) => ({ x0: x, y0: 100, x1: x, y1: 140 }))
    ];
    const items = [run('绩效指标', 60, 105, 9), run('指标1', 130, 105, 9), run('指标2', 130, 125, 9)];
    expect(
      table(readPageBlocks(page(items, lines))).cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])
    ).toEqual([
      [0, 0, 2, 1, '绩效指标'],
      [0, 1, 1, 1, '指标1'],
      [1, 1, 1, 1, '指标2']
    ]);
  });

  it('takes rules that meet nothing but run from a table’s top to its bottom as sides of cells continued from the page before', () => {
    const lines = [
      ...[100, 130, 160].map((y) => ({ x0: 120, y0: y, x1: 250, y1: y })),
      ...[50, 85, 120, 250].map((x) => ({ x0: x, y0: 100, x1: x, y1: 160 }))
    ];
    const items = [run('续', 60, 125, 9), run('指标10', 130, 110, 9), run('指标11', 130, 140, 9)];
    const t = table(readPageBlocks(page(items, lines)));
    expect([t.rows, t.cols]).toEqual([2, 3]);
    expect(t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
      [0, 0, 2, 1, '续'],
      [0, 1, 2, 1, ''],
      [0, 2, 1, 1, '指标10'],
      [1, 2, 1, 1, '指标11']
    ]);
  });

  it('takes a frame round one block of text (a note, a page border) as no table', () => {
    const frame = [
      { x0: 40, y0: 40, x1: 300, y1: 40 },
      { x0: 40, y0: 80, x1: 300, y1: 80 },
      { x0: 40, y0: 40, x1: 40, y1: 80 },
      { x0: 300, y0: 40, x1: 300, y1: 80 }
    ];
    expect(findLattices(pageRules(page([], frame)).h, pageRules(page([], frame)).v)).toEqual([]);
    expect(readPageBlocks(page([run('注：单位为元', 50, 50)], frame))).toEqual([
      { kind: 'text', text: '注：单位为元', line: 1 }
    ]);
  });

  it('cuts a run that crosses a cell border by its characters', () => {
    const lines = [
      { x0: 45, y0: 100, x1: 200, y1: 100 },
      { x0: 45, y0: 120, x1: 200, y1: 120 },
      { x0: 45, y0: 100, x1: 45, y1: 120 },
      { x0: 92, y0: 100, x1: 92, y1: 120 },
      { x0: 200, y0: 100, x1: 200, y1: 120 }
    ];
    const t = table(readPageBlocks(page([run('项目名称规财法工作经费', 50, 105)], lines)));
    expect(t.cells.map((c) => c.text)).toEqual(['项目名称', '规财法工作经费']);
    expect(splitItem(run('ab项目', 0, 0), [12]).map((i) => i.str)).toEqual(['ab', '项目']);
  });
});

describe('cell text', () => {
  it('joins wrapped lines: nothing between Chinese, a space between Latin words', () => {
    expect(cellText([run('配合基本医疗保险', 10, 10), run('制度改革', 10, 24)])).toBe(
      '配合基本医疗保险制度改革'
    );
    expect(cellText([run('The annual', 10, 10), run('budget', 10, 24)])).toBe('The annual budget');
  });

  it('puts a space only where a gap between Latin runs is wide, folds radicals, drops blank runs and overprints', () => {
    const a = run('≥3340.00(', 10, 10);
    const b = run('⼈', a.x + a.width, 10);
    const c = run(')', b.x + b.width, 10);
    expect(cellText([c, a, b])).toBe('≥3340.00(人)');
    const budget = run('Budget', 10, 40);
    const year = run('2026', budget.x + budget.width + 3, 40);
    expect(cellText([budget, year])).toBe('Budget 2026');
    const left = run('11,143,', 10, 60);
    const right = run('200.00', left.x + left.width + 1, 60);
    expect(cellText([left, right, run('   ', 80, 60), { ...right, x: right.x + 0.3 }])).toBe('11,143,200.00');
    const date = run('2023', 10, 80);
    expect(cellText([date, run('年', date.x + date.width + 4, 80)])).toBe('2023年');
  });

  it('groups runs into lines by their centres, within half the font size', () => {
    const lines = groupLines([run('质量', 10, 100.5, 9), run('医疗', 60, 100), run('保障', 60, 114)]);
    expect(lines.map((l) => l.items.map((i) => i.str))).toEqual([['质量', '医疗'], ['保障']]);
  });
});

describe('page', () => {
  it('numbers lines and table rows from the top, in reading order', () => {
    const drawn = drawGrid({
      x0: 50,
      y0: 100,
      colWidths: [70, 60, 90],
      rowHeights: [20, 20, 20],
      cells: FUNDS,
      style: 'rects'
    });
    const items = [
      run('财政项目支出绩效目标申报表', 100, 40, 16),
      run('(2026年度)', 150, 70),
      ...drawn.items
    ];
    items.push(run('第', 270, 800), run('3', 285, 800), run('页', 296, 800));
    const blocks = readPageBlocks(page(items, [], drawn.rects));
    expect(blocks.map((b) => (b.kind === 'text' ? [b.line, b.text] : [b.rowLines, b.rows]))).toEqual([
      [1, '财政项目支出绩效目标申报表'],
      [2, '(2026年度)'],
      [[3, 4, 5], 3],
      [6, '第3页']
    ]);
  });

  it('reads a borderless table from aligned columns, a wrapped cell joined into its row', () => {
    const col = [50, 200, 320];
    const row = (y: number, texts: string[]): TextItem[] => texts.map((t, i) => run(t, col[i]!, y));
    const items = [
      run('上海市医疗保障局是市政府直属机构，贯彻落实党中央关于医疗保障工作的方针政策。', 50, 60),
      ...row(100, ['项目名称', '金额(元)', '说明']),
      ...row(122, ['规财法工作经费', '645,000.00', '法治培训']),
      // A wrapped cell (tight leading, 12 pt) with its label and amount centred on its middle line.
      run('医保信息系统日常', 320, 144),
      ...row(156, ['信息系统运维', '1,200.50', '运行维护和安全']),
      run('保障', 320, 168),
      ...row(190, ['合计', '646,200.50', '无']),
      run('注：本表金额单位为元。', 50, 230)
    ];
    const layout = layoutPage(page(items));
    expect(layout.blocks.map((b) => b.kind + (b.kind === 'table' ? `:${b.method}` : ''))).toEqual([
      'text',
      'table:stream',
      'text'
    ]);
    expect(readPageBlocks(page(items))).toEqual([
      {
        kind: 'text',
        text: '上海市医疗保障局是市政府直属机构，贯彻落实党中央关于医疗保障工作的方针政策。',
        line: 1
      },
      {
        kind: 'table',
        rows: 4,
        cols: 3,
        rowLines: [2, 3, 4, 5],
        cells: [
          { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '项目名称' },
          { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: '金额(元)' },
          { row: 0, col: 2, rowSpan: 1, colSpan: 1, text: '说明' },
          { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: '规财法工作经费' },
          { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '645,000.00' },
          { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: '法治培训' },
          { row: 2, col: 0, rowSpan: 1, colSpan: 1, text: '信息系统运维' },
          { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '1,200.50' },
          { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '医保信息系统日常运行维护和安全保障' },
          { row: 3, col: 0, rowSpan: 1, colSpan: 1, text: '合计' },
          { row: 3, col: 1, rowSpan: 1, colSpan: 1, text: '646,200.50' },
          { row: 3, col: 2, rowSpan: 1, colSpan: 1, text: '无' }
        ]
      },
      { kind: 'text', text: '注：本表金额单位为元。', line: 6 }
    ]);
  });

  it('without rows set apart by wider gaps, a line missing the first column continues its row', () => {
    const items = [
      run('项目', 50, 100),
      run('说明', 200, 100),
      run('运维', 50, 114),
      run('日常运行', 200, 114),
      run('维护', 200, 128),
      run('合计', 50, 142),
      run('无', 200, 142)
    ];
    const t = table(readPageBlocks(page(items)));
    expect(t.cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, '项目'],
      [0, 1, '说明'],
      [1, 0, '运维'],
      [1, 1, '日常运行维护'],
      [2, 0, '合计'],
      [2, 1, '无']
    ]);
  });

  it('keeps lines as text where no columns can be justified', () => {
    const items = [
      run('一、主要职能', 50, 100),
      run('上海市医疗保障局', 50, 120),
      run('2024年', 400, 120),
      run('二、机构设置', 50, 140)
    ];
    expect(readPageBlocks(page(items))).toEqual([
      { kind: 'text', text: '一、主要职能', line: 1 },
      { kind: 'text', text: '上海市医疗保障局 2024年', line: 2 },
      { kind: 'text', text: '二、机构设置', line: 3 }
    ]);
  });

  it('takes shading as no border', () => {
    const items = [run('项目', 50, 100), run('金额', 50, 120)];
    expect(readPageBlocks(page(items, [], [{ x0: 40, y0: 95, x1: 300, y1: 135 }]))).toEqual([
      { kind: 'text', text: '项目', line: 1 },
      { kind: 'text', text: '金额', line: 2 }
    ]);
  });
});
