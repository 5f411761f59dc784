/** Charts of the 审计 page: findings per district and per rule, by severity. */
import { ruleInfo } from '../audit/rules';
import { STATUS_COLORS, axisTooltip, baseOption } from './theme';
import { distinct, num, type ChartSpec, type Row } from './spec';

const SEVERITIES = [
  { key: 'errors', sev: 'error', label: '错误', color: STATUS_COLORS.error },
  { key: 'warnings', sev: 'warning', label: '警告', color: STATUS_COLORS.warning },
  { key: 'infos', sev: 'info', label: '提示', color: STATUS_COLORS.info }
] as const;

/** Findings per district, stacked by severity. */
export function toFindingsByDistrictChart(rows: readonly Row[]): ChartSpec {
  const districts = rows.map((r) => String(r.district));
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${v} 条`)
      },
      xAxis: { type: 'category', data: districts },
      yAxis: { type: 'value', minInterval: 1 },
      series: SEVERITIES.map((s) => ({
        type: 'bar',
        name: s.label,
        stack: 'sev',
        barMaxWidth: 56,
        itemStyle: { color: s.color },
        data: rows.map((r) => num(r, s.key) ?? 0)
      }))
    },
    table: {
      columns: [
        { key: 'district', label: '区' },
        { key: 'errors', label: '错误', numeric: true },
        { key: 'warnings', label: '警告', numeric: true },
        { key: 'infos', label: '提示', numeric: true },
        { key: 'total', label: '合计', numeric: true },
        { key: 'projects', label: '涉及项目', numeric: true }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: 300
  };
}

/** Findings per rule, by severity. */
export function toFindingsByRuleChart(rows: readonly Row[]): ChartSpec {
  const rules = distinct(rows, 'rule');
  const title = (id: string) => ruleInfo(id)?.title ?? id;
  return {
    option: {
      ...baseOption(),
      tooltip: {
        ...baseOption().tooltip,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: axisTooltip((v) => `${v} 条`)
      },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rules.map(title) },
      series: SEVERITIES.map((s) => ({
        type: 'bar',
        name: s.label,
        stack: 'sev',
        barMaxWidth: 22,
        itemStyle: { color: s.color },
        data: rules.map((rule) =>
          num(
            rows.find((r) => r.rule === rule && r.severity === s.sev),
            'findings'
          )
        )
      }))
    },
    table: {
      columns: [
        { key: 'rule', label: '规则', format: (v) => title(String(v)) },
        {
          key: 'severity',
          label: '严重程度',
          format: (v) => SEVERITIES.find((s) => s.sev === v)?.label ?? String(v)
        },
        { key: 'findings', label: '发现数', numeric: true },
        { key: 'projects', label: '涉及项目', numeric: true }
      ],
      rows: [...rows]
    },
    empty: rows.length === 0,
    height: Math.max(260, rules.length * 30 + 60)
  };
}
