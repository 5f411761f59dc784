/** Charts of the 对比 page: the compared districts (or years) side by side. */
import { formatNumber, formatRate, formatWan } from '../format';
import { axisTooltip, baseOption, wan } from './theme';
import { distinct, num, type ChartSpec, type Row } from './spec';

/** The comparison's headline figures as grouped bars: one group per measure, one bar per compared key. */
export function toCompareRatesChart(rows: readonly Row[]): ChartSpec {
  const measures = [
    { key: 'execution_rate', label: '执行率' },
    { key: 'achieved_share', label: '指标达成率' },
    { key: 'quantified_share', label: '量化目标占比' }
  ];
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${v.toFixed(1)}%`)
      },
      xAxis: { type: 'category', data: measures.map((m) => m.label) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: rows.map((r) => ({
        type: 'bar',
        name: String(r.key),
        barMaxWidth: 40,
        data: measures.map((m) => {
          const v = num(r, m.key);
          return v === null ? null : Math.round(v * 1000) / 10;
        })
      }))
    },
    table: {
      columns: [
        { key: 'key', label: '对比对象' },
        { key: 'projects', label: '项目数', numeric: true },
        { key: 'funding', label: '年度资金（万元）', numeric: true, format: (v) => formatWan(v as number) },
        {
          key: 'execution_rate',
          label: '执行率',
          numeric: true,
          format: (v) => formatRate(v as number | null)
        },
        { key: 'indicators', label: '指标数', numeric: true, format: (v) => formatNumber(v as number) },
        {
          key: 'achieved_share',
          label: '指标达成率',
          numeric: true,
          format: (v) => formatRate(v as number | null)
        },
        {
          key: 'quantified_share',
          label: '量化目标占比',
          numeric: true,
          format: (v) => formatRate(v as number | null)
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: 320
  };
}

/** Funding by topic, one bar per compared key. */
export function toCompareTopicsChart(rows: readonly Row[]): ChartSpec {
  const topics = distinct(rows, 'topic');
  const keys = distinct(rows, 'key');
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${formatWan(v * 10_000)} 万元`)
      },
      xAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      yAxis: { type: 'category', data: topics },
      series: keys.map((k) => ({
        type: 'bar',
        name: k,
        barMaxWidth: 18,
        data: topics.map((t) =>
          wan(
            num(
              rows.find((r) => r.key === k && r.topic === t),
              'amount'
            )
          )
        )
      }))
    },
    table: {
      columns: [
        { key: 'topic', label: '主题' },
        { key: 'key', label: '对比对象' },
        { key: 'projects', label: '项目数', numeric: true },
        {
          key: 'amount',
          label: '年度资金（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(280, topics.length * Math.max(1, keys.length) * 16 + 80)
  };
}
