/**
 * Published workbooks (.xlsx, .xls, and what else SheetJS reads of the same kind) read into the
 * paged form: one page per worksheet that has something in it, each one table over the sheet's
 * cells with its merged ranges as single cells. Cell text is what a reader of the sheet sees,
 * except that numbers are never shown with fewer digits than the publisher typed.
 *
 * Only `read`, `utils` and `SSF` from SheetJS are used, none of its Node-only parts, so the same
 * module runs in the import Web Worker.
 */
import {
  CFB,
  read,
  SSF,
  utils,
  type CellObject,
  type Range,
  type WorkBook,
  type WorkSheet
} from '@e965/xlsx';
import { inflateSync } from 'fflate';
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
  // SheetJS loops forever on some damaged files (its inflate past the end of the data, a cycle
  // in an OLE sector chain or directory, a count read past a record's end): zips are unpacked
  // here, OLE files checked and their BIFF stream fenced first.
  let input = bytes;
  if (container === 'zip') input = restoreZip(bytes);
  if (container === 'ole') input = fencedOle(bytes);
  if (container === 'biff') {
    input = bytes.slice();
    fenceBiffStream(input);
  }
  let first: unknown;
  // An .xls keeps each formula's result beside it; its tokens are not read (see above).
  for (const cellFormula of container === 'ole' || container === 'biff' ? [false] : [true, false]) {
    try {
      return read(input, { ...READ_OPTIONS, cellFormula });
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

/** The zip unpacked strictly and packed again without compression, for SheetJS to read. */
function restoreZip(bytes: Uint8Array): Uint8Array {
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes);
  } catch (e) {
    if (!(e instanceof ZipError))
      throw new WorkbookReadError('corrupt', corruptReason('ZIP 结构损坏'), messageOf(e));
    if (e.encrypted) throw new WorkbookReadError('encrypted', ENCRYPTED_REASON, e.message);
    throw new WorkbookReadError('corrupt', corruptReason(e.reason), e.message);
  }
  return storedZip(entries);
}

// ---------------------------------------------------------------------------------------------
// Containers, checked before SheetJS sees them

/** A file in a zip, unpacked. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** A zip that cannot be unpacked; `reason` is the Chinese short cause. */
export class ZipError extends Error {
  readonly reason: string;
  readonly encrypted: boolean;

  constructor(reason: string, detail: string, encrypted = false) {
    super(detail);
    this.name = 'ZipError';
    this.reason = reason;
    this.encrypted = encrypted;
  }
}

// Unpacked, a workbook's parts are some megabytes; far more is a zip bomb, not a form.
const MAX_UNPACKED = 512 * 1024 * 1024;

