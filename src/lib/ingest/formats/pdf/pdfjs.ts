/**
 * The only module that imports pdfjs-dist: a PDF's pages as plain geometry (./geometry.ts), the
 * text runs from `getTextContent()` and the ruling lines from `getOperatorList()`, everything
 * mapped through the page's viewport so rotated and cropped pages come out upright.
 *
 * The legacy build runs on Node 20 (the modern one needs a global DOMMatrix) and in Chromium.
 * Its worker code is imported here, which sets `globalThis.pdfjsWorker`: pdfjs then runs its
 * "fake worker" in this thread (in Node, and inside the site's own Web Worker) and loads no
 * script from anywhere. Font data and CMaps come from the URLs (browser) or folder paths (Node)
 * the caller passes: never from another origin. (Loaded inside a Web Worker, pdfjs's worker code
 * also listens on that worker's own port and posts it one `{ sourceName: 'worker', action:
 * 'ready' }` message: the page that owns the worker must ignore messages that are not its own.)
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageGeometry, Rect, TextItem } from './geometry';

/** Where pdfjs finds its data: URLs the site serves, or folder paths in Node; each ends with '/'. */
export interface PdfjsAssets {
  /** pdfjs-dist/cmaps/ (CJK fonts without embedded maps need them). */
  cMapUrl: string;
  /** pdfjs-dist/standard_fonts/ (the 14 standard fonts a PDF may use without embedding them). */
  standardFontDataUrl: string;
  /** pdfjs-dist/wasm/ (decoders for JPEG 2000 and JBIG2 images, which scans use); optional. */
  wasmUrl?: string;
}

type Matrix = [number, number, number, number, number, number];

/** m1 · m2: apply m2, then m1 (pdfjs's Util.transform). */
function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1 as Matrix;
  const [a2, b2, c2, d2, e2, f2] = m2 as Matrix;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const isNode =
  typeof globalThis.process === 'object' &&
  String(globalThis.process) === '[object process]' &&
  !!globalThis.process.versions?.node;

/** Opens a PDF with pdfjs; the caller destroys it. Throws pdfjs's own errors (see ./index.ts). */
export async function openPdf(bytes: Uint8Array, assets: PdfjsAssets): Promise<PDFDocumentProxy> {
  const task = pdfjs.getDocument({
    // pdfjs hands the buffer to its worker and detaches it: give it a copy, not the caller's, and
    // a plain Uint8Array (it refuses a Node Buffer, which is what files are read as).
    data: new Uint8Array(bytes),
    cMapUrl: assets.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: assets.standardFontDataUrl,
    wasmUrl: assets.wasmUrl,
    // In a browser worker there is no `document` to resolve URLs against: the (fake) worker
    // fetches the data itself. In Node pdfjs reads the folders from disk.
    useWorkerFetch: !isNode,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy();
    throw e;
  }
}

const OPS = pdfjs.OPS;
const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUAD = 3;
const DRAW_CLOSE = 4;
const STROKES = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke
]);
const FILLS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke
]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat
]);

/** Subpaths of a pdfjs 5 path buffer: points, whether each point was reached by a straight line, closed or not. */
function subpaths(buf: ArrayLike<number>): { pts: number[]; straight: boolean[]; closed: boolean }[] {
  const out: { pts: number[]; straight: boolean[]; closed: boolean }[] = [];
  let cur: { pts: number[]; straight: boolean[]; closed: boolean } | null = null;
  for (let k = 0; k < buf.length;) {
    const op = buf[k++];
    if (op === DRAW_MOVE) {
      cur = { pts: [buf[k]!, buf[k + 1]!], straight: [false], closed: false };
      out.push(cur);
      k += 2;
    } else if (op === DRAW_LINE) {
      if (!cur) out.push((cur = { pts: [], straight: [], closed: false }));
      cur.pts.push(buf[k]!, buf[k + 1]!);
      cur.straight.push(cur.pts.length > 2);
      k += 2;
    } else if (op === DRAW_CURVE || op === DRAW_QUAD) {
      const n = op === DRAW_CURVE ? 6 : 4;
      if (!cur) out.push((cur = { pts: [], straight: [], closed: false }));
      cur.pts.push(buf[k + n - 2]!, buf[k + n - 1]!);
      cur.straight.push(false);
      k += n;
    } else if (op === DRAW_CLOSE) {
      if (cur) {
        cur.closed = true;
        // A path may go on from the subpath's start after a close.
        cur = { pts: [cur.pts[0]!, cur.pts[1]!], straight: [false], closed: false };
        out.push(cur);
      }
    } else break; // an unknown op: the buffer's format changed; read no further
  }
  return out.filter((s) => s.pts.length >= 4);
}

