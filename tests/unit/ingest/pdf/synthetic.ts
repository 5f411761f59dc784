/** Hand-made page geometry (plain data) for the pure tests of ../../../../src/lib/ingest/formats/pdf/geometry.ts. */
import type { PageGeometry, Rect, TextItem } from '../../../../src/lib/ingest/formats/pdf/geometry';
import { isCjk } from '../../../../src/lib/ingest/text';

/** A text run at (x, top) in a font of `fontSize`, as wide as its characters (CJK 1 em, others 0.5 em). */
export function run(str: string, x: number, y: number, fontSize = 10): TextItem {
  let width = 0;
  for (const ch of str) width += (isCjk(ch) ? 1 : 0.5) * fontSize;
  return { str, x, y, width, height: fontSize, fontSize };
}

/** A page of the given runs and rulings. */
export function page(items: TextItem[], lines: Rect[] = [], rects: Rect[] = []): PageGeometry {
  return { number: 1, width: 595, height: 842, items, lines, rects, imageCount: 0, imageArea: 0 };
}

/** A cell of a grid to draw: position, spans, text (none for an empty cell). */
export interface DrawnCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text?: string;
}

/** How the borders are drawn: stroked lines, or filled 0.75 pt rectangles as Chromium draws them. */
export type BorderStyle = 'lines' | 'rects';

/** A grid's layout on the page. */
export interface DrawnGrid {
  x0: number;
  y0: number;
  colWidths: number[];
  rowHeights: number[];
  cells: DrawnCell[];
  style: BorderStyle;
  /** Moves each border by up to this much (within the snap tolerance), deterministically by index. */
  jitter?: (i: number) => number;
  /** Cuts each border in two with a gap of this many points (within the join tolerance). */
  gap?: number;
}

/** The grid's borders (each cell's four sides) and its texts, centred in their cells. */
export function drawGrid(g: DrawnGrid): { lines: Rect[]; rects: Rect[]; items: TextItem[] } {
  const xs = [g.x0];
  for (const w of g.colWidths) xs.push(xs[xs.length - 1]! + w);
  const ys = [g.y0];
  for (const h of g.rowHeights) ys.push(ys[ys.length - 1]! + h);
  const lines: Rect[] = [];
  const rects: Rect[] = [];
  const items: TextItem[] = [];
  let n = 0;
  const j = (): number => g.jitter?.(n++) ?? 0;
  const edge = (x0: number, y0: number, x1: number, y1: number): void => {
    const pieces: [number, number, number, number][] = [];
    if (g.gap && (x1 - x0 > 4 * g.gap || y1 - y0 > 4 * g.gap)) {
      const mx = (x0 + x1) / 2;
      const my = (y0 + y1) / 2;
      if (y0 === y1) pieces.push([x0, y0, mx - g.gap / 2, y1], [mx + g.gap / 2, y0, x1, y1]);
      else pieces.push([x0, y0, x1, my - g.gap / 2], [x0, my + g.gap / 2, x1, y1]);
    } else pieces.push([x0, y0, x1, y1]);
    for (const [a, b, c, d] of pieces) {
      const dj = j();
      if (g.style === 'lines') {
        lines.push(
          b === d ? { x0: a, y0: b + dj, x1: c, y1: d + dj } : { x0: a + dj, y0: b, x1: c + dj, y1: d }
        );
      } else if (b === d) rects.push({ x0: a, y0: b + dj - 0.375, x1: c, y1: d + dj + 0.375 });
      else rects.push({ x0: a + dj - 0.375, y0: b, x1: c + dj + 0.375, y1: d });
    }
  };
  for (const c of g.cells) {
    const left = xs[c.col]!;
    const right = xs[c.col + c.colSpan]!;
    const top = ys[c.row]!;
    const bottom = ys[c.row + c.rowSpan]!;
    edge(left, top, right, top);
    edge(left, bottom, right, bottom);
    edge(left, top, left, bottom);
    edge(right, top, right, bottom);
    if (c.text) {
      const r = run(c.text, 0, 0, 9);
      items.push({ ...r, x: (left + right) / 2 - r.width / 2, y: (top + bottom) / 2 - r.height / 2 });
    }
  }
  return { lines, rects, items };
}
