/**
 * Any source file as rows for the form reader: text exports decoded and split into rows; PDF
 * books and workbooks read into pages and cells first (./paged.ts), then into the same rows. The
 * format is told by the file's bytes, not its name.
 */
import type { IngestWarning, Layout } from '../../schema/records';
import { decodeSource, type SourceEncoding } from '../decode';
import { IngestError } from '../document';
import { detectLayout, readRows, type Row } from '../layout';
import { normalizeSourceText } from '../text';
import { dropFurniture, selectFormPages } from './pages';
import type { PagedDocument } from './paged';
import type { PdfjsAssets } from './pdf/pdfjs';
import { pagedToRows, type SourcePlace } from './rows';

export type { SourceEncoding } from '../decode';

/** What the readers of binary formats need from their surroundings (Node or the browser). */
export interface FormatEnv {
  /** Where pdf.js finds its CJK character maps and standard fonts: folders in Node, the site's URLs in a browser. */
  pdf?: PdfjsAssets;
}

/** A source read into rows, with what the reading found. */
export interface ReadSource {
  layout: Layout;
  rows: Row[];
  /** For PDFs and workbooks: where each row is (`places[row.line - 1]`); null for text. */
  places: SourcePlace[] | null;
  encoding: SourceEncoding | null;
  /** PDF pages or worksheets; null for text. */
  pages: number | null;
  /** Pages that hold no form (narrative, other tables), skipped. */
  skippedPages: number[];
  warnings: IngestWarning[];
  /** Parts that cannot be read (a scanned page), refused while the rest is read. */
  refused: IngestError[];
}

/** The kinds of file the bytes say a source is. */
export type SourceKind = 'text' | 'pdf' | 'zip' | 'ole';

/** What a file is, from its first bytes: PDF, ZIP (xlsx, docx), OLE (xls, doc), or text. */
export function sniffKind(bytes: Uint8Array): SourceKind {
  const head = (n: number) => Array.from(bytes.subarray(0, n));
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  // Containers first: a ZIP may hold a PDF, whose header then stands within its first bytes.
  if (starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  // A PDF may have a few bytes of junk before its header; readers look within the first 1 KB.
  const lead = String.fromCharCode(...head(1024));
  if (lead.includes('%PDF-')) return 'pdf';
  return 'text';
}

/** Reads a source file into rows, whatever its format. Throws `IngestError` when it cannot. */
export async function readSource(
  source: { file: string; bytes: Uint8Array },
  env: FormatEnv = {}
): Promise<ReadSource> {
  const kind = sniffKind(source.bytes);
  if (kind !== 'pdf' && /\.pdf$/i.test(source.file))
    throw new IngestError(source.file, 1, '文件名为 .pdf，内容却不是 PDF：可能已损坏，或改过扩展名');
  if (kind === 'pdf') return readPdfSource(source, env);
  if (kind === 'zip' || kind === 'ole' || isSpreadsheetXml(source.bytes)) return readWorkbookSource(source);
  return readText(source);
}

/** Excel 2003's XML spreadsheet (`.xml`, often saved as `.xls`): text bytes, but a workbook. */
function isSpreadsheetXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 2048));
  return /^\uFEFF?\s*<\?xml/.test(head) && head.includes('urn:schemas-microsoft-com:office:spreadsheet');
}

/**
 * A workbook (.xlsx, .xls, Excel 2003 XML): every sheet read as a page of cells (./sheet.ts), the
 * pages that hold forms kept. What the workbook hides or cannot show (hidden sheets and rows,
 * formula errors) is said as warnings naming the sheet and its rows.
 */
async function readWorkbookSource(source: { file: string; bytes: Uint8Array }): Promise<ReadSource> {
  const { readWorkbook, WorkbookReadError, readZip } = await import('./sheet');
  let doc;
  try {
    doc = readWorkbook(source.bytes);
  } catch (e) {
    if (!(e instanceof WorkbookReadError)) throw e;
    throw new IngestError(source.file, 1, notAWorkbook(source.bytes, readZip) ?? e.reason);
  }
  const warnings: IngestWarning[] = doc.notices.map((n) => ({
    file: source.file,
    line: n.rows[0] ?? 0,
    page: n.sheet,
    code: `workbook-${n.kind}`,
    message: n.message
  }));
  return { ...readPaged(doc), warnings, refused: [] };
}

