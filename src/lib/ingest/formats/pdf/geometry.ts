/**
 * A PDF page's tables rebuilt from geometry, as pdfplumber and Camelot do it: the ruling lines give
 * the grid (lattice), text alignment gives it where a table has none (stream), and each text run
 * goes to the cell holding it, so that a cell wrapped over lines is one cell again and a merged
 * cell is one cell with its spans. Plain data in, plain data out: no pdfjs here (see ./pdfjs.ts).
 *
 * Coordinates are PDF points with the origin at the page's top left and y growing downward.
 */
import type { GridCell, TableBlock, TextBlock } from '../paged';
import { foldRadicals, isCjk, joinWrapped } from '../../text';

/** A run of text as the PDF placed it. */
export interface TextItem {
  /** The run's text as the PDF maps it (radicals not yet folded). */
  str: string;
  /** Left edge. */
  x: number;
  /** Top edge. */
  y: number;
  width: number;
  height: number;
  /** The font size (the em): every spacing tolerance is a fraction of it. */
  fontSize: number;
  /** True for a run that is not written left to right on a level baseline: never split by characters. */
  rotated?: boolean;
}

/** An axis-aligned rectangle: a stroked line (zero thickness) or a filled rectangle. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What a page shows, in page space, as ./pdfjs.ts reads it. */
export interface PageGeometry {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  /** Stroked straight lines, each horizontal or vertical. */
  lines: Rect[];
  /** Filled axis-aligned rectangles; thin ones are table borders (Chromium and Word draw them so). */
  rects: Rect[];
  /** Images painted on the page: a page of images and no text is a scan. */
  imageCount: number;
  /** The share of the page the images cover: each image's share summed, at most 1. */
  imageArea: number;
}

/** Tolerances, in points or ems; the defaults are pdfplumber's where it has one. */
export interface GeometryOptions {
  /** Parallel rulings this close are one ruling (pdfplumber's snap_tolerance). */
  snapTolerance: number;
  /** Collinear rulings with a gap this small are one ruling (join_tolerance). */
  joinTolerance: number;
  /** How far a ruling may fall short of another and still meet it (intersection_tolerance). */
  intersectionTolerance: number;
  /** A filled rectangle thinner than this is a ruling line. */
  maxRuleThickness: number;
  /** A ruling shorter than this is a dot or a glyph's stroke, not a border. */
  minRuleLength: number;
  /** A gap between runs of at least this many ems separates columns of a borderless table. */
  columnGapEm: number;
  /** A gap between runs of at least this many ems is a space between Latin words. */
  spaceGapEm: number;
}

/** pdfplumber's defaults (3 pt), borders up to 3 pt thick, a column gutter of one em. */
export const DEFAULT_GEOMETRY_OPTIONS: GeometryOptions = {
  snapTolerance: 3,
  joinTolerance: 3,
  intersectionTolerance: 3,
  maxRuleThickness: 3,
  minRuleLength: 2,
  columnGapEm: 1,
  spaceGapEm: 0.25
};

// ---------------------------------------------------------------------------------------------
// Rulings: rectangles → horizontal and vertical rules, snapped and joined.

/** A ruling line: at `pos` (y of a horizontal, x of a vertical), from `start` to `end` along it. */
export interface Rule {
  pos: number;
  start: number;
  end: number;
}

/** The page's rulings as rules: stroked lines, and filled rectangles thin enough to be borders. */
export function pageRules(
  page: PageGeometry,
  o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS
): { h: Rule[]; v: Rule[] } {
  const h: Rule[] = [];
  const v: Rule[] = [];
  const add = (r: Rect): void => {
    const x0 = Math.min(r.x0, r.x1);
    const x1 = Math.max(r.x0, r.x1);
    const y0 = Math.min(r.y0, r.y1);
    const y1 = Math.max(r.y0, r.y1);
    const w = x1 - x0;
    const ht = y1 - y0;
    // A rectangle thick both ways is a shading or a picture's frame, not a border.
    if (ht <= o.maxRuleThickness && w >= ht && w >= o.minRuleLength)
      h.push({ pos: (y0 + y1) / 2, start: x0, end: x1 });
    else if (w <= o.maxRuleThickness && ht > w && ht >= o.minRuleLength)
      v.push({ pos: (x0 + x1) / 2, start: y0, end: y1 });
  };
  for (const r of page.lines) add(r);
  for (const r of page.rects) add(r);
  return { h, v };
}

