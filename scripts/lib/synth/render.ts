/**
 * A synthetic document as text, in the layouts real exports come in: Markdown pipe tables,
 * tab-separated rows, whole rows joined with spaces, one cell per line, and the PDF text of
 * the seed self-evaluation (a few cells per line, long texts wrapped, labels split).
 */
import type { TargetOp } from '../../../src/lib/schema/records';
import { displayWidth } from '../../../src/lib/ingest/text';
import {
  OP_SIGNS,
  fenToYuan,
  type SynthDocument,
  type SynthIndicator,
  type SynthLayout,
  type SynthProject
} from './model';
import type { TargetSpec } from './vocabulary';

/** A document as lines of plain text and table rows. */
type Block = { title: string } | { row: string[] };

const ASCII_OPS: Record<TargetOp, string> = { '>=': '>=', '<=': '<=', '=': '=', '>': '>', '<': '<' };

/** `11143200.00` → `11,143,200.00`. */
function withThousands(fen: number): string {
  const [int, frac] = fenToYuan(fen).split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** Whole yuan without decimals (`660296`), else two decimals, as the 2020 and self-evaluation forms print. */
function plainYuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : fenToYuan(fen);
}

function number(x: number, decimals: number): string {
  return decimals ? x.toFixed(decimals) : String(x);
}

/** A target as a declaration prints it: `≥3340.00(人)`, `=100(%)`, `及时`. */
export function declaredTarget(t: TargetSpec): string {
  if (t.kind === 'none') return '';
  if (t.kind === 'words') return t.text;
  const v = number(t.value, t.decimals);
  return `${OP_SIGNS[t.op]}${v}${t.unit ? `(${t.unit})` : ''}`;
}

/** A target as a self-evaluation prints it: `>=95%`, `=4`. */
export function evaluatedTarget(t: TargetSpec): string {
  if (t.kind === 'none') return '';
  if (t.kind === 'words') return t.text;
  return `${ASCII_OPS[t.op]}${number(t.value, t.decimals)}${t.unit ?? ''}`;
}

/** The rows of a table, each heading only where it changes. */
function indicatorRows(
  indicators: readonly SynthIndicator[],
  cells: (i: SynthIndicator, l1: string, l2: string) => string[]
): string[][] {
  let l1 = '';
  let l2 = '';
  return indicators.map((i) => {
    const showL1 = i.level1 !== l1 ? i.level1 : '';
    const showL2 = i.level2 !== l2 || showL1 ? i.level2 : '';
    l1 = i.level1;
    l2 = i.level2;
    return cells(i, showL1, showL2);
  });
}

function currentTarget(doc: SynthDocument, p: SynthProject): Block[] {
  const rows: string[][] = [
    ['项目名称', p.name, '项目性质', p.nature, '项目类别', p.category],
    ['主管部门', p.department, '实施单位', p.unit, '', ''],
    ['计划开始日期', `${doc.year}-01-01`, '计划完成日期', `${doc.year}-12-31`, '', ''],
    ['项目资金 (元)', '项目资金总额', '', '年度资金申请总额', withThousands(p.annual), ''],
    ['', '其中：财政资金', '', '其中：当年财政拨款', withThousands(p.fiscal), ''],
    ['', '', '', '上年结转资金', withThousands(p.carryover), ''],
    ['', '其他资金', '', '其他资金', withThousands(p.other), ''],
    ['项目 绩效 目标', '项目总目标', '', '年度总体目标', '', ''],
    ['', '', '', p.goal, '', ''],
    ['', '一级指标', '二级指标', '三级指标', '年度(/项目)指标值', '']
  ];
  const body = indicatorRows(p.indicators, (i, l1, l2) => ['', l1, l2, i.name, declaredTarget(i.target), '']);
  if (body[0]) body[0][0] = '绩效 指标';
  return [
    { title: '财政项目支出绩效目标申报表' },
    { title: `(${doc.year}年度)` },
    ...[...rows, ...body].map((row) => ({ row }))
  ];
}

const LEVEL1_2020: Record<string, string> = {
  产出指标: '产出目标',
  效益指标: '效果目标',
  满意度指标: '影响力目标'
};
const LEVEL2_2020: Record<string, string> = {
  数量指标: '数量',
  质量指标: '质量',
  时效指标: '时效',
  经济效益指标: '经济效益',
  社会效益指标: '社会效益',
  生态效益指标: '生态效益',
  可持续影响指标: '可持续影响',
  服务对象满意度指标: '满意度'
};

const CHECK = (on: boolean) => (on ? '<input checked="" type="checkbox"/>' : '<input type="checkbox"/>');

