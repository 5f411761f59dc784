/**
 * The one module that wraps `echarts.init`: charts rendered to SVG at build time (server-side
 * rendering) and mounted live in the browser. ECharts is imported from `echarts/core` with only
 * the charts and components used.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  SVGRenderer
]);

/** Width the prerendered SVG is laid out at; it scales to its box through its viewBox. */
export const SSR_WIDTH = 760;

/** Renders a chart to an SVG string (build time; no DOM needed). */
export function renderChartSvg(option: EChartsOption, height: number, width = SSR_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
}

/** A live chart in the page. */
export interface LiveChart {
  update(option: EChartsOption): void;
  resize(): void;
  dispose(): void;
}

/** Mounts a live, interactive chart in an element. */
export function mountChart(el: HTMLElement, option: EChartsOption): LiveChart {
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({ ...option, animation: false }, { notMerge: true, lazyUpdate: false });
  return {
    update: (next) => chart.setOption({ ...next, animation: false }, { notMerge: true, lazyUpdate: false }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose()
  };
}
