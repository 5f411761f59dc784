/** How the 数据 page labels the ingest report's sources, and how the site names a record's source. Plain data. */
import { describe, expect, it } from 'vitest';
import {
  LAYOUT_LABELS,
  encodingLabel,
  layoutLabel,
  pagesLabel,
  redactionsLabel
} from '../../../src/lib/views/data';
import { formatSourceLine, formatSourceRef } from '../../../src/lib/format';
import { placeOf } from '../../../src/lib/ingest/document';

describe('the ingest report’s sources', () => {
  it('labels every layout in Chinese, the originals apart from their text exports', () => {
    expect(LAYOUT_LABELS).toEqual({
      markdown: 'Markdown 表格',
      tsv: '制表符分隔',
      text: 'PDF 文本',
      pdf: 'PDF 原件',
      xlsx: 'Excel 工作簿',
      xls: '旧版 Excel'
    });
    expect(layoutLabel('xls')).toBe('旧版 Excel');
    expect(layoutLabel('docx')).toBe('docx');
  });

  it('gives binary sources no encoding', () => {
    expect(encodingLabel(null)).toBe('—');
    expect(encodingLabel('gb18030')).toBe('gb18030');
  });

  it('counts pages and worksheets, and those that held a form when some were skipped', () => {
    expect(pagesLabel('pdf', 40, 28)).toBe('40 页（表格 12 页）');
    expect(pagesLabel('pdf', 2, 0)).toBe('2 页');
    expect(pagesLabel('xlsx', 3, 1)).toBe('3 个工作表（表格 2 个）');
    expect(pagesLabel('xls', 1, 0)).toBe('1 个工作表');
    expect(pagesLabel('markdown', null, 0)).toBe('—');
  });

  it('says how much personal data was removed, and nothing when none was', () => {
    expect(redactionsLabel(3)).toBe('已删除 3 处');
    expect(redactionsLabel(0)).toBe('');
  });
});

describe('a record’s place in its source', () => {
  it('is a line in a text, a page and line in a PDF or workbook', () => {
    expect(formatSourceLine(12, null)).toBe('第 12 行');
    expect(formatSourceLine(12, 3)).toBe('第 3 页第 12 行');
    expect(formatSourceLine(0, 3)).toBe('第 3 页');
    expect(formatSourceLine(null, null)).toBe('—');
  });

  it('is named as the ingest names it in its messages', () => {
    expect(formatSourceRef('004_604980d765fad65f.txt', 57, null)).toBe('004_604980d765fad65f.txt:57');
    expect(formatSourceRef('book.pdf', 12, 3)).toBe('book.pdf 第 3 页第 12 行');
    for (const [line, page] of [
      [57, null],
      [12, 3],
      [0, 2]
    ] as const)
      expect(formatSourceRef('f', line, page)).toBe(placeOf('f', line, page));
  });
});
