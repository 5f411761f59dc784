/**
 * Forms re-created from the seeds' records: each template laid out as the seeds show the real
 * form, and the grid, rendered as the text a spreadsheet export makes, read back by the parser as
 * exactly the records it was built from.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildForm, buildForms, projectRecords } from '../../../scripts/lib/forms/grid';
import { synthDocuments } from '../../../scripts/lib/synth/model';
import { renderDocument } from '../../../scripts/lib/synth/render';
import { seedVocabulary } from '../../../scripts/lib/synth/seeds';
import {
  TableBuilder,
  gridTexts,
  toTableBlock,
  type FormGrid,
  type FormTable
} from '../../../scripts/lib/forms/layout';
import { amount, percent, quantity, score, shiftPoint, sumScores } from '../../../scripts/lib/forms/printed';
import { splitTarget } from '../../../scripts/lib/forms/templates/selfEval';
import { renderFormsText } from '../../../scripts/lib/forms/text';
import { parseDocument } from '../../../src/lib/ingest/document';
import { nationalSampleRecords, nationalSampleRows, parseAsSeed, recordsOf } from '../../helpers/forms';
import { RAW, ROOT, SEEDS, parseSeed } from '../../helpers/seeds';

const SEED_IDS = Object.keys(SEEDS) as (keyof typeof SEEDS)[];

/** The cell whose text this is (the first one). */
function cell(table: FormTable, text: string) {
  const found = table.cells.find((c) => c.text === text);
  if (!found) throw new Error(`no cell “${text}”`);
  return found;
}

/** Row `r` of the grid as texts, trailing empty boxes dropped. */
function rowTexts(table: FormTable, r: number): string[] {
  const row = gridTexts(table)[r] as string[];
  while (row.length && row[row.length - 1] === '') row.pop();
  return row;
}

function formOf(id: keyof typeof SEEDS, index: number, footer = false): FormGrid {
  return buildForms(parseSeed(id), { footer })[index] as FormGrid;
}

describe('a seed rebuilt as grids, rendered as text and parsed', () => {
  it.each(SEED_IDS.flatMap((id) => [[id, 'tsv'] as const, [id, 'markdown'] as const]))(
    'gives seed %s’s records again (%s)',
    (id, layout) => {
      const seed = parseSeed(id);
      const text = renderFormsText(buildForms(seed, { footer: false }), layout);
      const back = parseAsSeed(id, text);
      expect(recordsOf(back)).toEqual(recordsOf(seed));
      expect(back.warnings).toEqual([]);
    }
  );

  it.each(['002', '004'] as const)('keeps the made-up footers of seed %s out of the records', (id) => {
    const seed = parseSeed(id);
    const forms = buildForms(seed);
    const text = renderFormsText(forms, 'tsv');
    expect(text).toContain('填报日期');
    const back = parseAsSeed(id, text);
    expect(recordsOf(back)).toEqual(recordsOf(seed));
    const footers = forms.flatMap((f) => f.parts.flatMap((p) => p.below)).join('\n');
    const person = /填表人：(\S+)|填报人：(\S+)/.exec(footers);
    const name = (person?.[1] ?? person?.[2]) as string;
    expect(name).toMatch(/^\p{Script=Han}{2}$/u);
    expect(JSON.stringify(recordsOf(back))).not.toContain(name);
  });

  it('gives synthetic documents’ records again, in all three templates', async () => {
    const options = { districts: 2, years: 8, projects: 6, seed: 11, lastYear: 2026 };
    const docs = [...synthDocuments(options, await seedVocabulary(ROOT))];
    expect(new Set(docs.map((d) => d.template))).toEqual(new Set(['current', '2020', 'self_eval']));
    for (const doc of docs) {
      const manifest = {
        file: doc.file,
        form: doc.form,
        year: doc.year,
        district: doc.district,
        department: doc.department
      };
      const parse = (text: string) => parseDocument({ file: doc.file, text, sourceId: 'synth', manifest });
      const records = parse(renderDocument(doc));
      const back = parse(renderFormsText(buildForms(records, { footer: false }), 'tsv'));
      expect(recordsOf(back), doc.file).toEqual(recordsOf(records));
    }
  });

  // Parser gap: a 填报人 / 联系电话 / 填报日期 line under a declaration's indicator table is read as
  // one more indicator (named “填报人：***”); only 总分 (self-evaluation) or a part title ends the table.
  it('keeps the footers of a declaration form out of its indicators (seed 000)', () => {
    const seed = parseSeed('000');
    const back = parseAsSeed('000', renderFormsText(buildForms(seed), 'tsv'));
    expect(recordsOf(back)).toEqual(recordsOf(seed));
  });
});