/** Page-space geometry of one path painted with `op` under matrix `m`. */
function readPath(op: number, buf: ArrayLike<number>, m: Matrix, lines: Rect[], rects: Rect[]): void {
  for (const sp of subpaths(buf)) {
    const pts: [number, number][] = [];
    for (let k = 0; k < sp.pts.length; k += 2) pts.push(apply(m, sp.pts[k]!, sp.pts[k + 1]!));
    if (STROKES.has(op)) {
      const edge = (a: [number, number], b: [number, number]): void => {
        // Straight rules only; a slope under 1:100 is a rule drawn with rounding.
        const dx = Math.abs(a[0] - b[0]);
        const dy = Math.abs(a[1] - b[1]);
        if (dy <= dx / 100 || dx <= dy / 100)
          lines.push({
            x0: Math.min(a[0], b[0]),
            y0: Math.min(a[1], b[1]),
            x1: Math.max(a[0], b[0]),
            y1: Math.max(a[1], b[1])
          });
      };
      for (let k = 1; k < pts.length; k++) if (sp.straight[k]) edge(pts[k - 1]!, pts[k]!);
      if (sp.closed && pts.length > 2 && sp.straight.slice(1).every(Boolean))
        edge(pts[pts.length - 1]!, pts[0]!);
    }
    if (FILLS.has(op) && sp.straight.slice(1).every(Boolean)) {
      // A filled rectangle: four corners (a fifth back at the start), each on the bounding box.
      const ps = pts.length === 5 && near(pts[4]!, pts[0]!) ? pts.slice(0, 4) : pts;
      if (ps.length !== 4) continue;
      const xs = ps.map((p) => p[0]);
      const ys = ps.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      const eps = 0.01 * Math.max(x1 - x0, y1 - y0, 1);
      const onCorner = ps.every(
        (p) =>
          (Math.abs(p[0] - x0) <= eps || Math.abs(p[0] - x1) <= eps) &&
          (Math.abs(p[1] - y0) <= eps || Math.abs(p[1] - y1) <= eps)
      );
      if (onCorner) rects.push({ x0, y0, x1, y1 });
    }
  }
}

function near(a: [number, number], b: [number, number]): boolean {
  return Math.abs(a[0] - b[0]) < 1e-3 && Math.abs(a[1] - b[1]) < 1e-3;
}

/** The operator list's rulings and images in page space, tracking the CTM through the graphics state. */
function readOperators(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  viewport: Matrix,
  width: number,
  height: number
): { lines: Rect[]; rects: Rect[]; imageCount: number; imageArea: number } {
  const lines: Rect[] = [];
  const rects: Rect[] = [];
  let imageCount = 0;
  let imageArea = 0;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
      case OPS.beginGroup:
        stack.push(ctm);
        break;
      case OPS.restore:
      case OPS.endGroup:
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const matrix = args?.[0] as ArrayLike<number> | null | undefined;
        if (matrix && matrix.length === 6) ctm = multiply(ctm, Array.from(matrix));
        break;
      }
      case OPS.constructPath: {
        // pdfjs 5: [paint op, [Float32Array path], minMax]; the path is null for an empty one.
        const [op, data] = args as [number, (ArrayLike<number> | null)[]];
        const buf = data?.[0];
        if (buf && (STROKES.has(op) || FILLS.has(op)))
          readPath(op, buf, multiply(viewport, ctm), lines, rects);
        break;
      }
      default:
        if (IMAGES.has(fn)) {
          imageCount++;
          // An image fills the unit square of its CTM.
          const m = multiply(viewport, ctm);
          const corners = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
          const x0 = Math.max(0, Math.min(...corners.map((p) => p[0])));
          const x1 = Math.min(width, Math.max(...corners.map((p) => p[0])));
          const y0 = Math.max(0, Math.min(...corners.map((p) => p[1])));
          const y1 = Math.min(height, Math.max(...corners.map((p) => p[1])));
          if (x1 > x0 && y1 > y0) imageArea += ((x1 - x0) * (y1 - y0)) / (width * height);
        }
    }
  }
  return { lines, rects, imageCount, imageArea: Math.min(1, imageArea) };
}

