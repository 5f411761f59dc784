/** Charts of a project's page: scores against weights, and the project across years. */
import { formatAmount, formatScore, formatWan } from '../format';
import { STATUS_COLORS, axisTooltip, baseOption, wan } from './theme';
import { num, type ChartSpec, type Row } from './spec';

/** Each indicator's score against its weight (self-evaluations). */
export function toScoresChart(rows: readonly Row[]): ChartSpec {
  const scored = rows.filter((r) => num(r, 'weight') !== null);
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => formatScore(v))
      },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: scored.map((r) => String(r.name)),
        axisLabel: { width: 200, overflow: 'truncate' }
      },
      series: [
        {
          type: 'bar',
          name: '分值',
          barGap: '-100%',
          barMaxWidth: 18,
          itemStyle: { color: '#dfe4ea' },
          data: scored.map((r) => num(r, 'weight'))
        },
        {
          type: 'bar',
          name: '得分',
          barMaxWidth: 18,
          data: scored.map((r) => ({
            value: num(r, 'score'),
            itemStyle: { color: r.achieved === false ? STATUS_COLORS.missed : STATUS_COLORS.achieved }
          }))
        }
      ]
    },
    table: {
      columns: [
        { key: 'name', label: '三级指标' },
        { key: 'target_text', label: '指标值' },
        { key: 'actual_text', label: '实际完成值' },
        { key: 'weight', label: '分值', numeric: true, format: (v) => formatScore(v as number | null) },
        { key: 'score', label: '得分', numeric: true, format: (v) => formatScore(v as number | null) }
      ],
      rows: scored
    },
    empty: scored.length === 0,
    height: Math.max(220, scored.length * 26 + 60)
  };
}

/** The same project in every year and form of its series. */
export function toSeriesChart(rows: readonly Row[]): ChartSpec {
  const FORM = { target: '申报', self_eval: '自评' } as Record<string, string>;
  const labels = rows.map((r) => `${r.year} ${FORM[String(r.form)] ?? ''}`);
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => formatAmount(v * 10_000))
      },
      xAxis: { type: 'category', data: labels },
      yAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      series: [
        {
          type: 'bar',
          name: '年度资金 / 全年预算数',
          barMaxWidth: 48,
          data: rows.map((r) => wan(num(r, 'amount')))
        },
        { type: 'bar', name: '全年执行数', barMaxWidth: 48, data: rows.map((r) => wan(num(r, 'executed'))) }
      ]
    },
    table: {
      columns: [
        { key: 'year', label: '年度' },
        { key: 'form', label: '表格', format: (v) => FORM[String(v)] ?? String(v) },
        { key: 'name', label: '项目名称' },
        { key: 'amount_exact', label: '年度资金（元）', numeric: true },
        {
          key: 'executed',
          label: '全年执行数（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        }
      ],
      rows: [...rows]
    },
    empty: rows.length < 2,
    height: 280
  };
}
