/**
 * PDFs printed by Chromium from HTML, as publishers print their forms, read back into tables of
 * cells: merged cells with their spans, wrapped cells as one cell beside vertically centred
 * labels, a table broken over pages, a borderless table, a landscape page, a narrative page, a
 * scan; in Node and in a browser Web Worker alike.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCell, SourcePage, TableBlock } from '../../../../src/lib/ingest/formats/paged';
import { PdfReadError, readPdf, type PdfReading } from '../../../../src/lib/ingest/formats/pdf/index';
import { readPdfGeometry } from '../../../../src/lib/ingest/formats/pdf/pdfjs';
import { cellLinesText, plumberText, tabSeparatedText } from '../../../helpers/extractions';
import { launch, nodePdfAssets, printPdf } from '../../../helpers/print';
import {
  BORDERLESS,
  NARRATIVE,
  SCAN,
  SELF_EVAL,
  formPage,
  formTable,
  html,
  type IndicatorRow
} from './forms';
import { buildPdf, gridContent } from './minipdf';

type Cell = [row: number, col: number, rowSpan: number, colSpan: number, text: string];
const cells = (list: Cell[]): GridCell[] =>
  list.map(([row, col, rowSpan, colSpan, text]) => ({ row, col, rowSpan, colSpan, text }));
const tuples = (t: TableBlock): Cell[] => t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text]);
const tablesOf = (p: SourcePage): TableBlock[] => p.blocks.filter((b): b is TableBlock => b.kind === 'table');

const GOAL_TEXT =
  '根据年度工作计划，组织相关法治培训，完成内审服务工作，开展专家咨询，完成相应政策研究课题，拟定医疗保障工作规划年度工作。';

/** The form's first rows, down to the goal: the same however long its indicator list. */
const FORM_HEAD: Cell[] = [
  [0, 0, 1, 1, '项目名称'],
  [0, 1, 1, 1, '规财法工作经费'],
  [0, 2, 1, 1, '项目性质'],
  [0, 3, 1, 1, '经常性专项业务费'],
  [0, 4, 1, 1, '项目类别'],
  [0, 5, 1, 1, '特定目标类'],
  [1, 0, 1, 1, '主管部门'],
  [1, 1, 1, 1, '上海市医疗保障局'],
  [1, 2, 1, 1, '实施单位'],
  [1, 3, 1, 3, '上海市医疗保障局'],
  [2, 0, 3, 1, '项目资金(元)'],
  [2, 1, 1, 1, '项目资金总额'],
  [2, 2, 1, 1, '11,143,200.00'],
  [2, 3, 1, 1, '年度资金申请总额'],
  [2, 4, 1, 2, '11,143,200.00'],
  [3, 1, 1, 1, '其中：财政资金'],
  [3, 2, 1, 1, '11,143,200.00'],
  [3, 3, 1, 1, '其中：当年财政拨款'],
  [3, 4, 1, 2, '11,143,200.00'],
  [4, 1, 1, 1, '其他资金'],
  [4, 2, 1, 1, '0.00'],
  [4, 3, 1, 1, '上年结转资金'],
  [4, 4, 1, 2, '0.00'],
  [5, 0, 2, 1, '项目绩效目标'],
  [5, 1, 1, 2, '项目总目标'],
  [5, 3, 1, 3, '年度总体目标'],
  [6, 1, 1, 2, GOAL_TEXT],
  [6, 3, 1, 3, GOAL_TEXT],
  [7, 0, 1, 6, 'The annual budget is 11,143,200.00 yuan in total']
];

/** Thirty indicators under one level 1 and one level 2: the table runs over three pages. */
const MANY: IndicatorRow[] = Array.from({ length: 30 }, (_, i) => ({
  ...(i === 0 ? { level1: { text: '产出指标', rows: 30 }, level2: { text: '数量指标', rows: 30 } } : {}),
  name: `指标${i + 1}：完成培训场次`,
  target: `≥${i + 1}.00(次)`
}));

let browser: Browser;
const pdf: Record<'book' | 'long' | 'landscape' | 'selfEval', Uint8Array> = {
  selfEval: new Uint8Array(),
  book: new Uint8Array(),
  long: new Uint8Array(),
  landscape: new Uint8Array()
};
const read: Partial<Record<keyof typeof pdf, PdfReading>> = {};