interface PdfjsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

/** A text run in page space: its box from the baseline, the font's ascent (0.8 em when unknown). */
function readItem(
  it: PdfjsTextItem,
  viewport: Matrix,
  styles: Record<string, { ascent?: number; descent?: number }>
): TextItem | null {
  const t = multiply(viewport, it.transform);
  const fontSize = Math.hypot(t[2], t[3]) || it.height;
  if (!(fontSize > 0)) return null;
  const style = styles[it.fontName];
  const a = style?.ascent;
  const d = style?.descent;
  const ascent = a && a > 0 && a < 2 ? a : d && d < 0 && d > -1 ? 1 + d : 0.8;
  const upright = t[0] > 0 && Math.abs(t[1]) <= 1e-3 * t[0] && Math.abs(t[2]) <= 1e-3 * fontSize && t[3] < 0;
  if (upright) {
    return { str: it.str, x: t[4], y: t[5] - ascent * fontSize, width: it.width, height: fontSize, fontSize };
  }
  // Rotated or vertical text: the box its run covers, from the run's direction and its up.
  const along = Math.hypot(t[0], t[1]) || 1;
  const u = [t[0] / along, t[1] / along];
  const n = [t[2] / fontSize, t[3] / fontSize];
  const corners: [number, number][] = [];
  for (const s of [0, it.width])
    for (const h of [-(1 - ascent) * fontSize, ascent * fontSize])
      corners.push([t[4] + u[0]! * s + n[0]! * h, t[5] + u[1]! * s + n[1]! * h]);
  const x0 = Math.min(...corners.map((p) => p[0]));
  const x1 = Math.max(...corners.map((p) => p[0]));
  const y0 = Math.min(...corners.map((p) => p[1]));
  const y1 = Math.max(...corners.map((p) => p[1]));
  return { str: it.str, x: x0, y: y0, width: x1 - x0, height: y1 - y0, fontSize, rotated: true };
}

/** One page's geometry: text runs and rulings in upright page space (points, top-left origin). */
export async function readPageGeometry(page: PDFPageProxy): Promise<PageGeometry> {
  const vp = page.getViewport({ scale: 1 });
  const viewport = vp.transform as Matrix;
  const [text, ops] = await Promise.all([
    page.getTextContent({ disableNormalization: true }),
    page.getOperatorList()
  ]);
  const items: TextItem[] = [];
  for (const raw of text.items) {
    if (!('str' in raw) || !raw.str.trim()) continue;
    const it = readItem(raw, viewport, text.styles as Record<string, { ascent?: number; descent?: number }>);
    if (!it) continue;
    // Runs outside the crop box (printer's marks, a cropped-off margin) are not on the page.
    const cx = it.x + it.width / 2;
    const cy = it.y + it.height / 2;
    if (cx < 0 || cy < 0 || cx > vp.width || cy > vp.height) continue;
    items.push(it);
  }
  const drawn = readOperators(ops.fnArray, ops.argsArray, viewport, vp.width, vp.height);
  const onPage = (r: Rect): boolean => r.x1 >= 0 && r.y1 >= 0 && r.x0 <= vp.width && r.y0 <= vp.height;
  return {
    number: page.pageNumber,
    width: vp.width,
    height: vp.height,
    items,
    lines: drawn.lines.filter(onPage),
    rects: drawn.rects.filter(onPage),
    imageCount: drawn.imageCount,
    imageArea: drawn.imageArea
  };
}

/** Every page's geometry, in page order; the document is freed before this returns or throws. */
export async function readPdfGeometry(bytes: Uint8Array, assets: PdfjsAssets): Promise<PageGeometry[]> {
  const doc = await openPdf(bytes, assets);
  try {
    const pages: PageGeometry[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(await readPageGeometry(page));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
