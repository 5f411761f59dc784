/** Look of every chart: palette, fonts, and safe tooltips (data is never read as HTML). */
import type { EChartsOption } from 'echarts';

/** Fonts with Chinese glyphs, system ones first; nothing is fetched. */
export const FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/** Series colours: distinguishable, printable, colour-blind aware (Tableau 10 order). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac'
];

/** Meaningful colours: achieved / missed / unknown; under / normal / over execution; severities. */
export const STATUS_COLORS = {
  achieved: '#59a14f',
  missed: '#e15759',
  unknown: '#bab0ac',
  low: '#e15759',
  normal: '#4e79a7',
  over: '#f28e2b',
  error: '#c0392b',
  warning: '#e67e22',
  info: '#7f8c8d'
} as const;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

/** Text made safe to place in HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** One line of a tooltip: a coloured marker, a label and a value, all escaped. */
export function tooltipLine(color: string, label: unknown, value: unknown): string {
  return `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;background:${escapeHtml(color)}"></span>${escapeHtml(label)}：<b>${escapeHtml(value)}</b>`;
}

interface TooltipParam {
  color?: unknown;
  seriesName?: string;
  name?: string;
  value?: unknown;
  data?: unknown;
  axisValueLabel?: string;
}

/**
 * An axis tooltip formatter: a title line and one line per series, every piece of data escaped.
 * `format` turns a value into the text shown.
 */
export function axisTooltip(format: (value: number, p: TooltipParam) => string): (params: unknown) => string {
  return (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
    const title = escapeHtml(list[0]?.axisValueLabel ?? list[0]?.name ?? '');
    const lines = list
      .filter((p) => p.value !== null && p.value !== undefined && p.value !== '-')
      .map((p) =>
        tooltipLine(
          String(p.color ?? '#999'),
          p.seriesName,
          format(Number(Array.isArray(p.value) ? p.value[1] : p.value), p)
        )
      );
    return [title, ...lines].join('<br>');
  };
}

/** Options every chart shares. */
export function baseOption(): EChartsOption {
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: '#333' },
    grid: {
      left: 16,
      right: 24,
      top: 40,
      bottom: 16,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel'
    },
    legend: { top: 4, type: 'scroll', textStyle: { fontFamily: FONT_FAMILY } },
    tooltip: { confine: true, renderMode: 'html', textStyle: { fontFamily: FONT_FAMILY } }
  };
}

/** 万元 with two decimals. */
export function wan(yuan: number | null | undefined): number | null {
  return yuan === null || yuan === undefined ? null : Math.round(yuan / 100) / 100;
}
