/**
 * A published PDF (a 部门预算公开 book, a 绩效自评表) read into the paged form every binary reader
 * produces (../paged.ts): per page, its tables as grids of cells and its other lines of text,
 * with what the caller needs to decide what to refuse (pages that are scans).
 */
import type { PagedDocument, SourcePage } from '../paged';
import { DEFAULT_GEOMETRY_OPTIONS, readPageBlocks, type GeometryOptions } from './geometry';
import { openPdf, readPageGeometry, type PdfjsAssets } from './pdfjs';

/** What is known of one page beyond its blocks. */
export interface PdfPageDiagnostics {
  /** 1-based page number. */
  number: number;
  /** Size in points, upright (after the page's rotation). */
  width: number;
  height: number;
  /** Text runs read (whitespace dropped). */
  textItems: number;
  /** Images painted, and the share of the page they cover (0–1). */
  imageCount: number;
  imageArea: number;
  /** No text layer but images: a scanned page, which only OCR could read. */
  scanned: boolean;
}

/** A PDF read: the paged document, and what each page showed. */
export interface PdfReading {
  document: PagedDocument;
  pageCount: number;
  pages: PdfPageDiagnostics[];
}

/** Options of `readPdf`: where pdfjs finds its data, and geometry tolerances (defaults: pdfplumber's). */
export interface ReadPdfOptions extends PdfjsAssets {
  geometry?: Partial<GeometryOptions>;
}

/** Why a PDF could not be read, in words for the person who supplied it. */
export class PdfReadError extends Error {
  /** The reason, in Chinese, for the person who supplied the file. */
  readonly reason: string;
  /** The page that could not be read, when it was one page. */
  readonly page: number | null;
  constructor(reason: string, page: number | null = null, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'PdfReadError';
    this.reason = reason;
    this.page = page;
  }
}

/** The reason for an encrypted PDF. */
export const ENCRYPTED_REASON = 'PDF 已加密，需要密码才能打开：请提供未加密的版本';

/** The reason for a broken PDF, with a short cause. */
export function brokenReason(cause: string): string {
  return `PDF 文件已损坏，无法读取（${cause}）`;
}

function startsLikePdf(bytes: Uint8Array): boolean {
  // The header may follow some junk (up to 1 KiB, as readers allow).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function endsLikePdf(bytes: Uint8Array): boolean {
  // A whole file ends with %%EOF, perhaps followed by a little padding.
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

/** pdfjs's error as a PdfReadError (its class names survive the worker boundary; its classes do not). */
export function toPdfReadError(e: unknown, bytes: Uint8Array, page: number | null = null): PdfReadError {
  if (e instanceof PdfReadError) return e;
  const name = (e as { name?: unknown } | null)?.name;
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return new PdfReadError(ENCRYPTED_REASON, null, { cause: e });
  let cause: string;
  if (bytes.length === 0) cause = '文件是空的';
  else if (!startsLikePdf(bytes)) cause = '不是 PDF 文件';
  else if (!endsLikePdf(bytes)) cause = '文件不完整，可能下载或复制时被截断';
  else if (name === 'InvalidPDFException') cause = '文件结构无效';
  else {
    // pdfjs's own words, short: what a person can pass on to whoever made the file.
    const said = message.length > 80 ? `${message.slice(0, 79)}…` : message;
    cause = page === null ? `无法解析：${said}` : `第 ${page} 页无法解析：${said}`;
  }
  return new PdfReadError(brokenReason(cause), page, { cause: e });
}

/**
 * Reads a PDF into pages of tables and text lines. Throws PdfReadError when the file is
 * encrypted, is no PDF, or is broken (a file cut short is refused even where pdfjs could
 * salvage some pages: what is missing would go unnoticed).
 */
export async function readPdf(bytes: Uint8Array, opts: ReadPdfOptions): Promise<PdfReading> {
  const options: GeometryOptions = { ...DEFAULT_GEOMETRY_OPTIONS, ...opts.geometry };
  if (bytes.length > 0 && startsLikePdf(bytes) && !endsLikePdf(bytes))
    throw new PdfReadError(brokenReason('文件不完整，可能下载或复制时被截断'));
  let doc;
  try {
    doc = await openPdf(bytes, opts);
  } catch (e) {
    throw toPdfReadError(e, bytes);
  }
  try {
    const pages: SourcePage[] = [];
    const diagnostics: PdfPageDiagnostics[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let geometry;
      try {
        const page = await doc.getPage(n);
        geometry = await readPageGeometry(page);
        page.cleanup();
      } catch (e) {
        throw toPdfReadError(e, bytes, n);
      }
      pages.push({ number: n, name: null, blocks: readPageBlocks(geometry, options) });
      diagnostics.push({
        number: n,
        width: geometry.width,
        height: geometry.height,
        textItems: geometry.items.length,
        imageCount: geometry.imageCount,
        imageArea: geometry.imageArea,
        scanned: geometry.items.length === 0 && geometry.imageCount > 0
      });
    }
    return { document: { format: 'pdf', pages }, pageCount: doc.numPages, pages: diagnostics };
  } finally {
    await doc.destroy();
  }
}