beforeAll(async () => {
  browser = await launch();
  pdf.book = await printPdf(browser, html(NARRATIVE, formPage(), BORDERLESS, SCAN));
  pdf.long = await printPdf(browser, html(formPage(formTable(MANY))));
  pdf.landscape = await printPdf(browser, html(formPage()), { landscape: true });
  pdf.selfEval = await printPdf(browser, html(SELF_EVAL));
  for (const k of Object.keys(pdf) as (keyof typeof pdf)[]) read[k] = await readPdf(pdf[k], nodePdfAssets());
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const reading = (k: keyof typeof pdf): PdfReading => {
  const r = read[k];
  if (!r) throw new Error(`${k} was not read`);
  return r;
};

describe('a printed budget book', () => {
  it('has four pages, the last a scan (images, no text)', () => {
    const r = reading('book');
    expect(r.pageCount).toBe(4);
    expect(r.document.format).toBe('pdf');
    expect(
      r.pages.map((p) => [p.number, p.scanned, p.imageCount, Math.round(p.width), Math.round(p.height)])
    ).toEqual([
      [1, false, 0, 596, 843],
      [2, false, 0, 596, 843],
      [3, false, 0, 596, 843],
      [4, true, 1, 596, 843]
    ]);
    expect(r.pages[3]!.textItems).toBe(0);
    expect(r.pages[3]!.imageArea).toBeGreaterThan(0.1);
    expect(r.document.pages[3]!.blocks).toEqual([]);
  });

  it('reads the narrative page before the form as lines of text', () => {
    expect(reading('book').document.pages[0]).toEqual({
      number: 1,
      name: null,
      blocks: [
        { kind: 'text', text: '第一部分 部门概况', line: 1 },
        { kind: 'text', text: '一、主要职能', line: 2 },
        {
          kind: 'text',
          text: '上海市医疗保障局是市政府直属机构，贯彻落实党中央关于医疗保障工作的方针政策和决策部署，在履行职',
          line: 3
        },
        { kind: 'text', text: '责过程中坚持和加强党对医疗保障工作的集中统一领导。', line: 4 },
        { kind: 'text', text: '二、机构设置', line: 5 }
      ]
    });
  });

  it('reads the form: merged cells with their spans, wrapped cells as one cell, Latin and numbers', () => {
    const page = reading('book').document.pages[1]!;
    expect(page.blocks.slice(0, 2)).toEqual([
      { kind: 'text', text: '财政项目支出绩效目标申报表', line: 1 },
      { kind: 'text', text: '(2026年度)', line: 2 }
    ]);
    expect(page.blocks[2]).toEqual({
      kind: 'table',
      rows: 14,
      cols: 6,
      rowLines: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
      cells: cells([
        ...FORM_HEAD,
        [8, 0, 6, 1, '绩效指标'],
        [8, 1, 1, 1, '一级指标'],
        [8, 2, 1, 1, '二级指标'],
        [8, 3, 1, 1, '三级指标'],
        [8, 4, 1, 2, '年度(/项目)指标值'],
        [9, 1, 4, 1, '产出指标'],
        [9, 2, 2, 1, '数量指标'],
        [9, 3, 1, 1, '参保人数'],
        [9, 4, 1, 2, '≥3340.00(人)'],
        // Wrapped over three and four lines in a narrow column, its neighbours centred beside it.
        [10, 3, 1, 1, '组织法治培训计划完成数'],
        [10, 4, 1, 2, '≥1.00(次)'],
        [11, 2, 1, 1, '质量指标'],
        [11, 3, 1, 1, '医疗保障基金预决算和管理工作的完成率'],
        [11, 4, 1, 2, '=100(%)'],
        [12, 2, 1, 1, '时效指标'],
        [12, 3, 1, 1, '完成及时率'],
        [12, 4, 1, 2, '及时'],
        [13, 1, 1, 1, '效益指标'],
        [13, 2, 1, 1, '社会效益指标'],
        [13, 3, 1, 1, '参与重大政策的应用性研究'],
        [13, 4, 1, 2, '有效缓解']
      ])
    });
    expect(page.blocks).toHaveLength(3);
  });

  it('reads a borderless table from the alignment of its columns, between lines of text', () => {
    expect(reading('book').document.pages[2]!.blocks).toEqual([
      { kind: 'text', text: '表1 项目支出预算表', line: 1 },
      {
        kind: 'table',
        rows: 4,
        cols: 3,
        rowLines: [2, 3, 4, 5],
        cells: cells([
          [0, 0, 1, 1, '项目名称'],
          [0, 1, 1, 1, '金额(元)'],
          [0, 2, 1, 1, '说明'],
          [1, 0, 1, 1, '规财法工作经费'],
          [1, 1, 1, 1, '645,000.00'],
          [1, 2, 1, 1, '法治培训'],
          [2, 0, 1, 1, '信息系统运维'],
          [2, 1, 1, 1, '1,200.50'],
          [2, 2, 1, 1, '医保信息系统日常运行维护和安全保障'],
          [3, 0, 1, 1, '合计'],
          [3, 1, 1, 1, '646,200.50'],
          [3, 2, 1, 1, '无']
        ])
      },
      { kind: 'text', text: '注：本表金额单位为元。', line: 6 }
    ]);
  });
});

describe('a printed 绩效自评表 (national template)', () => {
  it('reads amounts in 万元, scores and a wrapped deviation reason into their cells', () => {
    const r = reading('selfEval');
    expect(r.pageCount).toBe(1);
    expect(r.document.pages[0]!.blocks).toEqual([
      { kind: 'text', text: '项目支出绩效自评表', line: 1 },
      { kind: 'text', text: '（2021年度）', line: 2 },
      {
        kind: 'table',
        rows: 8,
        // Ten HTML columns, the last two never apart: nine on the page.
        cols: 9,
        rowLines: [3, 4, 5, 6, 7, 8, 9, 10],
        cells: cells([
          [0, 0, 1, 2, '项目名称'],
          [0, 2, 1, 7, '医疗救助资金'],
          [1, 0, 1, 2, '主管部门'],
          [1, 2, 1, 3, '上海市松江区医疗保障局'],
          [1, 5, 1, 2, '实施单位'],
          [1, 7, 1, 2, '上海市松江区医疗保障局'],
          [2, 0, 3, 2, '项目资金（万元）'],
          [2, 2, 1, 1, ''],
          [2, 3, 1, 1, '年初预算数'],
          [2, 4, 1, 1, '全年预算数'],
          [2, 5, 1, 1, '全年执行数'],
          [2, 6, 1, 1, '分值'],
          [2, 7, 1, 1, '执行率'],
          [2, 8, 1, 1, '得分'],
          [3, 2, 1, 1, '年度资金总额'],
          [3, 3, 1, 1, '1,114.32'],
          [3, 4, 1, 1, '1,114.32'],
          [3, 5, 1, 1, '1,052.60'],
          [3, 6, 1, 1, '10'],
          [3, 7, 1, 1, '94.46%'],
          [3, 8, 1, 1, '9.45'],
          [4, 2, 1, 1, '其中：当年财政拨款'],
          [4, 3, 1, 1, '1,114.32'],
          [4, 4, 1, 1, '1,114.32'],
          [4, 5, 1, 1, '1,052.60'],
          [4, 6, 1, 1, '—'],
          [4, 7, 1, 1, '—'],
          [4, 8, 1, 1, '—'],
          [5, 0, 2, 1, '绩效指标'],
          [5, 1, 1, 1, '一级指标'],
          [5, 2, 1, 1, '二级指标'],
          [5, 3, 1, 1, '三级指标'],
          [5, 4, 1, 1, '年度指标值'],
          [5, 5, 1, 1, '实际完成值'],
          [5, 6, 1, 1, '分值'],
          [5, 7, 1, 1, '得分'],
          [5, 8, 1, 1, '偏差原因分析及改进措施'],
          [6, 1, 1, 1, '产出指标'],
          [6, 2, 1, 1, '数量指标'],
          [6, 3, 1, 1, '救助人次'],
          [6, 4, 1, 1, '≥3340.00(人)'],
          [6, 5, 1, 1, '3125人'],
          [6, 6, 1, 1, '20'],
          [6, 7, 1, 1, '18.5'],
          [6, 8, 1, 1, '部分对象年内迁出本区，救助人次少于预期；下一年度加强动态管理。'],
          [7, 0, 1, 8, '总分'],
          [7, 8, 1, 1, '93.45']
        ])
      }
    ]);
  });
});

describe('a table broken over pages', () => {
  it('keeps the cells that run on past the page as cells on each page, with their spans there', () => {
    const [p1, p2, p3] = reading('long').document.pages.map(tablesOf);
    expect(p1).toHaveLength(1);
    expect(p1![0]!.rows).toBe(18);
    expect(p1![0]!.rowLines[0]).toBe(3);
    expect(tuples(p1![0]!).slice(FORM_HEAD.length, FORM_HEAD.length + 9)).toEqual([
      [8, 0, 10, 1, '绩效指标'],
      [8, 1, 1, 1, '一级指标'],
      [8, 2, 1, 1, '二级指标'],
      [8, 3, 1, 1, '三级指标'],
      [8, 4, 1, 2, '年度(/项目)指标值'],
      // No border at the page's foot: the spans end with the page.
      [9, 1, 9, 1, '产出指标'],
      [9, 2, 9, 1, '数量指标'],
      [9, 3, 1, 1, '指标1：完成培训场次'],
      [9, 4, 1, 2, '≥1.00(次)']
    ]);
    expect(tuples(p1![0]!).at(-1)).toEqual([17, 4, 1, 2, '≥9.00(次)']);
    // Page 2: no border above or below the three spanning columns, which are cells all the same.
    expect(p2).toHaveLength(1);
    expect([p2![0]!.rows, p2![0]!.cols]).toEqual([19, 5]);
    expect(tuples(p2![0]!).slice(0, 5)).toEqual([
      [0, 0, 19, 1, ''],
      [0, 1, 19, 1, ''],
      [0, 2, 19, 1, ''],
      [0, 3, 1, 1, '指标10：完成培训场次'],
      [0, 4, 1, 1, '≥10.00(次)']
    ]);
    expect(tuples(p2![0]!).at(-1)).toEqual([18, 4, 1, 1, '≥28.00(次)']);
    expect(tuples(p3![0]!)).toEqual([
      [0, 0, 2, 1, ''],
      [0, 1, 2, 1, ''],
      [0, 2, 2, 1, ''],
      [0, 3, 1, 1, '指标29：完成培训场次'],
      [0, 4, 1, 1, '≥29.00(次)'],
      [1, 3, 1, 1, '指标30：完成培训场次'],
      [1, 4, 1, 1, '≥30.00(次)']
    ]);
    expect(reading('long').document.pages[2]!.blocks).toHaveLength(1);
  });
});

describe('a landscape page', () => {
  it('is read upright and wide, its table in the same cells', () => {
    const r = reading('landscape');
    expect(r.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [843, 596],
      [843, 596]
    ]);
    const [t1] = tablesOf(r.document.pages[0]!);
    expect([t1!.rows, t1!.cols]).toEqual([12, 6]);
    expect(tuples(t1!).slice(0, FORM_HEAD.length)).toEqual(FORM_HEAD);
    expect(tuples(t1!).slice(FORM_HEAD.length)).toEqual([
      [8, 0, 4, 1, '绩效指标'],
      [8, 1, 1, 1, '一级指标'],
      [8, 2, 1, 1, '二级指标'],
      [8, 3, 1, 1, '三级指标'],
      [8, 4, 1, 2, '年度(/项目)指标值'],
      [9, 1, 3, 1, '产出指标'],
      [9, 2, 2, 1, '数量指标'],
      [9, 3, 1, 1, '参保人数'],
      [9, 4, 1, 2, '≥3340.00(人)'],
      [10, 3, 1, 1, '组织法治培训计划完成数'],
      [10, 4, 1, 2, '≥1.00(次)'],
      [11, 2, 1, 1, '质量指标'],
      [11, 3, 1, 1, '医疗保障基金预决算和管理工作的完成率'],
      [11, 4, 1, 2, '=100(%)']
    ]);
    expect(r.document.pages[1]!.blocks).toEqual([
      {
        kind: 'table',
        rows: 2,
        cols: 5,
        rowLines: [1, 2],
        cells: cells([
          [0, 0, 2, 1, ''],
          [0, 1, 1, 1, ''],
          [0, 2, 1, 1, '时效指标'],
          [0, 3, 1, 1, '完成及时率'],
          [0, 4, 1, 1, '及时'],
          [1, 1, 1, 1, '效益指标'],
          [1, 2, 1, 1, '社会效益指标'],
          [1, 3, 1, 1, '参与重大政策的应用性研究'],
          [1, 4, 1, 1, '有效缓解']
        ])
      }
    ]);
  });
});

describe('a printed file cut short', () => {
  it('is refused as broken, in Chinese', async () => {
    const cut = pdf.book.slice(0, Math.floor(pdf.book.length * 0.6));
    const e = await readPdf(cut, nodePdfAssets()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PdfReadError);
    expect((e as PdfReadError).reason).toBe('PDF 文件已损坏，无法读取（文件不完整，可能下载或复制时被截断）');
    expect((e as PdfReadError).page).toBe(null);
  });
});

describe('what other tools make of the printed form (tests/helpers/extractions.ts)', () => {
  let form: Awaited<ReturnType<typeof readPdfGeometry>>;
  beforeAll(async () => {
    form = [(await readPdfGeometry(pdf.book, nodePdfAssets()))[1]!];
  });

  it('pdfplumber: rows joined with spaces, a wrapped cell above and below its centred labels', () => {
    const lines = plumberText(form).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '财政项目支出绩效目标申报表',
      '(2026年度)',
      '项目 经常性专项',
      '规财法工作经费 项目性质 项目类别 特定目标类',
      '名称 业务费'
    ]);
    const quality = lines.indexOf('质量指标 =100(%)');
    expect(lines.slice(quality - 4, quality + 3)).toEqual([
      '医疗保障基',
      '绩效',
      '金预决算和',
      '指标',
      '质量指标 =100(%)',
      '管理工作的',
      '完成率'
    ]);
  });

  it('pdftotext: each cell’s lines one per line, a blank line after each row', () => {
    const text = cellLinesText(form);
    expect(
      text.startsWith('财政项目支出绩效目标申报表\n\n(2026年度)\n\n项目\n名称\n规财法工作经费\n项目性质\n')
    ).toBe(true);
    expect(text).toContain('\n\n质量指标\n医疗保障基\n金预决算和\n管理工作的\n完成率\n=100(%)\n\n');
  });

  it('a table export: tab-separated rows, merged cells empty but their first', () => {
    const rows = tabSeparatedText(form).split('\n');
    expect(rows).toContain('项目 资金 (元)\t项目资金总额\t11,143,200.00\t年度资金申 请总额\t11,143,200.00\t');
    expect(rows).toContain('\t其他资金\t0.00\t上年结转资 金\t0.00\t');
    expect(rows).toContain('\t\t质量指标\t医疗保障基 金预决算和 管理工作的 完成率\t=100(%)\t');
    expect(rows.filter((r) => r.includes('\t')).every((r) => r.split('\t').length === 6)).toBe(true);
  });
});