function target2020(doc: SynthDocument, p: SynthProject): Block[] {
  const year = `（${doc.year} 年）`;
  const money = (label: string, fen: number) => ['', label, '', '', plainYuan(fen), ''];
  const overview: string[][] = [
    ['项目名称', p.name, '', '', '', ''],
    [
      '项目类别',
      `一次性项目 ${CHECK(false)} 经常性项目 ${CHECK(true)} 中期预算试点项目 ${CHECK(false)}`,
      '',
      '',
      '',
      ''
    ],
    ['项目负责人：', p.contact.leader, '联系人：', p.contact.person, '联系电话：', p.contact.phone],
    ['起始日期：', `${doc.year}-01-01`, '', '结束日期：', `${doc.year}-12-31`, ''],
    ['项目概况', p.goal, '', '', '', ''],
    ['项目资金', `一、项目总预算：${plainYuan(p.annual)}`, '', '', '', ''],
    money('二、当年预算：', p.annual),
    money('（一）财政拨款：', p.fiscal),
    money('1. 上级财政拨款：', p.superior),
    money('2. 本级财政安排：', p.local),
    money('3. 下级财政配套：', p.subordinate),
    money('（二）其他资金：', p.other),
    ['项目总目标', p.goal, '', '', '', ''],
    ['年度绩效目标', p.goal, '', '', '', ''],
    ['需要说明的其他问题', '无', '', '', '', '']
  ];
  const targets: string[][] = [
    ['项目构成', '主体活动', p.goal.slice(0, 30), '', '', '', '', '', '', ''],
    ['', '一级目标', '二级目标', '三级目标', '目标值', '备注', '', '', '', '']
  ];
  const body = indicatorRows(p.indicators, (i, l1, l2) => [
    '',
    l1 ? (LEVEL1_2020[l1] ?? l1) : '',
    l2 ? (LEVEL2_2020[l2] ?? l2) : '',
    i.name,
    evaluatedTarget(i.target),
    i.basis,
    '',
    '',
    '',
    ''
  ]);
  if (body[0]) body[0][0] = '绩效目标';
  const short = p.name.slice(0, 6);
  const lines = p.budgetLines.map((b, k) => [
    k === 0 ? '项目构成分解' : '',
    short,
    b.content,
    b.detail,
    fenToYuan(b.unitPrice * b.quantity),
    fenToYuan(b.unitPrice),
    '',
    `${b.quantity}.00`,
    '',
    '年度项目'
  ]);
  const safeguards: string[][] = [
    [`项目名称：${p.name}`, '', '', '', '', ''],
    ['制度保障', '文件名称', '具体措施', '保障阶段', '', ''],
    ...p.safeguards.map((s) => [
      s.kind,
      s.document,
      s.measures,
      `立项和计划阶段 ${s.stages[0] ? '√' : '×'}`,
      `实施阶段 ${s.stages[1] ? '√' : '×'}`,
      `收尾和完成阶段 ${s.stages[2] ? '√' : '×'}`
    ])
  ];
  return [
    { title: '财政项目支出绩效目标申报表（项目总体情况）' },
    { title: year },
    { title: '填报单位（盖章）' },
    { title: '金额单位：元' },
    ...overview.map((row) => ({ row })),
    { title: `填报单位负责人：${p.contact.leader}` },
    { title: `填表人：${p.contact.person}` },
    { title: `填报日期：${doc.year - 1}.12.31.` },
    { title: '财政项目支出绩效目标申报表（绩效目标）' },
    { title: year },
    { title: `项目名称：${p.name}` },
    { title: '金额单位：元' },
    ...targets.map((row) => ({ row })),
    ...body.map((row) => ({ row })),
    { row: ['', '项目名称', '项目内容', '项目明细', '明细金额', '单价', '依据', '数量', '依据', '备注'] },
    ...lines.map((row) => ({ row })),
    { row: ['金额合计', '', '', '', '', '----', '----', '----', '----', '----'] },
    { title: '项目支出绩效目标申报表(制度保障)' },
    { title: `(${doc.year} 年)` },
    ...safeguards.map((row) => ({ row }))
  ];
}

function score(x: number): string {
  return String(Number(x.toFixed(2)));
}

function selfEvalRows(p: SynthProject): string[][] {
  const fiscalInitial = p.initial - p.carryover - p.other;
  const fiscalAdjusted = p.adjusted - p.carryover - p.other;
  return [
    ['项目名称', p.name, '', '', '', '', '', ''],
    ['主管部门', p.department, '', '', '实施单位', p.unit, '', ''],
    ['项目资金（元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [
      '年度资金总额',
      '',
      fenToYuan(p.initial),
      fenToYuan(p.adjusted),
      withThousands(p.executed),
      String(p.executionWeight),
      p.rateText,
      score(p.executionScore)
    ],
    ['其中：当年财政拨款', '', plainYuan(fiscalInitial), plainYuan(fiscalAdjusted), '—', '', '', ''],
    ['上年结转资金', '', plainYuan(p.carryover), plainYuan(p.carryover), '—', '', '', ''],
    ['其他资金', '', plainYuan(p.other), plainYuan(p.other), '—', '', '', ''],
    ['年度总体目标', '预算目标', '', '', '实际完成情况', '', '', ''],
    ['', p.goal, '', '', p.outcome, '', '', ''],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施'
    ],
    ...indicatorRows(p.indicators, (i, l1, l2) => {
      const r = i.result;
      return [
        l1,
        l2,
        i.name,
        evaluatedTarget(i.target),
        r?.actual ?? '',
        String(r?.weight ?? ''),
        String(r?.score ?? ''),
        r?.deviation ?? ''
      ];
    }),
    ['总分', '', '', '', '', '100', score(p.totalScore), '']
  ];
}

