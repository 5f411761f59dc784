/**
 * The 2020 three-part 绩效目标申报表 (seed 002): 项目总体情况 (项目类别 as checkboxes, the funds by
 * level of government), 绩效目标 (indicators with 备注, then the itemised budget 项目构成分解) and
 * 制度保障 (three kinds of rules, the stages each applies at ticked or crossed).
 */
import type { SafeguardRecord } from '../../../../src/lib/schema/records';
import { madeUpContact } from '../footer';
import {
  TableBuilder,
  indicatorRuns,
  type CellSpec,
  type FormGrid,
  type FormOptions,
  type FormPart,
  type ProjectRecords
} from '../layout';
import { amount, quantity, sumMoney } from '../printed';

const CATEGORIES = ['一次性项目', '经常性项目', '中期预算试点项目'];
const SAFEGUARD_KINDS = ['项目管理制度', '预算管理制度', '财务管理制度'];
const STAGES = [
  ['立项和计划阶段', 'at_planning'],
  ['实施阶段', 'at_implementation'],
  ['收尾和完成阶段', 'at_completion']
] as const;

/** `一次性项目 ☐ 经常性项目 ☑ 中期预算试点项目 ☐`; a category outside the three prints as written. */
function categoryBoxes(category: string | null): string {
  if (category !== null && !CATEGORIES.includes(category)) return category;
  return CATEGORIES.map((c) => `${c} ${c === category ? '☑' : '☐'}`).join(' ');
}

function overview(r: ProjectRecords, options: FormOptions): FormPart {
  const p = r.project;
  const money = (m: string | null) => amount(m, 'plain');
  const contact = madeUpContact(p.name);
  const b = new TableBuilder(6);
  b.row('项目名称', { text: p.name, cs: 5 });
  b.row('项目类别', { text: categoryBoxes(p.category), cs: 5 });
  b.row('项目负责人：', contact.leader, '联系人：', contact.person, '联系电话：', contact.phone);
  b.row('起始日期：', { text: p.start_date ?? '', cs: 2 }, '结束日期：', { text: p.end_date ?? '', cs: 2 });
  // 项目概况, 项目立项情况 and 项目相关资源投入 are not in the records: their boxes stay empty.
  b.row('项目概况', { text: '', cs: 5 });
  b.row('项目立项情况', { text: '', cs: 5 });
  b.row({ text: '项目资金', rs: 7 }, { text: `一、项目总预算：${money(p.project_total).text}`, cs: 5 });
  const line = (label: string, m: string | null) => [
    { text: label, cs: 3 },
    { ...money(m), cs: 2 }
  ];
  b.row(...line('二、当年预算：', p.annual_amount));
  b.row(...line('（一）财政拨款：', p.fiscal_amount));
  b.row(...line('1. 上级财政拨款：', p.fiscal_superior));
  b.row(...line('2. 本级财政安排：', p.fiscal_local));
  b.row(...line('3. 下级财政配套：', p.fiscal_subordinate));
  b.row(...line('（二）其他资金：', p.other_amount));
  b.row('项目相关资源投入和制度建设情况', { text: '', cs: 5 });
  b.row('项目总目标', { text: p.long_term_goal ?? '', cs: 5 });
  b.row('年度绩效目标', { text: p.goal ?? '', cs: 5 });
  b.row('需要说明的其他问题', { text: '', cs: 5 });
  return {
    titles: ['财政项目支出绩效目标申报表（项目总体情况）', `（${p.year}年）`],
    above: ['填报单位（盖章）', '金额单位：元'],
    table: b.table([15, 25, 11, 19, 12, 18]),
    below:
      options.footer === false
        ? []
        : [`填报单位负责人：${contact.leader}`, `填表人：${contact.person}`, `填报日期：${p.year - 1}.12.31.`]
  };
}

