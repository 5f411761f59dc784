/**
 * The 2023–2026 财政项目支出绩效目标申报表 (seeds 000, 001, 003): project header, 项目资金 block,
 * 项目总目标 | 年度总体目标, and the indicator table with its headings merged over their rows.
 */
import { madeUpContact } from '../footer';
import { TableBuilder, indicatorRuns, type FormGrid, type FormOptions, type ProjectRecords } from '../layout';
import { amount } from '../printed';

/** The declaration form of one project in the current template. */
export function currentTargetForm(records: ProjectRecords, options: FormOptions = {}): FormGrid {
  const { project: p, indicators } = records;
  const money = (m: string | null) => amount(m, 'grouped');
  const b = new TableBuilder(6);
  // The 2023 form has no 项目性质: its name runs on to 项目类别.
  if (p.nature !== null) b.row('项目名称', p.name, '项目性质', p.nature, '项目类别', p.category ?? '');
  else b.row('项目名称', { text: p.name, cs: 3 }, '项目类别', p.category ?? '');
  b.row('主管部门', p.department ?? '', '实施单位', { text: p.implementing_unit ?? '', cs: 3 });
  b.row('计划开始日期', p.start_date ?? '', '计划完成日期', { text: p.end_date ?? '', cs: 3 });
  b.row({ text: '项目资金（元）', rs: 4 }, '项目资金总额', money(p.project_total), '年度资金申请总额', {
    ...money(p.annual_amount),
    cs: 2
  });
  // The total's own split (其中：财政资金 / 其他资金) is not in the records: its boxes stay empty.
  b.row({ text: '其中：财政资金', rs: 2 }, { text: '', rs: 2 }, '其中：当年财政拨款', {
    ...money(p.fiscal_amount),
    cs: 2
  });
  b.row('上年结转资金', { ...money(p.carryover_amount), cs: 2 });
  b.row('其他资金', '', '其他资金', { ...money(p.other_amount), cs: 2 });
  b.row({ text: '项目绩效目标', rs: 2 }, { text: '项目总目标', cs: 2 }, { text: '年度总体目标', cs: 3 });
  b.row({ text: p.long_term_goal ?? '', cs: 2 }, { text: p.goal ?? '', cs: 3 });
  b.row({ text: '绩效指标', rs: indicators.length + 1 }, '一级指标', '二级指标', '三级指标', {
    text: '年度(/项目)指标值',
    cs: 2
  });
  const first = b.nextRow;
  for (const run of indicatorRuns(indicators)) {
    const i = run.indicator;
    b.row(
      ...(run.level1Span ? [{ text: i.level1_raw ?? '', rs: run.level1Span }] : []),
      ...(run.level2Span ? [{ text: i.level2_raw ?? '', rs: run.level2Span }] : []),
      i.name,
      { text: i.target_text ?? '', cs: 2 }
    );
  }
  const contact = madeUpContact(p.name);
  return {
    template: 'current',
    name: p.name,
    parts: [
      {
        titles: ['财政项目支出绩效目标申报表', `(${p.year}年度)`],
        above: [],
        indicatorRows: { first, count: indicators.length },
        table: b.table([11, 17, 14, 28, 16, 14]),
        below:
          options.footer === false
            ? []
            : [`填报人：${contact.person}    联系电话：${contact.phone}    填报日期：${p.year - 1}年11月20日`]
      }
    ]
  };
}
