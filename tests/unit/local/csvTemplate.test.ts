/** CSV templates: a filled-in template reads back into the contract's records, checked cell by cell. */
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../../src/lib/local/analyse';
import {
  cellValue,
  parseTemplateCsv,
  templateCsv,
  templateTableOf
} from '../../../src/lib/local/csvTemplate';
import { toTableCsv } from '../../../src/lib/local/export';
import { TABLES } from '../../../src/lib/schema/tables';
import { SEEDS, manifest, parseSeed, rawSources, sha256 } from '../../helpers/seeds';

const source = rawSources().find((f) => f.file === SEEDS['004']);
if (!source) throw new Error('004 missing');
const seed = (await analyseFile(source)).dataset;
const header = TABLES.projects.columns.map((c) => c.name).join(',');
const col = (name: string) => {
  const c = TABLES.projects.columns.find((x) => x.name === name);
  if (!c) throw new Error(name);
  return c;
};

describe('templateCsv', () => {
  it('is the header of the contract’s columns, with a BOM', () => {
    expect(templateCsv('projects')).toBe(`\uFEFF${header}\r\n`);
    expect(templateTableOf(templateCsv('indicators').slice(1).trim().split(','))).toBe('indicators');
    expect(templateTableOf(['project_id', 'name'])).toBeNull();
  });
});

describe('parseTemplateCsv', () => {
  it('reads back the 004 projects and indicators exactly as exported', () => {
    const projects = parseTemplateCsv('p.csv', toTableCsv('projects', seed.projects));
    if (!projects.ok) throw new Error(JSON.stringify(projects.errors));
    expect(projects.table).toBe('projects');
    expect(projects.dataset.projects).toEqual(seed.projects);
    expect(projects.dataset.projects.find((p) => p.name.includes('社会救助'))?.executed_amount).toBe(
      '16687069.74'
    );
    const indicators = parseTemplateCsv('i.csv', toTableCsv('indicators', seed.indicators));
    if (!indicators.ok) throw new Error(JSON.stringify(indicators.errors));
    expect(indicators.dataset.indicators).toEqual(seed.indicators);
  });

  it('fills source_file, source_line, series_id and topic when left empty, and says so', () => {
    const cols = TABLES.projects.columns.map((c) => c.name);
    // Build the row in column order from named values.
    const values: Record<string, string> = {
      project_id: 'csv-001',
      form: 'self_eval',
      year: '2027',
      district: '松江区',
      department: '上海市松江区医疗保障局',
      name: '医疗救助补助资金',
      annual_amount: '"1,000.5"',
      budget_adjusted: '1000.50',
      executed_amount: '950.25',
      execution_rate: '0.95',
      total_score: '90'
    };
    const csv = `${header}\n${cols.map((c) => values[c] ?? '').join(',')}\n`;
    const r = parseTemplateCsv('new.csv', csv);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const p = r.dataset.projects[0];
    expect(p).toMatchObject({
      source_file: 'new.csv',
      source_line: 2,
      annual_amount: '1000.50',
      executed_amount: '950.25',
      year: 2027,
      execution_rate: 0.95,
      topic: '医疗救助',
      start_date: null
    });
    expect(p?.series_id).toMatch(/\S/);
    expect(r.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, 'csv-derived'],
      [2, 'csv-derived']
    ]);
  });

  it('refuses the whole file with each bad cell’s line', () => {
    const cols = TABLES.projects.columns.map((c) => c.name);
    const good = { project_id: 'a', form: 'target', year: '2027', district: '松江区', name: 'x' };
    const line = (v: Record<string, string>) => cols.map((c) => v[c] ?? '').join(',');
    const csv = [
      header,
      line(good),
      '',
      line({ ...good, annual_amount: '12.345' }),
      line({ ...good, year: '二〇二七' }),
      line({ ...good, form: 'budget' }),
      line({ ...good, name: '' }),
      'a,b'
    ].join('\n');
    const r = parseTemplateCsv('bad.csv', csv);
    if (r.ok) throw new Error('accepted');
    expect(r.errors.map((e) => `${e.line} ${e.code}`)).toEqual([
      '4 csv-value',
      '5 csv-value',
      '6 csv-value',
      '7 csv-required',
      '8 csv-columns'
    ]);
    expect(r.errors[0]?.message).toContain('annual_amount 应为金额');
  });

  it('refuses a file that is not a template', () => {
    const r = parseTemplateCsv('x.csv', '项目,金额\n救助,1\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('第一行不是任何模板的列名');
  });
});

