/** Chart-option builders: rows in, ECharts option and table out; data never becomes HTML. */
import { describe, expect, it } from 'vitest';
import type { BarSeriesOption } from 'echarts';
import { toFundingByDistrictYearChart, toLargestProjectsChart } from '../../../src/lib/charts/funding';
import { executionBand, toExecutionRateChart } from '../../../src/lib/charts/execution';
import { toAchievementChart, toTargetQualityChart } from '../../../src/lib/charts/indicators';
import { axisTooltip, escapeHtml } from '../../../src/lib/charts/theme';
import { cellText } from '../../../src/lib/charts/table';
import { renderChartSvg } from '../../../src/lib/charts/echarts';

const FUNDING = [
  { district: '闵行区', year: 2020, amount: 187109143, amount_exact: '187109143.00', projects: 13 },
  { district: '松江区', year: 2021, amount: 39176706.55, amount_exact: '39176706.55', projects: 7 },
  { district: '松江区', year: 2026, amount: 33706066, amount_exact: '33706066.00', projects: 6 }
];
const EVIL = '<img src=x onerror=alert(1)>';

const seriesOf = (option: unknown) => (option as { series: BarSeriesOption[] }).series;

describe('funding by district and year', () => {
  it('puts each district in a series, in 万元, stacked or grouped', () => {
    const spec = toFundingByDistrictYearChart(FUNDING, 'stacked');
    const series = seriesOf(spec.option);
    // Districts in pinyin order (mǐn before sōng), as the zh-CN collation sorts them.
    expect(series.map((s) => s.name)).toEqual(['闵行区', '松江区']);
    expect(series[0]?.data).toEqual([18710.91, null, null]);
    expect(series[1]?.data).toEqual([null, 3917.67, 3370.61]);
    expect(series.every((s) => s.stack === 'funding')).toBe(true);
    expect(
      seriesOf(toFundingByDistrictYearChart(FUNDING, 'grouped').option).every((s) => s.stack === undefined)
    ).toBe(true);
  });

  it('carries the same figures in its table', () => {
    const spec = toFundingByDistrictYearChart(FUNDING);
    const amount = spec.table.columns.find((c) => c.key === 'amount');
    expect(amount && cellText(amount, FUNDING[2] as Record<string, unknown>)).toBe('3,370.61');
    expect(toFundingByDistrictYearChart([]).empty).toBe(true);
  });
});

describe('execution rates', () => {
  const rows = [
    { name: '设备购置', district: '松江区', year: 2021, rate: 0.5, budget: 120000, executed: 60000 },
    {
      name: '社会救助',
      district: '松江区',
      year: 2021,
      rate: 1.1595,
      budget: 14392367.39,
      executed: 16687069.74
    }
  ];

  it('are bands: low, normal, over', () => {
    expect([0.5, 0.6038, 1, 1.1595, null].map((r) => executionBand(r))).toEqual([
      'low',
      'normal',
      'normal',
      'over',
      'normal'
    ]);
  });

  it('are drawn in percent with the 100% line and their band colour', () => {
    const series = seriesOf(toExecutionRateChart(rows).option)[0] as BarSeriesOption;
    expect((series.data as { value: number }[]).map((d) => d.value)).toEqual([50, 115.95]);
    expect((series.markLine as { data: unknown[] }).data).toEqual([{ xAxis: 100 }]);
  });
});

describe('indicators', () => {
  it('achievement is stacked to 100% per key', () => {
    const spec = toAchievementChart(
      [{ key: '松江区', achieved: 67, missed: 16, unknown: 37, total: 120 }],
      '区'
    );
    expect(seriesOf(spec.option).map((s) => s.data)).toEqual([[55.83], [13.33], [30.83]]);
  });

  it('target quality is shared out in four kinds', () => {
    const spec = toTargetQualityChart([
      { district: '闵行区', year: 2020, total: 90, quantified: 10, number_only: 0, words: 4, missing: 76 }
    ]);
    expect(seriesOf(spec.option).map((s) => s.data)).toEqual([[11.1], [0], [4.4], [84.4]]);
  });
});

describe('data never becomes HTML', () => {
  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`${EVIL}&"'`)).toBe('&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;');
  });

  it('tooltips escape series names, category labels and values', () => {
    const html = axisTooltip((v) => `${v} 万元`)([
      { color: '#4e79a7', seriesName: EVIL, axisValueLabel: EVIL, value: 1 }
    ]);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('the prerendered SVG writes a hostile project name as text', () => {
    const spec = toLargestProjectsChart([
      { name: EVIL, district: '松江区', year: 2026, amount: 100, amount_exact: '100.00' }
    ]);
    const svg = renderChartSvg(spec.option, spec.height);
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
