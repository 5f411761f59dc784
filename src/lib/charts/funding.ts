/** Charts of funding: by district and year, by topic, by source of funds, largest projects. */
import type { BarSeriesOption } from 'echarts';
import { formatAmount, formatWan, formatYuan } from '../format';
import { axisTooltip, baseOption, wan } from './theme';
import { distinct, num, type ChartSpec, type Row } from './spec';

/** How bars of several series are drawn. */
export type BarMode = 'stacked' | 'grouped';

const wanLabel = (v: number) => `${formatWan(v * 10_000)} 万元`;

/** Annual funding by year, one series per district (stacked or grouped). */
export function toFundingByDistrictYearChart(rows: readonly Row[], mode: BarMode = 'stacked'): ChartSpec {
  const years = distinct(rows, 'year');
  const districts = distinct(rows, 'district');
  const series: BarSeriesOption[] = districts.map((d) => ({
    type: 'bar',
    name: d,
    stack: mode === 'stacked' ? 'funding' : undefined,
    barMaxWidth: 56,
    emphasis: { focus: 'series' },
    data: years.map((y) =>
      wan(
        num(
          rows.find((r) => r.district === d && String(r.year) === y),
          'amount'
        )
      )
    )
  }));
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip(wanLabel)
      },
      xAxis: { type: 'category', data: years.map((y) => `${y}年`) },
      yAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      series
    },
    table: {
      columns: [
        { key: 'year', label: '年度' },
        { key: 'district', label: '区' },
        { key: 'projects', label: '项目数', numeric: true },
        { key: 'amount', label: '年度资金（万元）', numeric: true, format: (v) => formatWan(v as number) }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: 360
  };
}

/** Funding by topic (horizontal bars), stacked by district. */
export function toFundingByTopicChart(rows: readonly Row[]): ChartSpec {
  const topics = distinct(rows, 'topic');
  const totals = new Map(
    topics.map((t) => [t, rows.filter((r) => r.topic === t).reduce((s, r) => s + (num(r, 'amount') ?? 0), 0)])
  );
  topics.sort((a, b) => (totals.get(a) ?? 0) - (totals.get(b) ?? 0));
  const districts = distinct(rows, 'district');
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip(wanLabel)
      },
      xAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      yAxis: { type: 'category', data: topics },
      series: districts.map((d) => ({
        type: 'bar',
        name: d,
        stack: 'topic',
        barMaxWidth: 28,
        data: topics.map((t) =>
          wan(
            num(
              rows.find((r) => r.topic === t && r.district === d),
              'amount'
            )
          )
        )
      }))
    },
    table: {
      columns: [
        { key: 'topic', label: '主题' },
        { key: 'district', label: '区' },
        { key: 'projects', label: '项目数', numeric: true },
        { key: 'amount', label: '年度资金（万元）', numeric: true, format: (v) => formatWan(v as number) }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(280, topics.length * 34 + 80)
  };
}

const SOURCES = [
  { key: 'fiscal', label: '当年财政拨款' },
  { key: 'carryover', label: '上年结转资金' },
  { key: 'other', label: '其他资金' }
] as const;
const LEVELS = [
  { key: 'superior', label: '上级财政拨款' },
  { key: 'local', label: '本级财政安排' },
  { key: 'subordinate', label: '下级财政配套' }
] as const;

/** Sources of funds per district and year; with `levels`, the fiscal allocation by level of government. */
export function toFundingBySourceChart(rows: readonly Row[], levels = false): ChartSpec {
  const kept = levels ? rows.filter((r) => (num(r, 'with_levels') ?? 0) > 0) : [...rows];
  const parts = levels ? LEVELS : SOURCES;
  const labels = kept.map((r) => `${r.district} ${r.year}`);
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip(wanLabel)
      },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 }
      },
      yAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      series: parts.map((p) => ({
        type: 'bar',
        name: p.label,
        stack: 'source',
        barMaxWidth: 56,
        data: kept.map((r) => wan(num(r, p.key)))
      }))
    },
    table: {
      columns: [
        { key: 'district', label: '区' },
        { key: 'year', label: '年度' },
        ...parts.map((p) => ({
          key: p.key,
          label: `${p.label}（万元）`,
          numeric: true,
          format: (v: unknown) => formatWan(v as number | null)
        })),
        {
          key: 'annual',
          label: '年度资金合计（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        }
      ],
      rows: kept
    },
    empty: kept.length === 0,
    height: 340
  };
}

/** The largest projects (horizontal bars). */
export function toLargestProjectsChart(rows: readonly Row[]): ChartSpec {
  const ordered = [...rows].reverse();
  return {
    option: {
      ...baseOption(),
      legend: { show: false },
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v, p) => {
          const r = ordered[Number((p as { dataIndex?: number }).dataIndex ?? 0)];
          return `${formatAmount(v * 10_000)}（${r?.district ?? ''} ${r?.year ?? ''}）`;
        })
      },
      xAxis: {
        type: 'value',
        name: '万元',
        axisLabel: { formatter: (v: number) => formatWan(v * 10_000, 0) }
      },
      yAxis: {
        type: 'category',
        data: ordered.map((r) => String(r.name)),
        axisLabel: { width: 180, overflow: 'truncate' }
      },
      series: [
        { type: 'bar', name: '年度资金', barMaxWidth: 22, data: ordered.map((r) => wan(num(r, 'amount'))) }
      ]
    },
    table: {
      columns: [
        { key: 'name', label: '项目' },
        { key: 'district', label: '区' },
        { key: 'year', label: '年度' },
        { key: 'topic', label: '主题' },
        {
          key: 'amount_exact',
          label: '年度资金（元）',
          numeric: true,
          format: (v) => formatYuan(v as string | null)
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(260, rows.length * 26 + 60)
  };
}