describe('in a browser Web Worker', () => {
  it('reads the same as in Node, fetching pdfjs data only from the site', async () => {
    const bundle = await build({
      entryPoints: [path.join(import.meta.dirname, 'worker-entry.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent'
    });
    const helvetica = buildPdf([
      { width: 300, height: 200, content: gridContent(20, 180, [80, 120], 20, [['Name', 'Total 2026']]) }
    ]);
    const docs: Record<string, Uint8Array> = { book: pdf.book, helvetica, cut: pdf.book.slice(0, 1000) };
    const origin = 'http://site.test';
    const context = await browser.newContext();
    const requests: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      requests.push(url.href);
      if (url.origin !== origin) return route.abort();
      if (url.pathname === '/')
        return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' });
      const doc = /^\/doc\/(\w+)\.pdf$/.exec(url.pathname);
      if (doc) return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(docs[doc[1]!]!) });
      if (url.pathname === '/worker.js')
        return route.fulfill({ contentType: 'text/javascript', body: bundle.outputFiles[0]!.text });
      const m = /^\/pdfjs\/(cmaps|standard_fonts|wasm)\/([\w.-]+)$/.exec(url.pathname);
      if (m)
        return route.fulfill({ body: readFileSync(path.join(nodePdfAssets().cMapUrl, '..', m[1]!, m[2]!)) });
      return route.fulfill({ status: 404 });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${origin}/`);
      const inWorker = async (name: string): Promise<unknown> =>
        page.evaluate(async (file) => {
          const data = await (await fetch(`/doc/${file}.pdf`)).arrayBuffer();
          const worker = new Worker('/worker.js', { type: 'module' });
          const base = `${location.origin}/pdfjs/`;
          try {
            return await new Promise((resolve) => {
              // pdfjs's worker code, loaded in a worker, also says 'ready' on the worker's port: not ours.
              worker.onmessage = (e: MessageEvent) => {
                if (e.data && ('reading' in e.data || 'error' in e.data)) resolve(e.data);
              };
              worker.onerror = (e) => resolve({ error: { message: e.message } });
              worker.postMessage({
                bytes: new Uint8Array(data),
                options: {
                  cMapUrl: `${base}cmaps/`,
                  standardFontDataUrl: `${base}standard_fonts/`,
                  wasmUrl: `${base}wasm/`
                }
              });
            });
          } finally {
            worker.terminate();
          }
        }, name);
      expect(await inWorker('book')).toEqual({ reading: reading('book') });
      expect(await inWorker('helvetica')).toEqual({ reading: await readPdf(helvetica, nodePdfAssets()) });
      expect(await inWorker('cut')).toEqual({
        error: {
          name: 'PdfReadError',
          message: 'PDF 文件已损坏，无法读取（文件不完整，可能下载或复制时被截断）',
          reason: 'PDF 文件已损坏，无法读取（文件不完整，可能下载或复制时被截断）',
          page: null
        }
      });
    } finally {
      await context.close();
    }
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    // The Helvetica page needs pdfjs's standard font data: fetched from the site itself.
    expect(requests.some((u) => u.startsWith(`${origin}/pdfjs/standard_fonts/`))).toBe(true);
    expect(errors).toEqual([]);
  });
});
