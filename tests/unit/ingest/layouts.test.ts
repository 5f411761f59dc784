/**
 * The same real forms in layouts the seeds do not use (one cell per line, rows joined with spaces,
 * labels wrapped over lines, a spreadsheet table, GB18030): each must give the records its seed gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorRecord, ProjectRecord } from '../../../src/lib/schema/records';
import { decodeSource } from '../../../src/lib/ingest/decode';
import { parseDocument } from '../../../src/lib/ingest/document';
import { ROOT, indicatorsOf, parseFixture, parseSeed, projectNamed } from '../../helpers/seeds';

const PROJECT_FIELDS = [
  'name',
  'form',
  'year',
  'district',
  'department',
  'implementing_unit',
  'annual_amount',
  'fiscal_amount',
  'carryover_amount',
  'other_amount',
  'budget_initial',
  'budget_adjusted',
  'executed_amount',
  'execution_rate',
  'execution_weight',
  'execution_score',
  'total_score',
  'goal',
  'outcome'
] as const;
const INDICATOR_FIELDS = [
  'seq',
  'level1',
  'level2',
  'name',
  'target_text',
  'target_op',
  'target_value',
  'target_unit',
  'actual_text',
  'actual_value',
  'weight',
  'score',
  'deviation',
  'achieved'
] as const;

const pick = <T extends object, K extends keyof T>(o: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

function expectSameAsSeed(fixture: string, seed: '000' | '004', name: string) {
  const got = parseFixture(`layouts/${fixture}`);
  const want = parseSeed(seed);
  const wantProject = projectNamed(want, name);
  expect(got.projects).toHaveLength(1);
  const gotProject = got.projects[0] as ProjectRecord;
  expect(pick(gotProject, PROJECT_FIELDS)).toEqual(pick(wantProject, PROJECT_FIELDS));
  const gotInds = got.indicators.map((i: IndicatorRecord) => pick(i, INDICATOR_FIELDS));
  const wantInds = indicatorsOf(want, wantProject.project_id).map((i) => pick(i, INDICATOR_FIELDS));
  expect(gotInds).toEqual(wantInds);
  expect(got.warnings).toEqual([]);
}

describe('layouts the seeds do not show', () => {
  it('one cell per line (target declaration)', () =>
    expectSameAsSeed('one-cell-per-line-target.txt', '000', '社会救助'));
  it('rows joined with spaces (target declaration)', () =>
    expectSameAsSeed('rows-joined-target.txt', '000', '社会救助'));
  it('one cell per line (self-evaluation)', () =>
    expectSameAsSeed('one-cell-per-line-self-eval.txt', '004', '设备购置'));
  it('rows joined with spaces (self-evaluation)', () =>
    expectSameAsSeed('rows-joined-self-eval.txt', '004', '设备购置'));
  it('a spreadsheet table (self-evaluation)', () =>
    expectSameAsSeed('markdown-self-eval.md', '004', '社会救助'));

  it('labels and headings wrapped over lines (社会效益 / 指标, 阶段 / 性项 / 目)', () => {
    const got = parseFixture('layouts/wrapped-labels.txt');
    const p = got.projects[0] as ProjectRecord;
    expect(p).toMatchObject({
      name: '编外人员工作经费',
      nature: '阶段性项目',
      department: '上海市松江区医疗保障局',
      implementing_unit: '上海市松江区医疗保险事务中心',
      annual_amount: '1807166.00'
    });
    const want = indicatorsOf(
      parseSeed('000'),
      projectNamed(parseSeed('000'), '编外人员工作经费').project_id
    );
    expect(got.indicators.map((i) => pick(i, INDICATOR_FIELDS))).toEqual(
      want.map((i) => pick(i, INDICATOR_FIELDS))
    );
  });

  it('GB18030 with CRLF line ends (000 社会救助 as a Windows export)', () => {
    const bytes = readFileSync(path.join(ROOT, 'tests/fixtures/layouts/gb18030-target.txt'));
    const { text, encoding } = decodeSource(bytes, 'gb18030-target.txt');
    expect(encoding).toBe('gb18030');
    const got = parseDocument({ file: 'gb18030-target.txt', text, sourceId: 'gb', manifest: null });
    const want = projectNamed(parseSeed('000'), '社会救助');
    expect(pick(got.projects[0] as ProjectRecord, PROJECT_FIELDS)).toEqual(pick(want, PROJECT_FIELDS));
    expect(got.indicators).toHaveLength(8);
  });
});

describe('markdown cells', () => {
  it('keep a pipe escaped as \\| inside the cell', async () => {
    const { readRow } = await import('../../../src/lib/ingest/layout');
    expect(readRow('| 项目名称 | A\\|B 项目 | 主管部门 | 区卫健委 |', 7).cells.map((c) => c.text)).toEqual([
      '项目名称',
      'A|B 项目',
      '主管部门',
      '区卫健委'
    ]);
    expect(readRow('| 末格 | x\\|', 8).cells.map((c) => c.text)).toEqual(['末格', 'x|']);
  });
});