describe('amounts', () => {
  // The 2020 form's 金额合计 is left empty in the seed; the re-created form adds the lines up.
  it.each(['000', '001', '002', '003'] as const)('are printed as seed %s prints them', (id) => {
    const raw = readFileSync(path.join(RAW, SEEDS[id]), 'utf8');
    const printed = buildForms(parseSeed(id)).flatMap((f) =>
      f.parts.flatMap((p) => {
        const total = p.table.cells.find((c) => c.text === '金额合计');
        return p.table.cells.filter((c) => c.number && c.row !== total?.row).map((c) => c.text);
      })
    );
    expect(printed.length).toBeGreaterThan(8);
    const missing = printed.filter(
      (t) => !new RegExp(`(?<![\\d.,])${t.replace(/[.]/g, '\\.')}(?![\\d.,])`).test(raw)
    );
    expect(missing).toEqual([]);
  });
});

describe('the current declaration form (2023–2026)', () => {
  it('prints amounts with thousands separators, backed by number values', () => {
    const { table } = formOf('000', 0).parts[0] as FormGrid['parts'][number];
    const annual = cell(table, '11,143,200.00');
    expect(annual.number).toEqual({ value: '11143200.00', format: '#,##0.00' });
    expect(rowTexts(table, 3)).toEqual([
      '项目资金（元）',
      '项目资金总额',
      '',
      '年度资金申请总额',
      '11,143,200.00'
    ]);
    expect(annual.colSpan).toBe(2);
  });

  it('merges level-1 and level-2 headings over the rows they head', () => {
    const part = formOf('000', 0).parts[0] as FormGrid['parts'][number];
    expect(cell(part.table, '绩效指标')).toMatchObject({ row: 9, col: 0, rowSpan: 9, colSpan: 1 });
    expect(cell(part.table, '产出指标')).toMatchObject({ row: 10, col: 1, rowSpan: 6 });
    expect(cell(part.table, '数量指标')).toMatchObject({ row: 10, col: 2, rowSpan: 3 });
    expect(cell(part.table, '时效指标')).toMatchObject({ row: 15, col: 2, rowSpan: 1 });
    expect(part.indicatorRows).toEqual({ first: 10, count: 8 });
    expect(rowTexts(part.table, 11)).toEqual(['', '', '', '少儿住院医疗互助基金参保缴费资助', '≥774.00(人)']);
  });

  it('runs the name on to 项目类别 where the form has no 项目性质 (seed 001, 2023)', () => {
    const { table } = formOf('001', 0).parts[0] as FormGrid['parts'][number];
    expect(rowTexts(table, 0)).toEqual([
      '项目名称',
      '市民社区医疗互助帮困计划资金',
      '',
      '',
      '项目类别',
      '经常性项目'
    ]);
    expect(rowTexts(table, 8)[1]).toMatch(/^配合基本医疗保险制度改革/);
  });

  it('leaves a level-1 cell empty where the source did not say it (seed 003)', () => {
    const { table } = formOf('003', 0).parts[0] as FormGrid['parts'][number];
    const blank = table.cells.find((c) => c.col === 1 && c.text === '' && c.row > 10);
    expect(blank).toMatchObject({ rowSpan: 3 });
    expect(rowTexts(table, (blank?.row ?? 0) + 0)).toEqual([
      '',
      '',
      '数量指标',
      '组织法治培训计划完成数',
      '≥1.00(次)'
    ]);
  });
});