/** A Word document (.docx, .doc) or a ZIP of other files is no workbook: say what it is. */
function notAWorkbook(bytes: Uint8Array, readZip: (b: Uint8Array) => { name: string }[]): string | null {
  const kind = sniffKind(bytes);
  if (kind === 'zip') {
    let names: string[];
    try {
      names = readZip(bytes).map((e) => e.name);
    } catch {
      return null;
    }
    if (names.some((n) => n.startsWith('word/')))
      return 'Word 文档（.docx）不能直接导入：请另存为 PDF 或 Excel 工作簿';
    if (!names.some((n) => n.startsWith('xl/') || n === 'content.xml'))
      return 'ZIP 压缩包不能直接导入：请解压后放入其中的 PDF 或工作簿';
  }
  if (
    kind === 'ole' &&
    new TextDecoder('latin1').decode(bytes).includes('W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t')
  )
    return 'Word 文档（.doc）不能直接导入：请另存为 PDF 或 Excel 工作簿';
  return null;
}

/**
 * A PDF: its pages read from geometry (./pdf), the pages that hold forms kept, page numbers and
 * running headers dropped. A scanned page (no text layer) is refused, page by page; a PDF whose
 * every page is a scan, an encrypted or a broken one is refused whole.
 */
async function readPdfSource(
  source: { file: string; bytes: Uint8Array },
  env: FormatEnv
): Promise<ReadSource> {
  if (!env.pdf) throw new Error('读取 PDF 需要 pdf.js 的字符映射与标准字体（FormatEnv.pdf）');
  // pdf.js is large: loaded only when a PDF comes.
  const { readPdf, PdfReadError } = await import('./pdf/index');
  let reading;
  try {
    reading = await readPdf(source.bytes, env.pdf);
  } catch (e) {
    if (e instanceof PdfReadError) throw new IngestError(source.file, 0, e.reason, e.page ?? 1);
    throw e;
  }
  const scanned = reading.pages.filter((p) => p.scanned).map((p) => p.number);
  const noText = (page: number) =>
    new IngestError(source.file, 0, '没有文字层（扫描件）：需要可复制文字的 PDF', page);
  if (reading.pages.every((p) => p.scanned || p.textItems === 0)) {
    const first = scanned[0] ?? 1;
    throw new IngestError(
      source.file,
      0,
      scanned.length
        ? `没有文字层（扫描件，共 ${reading.pageCount} 页）：需要可复制文字的 PDF`
        : 'PDF 中没有文字',
      first
    );
  }
  const paged = readPaged(reading.document);
  return { ...paged, refused: scanned.map(noText), pages: reading.pageCount };
}

/** A paged document (PDF, workbook) as rows: form pages only, furniture dropped. */
function readPaged(doc: PagedDocument): Omit<ReadSource, 'refused'> {
  const { document, skipped } = selectFormPages(dropFurniture(doc));
  const { rows, places } = pagedToRows(document);
  return {
    layout: doc.format,
    rows,
    places,
    encoding: null,
    pages: doc.pages.length,
    skippedPages: skipped,
    warnings: []
  };
}

/** A text export: decoded, normalised, one row per line. */
export function readText(source: { file: string; bytes: Uint8Array }): ReadSource {
  const { text: raw, encoding } = decodeSource(source.bytes, source.file);
  const text = normalizeSourceText(raw);
  if (!text.trim()) throw new IngestError(source.file, 1, '文件为空');
  const lines = text.split('\n');
  return {
    layout: detectLayout(lines),
    rows: readRows(lines),
    places: null,
    encoding,
    pages: null,
    skippedPages: [],
    warnings: [],
    refused: []
  };
}