/** Rules whose positions lie within `tolerance` of the next (chained) moved to their mean (pdfplumber's snap). */
export function snapRules(rules: readonly Rule[], tolerance: number): Rule[] {
  const sorted = [...rules].sort((a, b) => a.pos - b.pos);
  const out: Rule[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.pos - sorted[j - 1]!.pos <= tolerance) j++;
    let sum = 0;
    for (let k = i; k < j; k++) sum += sorted[k]!.pos;
    const pos = sum / (j - i);
    for (let k = i; k < j; k++) out.push({ pos, start: sorted[k]!.start, end: sorted[k]!.end });
    i = j;
  }
  return out;
}

/** Collinear rules (same position) that overlap or leave a gap of at most `tolerance` joined into one. */
export function joinRules(rules: readonly Rule[], tolerance: number): Rule[] {
  const sorted = [...rules].sort((a, b) => a.pos - b.pos || a.start - b.start);
  const out: Rule[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.pos === r.pos && r.start <= last.end + tolerance) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lattice: connected rulings → grid → cells (merged where a boundary is missing).

/** A cell of a lattice: grid position and spans (as in GridCell), and its box on the page. */
export interface LatticeCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A ruled table: its cells on a grid of `rows` × `cols`, and what finds the cell at a point. */
export interface Lattice {
  rows: number;
  cols: number;
  cells: LatticeCell[];
  /** Top of each grid row, and the table's bottom last (rows + 1 values). */
  rowYs: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The fine grid's column boundaries (before rows and columns that start no cell were dropped). */
  xs: number[];
  ys: number[];
  /** For each fine grid square (row-major over xs × ys), the index of its cell, or -1 outside the table. */
  owner: Int32Array;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(a: number): number {
    let r = a;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[a] !== r) {
      const next = this.parent[a]!;
      this.parent[a] = r;
      a = next;
    }
    return r;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

function meets(h: Rule, v: Rule, tol: number): boolean {
  return v.pos >= h.start - tol && v.pos <= h.end + tol && h.pos >= v.start - tol && h.pos <= v.end + tol;
}

/** Distinct positions, chained within `tol` and averaged. */
function distinctPositions(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    let sum = sorted[i]!;
    while (j < sorted.length && sorted[j]! - sorted[j - 1]! <= tol) sum += sorted[j++]!;
    out.push(sum / (j - i));
    i = j;
  }
  return out;
}

/** Length of [a, b] covered by rules at `pos` (within tol). */
function covered(rules: readonly Rule[], pos: number, a: number, b: number, tol: number): number {
  let len = 0;
  for (const r of rules) {
    if (Math.abs(r.pos - pos) > tol) continue;
    const s = Math.max(a, r.start);
    const e = Math.min(b, r.end);
    if (e > s) len += e - s;
  }
  return len;
}

/**
 * Where rulings meeting at one edge of a table stop short of a border, the table is open on that
 * side (no outer vertical, as many Word tables are drawn): a virtual border where two or more of
 * them end together, far enough out not to be a rule's overshoot.
 */
function openSideBorders(h: Rule[], v: Rule[], tol: number): { h: Rule[]; v: Rule[] } {
  const MIN_OPEN = 8;
  const addH: Rule[] = [];
  const addV: Rule[] = [];
  const side = (across: Rule[], along: Rule[], out: Rule[]): void => {
    if (across.length < 2 || along.length === 0) return;
    const lo = Math.min(...along.map((r) => r.pos));
    const hi = Math.max(...along.map((r) => r.pos));
    const minStart = Math.min(...across.map((r) => r.start));
    const maxEnd = Math.max(...across.map((r) => r.end));
    if (minStart < lo - MIN_OPEN) {
      const ends = across.filter((r) => r.start <= minStart + tol);
      if (ends.length >= 2)
        out.push({
          pos: minStart,
          start: Math.min(...ends.map((r) => r.pos)),
          end: Math.max(...ends.map((r) => r.pos))
        });
    }
    if (maxEnd > hi + MIN_OPEN) {
      const ends = across.filter((r) => r.end >= maxEnd - tol);
      if (ends.length >= 2)
        out.push({
          pos: maxEnd,
          start: Math.min(...ends.map((r) => r.pos)),
          end: Math.max(...ends.map((r) => r.pos))
        });
    }
  };
  side(h, v, addV);
  side(v, h, addH);
  return { h: [...h, ...addH], v: [...v, ...addV] };
}

/**
 * The ruled tables among a page's rules: rules that meet form a table; the distinct x of its
 * verticals and y of its horizontals form its grid; grid squares whose shared boundary has no
 * rule along at least half its length are one cell (union-find), and a square whose outer edge
 * has none on its left or right lies outside the table (one with none above or below is a cell cut
 * by a page break). Rows and columns that start no cell are dropped. A group of
 * rules enclosing fewer than two cells (a frame round a note, a page border) is no table.
 */
export function findLattices(
  hRules: readonly Rule[],
  vRules: readonly Rule[],
  o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS
): Lattice[] {
  const h = joinRules(snapRules(hRules, o.snapTolerance), o.joinTolerance);
  const v = joinRules(snapRules(vRules, o.snapTolerance), o.joinTolerance);
  const tol = o.intersectionTolerance;
  const uf = new UnionFind(h.length + v.length);
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < v.length; j++) if (meets(h[i]!, v[j]!, tol)) uf.union(i, h.length + j);
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  for (let i = 0; i < h.length + v.length; i++) {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < h.length) g.h.push(h[i]!);
    else g.v.push(v[i - h.length]!);
  }
  // A vertical that meets no horizontal but runs exactly from a table's top to its bottom is the
  // side of a cell continued from the page before and onto the next (no border above or below).
  const tables = [...groups.values()].filter((g) => g.h.length > 0 && g.v.length > 0);
  for (const g of groups.values()) {
    if (g.h.length > 0 || g.v.length !== 1) continue;
    const r = g.v[0]!;
    const home = tables.find((t) => {
      const top = Math.min(...t.h.map((x) => x.pos), ...t.v.map((x) => x.start));
      const bottom = Math.max(...t.h.map((x) => x.pos), ...t.v.map((x) => x.end));
      return Math.abs(r.start - top) <= tol && Math.abs(r.end - bottom) <= tol;
    });
    home?.v.push(r);
  }
  const out: Lattice[] = [];
  for (const g of tables) {
    if (g.h.length + g.v.length < 3) continue;
    const lattice = latticeOf(openSideBorders(g.h, g.v, tol), o);
    if (lattice) out.push(lattice);
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function latticeOf(g: { h: Rule[]; v: Rule[] }, o: GeometryOptions): Lattice | null {
  const tol = o.intersectionTolerance;
  const xs = distinctPositions(
    g.v.map((r) => r.pos),
    o.snapTolerance
  );
  const ys = distinctPositions(
    g.h.map((r) => r.pos),
    o.snapTolerance
  );
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nc < 1 || nr < 1) return null;
  const outside = nr * nc;
  const uf = new UnionFind(nr * nc + 1);
  const id = (r: number, c: number): number => r * nc + c;
  for (let r = 0; r < nr; r++) {
    const a = ys[r]!;
    const b = ys[r + 1]!;
    for (let c = 0; c <= nc; c++) {
      if (covered(g.v, xs[c]!, a, b, tol) >= 0.5 * (b - a)) continue;
      if (c === 0) uf.union(id(r, 0), outside);
      else if (c === nc) uf.union(id(r, nc - 1), outside);
      else uf.union(id(r, c - 1), id(r, c));
    }
  }
  for (let c = 0; c < nc; c++) {
    const a = xs[c]!;
    const b = xs[c + 1]!;
    // No rule along the table's top or bottom edge is a cell cut by a page break (a table run on
    // from the page before or onto the next), not the outside: a square outside the table misses
    // an outer side too, or a side it shares with a cell it then belongs to.
    for (let r = 1; r < nr; r++)
      if (covered(g.h, ys[r]!, a, b, tol) < 0.5 * (b - a)) uf.union(id(r - 1, c), id(r, c));
  }
  // A cell is a rectangle: a group of squares that is not (a missing rule inside a block of
  // cells) becomes the rectangle that bounds it.
  for (let changed = true; changed;) {
    changed = false;
    const box = new Map<number, { r0: number; r1: number; c0: number; c1: number; n: number }>();
    for (let r = 0; r < nr; r++)
      for (let c = 0; c < nc; c++) {
        const root = uf.find(id(r, c));
        const b = box.get(root);
        if (!b) box.set(root, { r0: r, r1: r, c0: c, c1: c, n: 1 });
        else {
          b.r0 = Math.min(b.r0, r);
          b.r1 = Math.max(b.r1, r);
          b.c0 = Math.min(b.c0, c);
          b.c1 = Math.max(b.c1, c);
          b.n++;
        }
      }
    const out = uf.find(outside);
    for (const [root, b] of box) {
      if (root === out || b.n === (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1)) continue;
      for (let r = b.r0; r <= b.r1; r++)
        for (let c = b.c0; c <= b.c1; c++) if (uf.union(root, id(r, c))) changed = true;
    }
  }
  const out = uf.find(outside);
  const cellOfRoot = new Map<number, number>();
  const raw: { r0: number; r1: number; c0: number; c1: number }[] = [];
  const owner = new Int32Array(nr * nc).fill(-1);
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      const root = uf.find(id(r, c));
      if (root === out) continue;
      let k = cellOfRoot.get(root);
      if (k === undefined) {
        k = raw.length;
        cellOfRoot.set(root, k);
        raw.push({ r0: r, r1: r, c0: c, c1: c });
      }
      const cell = raw[k]!;
      cell.r1 = Math.max(cell.r1, r);
      cell.c1 = Math.max(cell.c1, c);
      owner[id(r, c)] = k;
    }
  if (raw.length < 2) return null;
  // Rows and columns where no cell starts are artefacts (a stub of a rule): drop them.
  const rowStarts = new Set(raw.map((c) => c.r0));
  const colStarts = new Set(raw.map((c) => c.c0));
  const rowIndex: number[] = [];
  const colIndex: number[] = [];
  let n = 0;
  for (let r = 0; r <= nr; r++) {
    rowIndex.push(n);
    if (rowStarts.has(r)) n++;
  }
  n = 0;
  for (let c = 0; c <= nc; c++) {
    colIndex.push(n);
    if (colStarts.has(c)) n++;
  }
  const cells: LatticeCell[] = raw.map((c) => ({
    row: rowIndex[c.r0]!,
    col: colIndex[c.c0]!,
    rowSpan: rowIndex[c.r1 + 1]! - rowIndex[c.r0]!,
    colSpan: colIndex[c.c1 + 1]! - colIndex[c.c0]!,
    x0: xs[c.c0]!,
    y0: ys[c.r0]!,
    x1: xs[c.c1 + 1]!,
    y1: ys[c.r1 + 1]!
  }));
  const rowYs = [...ys.slice(0, nr).filter((_, r) => rowStarts.has(r)), ys[nr]!];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const c of cells) {
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
  }
  return {
    rows: rowIndex[nr]!,
    cols: colIndex[nc]!,
    cells,
    rowYs,
    x0,
    y0,
    x1,
    y1,
    xs,
    ys,
    owner
  };
}