describe('the 2020 three-part form', () => {
  const form = formOf('002', 0, true);
  const [overview, targets, safeguards] = form.parts as [
    FormGrid['parts'][number],
    FormGrid['parts'][number],
    FormGrid['parts'][number]
  ];

  it('has its three parts with their titles', () => {
    expect(form.parts.map((p) => p.titles[0])).toEqual([
      '财政项目支出绩效目标申报表（项目总体情况）',
      '财政项目支出绩效目标申报表（绩效目标）',
      '项目支出绩效目标申报表(制度保障)'
    ]);
    expect(overview.above).toEqual(['填报单位（盖章）', '金额单位：元']);
    expect(overview.below).toHaveLength(3);
  });

  it('ticks the category and prints the funds as plain numbers', () => {
    expect(rowTexts(overview.table, 1)).toEqual(['项目类别', '一次性项目 ☐ 经常性项目 ☑ 中期预算试点项目 ☐']);
    expect(rowTexts(overview.table, 6)).toEqual(['项目资金', '一、项目总预算：660296']);
    expect(rowTexts(overview.table, 9)).toEqual(['', '1. 上级财政拨款：', '', '', '0']);
    expect(cell(overview.table, '项目资金').rowSpan).toBe(7);
  });

  it('lists targets with their basis, then the itemised budget and its total', () => {
    expect(cell(targets.table, '影响力目标')).toMatchObject({ rowSpan: 2, col: 1 });
    expect(rowTexts(targets.table, 8)).toEqual(['', '', '满意度', '参保人员', '', '历史标准']);
    const last = targets.table.rows - 1;
    expect(rowTexts(targets.table, last)).toEqual([
      '金额合计',
      '',
      '',
      '',
      '660296.00',
      '',
      '----',
      '----',
      '----',
      '----'
    ]);
    expect(rowTexts(targets.table, last - 1)).toEqual([
      '',
      '城乡居民医保资金区本级财政筹集资金',
      '人缴费补贴本',
      '补贴本级财政筹集资',
      '501738.00',
      '51.00',
      '',
      '9838.00',
      '',
      '年度项目'
    ]);
  });

  it('prints all three kinds of rules, stages ticked, crossed or left unmarked', () => {
    expect(rowTexts(safeguards.table, 3)).toEqual([
      '预算管理制度',
      '',
      '',
      '立项和计划阶段 ☐',
      '实施阶段 ☐',
      '收尾和完成阶段 ☐'
    ]);
    expect(rowTexts(safeguards.table, 2).slice(3)).toEqual([
      '立项和计划阶段 ×',
      '实施阶段 ✓',
      '收尾和完成阶段 ×'
    ]);
    const party = formOf('002', 1).parts[2] as FormGrid['parts'][number];
    expect(rowTexts(party.table, 2).slice(3)).toEqual(['立项和计划阶段', '实施阶段 ✓', '收尾和完成阶段 ✓']);
  });

  it('merges one kind over its consecutive rules (seed 002, 武警医疗经费)', () => {
    const r = projectRecords(parseSeed('002')).find((x) => x.project.name === '武警医疗经费');
    const part = buildForm(r as NonNullable<typeof r>, '2020').parts[2] as FormGrid['parts'][number];
    expect(cell(part.table, '项目管理制度')).toMatchObject({ row: 2, rowSpan: 2 });
    expect(gridTexts(part.table).map((row) => row[0])).toEqual([
      '项目名称：武警医疗经费',
      '制度保障',
      '项目管理制度',
      '',
      '预算管理制度',
      '财务管理制度'
    ]);
  });
});

