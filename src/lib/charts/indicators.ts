/** Charts of indicators: achievement by a dimension, and how targets are stated. */
import { formatNumber, formatRate } from '../format';
import { STATUS_COLORS, axisTooltip, baseOption } from './theme';
import { num, type ChartSpec, type Row } from './spec';

const STATUSES = [
  { key: 'achieved', label: '已达成', color: STATUS_COLORS.achieved },
  { key: 'missed', label: '未达成', color: STATUS_COLORS.missed },
  { key: 'unknown', label: '无法评价', color: STATUS_COLORS.unknown }
] as const;

/** Share of indicators achieved / missed / not assessable per key (stacked to 100%). */
export function toAchievementChart(rows: readonly Row[], keyLabel: string): ChartSpec {
  const keys = rows.map((r) => String(r.key));
  const share = (r: Row, k: string) => {
    const total = num(r, 'total') ?? 0;
    return total ? Math.round(((num(r, k) ?? 0) / total) * 10000) / 100 : 0;
  };
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v, p) => {
          const r = rows[Number((p as { dataIndex?: number }).dataIndex ?? 0)] as Row;
          const status = STATUSES.find((s) => s.label === (p as { seriesName?: string }).seriesName);
          return `${v.toFixed(1)}%（${formatNumber(num(r, status?.key ?? ''))} / ${formatNumber(num(r, 'total'))} 个）`;
        })
      },
      xAxis: { type: 'category', data: keys, axisLabel: { interval: 0, rotate: keys.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: STATUSES.map((s) => ({
        type: 'bar',
        name: s.label,
        stack: 'status',
        barMaxWidth: 56,
        itemStyle: { color: s.color },
        data: rows.map((r) => share(r, s.key))
      }))
    },
    table: {
      columns: [
        { key: 'key', label: keyLabel },
        { key: 'total', label: '指标数', numeric: true },
        { key: 'achieved', label: '已达成', numeric: true },
        { key: 'missed', label: '未达成', numeric: true },
        { key: 'unknown', label: '无法评价', numeric: true },
        {
          key: 'achieved_rate',
          label: '达成率（可评价者）',
          numeric: true,
          format: (_v, r) =>
            formatRate(
              (num(r, 'achieved') ?? 0) / Math.max(1, (num(r, 'achieved') ?? 0) + (num(r, 'missed') ?? 0))
            )
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: 340
  };
}

const KINDS = [
  { key: 'quantified', label: '量化（比较符＋数值）', color: '#4e79a7' },
  { key: 'number_only', label: '仅数值', color: '#76b7b2' },
  { key: 'words', label: '仅文字', color: '#edc948' },
  { key: 'missing', label: '未填写', color: '#bab0ac' }
] as const;

/** How targets are stated per district and year (stacked to 100%). */
export function toTargetQualityChart(rows: readonly Row[]): ChartSpec {
  const labels = rows.map((r) => `${r.district} ${r.year}`);
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${v.toFixed(1)}%`)
      },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 }
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: KINDS.map((k) => ({
        type: 'bar',
        name: k.label,
        stack: 'kind',
        barMaxWidth: 56,
        itemStyle: { color: k.color },
        data: rows.map((r) => {
          const total = num(r, 'total') ?? 0;
          return total ? Math.round(((num(r, k.key) ?? 0) / total) * 1000) / 10 : 0;
        })
      }))
    },
    table: {
      columns: [
        { key: 'district', label: '区' },
        { key: 'year', label: '年度' },
        { key: 'total', label: '指标数', numeric: true },
        ...KINDS.map((k) => ({ key: k.key, label: k.label, numeric: true })),
        {
          key: 'quantified_share',
          label: '量化占比',
          numeric: true,
          format: (_v: unknown, r: Row) =>
            formatRate((num(r, 'quantified') ?? 0) / Math.max(1, num(r, 'total') ?? 0), 1)
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: 340
  };
}
