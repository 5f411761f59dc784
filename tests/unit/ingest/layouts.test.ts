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

describe('one cell per line, self-evaluation', () => {
  const head = [
    '财政项目支出绩效自评表',
    '(2021 年度)',
    '项目名称',
    '宣传与推广',
    '主管部门',
    '上海市松江区医疗保障局',
    '项目资金（元）',
    '年初预算数',
    '全年预算数',
    '全年执行数',
    '分值',
    '执行率',
    '得分',
    '年度资金总额',
    '100000.00',
    '100000.00',
    '90,000',
    '10',
    '90.00%',
    '9',
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '实际完成值',
    '分值',
    '得分',
    '偏差原因分析及改进措施',
    '效益指标',
    '社会效益指标'
  ];
  const parse = (rows: string[]) =>
    parseDocument({
      file: 'cells.txt',
      text: [...head, ...rows].join('\n'),
      sourceId: 'cells',
      manifest: null
    });

  it('a shortfall in words (未完全达到) without a reason does not swallow the next indicator', () => {
    const p = parse([
      '规范医疗服务行为',
      '规范',
      '规范',
      '11',
      '11',
      '是否及时缓解家庭经济压力',
      '是',
      '未完全达到',
      '11',
      '6',
      '有效投诉',
      '>0',
      '1',
      '15',
      '15',
      '总分',
      '100',
      '42'
    ]);
    expect(p.indicators.map((i) => [i.name, i.actual_text, i.weight, i.score])).toEqual([
      ['规范医疗服务行为', '规范', 11, 11],
      ['是否及时缓解家庭经济压力', '未完全达到', 11, 6],
      ['有效投诉', '1', 15, 15]
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('a name that reads like a target (有效投诉) stays the name', () => {
    const p = parse([
      '参保人员',
      '提升',
      '提升',
      '15',
      '15',
      '有效投诉',
      '>0',
      '1',
      '15',
      '15',
      '总分',
      '100',
      '40'
    ]);
    expect(p.indicators.map((i) => [i.name, i.target_op, i.target_value, i.actual_value])).toEqual([
      ['参保人员', null, null, null],
      ['有效投诉', '>', 0, 1]
    ]);
  });

  it('text with bare numbers folded into a reason is reported, not silently kept', () => {
    const p = parse([
      '参保人员',
      '提升',
      '基本提升',
      '15',
      '10',
      '由于宣传不足',
      '其他事项',
      '某值',
      '某值',
      '15',
      '15',
      '总分',
      '100',
      '20'
    ]);
    expect(p.warnings.map((w) => w.code)).toContain('values-in-reason');
  });
});

describe('the 2020 template with rows joined by spaces', () => {
  const text = [
    '财政项目支出绩效目标申报表（项目总体情况）',
    '（2020 年）',
    '项目名称 免申即享运维费',
    '项目资金 一、项目总预算：3827430',
    '二、当年预算： 3827430',
    '（一）财政拨款： 3827430',
    '1. 上级财政拨款： 1000000',
    '2. 本级财政安排： 2827430',
    '3. 下级财政配套： 0',
    '（二）其他资金： 0',
    '财政项目支出绩效目标申报表（绩效目标）',
    '（2020 年）',
    '项目名称：免申即享运维费',
    '一级目标 二级目标 三级目标 目标值 备注',
    '绩效目标 产出目标 数量 满足经办人员日常使用率 工作计划',
    '质量 服务对象满意 管理目标',
    '新功能开发是否正常运行 正常 计划标准'
  ].join('\n');
  const p = parseDocument({
    file: 'joined-2020.txt',
    text,
    sourceId: 'j2020',
    manifest: {
      file: 'joined-2020.txt',
      form: 'target',
      year: 2020,
      district: '闵行区',
      department: '上海市闵行区医疗保障局'
    }
  });

  it('reads an amount after a label with its colon, not as the start of the next label', () => {
    const project = p.projects[0] as ProjectRecord;
    expect([
      project.annual_amount,
      project.fiscal_amount,
      project.fiscal_superior,
      project.fiscal_local
    ]).toEqual(['3827430.00', '3827430.00', '1000000.00', '2827430.00']);
  });

  it('reads a name and its basis with the target left empty, the table label dropped', () => {
    expect(p.indicators.map((i) => [i.level2, i.name, i.target_text, i.basis])).toEqual([
      ['数量指标', '满足经办人员日常使用率', null, '工作计划'],
      ['质量指标', '服务对象满意', null, '管理目标'],
      ['质量指标', '新功能开发是否正常运行', '正常', '计划标准']
    ]);
  });
});