describe('Shanghai’s self-evaluation form', () => {
  const { table } = formOf('004', 1).parts[0] as FormGrid['parts'][number];

  it('prints the funds block as the seed does', () => {
    expect(rowTexts(table, 2)).toEqual([
      '项目资金（元）',
      '',
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '分值',
      '执行率',
      '得分'
    ]);
    expect(rowTexts(table, 3)).toEqual([
      '',
      '年度资金总额',
      '120000.00',
      '120000.00',
      '75835.71',
      '10',
      '63.20%',
      '6.32'
    ]);
    expect(rowTexts(table, 4)).toEqual(['', '其中：当年财政拨款', '', '120000', '', '—', '—', '—']);
    expect(cell(table, '63.20%').number).toEqual({ value: '0.632', format: '0.00%' });
  });

  it('ends with 总分: the points on offer and the score', () => {
    expect(rowTexts(table, table.rows - 1)).toEqual(['总分', '', '', '', '', '', '100', '89.32']);
    expect(cell(table, '总分').colSpan).toBe(6);
  });
});

describe('the national template (财预〔2020〕10号)', () => {
  const records = nationalSampleRecords();
  const form = buildForms(records, { template: 'national-self-eval', footer: false })[0] as FormGrid;
  const { table } = form.parts[0] as FormGrid['parts'][number];

  it('lays out the sample’s rows wherever the records hold the values', () => {
    const sample = nationalSampleRows().map((r) => {
      while (r.length && r[r.length - 1] === '') r.pop();
      return r;
    });
    // Rows 4–6 give each source's 年初预算数 and 全年执行数, which no record holds.
    for (const r of [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
      expect(rowTexts(table, r)).toEqual(sample[r]);
    expect(rowTexts(table, 4)).toEqual(['', '其中：当年财政拨款', '', '118.50', '', '—', '—', '—']);
  });

  it('prints 万元 exactly, backed by the number of 万元', () => {
    expect(amount('1185000.00', 'wan')).toEqual({
      text: '118.50',
      number: { value: '118.5', format: '0.00' }
    });
    expect(amount('1234567.89', 'wan')).toEqual({
      text: '123.456789',
      number: { value: '123.456789', format: '0.000000' }
    });
    expect(cell(table, '112.30').number).toEqual({ value: '112.3', format: '0.00' });
  });

  // Parser gaps: the goal's label 预期目标 is not known (the goal becomes “预期目标” and the outcome
  // takes both texts), and the unit in 项目资金（万元） is not applied to the funds block.
  it('gives the records the form means when rendered and parsed', () => {
    const text = renderFormsText([form], 'markdown');
    const back = parseDocument({ file: 'national.md', text, sourceId: 'national', manifest: null });
    expect(recordsOf(back)).toEqual(recordsOf(records));
  });

  it('splits a target into 指标性质 / 指标值 / 度量单位 without losing a character', () => {
    expect(splitTarget('≥15公里')).toEqual(['≥', '15', '公里']);
    expect(splitTarget('>=95%')).toEqual(['>=', '95', '%']);
    expect(splitTarget('=100(%)')).toEqual(['=', '100', '(%)']);
    expect(splitTarget('100%')).toEqual(['', '100', '%']);
    expect(splitTarget('2024年11月底前')).toEqual(['定性', '2024年11月底前', '']);
    expect(splitTarget('健全')).toEqual(['定性', '健全', '']);
    expect(splitTarget(null)).toEqual(['', '', '']);
    for (const id of SEED_IDS)
      for (const i of parseSeed(id).indicators) {
        if (i.target_text === null) continue;
        const [kind, value, unit] = splitTarget(i.target_text);
        expect(kind === '定性' ? value : kind + value + unit).toBe(i.target_text);
      }
  });

  it('has 11 columns when the target is split', () => {
    const split = buildForms(records, { template: 'national-self-eval', splitTarget: true })[0] as FormGrid;
    const t = (split.parts[0] as FormGrid['parts'][number]).table;
    expect(t.cols).toBe(11);
    expect(rowTexts(t, 9)).toEqual([
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标性质',
      '指标值',
      '度量单位',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施'
    ]);
    expect(rowTexts(t, 10)).toEqual([
      '',
      '产出指标',
      '数量指标',
      '维修供水管网长度',
      '≥',
      '15',
      '公里',
      '16.2公里',
      '20',
      '20'
    ]);
  });

  // Parser gap: the split target columns (指标性质 / 指标值 / 度量单位) are not joined into the
  // target; besides the two gaps above.
  it('gives the records the form means with the target split', () => {
    const split = buildForms(records, { template: 'national-self-eval', splitTarget: true, footer: false });
    const back = parseDocument({
      file: 'national.md',
      text: renderFormsText(split, 'markdown'),
      sourceId: 'national',
      manifest: null
    });
    expect(recordsOf(back).indicators).toEqual(recordsOf(records).indicators);
  });
});

describe('printed values', () => {
  it('prints amounts in each template’s style, exactly', () => {
    expect(amount('11143200.00', 'grouped').text).toBe('11,143,200.00');
    expect(amount('660296.00', 'plain')).toEqual({
      text: '660296',
      number: { value: '660296', format: '0' }
    });
    expect(amount('22842339.16', 'plain').text).toBe('22842339.16');
    expect(amount('75835.71', 'fixed')).toEqual({
      text: '75835.71',
      number: { value: '75835.71', format: '0.00' }
    });
    expect(amount(null, 'grouped')).toEqual({ text: '' });
    expect(amount('12.50', 'wan').text).toBe('0.00125');
  });

  it('prints rates, scores and quantities as the forms do', () => {
    expect(percent(0.5813).text).toBe('58.13%');
    expect(percent(1).text).toBe('100.00%');
    expect(percent(1.1595).text).toBe('115.95%');
    expect(percent(0.123456)).toEqual({ text: '12.3456%', number: { value: '0.123456', format: '0.0000%' } });
    expect(score(89.32)).toEqual({ text: '89.32', number: { value: '89.32', format: 'General' } });
    expect(quantity(656).text).toBe('656.00');
    expect(sumScores([10, 20, 20, 10, 10, 5, 5, 10, 10])).toBe(100);
    expect(sumScores([0.1, 0.2])).toBe(0.3);
    expect(sumScores([1, null])).toBeNull();
    expect(shiftPoint('1724200', 4)).toBe('172.42');
  });
});

describe('TableBuilder', () => {
  it('places cells around merged ones, as an HTML table does', () => {
    const t = new TableBuilder(3).row({ text: 'A', rs: 2 }, 'B', 'C').row('D', 'E').table([40, 30, 30]);
    expect(gridTexts(t)).toEqual([
      ['A', 'B', 'C'],
      ['', 'D', 'E']
    ]);
    expect(t.cells.find((c) => c.text === 'D')).toMatchObject({ row: 1, col: 1 });
  });

  it('gives the table as a paged reader would: non-empty cells only, rows numbered', () => {
    const t = new TableBuilder(3)
      .row({ text: 'A', rs: 2 }, { text: '', cs: 2 })
      .row('D', '')
      .table([40, 30, 30]);
    expect(toTableBlock(t, 5)).toEqual({
      kind: 'table',
      rows: 2,
      cols: 3,
      cells: [
        { row: 0, col: 0, rowSpan: 2, colSpan: 1, text: 'A' },
        { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: 'D' }
      ],
      rowLines: [5, 6]
    });
  });

  it('refuses a row that does not fill the table', () => {
    expect(() => new TableBuilder(3).row('A', 'B')).toThrow('cells fill 2 of 3 columns');
    expect(() => new TableBuilder(2).row({ text: 'A', rs: 2 }, 'B').table([50, 50])).toThrow(
      'spans past the last row'
    );
  });
});
