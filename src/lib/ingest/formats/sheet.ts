/**
 * Published workbooks (.xlsx, .xls, and what else SheetJS reads of the same kind) read into the
 * paged form: one page per worksheet that has something in it, each one table over the sheet's
 * cells with its merged ranges as single cells. Cell text is what a reader of the sheet sees,
 * except that numbers are never shown with fewer digits than the publisher typed.
 *
 * Only `read`, `utils` and `SSF` from SheetJS are used, none of its Node-only parts, so the same
 * module runs in the import Web Worker.
 */
import { read, SSF, utils, type CellObject, type Range, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { foldRadicals, joinWrapped, squeeze } from '../text';
import type { GridCell, PagedDocument, SourcePage, TableBlock } from './paged';

/** What the bytes of a workbook were; `format` on the document is the family it belongs to. */
export type WorkbookFileType = 'xlsx' | 'xlsb' | 'ods' | 'xls' | 'xlml';

/** Something in a workbook that a reader of it would not see as we read it. */
export interface WorkbookNotice {
  kind:
    | 'hidden-sheet' // a hidden (or "very hidden") worksheet, read like the others
    | 'hidden-rows' // hidden rows with content, read
    | 'hidden-columns' // hidden columns with content, read
    | 'error-cells' // cells showing a formula error (#N/A, #DIV/0! …), read as blank
    | 'uncached-formulas' // formulas saved without their result, read as blank
    | 'covered-text'; // text in a cell under a merged range, which Excel does not show: left out
  /** 1-based index of the sheet among all sheets of the workbook (as `SourcePage.number`). */
  sheet: number;
  /** The sheet's name. */
  name: string;
  /** Excel row numbers concerned, ascending; empty for the whole sheet. */
  rows: number[];
  /** What a user is told, in Chinese. */
  message: string;
}

/** A workbook read into pages, with what it hid or could not show. */
export interface WorkbookDocument extends PagedDocument {
  format: 'xlsx' | 'xls';
  fileType: WorkbookFileType;
  notices: WorkbookNotice[];
}

/** Why a workbook could not be read: corrupt or not a workbook, encrypted, or without content. */
export type WorkbookReadErrorKind = 'corrupt' | 'encrypted' | 'empty';

/** A workbook that cannot be read; `reason` is the Chinese sentence for the user. */
export class WorkbookReadError extends Error {
  readonly kind: WorkbookReadErrorKind;
  readonly reason: string;
  /** What SheetJS or the sniffing said, for a developer (English, may be empty). */
  readonly detail: string;

  constructor(kind: WorkbookReadErrorKind, reason: string, detail = '') {
    super(detail ? `${reason} [${detail}]` : reason);
    this.name = 'WorkbookReadError';
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
  }
}

const ENCRYPTED_REASON = '工作簿已加密，需要密码才能打开：请提供未加密的版本';
const EMPTY_REASON = '工作簿中没有内容';

/** The Chinese reason for a workbook that is corrupt or not a workbook at all. */
export function corruptReason(cause: string): string {
  return `工作簿已损坏，无法读取（${cause}）`;
}

type Container = 'zip' | 'ole' | 'biff' | 'xlml';

/** Reads a workbook's bytes. Throws `WorkbookReadError`, never anything else. */
export function readWorkbook(bytes: Uint8Array): WorkbookDocument {
  const container = sniffContainer(bytes);
  if (typeof container !== 'string') throw new WorkbookReadError('corrupt', corruptReason(container.cause));
  const wb = readWithSheetJs(bytes, container);
  const fileType = fileTypeOf(wb, container);
  const format = container === 'zip' ? 'xlsx' : 'xls';
  const pages: SourcePage[] = [];
  const notices: WorkbookNotice[] = [];
  try {
    wb.SheetNames.forEach((name, i) => {
      const ws = wb.Sheets[name];
      if (!ws) return;
      const hidden = (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
      const sheet = readSheet(ws, { number: i + 1, name, hidden });
      if (!sheet) return;
      pages.push(sheet.page);
      notices.push(...sheet.notices);
    });
  } catch (e) {
    // SheetJS hands back whatever it made of a damaged file; a shape we cannot walk is damage too.
    throw new WorkbookReadError('corrupt', corruptReason('工作表结构损坏'), messageOf(e));
  }
  if (pages.length === 0) throw new WorkbookReadError('empty', EMPTY_REASON);
  return { format, fileType, pages, notices };
}

// ---------------------------------------------------------------------------------------------
// Bytes → SheetJS workbook

/** What the first bytes say the file is; SheetJS alone would read any bytes as a CSV. */
function sniffContainer(bytes: Uint8Array): Container | { cause: string } {
  const b = (i: number) => bytes[i] ?? -1;
  if (bytes.length === 0) return { cause: '文件为空' };
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return 'zip';
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x05 && b(3) === 0x06) return { cause: '空的压缩包' };
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (ole.every((x, i) => b(i) === x)) return 'ole';
  // A BIFF2–4 worksheet without the OLE wrapper starts with its BOF record.
  if (b(0) === 0x09 && [0x00, 0x02, 0x04].includes(b(1)) && b(3) === 0x00) return 'biff';
  const head = latin1(bytes, 0, 65536);
  const start = head.replace(/^(?:\xEF\xBB\xBF)?\s*/, '');
  if (start.startsWith('<') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xlml';
  if (start.startsWith('%PDF')) return { cause: '文件是 PDF，不是 Excel 工作簿' };
  if (/^<(?:!doctype\s+html|html|table|meta|head|body)\b/i.test(start) || /<table\b/i.test(head))
    return { cause: '文件是网页（HTML），不是 Excel 工作簿' };
  return { cause: '不是 Excel 工作簿' };
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  const end = Math.min(bytes.length, to);
  for (let i = Math.max(0, from); i < end; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

const READ_OPTIONS = {
  type: 'array',
  dense: true,
  // Formatted text for every cell, the format itself, and row/column visibility (cellStyles).
  cellText: true,
  cellNF: true,
  cellStyles: true,
  cellDates: false,
  cellHTML: false,
  // Built-in format 14 (and the CJK built-in dates SheetJS maps to it) as Chinese Excel shows it.
  dateNF: 'yyyy/m/d'
} as const;

function readWithSheetJs(bytes: Uint8Array, container: Container): WorkBook {
  let first: unknown;
  for (const cellFormula of [true, false]) {
    try {
      return read(bytes, { ...READ_OPTIONS, cellFormula });
    } catch (e) {
      if (isEncryption(e)) throw new WorkbookReadError('encrypted', ENCRYPTED_REASON, messageOf(e));
      // A formula SheetJS cannot decompile must not cost the whole workbook: try once without.
      first ??= e;
    }
  }
  throw new WorkbookReadError('corrupt', corruptReason(causeOf(first, bytes, container)), messageOf(first));
}

function isEncryption(e: unknown): boolean {
  return /password|encrypt/i.test(messageOf(e));
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : String(e);
}

function causeOf(e: unknown, bytes: Uint8Array, container: Container): string {
  const message = messageOf(e);
  switch (container) {
    case 'zip':
      // Without its central directory (the end of the file) a download was cut short.
      if (!hasZipDirectory(bytes)) return '文件不完整，压缩结构缺少结尾，可能下载中断';
      if (/Unsupported ZIP/i.test(message))
        return '压缩包中没有 Excel 工作簿；若是多个文件打包的压缩包，请先解压';
      return 'ZIP 结构损坏';
    case 'ole':
      if (/Cannot find Workbook stream/i.test(message))
        return '复合文档中没有工作簿数据，可能是 Word 等其他文件';
      if (bytes.length % 512 !== 0) return '文件不完整，可能下载中断';
      return '复合文档结构损坏';
    case 'biff':
      return 'BIFF 记录损坏';
    case 'xlml':
      return 'XML 结构损坏';
  }
}

function hasZipDirectory(bytes: Uint8Array): boolean {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06)
      return true;
  return false;
}

function fileTypeOf(wb: WorkBook, container: Container): WorkbookFileType {
  if (container === 'xlml') return 'xlml';
  if (container !== 'zip') return 'xls';
  const bookType = (wb as { bookType?: string }).bookType;
  return bookType === 'ods' || bookType === 'xlsb' ? bookType : 'xlsx';
}

// ---------------------------------------------------------------------------------------------
// SheetJS worksheet → page

interface SheetInfo {
  number: number;
  name: string;
  hidden: boolean;
}

/** A worksheet's cells as plain data: text by 0-based row and column, plus its merged ranges. */
export interface SheetCells {
  /** Non-empty cell texts: `[row, col, text]`, 0-based as SheetJS counts. */
  texts: [number, number, string][];
  merges: Range[];
}

function readSheet(ws: WorkSheet, info: SheetInfo): { page: SourcePage; notices: WorkbookNotice[] } | null {
  const texts: [number, number, string][] = [];
  const errorRows = new Map<number, string>();
  const uncachedRows = new Set<number>();
  const data = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      if (cell.t === 'e') errorRows.set(r + 1, errorRows.get(r + 1) ?? shownText(cell) ?? '#N/A');
      // SheetJS gives a formula saved without its result as a blank (stub) cell with the formula.
      else if (cell.f && (cell.t === 'z' || cell.v === undefined)) uncachedRows.add(r + 1);
      const text = cellText(cell);
      if (text) texts.push([r, c, text]);
    }
  }
  if (texts.length === 0) return null;
  const grid = toTableBlock({ texts, merges: (ws['!merges'] ?? []) as Range[] });
  const page: SourcePage = { number: info.number, name: info.name, blocks: [grid.table] };
  const notices: WorkbookNotice[] = [];
  const notice = (kind: WorkbookNotice['kind'], rows: number[], message: string) =>
    notices.push({ kind, sheet: info.number, name: info.name, rows, message });
  const sheetName = `工作表“${info.name}”`;
  if (info.hidden) notice('hidden-sheet', [], `${sheetName}是隐藏的工作表，已一并读取`);
  const rowsInfo = (ws['!rows'] ?? []) as ({ hidden?: boolean } | undefined)[];
  const hiddenRows = grid.textRows.filter((line) => rowsInfo[line - 1]?.hidden);
  if (hiddenRows.length)
    notice('hidden-rows', hiddenRows, `${sheetName}${lineList(hiddenRows)}是隐藏行，已一并读取`);
  const colsInfo = (ws['!cols'] ?? []) as ({ hidden?: boolean } | undefined)[];
  const hiddenCols = grid.textCols.filter((c) => colsInfo[c]?.hidden);
  if (hiddenCols.length) {
    const rows = [...new Set(texts.filter(([, c]) => colsInfo[c]?.hidden).map(([r]) => r + 1))].sort(
      (a, b) => a - b
    );
    notice(
      'hidden-columns',
      rows,
      `${sheetName}第 ${hiddenCols.map(utils.encode_col).join('、')} 列是隐藏列，已一并读取`
    );
  }
  if (errorRows.size) {
    const rows = [...errorRows.keys()].sort((a, b) => a - b);
    const codes = [...new Set(errorRows.values())].join('、');
    notice(
      'error-cells',
      rows,
      `${sheetName}${lineList(rows)}有显示为公式错误（${codes}）的单元格，按空白读取`
    );
  }
  if (uncachedRows.size) {
    const rows = [...uncachedRows].sort((a, b) => a - b);
    notice('uncached-formulas', rows, `${sheetName}${lineList(rows)}的公式没有保存计算结果，按空白读取`);
  }
  for (const [line, text] of grid.covered)
    notice(
      'covered-text',
      [line],
      `${sheetName}第 ${line} 行有被合并单元格遮住的文字“${clip(text)}”，Excel 中不显示，已略去`
    );
  return { page, notices };
}

/** `第 12、13–15 行`: Excel row numbers, runs shortened. */
function lineList(lines: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === (lines[j] as number) + 1) j++;
    parts.push(
      j > i + 1 ? `${lines[i]}–${lines[j]}` : j === i + 1 ? `${lines[i]}、${lines[j]}` : `${lines[i]}`
    );
    i = j + 1;
  }
  return `第 ${parts.join('、')} 行`;
}