describe('cellValue', () => {
  it('keeps money exact and checks each type', () => {
    expect(cellValue(col('executed_amount'), '16687069.74')).toEqual({ value: '16687069.74' });
    expect(cellValue(col('executed_amount'), '16,687,069.7')).toEqual({ value: '16687069.70' });
    expect(cellValue(col('executed_amount'), '99999999999999.99')).toEqual({ value: '99999999999999.99' });
    expect(cellValue(col('executed_amount'), '-0.5')).toEqual({ value: '-0.50' });
    expect(cellValue(col('executed_amount'), '1e6')).toHaveProperty('problem');
    expect(cellValue(col('executed_amount'), '')).toEqual({ value: null });
    expect(cellValue(col('start_date'), '2021/1/1')).toEqual({ value: '2021-01-01' });
    expect(cellValue(col('start_date'), '2021-02-30')).toHaveProperty('problem');
    expect(cellValue(col('execution_rate'), '1.1595')).toEqual({ value: 1.1595 });
    expect(cellValue(col('execution_rate'), '115.95%')).toHaveProperty('problem');
    expect(cellValue(col('year'), '2021')).toEqual({ value: 2021 });
    expect(cellValue(col('year'), '99999')).toHaveProperty('problem');
    // What the CSV exports neutralised comes back as it was.
    expect(cellValue(col('executed_amount'), "'-100.00")).toEqual({ value: '-100.00' });
    expect(cellValue(col('name'), "'=4")).toEqual({ value: '=4' });
  });
});

describe('analyseFile', () => {
  it('finds 7 projects and 83 indicators in 004, read as PDF text, without a manifest row', async () => {
    const a = await analyseFile(source);
    expect(a).toMatchObject({
      ok: true,
      kind: 'document',
      layout: 'text',
      form: 'self_eval',
      year: 2021,
      district: '松江区'
    });
    expect(a.dataset.projects).toHaveLength(7);
    expect(a.dataset.indicators).toHaveLength(83);
    expect(a.warnings).toEqual([]);
  });

  it('takes a manifest row for what a form does not say (002 names no district)', async () => {
    const file = rawSources().find((f) => f.file === SEEDS['002']);
    if (!file) throw new Error('002 missing');
    const without = await analyseFile(file);
    expect(without.ok).toBe(false);
    expect(without.errors[0]?.message).toContain('无法确定所属区');
    const row = manifest().entries.find((e) => e.file === SEEDS['002']) ?? null;
    const withRow = await analyseFile(file, row);
    expect(withRow).toMatchObject({ ok: true, district: '闵行区', year: 2020, form: 'target' });
    expect(withRow.dataset.projects).toHaveLength(13);
    expect(withRow.dataset.projects).toEqual(parseSeed('002').projects);
  });

  it('reports a document it cannot read with file and line', async () => {
    const bytes = new TextEncoder().encode('这不是绩效表\n只是一段文字\n');
    const a = await analyseFile({ file: 'note.txt', bytes, sha256: sha256(bytes) });
    expect(a.ok).toBe(false);
    expect(a.errors[0]).toMatchObject({ file: 'note.txt', line: 1 });
  });

  it('refuses other file types', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const a = await analyseFile({ file: 'form.docx', bytes, sha256: sha256(bytes) });
    expect(a.errors[0]?.message).toContain('不支持的文件类型“.docx”');
  });

  it('says when a file named .pdf holds no PDF', async () => {
    const bytes = new TextEncoder().encode('这不是 PDF');
    const a = await analyseFile({ file: 'form.pdf', bytes, sha256: sha256(bytes) });
    expect(a.errors[0]?.message).toBe('文件名为 .pdf，内容却不是 PDF：可能已损坏，或改过扩展名');
  });
});
