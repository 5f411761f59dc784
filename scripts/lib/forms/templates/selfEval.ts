/**
 * The 财政项目支出绩效自评表: Shanghai's (seed 004, amounts in yuan) and the national template of
 * 财预〔2020〕10号 (amounts in 万元, 预期目标), optionally with 年度指标值 split into 指标性质 /
 * 指标值 / 度量单位. Funds block, 预算目标 | 实际完成情况, indicators with actual values, scores and
 * deviation reasons, 总分.
 */
import type { IndicatorRecord } from '../../../../src/lib/schema/records';
import { madeUpContact } from '../footer';
import {
  TableBuilder,
  indicatorRuns,
  type CellSpec,
  type FormGrid,
  type FormOptions,
  type ProjectRecords
} from '../layout';
import { amount, percent, score, sumScores, type AmountStyle } from '../printed';

const OPERATOR = /^(>=|<=|≥|≤|≧|≦|=|>|<|＞|＜)\s*/;
const NUMBER = /^[+-]?\d[\d,]*(?:\.\d+)?/;
const UNIT = /^[^\d]{0,6}$/;

/**
 * A target split as the national variant prints it: 指标性质 (the operator as written, or 定性 for
 * words), 指标值 and 度量单位. Nothing is lost: operator + value + unit is the target as written.
 */
export function splitTarget(text: string | null): [string, string, string] {
  if (text === null) return ['', '', ''];
  const op = OPERATOR.exec(text);
  const rest = op ? text.slice(op[0].length) : text;
  const value = NUMBER.exec(rest);
  // A number must be followed by a unit (`公里`, `%`), not more words: `2024年11月底前` is 定性.
  if (!value || !UNIT.test(rest.slice(value[0].length))) return ['定性', text, ''];
  return [op ? (op[1] as string) : '', value[0], rest.slice(value[0].length)];
}

function targetCells(i: IndicatorRecord, split: boolean): CellSpec[] {
  return split ? splitTarget(i.target_text) : [i.target_text ?? ''];
}

function selfEvalForm(records: ProjectRecords, options: FormOptions, national: boolean): FormGrid {
  const { project: p, indicators } = records;
  const split = national && options.splitTarget === true;
  const cols = split ? 11 : 9;
  const style = (sub: boolean): AmountStyle => (national ? 'wan' : sub ? 'plain' : 'fixed');
  const b = new TableBuilder(cols);
  b.row('项目名称', { text: p.name, cs: cols - 1 });
  b.row('主管部门', { text: p.department ?? '', cs: 3 }, '实施单位', {
    text: p.implementing_unit ?? '',
    cs: cols - 5
  });
  b.row(
    { text: national ? '项目资金（万元）' : '项目资金（元）', rs: 5 },
    '',
    '年初预算数',
    '全年预算数',
    '全年执行数',
    '分值',
    '执行率',
    { text: '得分', cs: cols - 7 }
  );
  b.row(
    '年度资金总额',
    amount(p.budget_initial, style(false)),
    amount(p.budget_adjusted, style(false)),
    amount(p.executed_amount, style(false)),
    score(p.execution_weight),
    percent(p.execution_rate),
    { ...score(p.execution_score), cs: cols - 7 }
  );
  // Only the adjusted budget of each source is in the records; the template dashes out the scores.
  const source = (label: string, m: string | null) =>
    b.row(label, '', amount(m, style(true)), '', '—', '—', { text: '—', cs: cols - 7 });
  source('其中：当年财政拨款', p.fiscal_amount);
  source('上年结转资金', p.carryover_amount);
  source('其他资金', p.other_amount);
  b.row(
    { text: '年度总体目标', rs: 2 },
    { text: national ? '预期目标' : '预算目标', cs: 3 },
    { text: '实际完成情况', cs: cols - 4 }
  );
  b.row({ text: p.goal ?? '', cs: 3 }, { text: p.outcome ?? '', cs: cols - 4 });
  b.row(
    { text: '绩效指标', rs: indicators.length + 1 },
    '一级指标',
    '二级指标',
    '三级指标',
    ...(split ? ['指标性质', '指标值', '度量单位'] : ['年度指标值']),
    '实际完成值',
    '分值',
    '得分',
    '偏差原因分析及改进措施'
  );
  const first = b.nextRow;
  for (const run of indicatorRuns(indicators)) {
    const i = run.indicator;
    b.row(
      ...(run.level1Span ? [{ text: i.level1_raw ?? '', rs: run.level1Span }] : []),
      ...(run.level2Span ? [{ text: i.level2_raw ?? '', rs: run.level2Span }] : []),
      i.name,
      ...targetCells(i, split),
      i.actual_text ?? '',
      score(i.weight),
      score(i.score),
      i.deviation ?? ''
    );
  }
  // 总分's 分值 is the points on offer: the execution rate's and every indicator's.
  const weights = sumScores([p.execution_weight, ...indicators.map((i) => i.weight)]);
  b.row({ text: '总分', cs: cols - 3 }, score(weights), score(p.total_score), '');
  const contact = madeUpContact(p.name);
  // Wide enough for `22842339.16` in yuan (a 万元 amount is shorter) and `100.00%` at 10pt.
  const widths = split ? [6, 9, 11, 13, 9, 9, 10, 10, 6, 7, 10] : [6, 9, 13, 13, 13, 10, 10, 7, 19];
  return {
    template: national ? 'national-self-eval' : 'shanghai-self-eval',
    name: p.name,
    parts: [
      {
        titles: national
          ? ['项目支出绩效自评表', `（${p.year}年度）`]
          : ['财政项目支出绩效自评表', `(${p.year} 年度)`],
        above: [],
        indicatorRows: { first, count: indicators.length },
        table: b.table(widths),
        below:
          options.footer === false
            ? []
            : [`填报人：${contact.person}    联系电话：${contact.phone}    填报日期：${p.year + 1}年3月15日`]
      }
    ]
  };
}

/** Shanghai's self-evaluation form of one project (amounts in yuan). */
export function shanghaiSelfEvalForm(records: ProjectRecords, options: FormOptions = {}): FormGrid {
  return selfEvalForm(records, options, false);
}

/** The national template's self-evaluation form of one project (amounts in 万元). */
export function nationalSelfEvalForm(records: ProjectRecords, options: FormOptions = {}): FormGrid {
  return selfEvalForm(records, options, true);
}
