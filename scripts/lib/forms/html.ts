/**
 * Form grids as one printable HTML document, laid out as the publishers' forms are: bordered
 * tables with merged cells, long texts wrapping in wide columns beside vertically centred labels,
 * one form part per page; optionally as the last pages of a department's budget book.
 */
import { bookFrontMatter, type BookFrontMatter } from './book';
import type { FormGrid, FormPart, FormTable, ProjectRecords } from './layout';

/** How the forms are printed. */
export interface HtmlOptions {
  /** Font of the tables and prose; titles are always sans. Default 'serif'. */
  font?: 'serif' | 'sans';
  /** Force a page break in the middle of every indicator table (between two of its rows). Default false. */
  breakInIndicators?: boolean;
  /** `tr { break-inside: avoid }`: a row never splits over two pages. Default true. */
  avoidRowBreaks?: boolean;
  /** Repeat each table's first row at the top of every page it runs onto. Default false. */
  repeatHeader?: boolean;
  /** Print the forms as the last pages of a budget book: cover, 目录, prose and budget tables first. */
  book?: { department: string; year: number; projects: readonly ProjectRecords[] };
}

const FONTS = { serif: "'Noto Serif CJK SC', serif", sans: "'Noto Sans CJK SC', sans-serif" };

/** Texts longer than this are written left-aligned and wrap; shorter ones (labels, values) are centred. */
const LONG_TEXT = 16;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string
  );
}

function styles(options: HtmlOptions): string {
  const font = FONTS[options.font ?? 'serif'];
  return `
@page { size: A4; margin: 18mm 12mm; }
html { font-family: ${font}; font-size: 10pt; color: #000; }
body { margin: 0; }
.page { break-before: page; }
.page:first-child { break-before: auto; }
h1 { font-family: ${FONTS.sans}; font-size: 16pt; font-weight: bold; text-align: center; margin: 0 0 4pt; }
.subtitle { text-align: center; margin: 0 0 6pt; }
.above { display: flex; justify-content: space-between; margin: 0 0 4pt; }
.below { margin: 6pt 0 0; white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td { border: 1px solid #000; padding: 3pt 3pt; vertical-align: middle; text-align: center;
  line-height: 1.45; overflow-wrap: anywhere; }
td.long { text-align: left; }
td.split { vertical-align: top; }
${options.avoidRowBreaks === false ? '' : 'tr { break-inside: avoid; }'}
tr.forced-break { break-before: page; }
.cover { text-align: center; padding-top: 70mm; font-family: ${FONTS.sans}; }
.cover p { font-size: 26pt; font-weight: bold; margin: 0 0 14mm; }
.contents p { font-size: 13pt; margin: 0 0 8pt; white-space: pre; }
h2 { font-family: ${FONTS.sans}; font-size: 14pt; margin: 0 0 10pt; }
.prose p { text-indent: 2em; font-size: 12pt; line-height: 1.8; margin: 0 0 6pt; text-align: justify; }
`;
}

function tableHtml(table: FormTable, options: HtmlOptions, breakBefore: number | null): string {
  const byRow = new Map<number, FormTable['cells']>();
  for (const c of table.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  // Boxes no cell covers print as single empty boxes.
  const covered = Array.from({ length: table.rows }, () => new Array<boolean>(table.cols).fill(false));
  for (const c of table.cells)
    for (let r = c.row; r < c.row + c.rowSpan; r++)
      for (let k = c.col; k < c.col + c.colSpan; k++) (covered[r] as boolean[])[k] = true;
  const rowHtml = (r: number) => {
    const cells = [...(byRow.get(r) ?? [])];
    (covered[r] as boolean[]).forEach((on, col) => {
      if (!on) cells.push({ row: r, col, rowSpan: 1, colSpan: 1, text: '' });
    });
    cells.sort((a, b) => a.col - b.col);
    const tds = cells.map((c) => {
      const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      // A merged cell cut by a forced break keeps its text at its top, on the first page, as Word prints it.
      const split = breakBefore !== null && c.row < breakBefore && c.row + c.rowSpan > breakBefore;
      const classes = [c.text.length > LONG_TEXT ? 'long' : '', split ? 'split' : ''].filter(Boolean);
      const cls = classes.length ? ` class="${classes.join(' ')}"` : '';
      return `<td${span}${cls}>${escapeHtml(c.text)}</td>`;
    });
    return `<tr${r === breakBefore ? ' class="forced-break"' : ''}>${tds.join('')}</tr>`;
  };
  const rows = Array.from({ length: table.rows }, (_, r) => rowHtml(r));
  // Only a first row no cell spans down from can repeat on every page.
  const repeat = options.repeatHeader === true && table.cells.every((c) => c.row > 0 || c.rowSpan === 1);
  const cols = table.widths.map((w) => `<col style="width:${w}%">`).join('');
  const sum = table.widths.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 0.5) throw new Error(`column widths add up to ${sum}, not 100`);
  return `<table><colgroup>${cols}</colgroup>${
    repeat ? `<thead>${rows[0]}</thead><tbody>${rows.slice(1).join('')}` : `<tbody>${rows.join('')}`
  }</tbody></table>`;
}

function partHtml(part: FormPart, options: HtmlOptions): string {
  const [title = '', ...subtitles] = part.titles;
  const ind = part.indicatorRows;
  // The break goes before the middle row of the indicator table, so a merged heading is cut in two.
  const breakBefore =
    options.breakInIndicators && ind && ind.count >= 2 ? ind.first + Math.floor(ind.count / 2) : null;
  return [
    '<section class="page form">',
    `<h1>${escapeHtml(title)}</h1>`,
    ...subtitles.map((t) => `<p class="subtitle">${escapeHtml(t)}</p>`),
    part.above.length
      ? `<div class="above">${part.above.map((t) => `<span>${escapeHtml(t)}</span>`).join('')}</div>`
      : '',
    tableHtml(part.table, options, breakBefore),
    ...part.below.map((t) => `<p class="below">${escapeHtml(t)}</p>`),
    '</section>'
  ].join('\n');
}

function frontMatterHtml(book: BookFrontMatter, options: HtmlOptions): string {
  const p = (t: string) => `<p>${escapeHtml(t)}</p>`;
  return [
    `<section class="page cover">${book.cover.map(p).join('')}</section>`,
    `<section class="page contents"><h1>目  录</h1>${book.contents.map(p).join('')}</section>`,
    ...book.sections.map(
      (s) =>
        `<section class="page prose"><h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map(p).join('')}</section>`
    ),
    ...book.tables.map(
      (t) =>
        `<section class="page"><h1>${escapeHtml(t.title)}</h1><div class="above"><span></span><span>单位：元</span></div>${tableHtml(t.table, options, null)}</section>`
    )
  ].join('\n');
}

/** The forms as one HTML document, each part of each form on a new page. */
export function formsHtml(forms: readonly FormGrid[], options: HtmlOptions = {}): string {
  const book = options.book
    ? frontMatterHtml(
        bookFrontMatter(options.book.department, options.book.year, options.book.projects),
        options
      )
    : '';
  const body = forms.flatMap((f) => f.parts.map((part) => partHtml(part, options))).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(forms[0]?.name ?? '')}</title>
<style>${styles(options)}</style></head>
<body>
${book}
${body}
</body></html>
`;
}