function targets(r: ProjectRecords): FormPart {
  const p = r.project;
  const b = new TableBuilder(10);
  // The 主体活动 text is not in the records.
  b.row('项目构成', '主体活动', { text: '', cs: 8 });
  b.row({ text: '绩效目标', rs: r.indicators.length + 1 }, '一级目标', '二级目标', '三级目标', '目标值', {
    text: '备注',
    cs: 5
  });
  const first = b.nextRow;
  for (const run of indicatorRuns(r.indicators)) {
    const i = run.indicator;
    b.row(
      ...(run.level1Span ? [{ text: i.level1_raw ?? '', rs: run.level1Span }] : []),
      ...(run.level2Span ? [{ text: i.level2_raw ?? '', rs: run.level2Span }] : []),
      i.name,
      i.target_text ?? '',
      { text: i.basis ?? '', cs: 5 }
    );
  }
  const lines = r.budget_lines;
  b.row(
    { text: '项目构成分解', rs: lines.length + 1 },
    '项目名称',
    '项目内容',
    '项目明细',
    '明细金额',
    '单价',
    '依据',
    '数量',
    '依据',
    '备注'
  );
  for (const l of lines)
    b.row(
      p.name,
      l.content ?? '',
      l.detail ?? '',
      amount(l.amount, 'fixed'),
      amount(l.unit_price, 'fixed'),
      '',
      quantity(l.quantity),
      '',
      l.note ?? ''
    );
  b.row(
    { text: '金额合计', cs: 4 },
    amount(sumMoney(lines.map((l) => l.amount)), 'fixed'),
    '',
    '----',
    '----',
    '----',
    '----'
  );
  return {
    titles: ['财政项目支出绩效目标申报表（绩效目标）', `（${p.year}年）`],
    above: [`项目名称：${p.name}`, '金额单位：元'],
    indicatorRows: { first, count: r.indicators.length },
    table: b.table([7, 10, 10, 14, 14, 14, 4, 10, 4, 13]),
    below: []
  };
}

/** `实施阶段 ✓`, `实施阶段 ×`, or the bare stage where the form left it unmarked. */
function stageCell(label: string, mark: boolean | null): string {
  return mark === null ? label : `${label} ${mark ? '✓' : '×'}`;
}

function safeguardRows(b: TableBuilder, kind: string | null, rows: readonly SafeguardRecord[]): void {
  rows.forEach((s, k) =>
    b.row(
      ...(k === 0 ? [{ text: kind ?? '', rs: rows.length }] : []),
      s.document ?? '',
      s.measures ?? '',
      ...STAGES.map(([label, key]) => stageCell(label, s[key]))
    )
  );
}

function safeguards(r: ProjectRecords): FormPart {
  const p = r.project;
  const b = new TableBuilder(6);
  b.row({ text: `项目名称：${p.name}`, cs: 6 });
  b.row('制度保障', '文件名称', '具体措施', { text: '保障阶段', cs: 3 });
  // Consecutive rules of one kind share its cell.
  const groups: { kind: string | null; rows: SafeguardRecord[] }[] = [];
  for (const s of r.safeguards) {
    const last = groups[groups.length - 1];
    if (last && last.kind === s.kind) last.rows.push(s);
    else groups.push({ kind: s.kind, rows: [s] });
  }
  // The form prints all three kinds; a kind without rules keeps an empty row, where that keeps
  // the rules in their order.
  const order = groups.map((g) => SAFEGUARD_KINDS.indexOf(g.kind ?? ''));
  const standard = order.every((k, i) => k >= 0 && (i === 0 || k > (order[i - 1] as number)));
  const empty = STAGES.map(([label]): CellSpec => `${label} ☐`);
  if (standard)
    for (const kind of SAFEGUARD_KINDS) {
      const g = groups.find((x) => x.kind === kind);
      if (g) safeguardRows(b, kind, g.rows);
      else b.row(kind, '', '', ...empty);
    }
  else for (const g of groups) safeguardRows(b, g.kind, g.rows);
  return {
    titles: ['项目支出绩效目标申报表(制度保障)', `(${p.year}年)`],
    above: [],
    table: b.table([14, 26, 30, 10, 10, 10]),
    below: []
  };
}

/** The three parts of a project's 2020 declaration form. */
export function target2020Form(records: ProjectRecords, options: FormOptions = {}): FormGrid {
  return {
    template: '2020',
    name: records.project.name,
    parts: [overview(records, options), targets(records), safeguards(records)]
  };
}