function selfEval(doc: SynthDocument, p: SynthProject): Block[] {
  return [
    { title: '财政项目支出绩效自评表' },
    { title: `(${doc.year} 年度)` },
    ...selfEvalRows(p).map((row) => ({ row }))
  ];
}

/** Text cut into lines `width` Chinese characters wide, as a PDF column wraps it (digits are half as wide). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (displayWidth(line + ch) > width * 2) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) out.push(line);
  return out;
}

/** The self-evaluation as the seed's PDF text has it: labels one character per line, texts wrapped. */
function selfEvalPdf(doc: SynthDocument, p: SynthProject): string {
  const fiscalInitial = p.initial - p.carryover - p.other;
  const fiscalAdjusted = p.adjusted - p.carryover - p.other;
  const out: string[] = [
    '财政项目支出绩效自评表',
    `(${doc.year} 年度)`,
    '',
    `项目名称 ${p.name}`,
    '',
    `主管部门 ${p.department} 实施单位`,
    ...wrap(p.unit, 8).flatMap((l) => [l, '']),
    '项目资金',
    '（元）',
    '',
    '     年初预算数 全年预算数 全年执行数  分值  执行率 得分',
    '',
    `年度资金总额 ${fenToYuan(p.initial)} ${fenToYuan(p.adjusted)} ${withThousands(p.executed)} ${p.executionWeight} ${p.rateText} ${score(p.executionScore)}`,
    '',
    `    其中：当年财政拨款 ${plainYuan(fiscalInitial)} ${plainYuan(fiscalAdjusted)} —   `,
    '',
    `                上年结转资金 ${plainYuan(p.carryover)} ${plainYuan(p.carryover)} —   `,
    '',
    `                其他资金 ${plainYuan(p.other)} ${plainYuan(p.other)} —`,
    '',
    '年度',
    '总体',
    '目标',
    '',
    '预算目标 实际完成情况',
    '',
    ...wrap(p.goal, 24),
    ...wrap(p.outcome, 22),
    '',
    '绩',
    '效',
    '指',
    '标',
    '',
    '一级指标 二级指标 三级指标',
    '年度',
    '',
    '指标值',
    '实际',
    '',
    '完成值',
    '分值 得分',
    '',
    '偏差原因分析及',
    '改进措施',
    ''
  ];
  let l1 = '';
  let l2 = '';
  for (const i of p.indicators) {
    const r = i.result;
    if (i.level1 !== l1) {
      out.push(i.level1, '');
      l1 = i.level1;
      l2 = '';
    }
    if (i.level2 !== l2) {
      out.push(i.level2);
      l2 = i.level2;
    }
    out.push(
      i.name,
      '',
      `${evaluatedTarget(i.target)} ${r?.actual ?? ''} ${r?.weight ?? ''} ${r?.score ?? ''}`,
      ''
    );
    if (r?.deviation) out.push(...wrap(r.deviation, 9), '');
  }
  out.push(` 总分 100 ${score(p.totalScore)}  `);
  return out.join('\n');
}

function serialise(blocks: readonly Block[], layout: Exclude<SynthLayout, 'pdf'>): string {
  const out: string[] = [];
  let inTable = false;
  for (const b of blocks) {
    if ('title' in b) {
      if (layout === 'markdown' || layout === 'tsv') out.push('');
      out.push(b.title);
      if (layout === 'markdown' || layout === 'tsv') out.push('');
      inTable = false;
      continue;
    }
    const cells = b.row;
    switch (layout) {
      case 'markdown':
        if (!inTable) {
          out.push(`|${' |'.repeat(cells.length)}`, `|${'---|'.repeat(cells.length)}`);
          inTable = true;
        }
        out.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
        break;
      case 'tsv':
        out.push(cells.join('\t'));
        break;
      case 'joined':
        out.push(cells.filter((c) => c.trim()).join(' '));
        break;
      case 'cells':
        out.push(...cells.filter((c) => c.trim()));
        break;
    }
  }
  return out.join('\n');
}

/** The document as text. */
export function renderDocument(doc: SynthDocument): string {
  if (doc.layout === 'pdf') return `\n${doc.projects.map((p) => selfEvalPdf(doc, p)).join('\n')}\n`;
  const blocks: Block[] = [];
  if (doc.template === 'current' && doc.projects.length > 1 && doc.file.charCodeAt(8) % 3 === 0)
    blocks.push({ title: `${doc.department}${doc.year}年度项目绩效目标汇总表` });
  for (const p of doc.projects)
    blocks.push(
      ...(doc.template === 'current'
        ? currentTarget(doc, p)
        : doc.template === '2020'
          ? target2020(doc, p)
          : selfEval(doc, p))
    );
  return `${serialise(blocks, doc.layout)}\n`;
}