function clip(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/** A table built from a sheet's cells, with what the building found. */
export interface SheetGrid {
  table: TableBlock;
  /** Excel row numbers that hold text, ascending. */
  textRows: number[];
  /** 0-based sheet columns that hold text, ascending. */
  textCols: number[];
  /** Text under a merged range (not its top-left cell): Excel row number and the text. */
  covered: [number, string][];
}

/**
 * Lays a sheet's cells out as one table over the rectangle that holds text. A merged range is one
 * cell with its spans and the top-left cell's text (a blank merged range inside the rectangle is a
 * cell too: its span is layout). Rows with no text and under no merged range are left out of the
 * grid; `rowLines` keeps each grid row's Excel row number. Columns are all kept, so blank spacer
 * columns stay where they were. A merged range overlapping an earlier one is ignored, as Excel
 * would refuse it. Expects at least one text.
 */
export function toTableBlock(sheet: SheetCells): SheetGrid {
  const key = (r: number, c: number) => r * 16384 + c;
  const textAt = new Map<number, string>();
  const box = { top: Infinity, bottom: -1, left: Infinity, right: -1 };
  const widen = (s: { r: number; c: number }, e: { r: number; c: number }) => {
    box.top = Math.min(box.top, s.r);
    box.bottom = Math.max(box.bottom, e.r);
    box.left = Math.min(box.left, s.c);
    box.right = Math.max(box.right, e.c);
  };
  for (const [r, c, text] of sheet.texts) {
    textAt.set(key(r, c), text);
    widen({ r, c }, { r, c });
  }
  // Merged ranges: normalised to Excel's sheet size, one-cell and overlapping ones dropped.
  const merges: Range[] = [];
  for (const m of sheet.merges) {
    const s = { r: Math.max(0, Math.min(m.s.r, m.e.r)), c: Math.max(0, Math.min(m.s.c, m.e.c)) };
    const e = { r: Math.min(MAX_ROW, Math.max(m.s.r, m.e.r)), c: Math.min(MAX_COL, Math.max(m.s.c, m.e.c)) };
    if (!(s.r <= e.r && s.c <= e.c) || (s.r === e.r && s.c === e.c)) continue;
    if (merges.some((o) => s.r <= o.e.r && o.s.r <= e.r && s.c <= o.e.c && o.s.c <= e.c)) continue;
    merges.push({ s, e });
  }
  for (const m of merges) if (textAt.has(key(m.s.r, m.s.c))) widen(m.s, m.e);
  // Each merged range clipped to the rectangle (only blank ones reach outside it), by row.
  const cells: GridCell[] = [];
  const keptRows = new Set<number>();
  const byRow = new Map<number, Range[]>();
  for (const m of merges) {
    const s = { r: Math.max(m.s.r, box.top), c: Math.max(m.s.c, box.left) };
    const e = { r: Math.min(m.e.r, box.bottom), c: Math.min(m.e.c, box.right) };
    if (s.r > e.r || s.c > e.c) continue;
    const text = textAt.get(key(m.s.r, m.s.c)) ?? '';
    cells.push({ row: s.r, col: s.c - box.left, rowSpan: e.r - s.r + 1, colSpan: e.c - s.c + 1, text });
    for (let r = s.r; r <= e.r; r++) {
      keptRows.add(r);
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  const covered: [number, string][] = [];
  for (const [r, c, text] of sheet.texts) {
    keptRows.add(r);
    const m = byRow.get(r)?.find((o) => o.s.c <= c && c <= o.e.c);
    if (!m) cells.push({ row: r, col: c - box.left, rowSpan: 1, colSpan: 1, text });
    else if (m.s.r !== r || m.s.c !== c) covered.push([r + 1, text]);
  }
  const rows = [...keptRows].sort((a, b) => a - b);
  const gridRow = new Map(rows.map((r, i) => [r, i]));
  for (const cell of cells) cell.row = gridRow.get(cell.row) as number;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  covered.sort((a, b) => a[0] - b[0]);
  return {
    table: {
      kind: 'table',
      rows: rows.length,
      cols: box.right - box.left + 1,
      cells,
      rowLines: rows.map((r) => r + 1)
    },
    textRows: [...new Set(sheet.texts.map(([r]) => r + 1))].sort((a, b) => a - b),
    textCols: [...new Set(sheet.texts.map(([, c]) => c))].sort((a, b) => a - b),
    covered
  };
}

// The last 0-based row and column a sheet can have (Excel 2007 and later).
const MAX_ROW = 1048575;
const MAX_COL = 16383;

// ---------------------------------------------------------------------------------------------
// Cell text

/**
 * The text a reader sees in a cell: the formatted text for formatted numbers and dates (money
 * rounded as Excel rounds the decimal, not the binary float), the number as typed for a number
 * in the General or text format, '' for a formula error; lines joined as a wrapped cell, radicals
 * folded, whitespace squeezed.
 */
export function cellText(cell: CellObject): string {
  const shown = shownText(cell);
  switch (cell.t) {
    case 'z':
    case 'e':
      return '';
    case 'n':
      return typeof cell.v === 'number' ? tidy(numberText(cell.v, formatOf(cell), shown)) : '';
    case 'b':
      return shown ?? (cell.v ? 'TRUE' : 'FALSE');
    case 'd':
      return tidy(
        shown ?? (cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? ''))
      );
    default:
      return tidy(shown ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v)));
  }
}

