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
  // A PDF may have a few bytes of junk before its header; readers look within the first 1 KB.
  const lead = String.fromCharCode(...head(1024));
  if (lead.includes('%PDF-')) return 'pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
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
  if (kind !== 'text') throw new IngestError(source.file, 1, unsupported(kind));
  return readText(source);
}

function unsupported(kind: Exclude<SourceKind, 'text' | 'pdf'>): string {
  return kind === 'zip' ? '压缩文件（ZIP）不能直接导入' : 'OLE 文件不能直接导入';
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
