/**
 * `npm run ingest` end to end: the real script over the real seeds, its Parquet read back with
 * DuckDB. These are the figures the site and the published data rely on.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  readFileSync,
  readdirSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES } from '../../../src/lib/schema/tables';
import { buildForms } from '../../../scripts/lib/forms/grid';
import { formsHtml } from '../../../scripts/lib/forms/html';
import { PdfPrinter } from '../../../scripts/lib/forms/print';
import { queryParquet, runIngest, snapshotFolder } from '../../helpers/ingest';
import { RAW, ROOT, parseSeed } from '../../helpers/seeds';

const work = mkdtempSync(path.join(tmpdir(), 'ingest-'));
const out = path.join(work, 'data');
let stdout = '';
const q = (sql: string) => queryParquet(out, sql);
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const run = runIngest(['--out', out]);
  stdout = run.stdout;
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

describe('npm run ingest', () => {
  it('writes the six Parquet files and report.json', () => {
    expect(readdirSync(out).sort()).toEqual(
      [...TABLE_NAMES.map((t) => `${t}.parquet`), 'report.json'].sort()
    );
  });

  it('prints a one-screen summary: per file the layout, projects, indicators, warnings', () => {
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeLessThan(30);
    expect(stdout).toMatch(/000_5da2509ae1f89920\.txt\s+markdown\s+target\s+2026\s+松江区\s+6\s+37\s+0/);
    expect(stdout).toMatch(/004_604980d765fad65f\.txt\s+text\s+self_eval\s+2021\s+松江区\s+7\s+83\s+0/);
    expect(stdout).toMatch(/合计\s+41\s+425\s+6/);
    expect(stdout).toContain('003_56eb7a13f70bd798.txt:25: 分页处的标题“数量指标”');
  });

  it.each(TABLE_NAMES)('%s.parquet has exactly the contract schema', async (table) => {
    const rows = await q(`DESCRIBE SELECT * FROM '$D/${table}.parquet'`);
    expect(rows.map((r) => [r.column_name, r.column_type])).toEqual(
      TABLES[table].columns.map((c) => [c.name, c.type])
    );
  });

  it('has the projects per file', async () => {
    const rows = await q(
      `SELECT left(source_file, 3) f, count(*)::INT n FROM '$D/projects.parquet' GROUP BY 1 ORDER BY 1`
    );
    expect(rows).toEqual([
      { f: '000', n: 6 },
      { f: '001', n: 3 },
      { f: '002', n: 13 },
      { f: '003', n: 12 },
      { f: '004', n: 7 }
    ]);
  });

  it('sums money exactly', async () => {
    const rows = await q(
      `SELECT district, year, form, SUM(annual_amount)::VARCHAR annual, SUM(budget_adjusted)::VARCHAR adjusted, SUM(executed_amount)::VARCHAR executed
       FROM '$D/projects.parquet' GROUP BY ALL ORDER BY year`
    );
    expect(rows).toEqual([
      {
        district: '闵行区',
        year: 2020,
        form: 'target',
        annual: '187109143.00',
        adjusted: null,
        executed: null
      },
      {
        district: '松江区',
        year: 2021,
        form: 'self_eval',
        annual: '39176706.55',
        adjusted: '39176706.55',
        executed: '40872251.16'
      },
      {
        district: '宝山区',
        year: 2023,
        form: 'target',
        annual: '127105200.00',
        adjusted: null,
        executed: null
      },
      { district: '市级', year: 2024, form: 'target', annual: '18270112.00', adjusted: null, executed: null },
      {
        district: '松江区',
        year: 2026,
        form: 'target',
        annual: '33706066.00',
        adjusted: null,
        executed: null
      }
    ]);
  });

  it('reads back the issue’s projects and indicators', async () => {
    const [med] = await q(`SELECT * FROM '$D/projects.parquet' WHERE name = '医疗补助' AND year = 2026`);
    expect(med).toMatchObject({
      annual_amount: '18730000.00',
      fiscal_amount: '18700000.00',
      carryover_amount: '0.00',
      other_amount: '30000.00'
    });
    const [n] = await q(
      `SELECT count(*)::INT n FROM '$D/indicators.parquet' WHERE project_id = '${med?.project_id}'`
    );
    expect(n).toEqual({ n: 5 });
    const [net] = await q(
      `SELECT implementing_unit, annual_amount FROM '$D/projects.parquet' WHERE name = '医保网络运行维护'`
    );
    expect(net).toEqual({ implementing_unit: '上海市宝山区医疗保险事务中心', annual_amount: '110200.00' });
    const [cost] = await q(
      `SELECT i.level1, i.level2, i.target_op, i.target_value, i.target_unit FROM '$D/indicators.parquet' i JOIN '$D/projects.parquet' p USING (project_id)
       WHERE p.name = '编外人员工作经费' AND i.name = '非编人力成本'`
    );
    expect(cost).toEqual({
      level1: '成本指标',
      level2: '经济成本指标',
      target_op: '<=',
      target_value: 1724200,
      target_unit: '元'
    });
    const [aid] = await q(
      `SELECT budget_initial, budget_adjusted, executed_amount, execution_rate, execution_score, total_score FROM '$D/projects.parquet' WHERE name = '社会救助' AND year = 2021`
    );
    expect(aid).toEqual({
      budget_initial: '14392367.39',
      budget_adjusted: '14392367.39',
      executed_amount: '16687069.74',
      execution_rate: 1.1595,
      execution_score: 10,
      total_score: 90
    });
    const [bought] = await q(
      `SELECT i.target_op, i.target_value, i.actual_value, i.weight, i.score, i.achieved, i.deviation FROM '$D/indicators.parquet' i JOIN '$D/projects.parquet' p USING (project_id)
       WHERE p.name = '设备购置' AND i.name = '购置数量'`
    );
    expect(bought).toMatchObject({
      target_op: '=',
      target_value: 4,
      actual_value: 1,
      weight: 10,
      score: 5,
      achieved: false
    });
    expect(String(bought?.deviation)).toMatch(/^由于实行电子医保卡/);
  });

  it('has indicator scores plus execution score equal to the total for every self-evaluation', async () => {
    const rows = await q(
      `SELECT p.name, p.total_score, round(any_value(p.execution_score) + sum(i.score), 2) computed
       FROM '$D/projects.parquet' p JOIN '$D/indicators.parquet' i USING (project_id)
       WHERE p.form = 'self_eval' GROUP BY p.name, p.total_score`
    );
    expect(rows).toHaveLength(7);
    for (const r of rows) expect(r.computed).toBe(r.total_score);
  });

  it('has 34 budget lines for 002 医疗救助 summing to its annual amount', async () => {
    const [r] = await q(
      `SELECT count(*)::INT n, sum(b.amount)::VARCHAR total FROM '$D/budget_lines.parquet' b JOIN '$D/projects.parquet' p USING (project_id) WHERE p.name = '医疗救助' AND p.year = 2020`
    );
    expect(r).toEqual({ n: 34, total: '23940000.00' });
  });

  it('records the sources and the report', async () => {
    const rows = await q(
      `SELECT source_file, layout, projects, indicators FROM '$D/sources.parquet' ORDER BY 1`
    );
    expect(rows.map((r) => [r.layout, r.projects, r.indicators])).toEqual([
      ['markdown', 6, 37],
      ['text', 3, 23],
      ['tsv', 13, 90],
      ['tsv', 12, 192],
      ['text', 7, 83]
    ]);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.totals).toMatchObject({ projects: 41, indicators: 425, warnings: 6 });
    expect(report.sources[3].warnings[0]).toMatchObject({
      file: '003_56eb7a13f70bd798.txt',
      line: 25,
      code: 'heading-after-page-break'
    });
  });

  it('publishes no contact name or phone number in any file', () => {
    const secrets = ['瞿文佳', '54135092', '15618532550', '汤帅', '潘晓鸣', '金辉', '64120013', '张志权'];
    for (const f of readdirSync(out)) {
      const text =
        readFileSync(path.join(out, f)).toString('latin1') + readFileSync(path.join(out, f), 'utf8');
      for (const s of secrets) expect(text, `${f} contains ${s}`).not.toContain(s);
    }
  });
});

describe('a folder with a document that cannot be read', () => {
  /** The seeds and minutes of a meeting, which are not a form. */
  const rawWithMinutes = () => {
    const raw = path.join(work, 'raw-bad');
    cpSync(RAW, raw, { recursive: true });
    writeFileSync(path.join(raw, 'zz_minutes.txt'), '\n会议纪要\n\n本文件不是绩效表格。\n');
    return raw;
  };

  it('publishes the others and names the refused one, on screen and in report.json', () => {
    const raw = rawWithMinutes();
    const partial = path.join(work, 'partial');
    const run = runIngest(['--raw', raw, '--out', partial]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/合计\s+41\s+425/);
    // The refusal is the last thing on the screen.
    expect(run.stderr.trim().split('\n')).toEqual([
      '未能导入 1 项（其余已发布；原文件仍在 ' + raw + '/；--strict 则全部不发布）：',
      '  zz_minutes.txt:2: 无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题'
    ]);
    const report = JSON.parse(readFileSync(path.join(partial, 'report.json'), 'utf8'));
    expect(report.refused).toEqual([
      {
        file: 'zz_minutes.txt',
        line: 2,
        page: null,
        reason: '无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题'
      }
    ]);
    expect(report.totals).toMatchObject({ sources: 5, projects: 41, refused: 1 });
    expect(existsSync(path.join(raw, 'zz_minutes.txt'))).toBe(true);
  });

  it('with --strict, names file and line, exits non-zero and leaves the previous output untouched', () => {
    const raw = rawWithMinutes();
    const before = snapshotFolder(out);
    const run = runIngest(['--raw', raw, '--out', out, '--strict']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('zz_minutes.txt:2: 无法识别表格类型');
    expect(run.stdout).toBe('');
    expect(snapshotFolder(out)).toEqual(before);
  });

  it('refuses a project without an amount, with its line, and keeps the rest of the run', () => {
    const raw = path.join(work, 'raw-noamount');
    const partial = path.join(work, 'partial-noamount');
    cpSync(RAW, raw, { recursive: true });
    copyFileSync(path.join(ROOT, 'data/sources.csv'), path.join(work, 'sources.csv'));
    writeFileSync(
      path.join(raw, 'zz_noamount.md'),
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | 宣传 |\n| 主管部门 | 上海市松江区医疗保障局 |\n'
    );
    const run = runIngest(['--raw', raw, '--out', partial, '--manifest', path.join(work, 'sources.csv')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('zz_noamount.md:1: 项目“宣传”没有金额');
    expect(run.stdout).toMatch(/合计\s+41\s+425/);
  });
});

describe('a PDF and a text of the same forms, side by side', () => {
  it('gives the same projects from both, the PDF’s pointing at their pages', async () => {
    // A Node Buffer is what the script reads a file as: pdf.js must be given one it accepts.
    const printer = await PdfPrinter.start();
    const pdf = await printer
      .print(formsHtml(buildForms(parseSeed('004'))), { pageNumbers: true })
      .finally(() => printer.close());
    const raw = path.join(work, 'raw-pdf');
    const dir = path.join(work, 'pdf-data');
    cpSync(RAW, raw, { recursive: true });
    writeFileSync(path.join(raw, 'zz_004_published.pdf'), pdf);
    const run = runIngest(['--raw', raw, '--out', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/zz_004_published\.pdf\s+pdf\s+self_eval\s+2021\s+松江区\s+7\s+83\s+0/);
    const rows = await queryParquet(
      dir,
      `SELECT source_file, count(*)::INT n, sum(executed_amount)::VARCHAR spent, count(source_page)::INT paged
       FROM '$D/projects.parquet' WHERE year = 2021 GROUP BY 1 ORDER BY 1`
    );
    expect(rows).toEqual([
      { source_file: '004_604980d765fad65f.txt', n: 7, spent: '40872251.16', paged: 0 },
      { source_file: 'zz_004_published.pdf', n: 7, spent: '40872251.16', paged: 7 }
    ]);
  }, 120_000);
});