/** SheetJS's formatted text, if it made one (a damaged file can leave anything there). */
function shownText(cell: CellObject): string | undefined {
  return typeof cell.w === 'string' ? cell.w : undefined;
}

function tidy(text: string): string {
  if (!text) return '';
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/);
  return squeeze(foldRadicals(lines.length > 1 ? joinWrapped(lines.map(squeeze)) : text));
}

function formatOf(cell: CellObject): string | undefined {
  if (typeof cell.z === 'string') return cell.z;
  if (typeof cell.z === 'number') return (SSF.get_table() as Record<number, string | undefined>)[cell.z];
  return undefined;
}

// The built-in formats SheetJS gives in their en-US form (`$`, negatives in parentheses), as
// Chinese Excel shows them (¥, a minus sign): a reader of a Chinese workbook sees these.
const ZH_CN_BUILTIN: Record<string, string> = {
  '"$"#,##0_);\\("$"#,##0\\)': '"¥"#,##0;"¥"\\-#,##0',
  '"$"#,##0_);[Red]\\("$"#,##0\\)': '"¥"#,##0;[Red]"¥"\\-#,##0',
  '"$"#,##0.00_);\\("$"#,##0.00\\)': '"¥"#,##0.00;"¥"\\-#,##0.00',
  '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)': '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  '#,##0 ;(#,##0)': '#,##0;-#,##0',
  '#,##0 ;[Red](#,##0)': '#,##0;[Red]-#,##0',
  '#,##0.00;(#,##0.00)': '#,##0.00;-#,##0.00',
  '#,##0.00;[Red](#,##0.00)': '#,##0.00;[Red]-#,##0.00',
  '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)': '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ ',
  '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)':
    '_ "¥"* #,##0_ ;_ "¥"* \\-#,##0_ ;_ "¥"* "-"_ ;_ @_ ',
  '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)': '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
  '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)':
    '_ "¥"* #,##0.00_ ;_ "¥"* \\-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ '
};

