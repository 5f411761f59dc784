/** The 数据 page: how the ingest report's sources are labelled. Pure. */
import type { Layout } from '../schema/records';

/** Each layout as readers know it: the text exports, and the originals (PDF, workbooks). */
export const LAYOUT_LABELS: Readonly<Record<Layout, string>> = {
  markdown: 'Markdown 表格',
  tsv: '制表符分隔',
  text: 'PDF 文本',
  pdf: 'PDF 原件',
  xlsx: 'Excel 工作簿',
  xls: '旧版 Excel'
};

/** A source's layout in Chinese (an unknown one as it is). */
export function layoutLabel(layout: string): string {
  return (LAYOUT_LABELS as Record<string, string>)[layout] ?? layout;
}

/** A source's text encoding; '—' for a PDF or workbook, which are not text. */
export function encodingLabel(encoding: string | null): string {
  return encoding ?? '—';
}

/**
 * How many pages (PDF) or worksheets (workbook) a source has, and how many of them held a form
 * when some were skipped: `40 页（表格 12 页）`, `3 个工作表（表格 2 个）`; '—' for text.
 */
export function pagesLabel(layout: string, pages: number | null, skipped: number): string {
  if (pages === null) return '—';
  const sheets = layout === 'xlsx' || layout === 'xls';
  const all = sheets ? `${pages} 个工作表` : `${pages} 页`;
  if (!skipped) return all;
  const forms = Math.max(0, pages - skipped);
  return `${all}（表格 ${forms} ${sheets ? '个' : '页'}）`;
}

/** Names and phone numbers removed from a source: `已删除 2 处`, or nothing when none were. */
export function redactionsLabel(redactions: number): string {
  return redactions > 0 ? `已删除 ${redactions} 处` : '';
}
