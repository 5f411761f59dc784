/** Charts of budget execution: rate per project against the 100% line, budget vs spent, by district and year. */
import type { BarSeriesOption } from 'echarts';
import { formatAmount, formatRate, formatWan } from '../format';
import { DEFAULT_AUDIT_CONFIG } from '../audit/config';
import { STATUS_COLORS, axisTooltip, baseOption, escapeHtml, tooltipLine, wan } from './theme';
import { distinct, num, type ChartSpec, type Row } from './spec';

/** Under (below the low-execution threshold), normal, or over 100%. */
export function executionBand(
  rate: number | null,
  low = DEFAULT_AUDIT_CONFIG.lowExecutionRate
): 'low' | 'normal' | 'over' {
  if (rate === null) return 'normal';
  if (rate > 1) return 'over';
  if (rate < low) return 'low';
  return 'normal';
}

const BAND_LABEL = { low: '执行偏低', normal: '正常', over: '超预算执行' } as const;

/** Execution rate per project, coloured by band, with the 100% line. */
export function toExecutionRateChart(rows: readonly Row[]): ChartSpec {
  const labels = rows.map((r) => `${r.name}（${r.district} ${r.year}）`);
  const rate = (r: Row) => num(r, 'rate') ?? num(r, 'computed_rate');
  return {
    option: {
      ...baseOption(),
      legend: { show: false },
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number; color: string };
          const r = rows[p.dataIndex] as Row;
          const band = executionBand(rate(r));
          return [
            escapeHtml(labels[p.dataIndex]),
            tooltipLine(p.color, '执行率', `${formatRate(rate(r))}（${BAND_LABEL[band]}）`),
            tooltipLine('#999', '全年预算数', formatAmount(num(r, 'budget'))),
            tooltipLine('#999', '全年执行数', formatAmount(num(r, 'executed')))
          ].join('<br>');
        }
      },
      grid: {
        left: 16,
        right: 56,
        top: 24,
        bottom: 16,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel'
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      yAxis: { type: 'category', data: labels, axisLabel: { width: 220, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: '执行率',
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: unknown }) => `${Number(p.value).toFixed(2)}%`
          },
          data: rows.map((r) => ({
            value: rate(r) === null ? null : Math.round((rate(r) as number) * 10000) / 100,
            itemStyle: { color: STATUS_COLORS[executionBand(rate(r))] }
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#333', type: 'dashed' },
            label: { formatter: '100%' },
            data: [{ xAxis: 100 }]
          }
        }
      ]
    },
    table: {
      columns: [
        { key: 'name', label: '项目' },
        { key: 'district', label: '区' },
        { key: 'year', label: '年度' },
        {
          key: 'budget',
          label: '全年预算数（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        },
        {
          key: 'executed',
          label: '全年执行数（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        },
        {
          key: 'rate',
          label: '执行率',
          numeric: true,
          format: (v, r) =>
            `${formatRate((v as number | null) ?? num(r, 'computed_rate'))}（${BAND_LABEL[executionBand((v as number | null) ?? num(r, 'computed_rate'))]}）`
        }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(240, rows.length * 30 + 60)
  };
}

/** Adjusted budget against money spent, per project. */
export function toBudgetVsExecutedChart(rows: readonly Row[]): ChartSpec {
  const labels = rows.map((r) => String(r.name));
  const series: BarSeriesOption[] = [
    { type: 'bar', name: '全年预算数', barMaxWidth: 18, data: rows.map((r) => wan(num(r, 'budget'))) },
    { type: 'bar', name: '全年执行数', barMaxWidth: 18, data: rows.map((r) => wan(num(r, 'executed'))) }
  ];
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
      yAxis: { type: 'category', data: labels, axisLabel: { width: 180, overflow: 'truncate' } },
      series
    },
    table: {
      columns: [
        { key: 'name', label: '项目' },
        { key: 'budget_exact', label: '全年预算数（元）', numeric: true },
        { key: 'executed_exact', label: '全年执行数（元）', numeric: true }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(240, rows.length * 40 + 60)
  };
}

/** Execution rate (weighted by budget) by district and year. */
export function toExecutionByDistrictYearChart(rows: readonly Row[]): ChartSpec {
  const years = distinct(rows, 'year');
  const districts = distinct(rows, 'district');
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${v.toFixed(2)}%`)
      },
      grid: { ...baseOption().grid, right: 48 },
      xAxis: { type: 'category', data: years.map((y) => `${y}年`) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: districts.map((d) => ({
        type: 'bar',
        name: d,
        barMaxWidth: 48,
        data: years.map((y) => {
          const r = num(
            rows.find((x) => x.district === d && String(x.year) === y),
            'rate'
          );
          return r === null ? null : Math.round(r * 10000) / 100;
        }),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#333', type: 'dashed' },
          label: { formatter: '100%' },
          data: [{ yAxis: 100 }]
        }
      }))
    },
    table: {
      columns: [
        { key: 'district', label: '区' },
        { key: 'year', label: '年度' },
        { key: 'projects', label: '自评项目数', numeric: true },
        {
          key: 'budget',
          label: '全年预算数（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        },
        {
          key: 'executed',
          label: '全年执行数（万元）',
          numeric: true,
          format: (v) => formatWan(v as number | null)
        },
        {
          key: 'rate',
          label: '执行率（按金额加权）',
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