const formatValue = SSF.format as (fmt: string, v: number) => string;
const isDateFormat = SSF.is_date as (fmt: string) => boolean;

/**
 * A number cell's text. `format` is its number format, `shown` what SheetJS formatted (used for
 * dates, which it renders with the Chinese short date; numbers are formatted again here so that
 * the rounding is the decimal one Excel does).
 */
export function numberText(v: number, format: string | undefined, shown?: string): string {
  if (!Number.isFinite(v)) return '';
  // General and Text formats show the number as typed: SheetJS's General would cut it to 11
  // digits (12345678901.23 → 12345678901). Chinese-numeral formats ([DBNum1] 一二三) SheetJS
  // cannot render; the number itself is what a parser wants.
  if (!format || /^(?:General|@|"General")$/i.test(format.trim()) || /\[DBNum\d\]/i.test(format))
    return plainDecimal(v);
  const fmt = ZH_CN_BUILTIN[format] ?? format;
  if (safeIsDate(fmt)) return shown ?? formatSafely(fmt, v) ?? plainDecimal(v);
  return formatSafely(fmt, roundForFormat(v, fmt)) ?? plainDecimal(v);
}

function safeIsDate(fmt: string): boolean {
  try {
    return isDateFormat(fmt);
  } catch {
    return false;
  }
}