/** Finds the fine-grid interval holding v (binary search); -1 outside. */
function intervalOf(bounds: readonly number[], v: number): number {
  if (v < bounds[0]! || v > bounds[bounds.length - 1]!) return -1;
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The index of the lattice's cell holding the point, or -1 (outside it, or in a gap of it). */
export function cellAt(lattice: Lattice, x: number, y: number): number {
  const c = intervalOf(lattice.xs, x);
  const r = intervalOf(lattice.ys, y);
  if (c < 0 || r < 0) return -1;
  return lattice.owner[r * (lattice.xs.length - 1) + c]!;
}

// ---------------------------------------------------------------------------------------------
// Text runs: characters, lines, joins.

const NARROW = new Set([...".,:;!|'`ilIjf()[]{}/\\-"]);

/** A character's advance in ems, roughly (the PDF gives the run's width, not each glyph's). */
function advanceEm(ch: string): number {
  if (isCjk(ch)) return 1;
  if (ch === ' ') return 0.28;
  if (NARROW.has(ch)) return 0.3;
  if (/[0-9]/.test(ch)) return 0.55;
  if (/[A-Zmw%≥≤@#&]/.test(ch)) return 0.7;
  return 0.5;
}

/**
 * A run's characters as runs of one character each, placed by their estimated advances scaled to
 * the run's width: what finds where a run that crosses a cell border is to be cut.
 */
export function itemChars(item: TextItem): TextItem[] {
  const chars = [...item.str];
  const ems = chars.map(advanceEm);
  const total = ems.reduce((a, b) => a + b, 0) || 1;
  const scale = item.width / total;
  const out: TextItem[] = [];
  let x = item.x;
  for (let i = 0; i < chars.length; i++) {
    const w = ems[i]! * scale;
    out.push({ ...item, str: chars[i]!, x, width: w });
    x += w;
  }
  return out;
}

/** The run cut at the given x positions (by its characters' centres); the run itself when none cut it. */
export function splitItem(item: TextItem, cuts: readonly number[]): TextItem[] {
  const inside = cuts.filter((x) => x > item.x && x < item.x + item.width).sort((a, b) => a - b);
  if (inside.length === 0 || item.rotated || [...item.str].length < 2) return [item];
  const pieces: TextItem[][] = [];
  for (const ch of itemChars(item)) {
    const mid = ch.x + ch.width / 2;
    let k = 0;
    while (k < inside.length && mid > inside[k]!) k++;
    (pieces[k] ??= []).push(ch);
  }
  return pieces
    .filter((p) => p.length > 0)
    .map((p) => {
      const first = p[0]!;
      const last = p[p.length - 1]!;
      return { ...item, str: p.map((c) => c.str).join(''), x: first.x, width: last.x + last.width - first.x };
    });
}

/** A visual line: runs whose vertical centres agree within half the font size, left to right. */
export interface TextLine {
  items: TextItem[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  /** The smallest font size on the line. */
  fontSize: number;
}

const centreY = (it: TextItem): number => it.y + it.height / 2;

/** Runs grouped into visual lines (top to bottom), each line's runs ordered by x. */
export function groupLines(items: readonly TextItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => centreY(a) - centreY(b) || a.x - b.x);
  const lines: { items: TextItem[]; cy: number; fs: number }[] = [];
  for (const it of sorted) {
    const cy = centreY(it);
    const line = lines[lines.length - 1];
    if (line && Math.abs(cy - line.cy) <= 0.5 * Math.min(line.fs, it.fontSize)) {
      line.items.push(it);
      line.cy += (cy - line.cy) / line.items.length;
      line.fs = Math.min(line.fs, it.fontSize);
    } else lines.push({ items: [it], cy, fs: it.fontSize });
  }
  return lines.map((l) => {
    const its = l.items.sort((a, b) => a.x - b.x);
    return {
      items: its,
      top: Math.min(...its.map((i) => i.y)),
      bottom: Math.max(...its.map((i) => i.y + i.height)),
      x0: Math.min(...its.map((i) => i.x)),
      x1: Math.max(...its.map((i) => i.x + i.width)),
      fontSize: l.fs
    };
  });
}

/**
 * One line's runs (left to right) joined: a space where the gap is at least `spaceGapEm` between
 * Latin text (or the PDF put a space there); between Chinese text no space, unless `cjkGapEm` is
 * given and the gap is that wide (a visible gap on a free line of text).
 */
export function joinRuns(items: readonly TextItem[], spaceGapEm: number, cjkGapEm = Infinity): string {
  let out = '';
  let prev: TextItem | null = null;
  let prevSpace = false;
  for (const it of items) {
    const s = it.str.trim();
    const leadSpace = s !== it.str && /^\s/.test(it.str);
    if (!s) continue;
    if (prev && out) {
      const gap = it.x - (prev.x + prev.width);
      const em = Math.min(prev.fontSize, it.fontSize);
      const a = out[out.length - 1]!;
      const b = s[0]!;
      const cjk = isCjk(a) || isCjk(b);
      const space = cjk ? gap >= cjkGapEm * em : gap >= spaceGapEm * em || prevSpace || leadSpace;
      if (space) out += ' ';
    }
    out += s;
    prev = it;
    prevSpace = /\s$/.test(it.str);
  }
  return out;
}

/** Collapses runs of whitespace to one space and trims. */
function squeeze(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A cell's text from its runs: visual lines joined as a wrapped cell is, radicals folded. */
export function cellText(items: readonly TextItem[], o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS): string {
  return squeeze(foldRadicals(joinWrapped(cellLines(items, o))));
}

/** A cell's visual lines, each line's runs joined (radicals folded; blank runs and overprints dropped). */
export function cellLines(
  items: readonly TextItem[],
  o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS
): string[] {
  return groupLines(cleanItems(items))
    .map((l) => squeeze(foldRadicals(joinRuns(l.items, o.spaceGapEm))))
    .filter(Boolean);
}

/** A free line's text: its runs joined with a space where there is a visible gap. */
function lineText(line: TextLine, o: GeometryOptions): string {
  return squeeze(foldRadicals(joinRuns(line.items, o.spaceGapEm, 1)));
}

/**
 * Drops whitespace-only runs, and a run drawn twice at (nearly) the same place: some producers
 * overprint text to make it look bold, and an extraction would read it twice.
 */
export function cleanItems(items: readonly TextItem[]): TextItem[] {
  const seen = new Map<string, TextItem[]>();
  const out: TextItem[] = [];
  for (const it of items) {
    if (!it.str.trim() || !(it.width >= 0) || !(it.fontSize > 0)) continue;
    const same = seen.get(it.str);
    if (same?.some((s) => Math.abs(s.x - it.x) <= 1 && Math.abs(s.y - it.y) <= 1)) continue;
    if (same) same.push(it);
    else seen.set(it.str, [it]);
    out.push(it);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stream: a borderless table from aligned text.

interface Segment {
  items: TextItem[];
  x0: number;
  x1: number;
}

interface Band {
  x0: number;
  x1: number;
}

/** A line's runs cut where the gap between them is a column gutter (≥ columnGapEm). */
function lineSegments(line: TextLine, o: GeometryOptions): Segment[] {
  const out: Segment[] = [];
  for (const it of line.items) {
    const last = out[out.length - 1];
    const prev = last?.items[last.items.length - 1];
    if (last && prev && it.x - last.x1 < o.columnGapEm * Math.min(prev.fontSize, it.fontSize)) {
      last.items.push(it);
      last.x1 = Math.max(last.x1, it.x + it.width);
    } else out.push({ items: [it], x0: it.x, x1: it.x + it.width });
  }
  return out;
}

function overlapping(seg: { x0: number; x1: number }, bands: readonly Band[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < bands.length; b++) if (seg.x1 > bands[b]!.x0 && seg.x0 < bands[b]!.x1) out.push(b);
  return out;
}

function normaliseBands(bands: Band[]): Band[] {
  const sorted = [...bands].sort((a, b) => a.x0 - b.x0);
  const out: Band[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.x0 < last.x1) last.x1 = Math.max(last.x1, b.x1);
    else out.push({ ...b });
  }
  return out;
}

/** Accepts a line's segments into the columns found so far, or says the line is no row of them. */
function placeLine(segs: readonly Segment[], bands: readonly Band[]): Band[] | null {
  const next = bands.map((x) => ({ ...x }));
  for (const s of segs) {
    const hit = overlapping(s, bands);
    // A lone run over a gutter (or beside every column) is a heading or a paragraph, not a row.
    if (segs.length === 1 && hit.length !== 1) return null;
    if (hit.length === 0) next.push({ x0: s.x0, x1: s.x1 });
    else if (hit.length === 1) {
      const b = next[hit[0]!]!;
      b.x0 = Math.min(b.x0, s.x0);
      b.x1 = Math.max(b.x1, s.x1);
    }
    // A segment over several columns is a spanning cell: the columns stay.
  }
  const out = normaliseBands(next);
  // A continuation line that would close a gutter is no continuation.
  return segs.length === 1 && out.length < bands.length ? null : out;
}

/** A borderless table found among free lines: the lines it takes and its rows of cells. */
interface StreamTable {
  first: number;
  last: number;
  bands: Band[];
  rows: { lines: { segs: Segment[] }[]; top: number }[];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : 0;
}

/**
 * Borderless tables among a page's free lines (top to bottom), as Camelot's stream mode finds
 * them: a table starts at a line cut into two or more segments by column gutters and grows while
 * the lines that follow fit its columns (a lone segment must sit within one column); it needs two
 * such cut lines and two columns that two lines use. Rows: a clearly wider gap between lines
 * ends a row; within tight leading, a line starts a new row when it has text in the first column
 * or in a column the row has no text in (else it continues the row's wrapped cells), except
 * that a tight group with one first-column label is one row (the label centred beside it).
 */
function findStreamTables(lines: readonly TextLine[], o: GeometryOptions): StreamTable[] {
  const segs = lines.map((l) => lineSegments(l, o));
  const out: StreamTable[] = [];
  const em = median(lines.map((l) => l.fontSize));
  let i = 0;
  while (i < lines.length) {
    if (segs[i]!.length < 2) {
      i++;
      continue;
    }
    let bands = normaliseBands(segs[i]!.map((s) => ({ x0: s.x0, x1: s.x1 })));
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j]!.top - lines[j - 1]!.bottom > 3 * em) break;
      const placed = placeLine(segs[j]!, bands);
      if (!placed) break;
      bands = placed;
    }
    let last = j - 1;
    const gaps = (a: number, b: number): number[] => {
      const g: number[] = [];
      for (let k = a + 1; k <= b; k++) g.push(lines[k]!.top - lines[k - 1]!.bottom);
      return g;
    };
    const gmin = Math.min(...gaps(i, last), Infinity);
    const tight = (k: number): boolean => lines[k]!.top - lines[k - 1]!.bottom <= gmin + 0.3 * em;
    // Trailing lone lines belong to the table only at a wrapped cell's leading (a note or a page
    // number below it is set apart).
    while (last > i && segs[last]!.length === 1 && !tight(last)) last--;
    let first = i;
    // A lone line just above, at a wrapped cell's leading, is that cell's first line (the row's
    // label centred beside the lines below).
    while (
      first > 0 &&
      segs[first - 1]!.length === 1 &&
      !out.some((t) => t.last >= first - 1) &&
      lines[first]!.top - lines[first - 1]!.bottom <= gmin + 0.3 * em &&
      gaps(i, last).some((g) => g > gmin + 0.3 * em) &&
      overlapping(segs[first - 1]![0]!, bands).length === 1
    )
      first--;
    const multi = segs.slice(first, last + 1).filter((s) => s.length >= 2).length;
    const used = bands.map(() => 0);
    for (let k = first; k <= last; k++)
      for (const b of new Set(segs[k]!.flatMap((s) => overlapping(s, bands)))) used[b]!++;
    if (multi >= 2 && bands.length >= 2 && used.filter((n) => n >= 2).length >= 2) {
      out.push({ first, last, bands, rows: streamRows(lines, segs, first, last, bands, em) });
      i = last + 1;
    } else i++;
  }
  return out;
}

function streamRows(
  lines: readonly TextLine[],
  segs: readonly Segment[][],
  first: number,
  last: number,
  bands: readonly Band[],
  em: number
): StreamTable['rows'] {
  const gap = (k: number): number => lines[k]!.top - lines[k - 1]!.bottom;
  let gmin = Infinity;
  for (let k = first + 1; k <= last; k++) gmin = Math.min(gmin, gap(k));
  const wide = (k: number): boolean => gap(k) > gmin + 0.3 * em;
  const bandsOf = (k: number): Set<number> =>
    new Set(segs[k]!.flatMap((s) => overlapping(s, bands).slice(0, 1)));
  // Tight groups: lines between wider gaps.
  const groups: number[][] = [];
  for (let k = first; k <= last; k++) {
    if (k === first || wide(k)) groups.push([k]);
    else groups[groups.length - 1]!.push(k);
  }
  const hasClasses = groups.length > 1;
  const rows: StreamTable['rows'] = [];
  for (const g of groups) {
    const keyed = g.filter((k) => bandsOf(k).has(0));
    if (hasClasses && keyed.length <= 1) {
      rows.push({ lines: g.map((k) => ({ segs: segs[k]! })), top: lines[g[0]!]!.top });
      continue;
    }
    let rowBands = new Set<number>();
    let current: StreamTable['rows'][number] | null = null;
    for (const k of g) {
      const bs = bandsOf(k);
      if (!current || bs.has(0) || [...bs].some((b) => !rowBands.has(b))) {
        current = { lines: [], top: lines[k]!.top };
        rows.push(current);
        rowBands = new Set();
      }
      current.lines.push({ segs: segs[k]! });
      for (const b of bs) rowBands.add(b);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The page: tables and free lines in reading order, numbered.

/** A table cell with the visual lines it was read from (what other extractors print one by one). */
export interface LaidOutCell extends GridCell {
  lines: string[];
}

/** A table as laid out on the page: the block, its cells' lines, its top, and how it was found. */
export interface LaidOutTable {
  kind: 'table';
  method: 'lattice' | 'stream';
  top: number;
  x0: number;
  rows: number;
  cols: number;
  cells: LaidOutCell[];
  rowLines: number[];
}

/** A line of text outside tables, with its position. */
export interface LaidOutText {
  kind: 'text';
  top: number;
  x0: number;
  text: string;
  line: number;
  /** The line's runs, for tools that rebuild text their own way (tests/helpers/extractions.ts). */
  items: TextItem[];
}

/** A page's blocks with what made them. */
export interface PageLayout {
  blocks: (LaidOutTable | LaidOutText)[];
  /** Every text run that was read (whitespace and overprints dropped, cut at cell borders). */
  items: TextItem[];
}

/** Cuts a run at the borders of the lattice it lies in (the borders between two cells on its row). */
function cutsFor(item: TextItem, lattices: readonly Lattice[]): number[] {
  const cy = centreY(item);
  const cuts: number[] = [];
  for (const l of lattices) {
    if (cy < l.y0 || cy > l.y1 || item.x + item.width <= l.x0 || item.x >= l.x1) continue;
    const r = intervalOf(l.ys, cy);
    if (r < 0) continue;
    const nc = l.xs.length - 1;
    for (let c = 0; c <= nc; c++) {
      const left = c > 0 ? l.owner[r * nc + c - 1]! : -1;
      const right = c < nc ? l.owner[r * nc + c]! : -1;
      if (left !== right) cuts.push(l.xs[c]!);
    }
  }
  return cuts;
}

/** The page read into tables (ruled, then borderless) and free lines, in reading order, numbered. */
export function layoutPage(page: PageGeometry, o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS): PageLayout {
  const { h, v } = pageRules(page, o);
  const lattices = findLattices(h, v, o);
  const cleaned = cleanItems(page.items);
  const items: TextItem[] = [];
  for (const it of cleaned) {
    const cuts = lattices.length ? cutsFor(it, lattices) : [];
    for (const piece of cuts.length ? splitItem(it, cuts) : [it]) if (piece.str.trim()) items.push(piece);
  }
  const perCell = lattices.map((l) => l.cells.map((): TextItem[] => []));
  const free: TextItem[] = [];
  for (const it of items) {
    const cx = it.x + it.width / 2;
    const cy = centreY(it);
    // The innermost table holding the run's centre (a table drawn inside another's cell).
    let best = -1;
    let bestCell = -1;
    let bestArea = Infinity;
    for (let k = 0; k < lattices.length; k++) {
      const l = lattices[k]!;
      const c = cellAt(l, cx, cy);
      const area = (l.x1 - l.x0) * (l.y1 - l.y0);
      if (c >= 0 && area < bestArea) {
        best = k;
        bestCell = c;
        bestArea = area;
      }
    }
    if (best >= 0) perCell[best]![bestCell]!.push(it);
    else free.push(it);
  }
  type Unit = { top: number; x0: number; build: (line: number) => LaidOutTable | LaidOutText; count: number };
  const units: Unit[] = [];
  lattices.forEach((l, k) => {
    const cells: LaidOutCell[] = l.cells.map((c, ci) => {
      const its = perCell[k]![ci]!;
      const lines = cellLines(its, o);
      return {
        row: c.row,
        col: c.col,
        rowSpan: c.rowSpan,
        colSpan: c.colSpan,
        text: squeeze(joinWrapped(lines)),
        lines
      };
    });
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    units.push({
      top: l.y0,
      x0: l.x0,
      count: l.rows,
      build: (line) => ({
        kind: 'table',
        method: 'lattice',
        top: l.y0,
        x0: l.x0,
        rows: l.rows,
        cols: l.cols,
        cells,
        rowLines: Array.from({ length: l.rows }, (_, r) => line + r)
      })
    });
  });
  const lines = groupLines(free);
  const streams = findStreamTables(lines, o);
  const inStream = new Set<number>();
  for (const t of streams) {
    for (let k = t.first; k <= t.last; k++) inStream.add(k);
    const cells: LaidOutCell[] = [];
    t.rows.forEach((row, r) => {
      const byStart = new Map<number, { end: number; lines: string[] }>();
      for (const ln of row.lines)
        for (const s of ln.segs) {
          const hit = overlapping(s, t.bands);
          const b0 = hit[0] ?? 0;
          const b1 = hit[hit.length - 1] ?? 0;
          const cell = byStart.get(b0);
          const text = squeeze(foldRadicals(joinRuns(s.items, o.spaceGapEm)));
          if (cell) {
            cell.end = Math.max(cell.end, b1);
            cell.lines.push(text);
          } else byStart.set(b0, { end: b1, lines: [text] });
        }
      const starts = [...byStart.keys()].sort((a, b) => a - b);
      starts.forEach((b0, n) => {
        const cell = byStart.get(b0)!;
        const next = starts[n + 1];
        const end = next !== undefined ? Math.min(cell.end, next - 1) : cell.end;
        cells.push({
          row: r,
          col: b0,
          rowSpan: 1,
          colSpan: end - b0 + 1,
          text: squeeze(joinWrapped(cell.lines)),
          lines: cell.lines
        });
      });
    });
    const top = lines[t.first]!.top;
    const x0 = Math.min(...lines.slice(t.first, t.last + 1).map((l) => l.x0));
    units.push({
      top,
      x0,
      count: t.rows.length,
      build: (line) => ({
        kind: 'table',
        method: 'stream',
        top,
        x0,
        rows: t.rows.length,
        cols: t.bands.length,
        cells,
        rowLines: t.rows.map((_, r) => line + r)
      })
    });
  }
  lines.forEach((l, k) => {
    if (inStream.has(k)) return;
    const text = lineText(l, o);
    if (!text) return;
    units.push({
      top: l.top,
      x0: l.x0,
      count: 1,
      build: (line) => ({ kind: 'text', top: l.top, x0: l.x0, text, line, items: l.items })
    });
  });
  // Reading order: top to bottom; blocks that start level with each other, left to right.
  units.sort((a, b) => (Math.abs(a.top - b.top) > 1 ? a.top - b.top : a.x0 - b.x0));
  const blocks: (LaidOutTable | LaidOutText)[] = [];
  let line = 1;
  for (const u of units) {
    blocks.push(u.build(line));
    line += u.count;
  }
  return { blocks, items };
}

/** The page's blocks as SourcePage.blocks (./paged.ts): tables of cells and lines of text. */
export function readPageBlocks(
  page: PageGeometry,
  o: GeometryOptions = DEFAULT_GEOMETRY_OPTIONS
): (TableBlock | TextBlock)[] {
  return layoutPage(page, o).blocks.map((b): TableBlock | TextBlock =>
    b.kind === 'text'
      ? { kind: 'text', text: b.text, line: b.line }
      : {
          kind: 'table',
          rows: b.rows,
          cols: b.cols,
          cells: b.cells.map(({ row, col, rowSpan, colSpan, text }) => ({
            row,
            col,
            rowSpan,
            colSpan,
            text
          })),
          rowLines: b.rowLines
        }
  );
}