/**
 * Unpacks a zip, trusting nothing: every offset and length is checked against the file, every
 * deflated entry inflated strictly (running out of data is an error, not zeros). Zip64 sizes are
 * read; encrypted entries and methods other than stored and deflate throw `ZipError`.
 */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (detail: string): never => {
    throw new ZipError('ZIP 结构损坏', detail);
  };
  const u16 = (at: number) => (at >= 0 && at + 2 <= bytes.length ? view.getUint16(at, true) : fail('short'));
  const u32 = (at: number) => (at >= 0 && at + 4 <= bytes.length ? view.getUint32(at, true) : fail('short'));
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  // The end-of-central-directory record: in the last 22 bytes plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  // Without it (it is the end of the file) a download was cut short.
  if (eocd < 0)
    throw new ZipError('文件不完整，压缩结构缺少结尾，可能下载中断', 'no end of central directory');
  let count = u16(eocd + 10);
  let dir = u32(eocd + 16);
  const locator = eocd - 20;
  if ((count === 0xffff || dir === 0xffffffff) && locator >= 0 && u32(locator) === 0x07064b50) {
    const eocd64 = u64(locator + 8);
    if (u32(eocd64) !== 0x06064b50) fail('bad zip64 end of central directory');
    count = u64(eocd64 + 32);
    dir = u64(eocd64 + 48);
  }
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let at = dir;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) fail(`bad central directory entry ${i}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let packed = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const name = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    // Zip64: the sizes and offset that overflowed, in this order, in extra field 0x0001.
    const extraEnd = at + 46 + nameLength + extraLength;
    for (let x = at + 46 + nameLength; x + 4 <= extraEnd;) {
      const length = u16(x + 2);
      if (u16(x) === 0x0001) {
        let y = x + 4;
        if (size === 0xffffffff) {
          size = u64(y);
          y += 8;
        }
        if (packed === 0xffffffff) {
          packed = u64(y);
          y += 8;
        }
        if (local === 0xffffffff) local = u64(y);
      }
      x += 4 + length;
    }
    at = extraEnd + commentLength;
    if (flags & 0x41) throw new ZipError('', 'encrypted zip entry', true);
    if (u32(local) !== 0x04034b50) fail(`bad local header for ${name}`);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + packed > bytes.length)
      throw new ZipError('文件不完整，可能下载中断', `${name} runs past the end`);
    unpacked += size;
    if (unpacked > MAX_UNPACKED) throw new ZipError('解压后超过 512 MB，不是一份表格', 'too large');
    if (name.endsWith('/')) continue;
    const raw = bytes.subarray(start, start + packed);
    if (method === 0) entries.push({ name, data: raw });
    else if (method === 8) entries.push({ name, data: inflateRaw(raw, size) });
    else fail(`compression method ${method}`);
  }
  return entries;
}

function decodeName(raw: Uint8Array, utf8: boolean): string {
  // A workbook's part names are ASCII; a zip of Chinese file names is GB18030 unless flagged UTF-8.
  try {
    return new TextDecoder(utf8 ? 'utf-8' : 'gb18030', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('utf-8').decode(raw);
  }
}

/** Entries packed as a zip without compression: what SheetJS reads without its inflate. */
function storedZip(entries: ZipEntry[]): Uint8Array {
  const names = entries.map((e) => new TextEncoder().encode(e.name));
  let size = 22;
  entries.forEach((e, i) => (size += 30 + 46 + 2 * (names[i] as Uint8Array).length + e.data.length));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 0x800, true);
    view.setUint32(at + 18, e.data.length, true);
    view.setUint32(at + 22, e.data.length, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out.set(e.data, at + 30 + name.length);
    at += 30 + name.length + e.data.length;
  });
  const dir = at;
  entries.forEach((e, i) => {
    const name = names[i] as Uint8Array;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, 0x800, true);
    view.setUint32(at + 20, e.data.length, true);
    view.setUint32(at + 24, e.data.length, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i] as number, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - dir, true);
  view.setUint32(at + 16, dir, true);
  return out;
}

/**
 * Inflates raw deflate data to exactly `size` bytes, with fflate (strict: data that runs out is an
 * error, not zeros as SheetJS's own inflate reads it, looping); damaged or short data throws
 * `ZipError`.
 */
export function inflateRaw(src: Uint8Array, size: number): Uint8Array {
  let out: Uint8Array;
  try {
    // One byte of room more than said: data that inflates to more than its size fills it (fflate
    // stops at the end of the buffer it is given, silently).
    out = inflateSync(src, { out: new Uint8Array(size + 1) });
  } catch (e) {
    throw new ZipError('ZIP 压缩数据损坏', messageOf(e));
  }
  if (out.length !== size)
    throw new ZipError('ZIP 压缩数据损坏', `inflated to ${out.length} bytes, not ${size}`);
  return out;
}

/**
 * An OLE workbook with its BIFF stream fenced (`fenceBiffStream`): SheetJS decodes formula tokens
 * whatever its options and reads every record it knows, and damaged ones send it round for ever.
 * The cells, formula results included, are what a reader sees, and they stay.
 */
function fencedOle(bytes: Uint8Array): Uint8Array {
  checkOleChains(bytes);
  let cfb: unknown;
  try {
    cfb = CFB.read(bytes, { type: 'array' });
  } catch {
    // SheetJS's own read fails the same way, and its message is mapped to a cause there.
    return bytes;
  }
  const entry = (CFB.find(cfb, '/Workbook') ?? CFB.find(cfb, '/Book')) as {
    content?: ArrayLike<number>;
    size?: number;
  } | null;
  if (!entry?.content) return bytes;
  const stream = Uint8Array.from(entry.content);
  if (!fenceBiffStream(stream)) return bytes;
  entry.content = stream;
  entry.size = stream.length;
  return new Uint8Array(CFB.write(cfb, { type: 'array' }) as ArrayLike<number>);
}

// Where each formula-bearing record keeps its token length, as bytes [from, to) of its body to
// zero: the BIFF2, BIFF3/4 and BIFF5/8 places at once (a damaged BOF can make SheetJS read any
// of them), covering only flags and ids besides, which nothing here reads.
const TOKEN_LENGTH: Record<number, [number, number]> = {
  0x0006: [15, 22], // FORMULA
  0x0206: [15, 22],
  0x0406: [15, 22],
  0x0018: [4, 6], // NAME
  0x0218: [4, 6],
  0x04bc: [8, 10], // SHRFMLA
  0x0021: [7, 14], // ARRAY
  0x0221: [7, 14]
};

// A record type SheetJS knows and skips (DCONNAME): what a record it must not read becomes.
const SKIPPED_RECORD = 0x0052;

// The BIFF5/8 records a workbook's cells, formats, merges and hidden parts are read from, with
// the least body length that holds their fixed fields. SheetJS reads past a record's end as
// undefined, and an undefined count loops for ever; every other record is skipped.
const KEPT_RECORDS: Record<number, number> = {
  0x0809: 8, // BOF
  0x000a: 0, // EOF
  0x0042: 2, // CODEPAGE
  0x0022: 2, // DATE1904
  0x041e: 3, // FORMAT
  0x00e0: 16, // XF
  0x0031: 16, // FONT
  0x0085: 7, // BOUNDSHEET: offset, state, type, name length
  0x00fc: 8, // SST
  0x003c: 0, // CONTINUE
  0x0200: 10, // DIMENSIONS
  0x0208: 16, // ROW
  0x007d: 12, // COLINFO
  0x00fd: 10, // LABELSST
  0x0204: 8, // LABEL
  0x00d6: 8, // RSTRING
  0x0203: 14, // NUMBER
  0x027e: 10, // RK
  0x00bd: 12, // MULRK
  0x0201: 6, // BLANK
  0x00be: 8, // MULBLANK
  0x0205: 8, // BOOLERR
  0x0006: 22, // FORMULA
  0x0207: 2, // STRING: a formula's text result
  0x00e5: 2, // MERGECELLS
  0x04bc: 10, // SHRFMLA
  0x0221: 14 // ARRAY
};

/**
 * Fences SheetJS off a BIFF stream's dangers, in place: formula token lengths set to 0 (the
 * results stay), and in a BIFF5/8 stream every record not read for cells, or too short for its
 * fixed fields, turned into one SheetJS skips; lengths, so offsets, are unchanged. In an older
 * stream only formula records are fenced. False (and unchanged from there) if it is encrypted.
 */
export function fenceBiffStream(stream: Uint8Array): boolean {
  const biff58 = stream[0] === 0x09 && stream[1] === 0x08;
  for (let at = 0; at + 4 <= stream.length;) {
    const type = (stream[at] as number) | ((stream[at + 1] as number) << 8);
    const length = (stream[at + 2] as number) | ((stream[at + 3] as number) << 8);
    if (type === 0x002f) return false;
    const body = Math.min(length, stream.length - at - 4);
    const range = TOKEN_LENGTH[type];
    const least = biff58 ? KEPT_RECORDS[type] : range ? range[1] : 0;
    if (least === undefined || body < least) {
      stream[at] = SKIPPED_RECORD;
      stream[at + 1] = 0;
    } else if (range) stream.fill(0, at + 4 + range[0], at + 4 + range[1]);
    at += 4 + length;
  }
  return true;
}

/**
 * Walks the sector chains SheetJS will follow in an OLE file (the directory's, and each large
 * stream's) as it does, and throws `WorkbookReadError` on a cycle, which SheetJS would follow
 * until memory runs out.
 */
function checkOleChains(bytes: Uint8Array): void {
  const damaged = (detail: string): never => {
    const cause = bytes.length % 512 ? '文件不完整，可能下载中断' : '复合文档结构损坏';
    throw new WorkbookReadError('corrupt', corruptReason(cause), detail);
  };
  if (bytes.length < 512) damaged('shorter than a header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i32 = (at: number) => (at >= 0 && at + 4 <= bytes.length ? view.getInt32(at, true) : -1);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) damaged('sector size');
  const ssz = 2 ** shift;
  const sectors = Math.ceil(bytes.length / ssz) - 1;
  const sectorAt = (n: number) => (n >= 0 && n < sectors ? (n + 1) * ssz : -1);
  const fat: number[] = [];
  for (let j = 0; j < 109; j++) {
    const q = i32(0x4c + j * 4);
    if (q < 0) break;
    fat.push(q);
  }
  const seenDifat = new Set<number>();
  for (let d = i32(0x44), n = i32(0x48); n > 0 && sectorAt(d) >= 0; n--) {
    if (seenDifat.has(d)) damaged('DIFAT chain loops');
    seenDifat.add(d);
    for (let j = 0; j < ssz / 4 - 1; j++) {
      const q = i32(sectorAt(d) + j * 4);
      if (q === -2) break;
      fat.push(q);
    }
    d = i32(sectorAt(d) + ssz - 4);
  }
  const nextOf = (j: number): number | null => {
    const at = sectorAt(fat[Math.floor((j * 4) / ssz)] ?? -1);
    return at < 0 ? null : i32(at + ((j * 4) & (ssz - 1)));
  };
  const walk = (start: number, loopIsDamage: boolean): number[] => {
    const chain: number[] = [];
    const seen = new Set<number>();
    for (let j: number | null = start; j !== null && j >= 0; j = nextOf(j)) {
      if (seen.has(j)) {
        if (loopIsDamage) damaged(`sector chain from ${start} loops`);
        break;
      }
      seen.add(j);
      chain.push(j);
    }
    return chain;
  };
  // SheetJS stops the directory's chain at a repeat; a large stream's it follows for ever.
  const tree: { left: number; right: number; child: number; type: number }[] = [];
  for (const sector of walk(i32(0x30), false)) {
    const base = sectorAt(sector);
    if (base < 0) continue;
    for (let e = base; e + 128 <= base + ssz; e += 128) {
      const start = i32(e + 116);
      const size = i32(e + 120);
      const type = size < 0 && start < 0 ? 0 : (bytes[e + 66] as number);
      tree.push({ left: i32(e + 68), right: i32(e + 72), child: i32(e + 76), type });
      if (type === 5 || type === 0 || size < 4096) continue;
      walk(start, true);
    }
  }
  checkDirectoryTree(tree, damaged);
}

/**
 * SheetJS's way of naming an OLE file's entries (`build_full_paths`), run with a bound: in a
 * directory whose sibling and child links loop it would go round for ever.
 */
function checkDirectoryTree(
  entries: { left: number; right: number; child: number; type: number }[],
  damaged: (detail: string) => never
): void {
  const n = entries.length;
  const dad: (number | undefined)[] = [];
  const queue: number[] = [];
  for (let i = 0; i < n; i++) dad[i] = queue[i] = i;
  let left = -1;
  let right = -1;
  for (let j = 0; j < queue.length; j++) {
    if (queue.length > 3 * n + 3) damaged('directory links loop');
    const i = queue[j] as number;
    const entry = entries[i];
    if (!entry) return; // SheetJS fails here with a TypeError, which it reports
    left = entry.left;
    right = entry.right;
    const child = entry.child;
    if (dad[i] === i) {
      if (left !== -1 && dad[left] !== left) dad[i] = dad[left];
      if (right !== -1 && dad[right] !== right) dad[i] = dad[right];
    }
    if (child !== -1) dad[child] = i;
    if (left !== -1 && i !== dad[i]) {
      dad[left] = dad[i];
      if (queue.lastIndexOf(left) < j) queue.push(left);
    }
    if (right !== -1 && i !== dad[i]) {
      dad[right] = dad[i];
      if (queue.lastIndexOf(right) < j) queue.push(right);
    }
  }
  for (let i = 1; i < n; i++)
    if (dad[i] === i) {
      if (right !== -1 && dad[right] !== right) dad[i] = dad[right];
      else if (left !== -1 && dad[left] !== left) dad[i] = dad[left];
    }
  for (let i = 1; i < n; i++) {
    if (entries[i]?.type === 0) continue;
    let j: number | undefined = i;
    let steps = 0;
    if (j !== dad[j])
      do {
        j = dad[j as number];
        if (++steps > n) damaged('directory parents loop');
      } while (j !== 0 && dad[j as number] !== -1 && j !== dad[j as number]);
    dad[i] = -1;
  }
}