/** SSF's rendering, or with literal characters it refuses (¥, 年 unquoted) quoted; null if neither. */
function formatSafely(fmt: string, v: number): string | null {
  for (const f of [fmt, quoteLiterals(fmt)]) {
    try {
      return formatValue(f, v);
    } catch {
      // try the next form
    }
  }
  return null;
}

/** Quotes the non-ASCII characters of a format that are outside quotes and brackets. */
function quoteLiterals(fmt: string): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      out += fmt.slice(i, stop);
      i = stop - 1;
    } else if (ch === '[') {
      const end = fmt.indexOf(']', i + 1);
      const stop = end < 0 ? fmt.length : end + 1;
      out += fmt.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      out += fmt.slice(i, i + 2);
      i++;
    } else if (ch.charCodeAt(0) > 0x7e) {
      out += `"${ch}"`;
    } else out += ch;
  }
  return out;
}

/**
 * The number a format will show, rounded as Excel rounds: the decimal the cell holds (to 15
 * digits), half away from zero, to the format's decimals after its % and thousands scaling. SSF
 * rounds the binary value, so 1.005 with `0.00` would show 1.00 where Excel shows 1.01.
 */
function roundForFormat(v: number, fmt: string): number {
  const sections = splitSections(fmt);
  if (sections.some((s) => /\[[<>=]/.test(s))) return v; // conditional sections: leave to SSF
  const section = (v < 0 ? sections[1] : v === 0 ? sections[2] : undefined) ?? sections[0] ?? '';
  const bare = section
    .replace(/"[^"]*"?/g, '')
    .replace(/\[[^\]]*\]?/g, '')
    .replace(/[\\_*]./g, '');
  if (!/[0#?]/.test(bare) || /[eE][+-]|\//.test(bare)) return v;
  const point = bare.indexOf('.');
  const decimals = point < 0 ? 0 : (bare.slice(point + 1).match(/[0#?]/g) ?? []).length;
  const percent = (bare.match(/%/g) ?? []).length;
  // Commas right after the last digit placeholder, or right before the point, divide by 1000 each.
  const afterLast = /[0#?](,+)[^0#?]*$/.exec(bare)?.[1]?.length ?? 0;
  const beforePoint = point < 0 ? 0 : (/(,+)$/.exec(bare.slice(0, point))?.[1]?.length ?? 0);
  const scaleCommas = Math.max(afterLast, beforePoint);
  const shift = 2 * percent - 3 * scaleCommas;
  const rounded = roundDecimal(plainDecimal(Math.abs(v)), shift + decimals);
  const r = Number(rounded);
  return v < 0 ? -r : r;
}

/** Splits a format into its `;` sections, leaving quoted text and escapes alone. */
function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '\\') {
      cur += fmt.slice(i, i + 2);
      i++;
      continue;
    }
    if (!quoted && ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Rounds a plain non-negative decimal to `places` digits after the point (negative: to tens,
 * hundreds …), half up, and gives it back as a plain decimal.
 */
function roundDecimal(plain: string, places: number): string {
  const [int = '0', frac = ''] = plain.split('.');
  const digits = BigInt(int + frac);
  const scale = frac.length; // value = digits / 10^scale
  const drop = scale - places;
  if (drop <= 0) return plain;
  const unit = 10n ** BigInt(drop);
  let q = digits / unit;
  if ((digits % unit) * 2n >= unit) q += 1n;
  return scaledToPlain(q, places);
}

/** `q / 10^places` as a plain decimal. */
function scaledToPlain(q: bigint, places: number): string {
  if (places <= 0) return (q * 10n ** BigInt(-places)).toString();
  const s = q.toString().padStart(places + 1, '0');
  return `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, '');
}

/**
 * A number as the decimal the publisher typed: Excel keeps 15 significant digits, so the double
 * is read to 15 digits and trailing zeros dropped (0.1 → `0.1`, 0.1 + 0.2 → `0.3`, 226145100 →
 * `226145100`), written out without an exponent (1e21 → `1000000000000000000000`, 1e-7 →
 * `0.0000001`). For a value typed with 15 digits or fewer this is the shortest text that reads
 * back as the same double.
 */
export function plainDecimal(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const [mantissa = '0', exp = '0'] = Math.abs(v).toPrecision(15).split('e');
  const point = mantissa.indexOf('.');
  let digits = mantissa.replace('.', '');
  // value = digits × 10^power
  let power = Number(exp) - (point < 0 ? 0 : mantissa.length - point - 1);
  digits = digits.replace(/^0+/, '');
  const trailing = /0*$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  power += trailing;
  let out: string;
  if (power >= 0) out = digits + '0'.repeat(power);
  else if (digits.length + power > 0) out = `${digits.slice(0, power)}.${digits.slice(power)}`;
  else out = `0.${'0'.repeat(-power - digits.length)}${digits}`;
  return v < 0 ? `-${out}` : out;
}
