/**
 * Property: any grid with any merged cells, drawn as a PDF draws it (each cell's four borders, as
 * stroked lines or thin filled rectangles, nudged and broken within the tolerances), with a text
 * in most cells, reads back as the same grid: the same cells, spans and texts. The seed changes
 * per run and is printed; FUZZ_SEED=<n> replays a run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPageBlocks } from '../../../../src/lib/ingest/formats/pdf/geometry';
import type { GridCell } from '../../../../src/lib/ingest/formats/paged';
import { drawGrid, page, type DrawnCell } from './synthetic';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const MAX_ROWS = 8;
const MAX_COLS = 6;

const span = fc.oneof(
  { weight: 3, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }
);

const gridArb = fc.record({
  colWidths: fc.array(fc.integer({ min: 24, max: 90 }), { minLength: 1, maxLength: MAX_COLS }),
  rowHeights: fc.array(fc.integer({ min: 14, max: 40 }), { minLength: 1, maxLength: MAX_ROWS }),
  spans: fc.array(fc.tuple(span, span), { minLength: MAX_ROWS * MAX_COLS, maxLength: MAX_ROWS * MAX_COLS }),
  empty: fc.array(fc.boolean(), { minLength: MAX_ROWS * MAX_COLS, maxLength: MAX_ROWS * MAX_COLS }),
  style: fc.constantFrom('lines' as const, 'rects' as const),
  gap: fc.constantFrom(0, 1, 2.5),
  jitter: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
  x0: fc.integer({ min: 20, max: 80 }),
  y0: fc.integer({ min: 20, max: 300 })
});

/** Tiles the grid with rectangles, row by row, each as large as its wished spans allow. */
function partition(rows: number, cols: number, spans: [number, number][], empty: boolean[]): DrawnCell[] {
  const taken = Array.from({ length: rows }, () => Array<boolean>(cols).fill(false));
  const cells: DrawnCell[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (taken[r]![c]) continue;
      const [wantRows, wantCols] = spans[r * MAX_COLS + c]!;
      let cs = 1;
      while (cs < wantCols && c + cs < cols && !taken[r]![c + cs]) cs++;
      let rs = 1;
      while (rs < wantRows && r + rs < rows && taken[r + rs]!.slice(c, c + cs).every((t) => !t)) rs++;
      for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) taken[i]![j] = true;
      cells.push({
        row: r,
        col: c,
        rowSpan: rs,
        colSpan: cs,
        text: empty[r * MAX_COLS + c] ? undefined : `r${r}c${c}`
      });
    }
  return cells;
}

/** The cells as the reader must give them: rows and columns where no cell starts are no rows. */
function expected(
  cells: DrawnCell[],
  rows: number,
  cols: number
): { rows: number; cols: number; cells: GridCell[] } {
  const rowStarts = new Set(cells.map((c) => c.row));
  const colStarts = new Set(cells.map((c) => c.col));
  const rowIndex = (r: number): number => [...rowStarts].filter((s) => s < r).length;
  const colIndex = (c: number): number => [...colStarts].filter((s) => s < c).length;
  return {
    rows: rowIndex(rows),
    cols: colIndex(cols),
    cells: cells
      .map((c) => ({
        row: rowIndex(c.row),
        col: colIndex(c.col),
        rowSpan: rowIndex(c.row + c.rowSpan) - rowIndex(c.row),
        colSpan: colIndex(c.col + c.colSpan) - colIndex(c.col),
        text: c.text ?? ''
      }))
      .sort((a, b) => a.row - b.row || a.col - b.col)
  };
}

describe('lattice (property)', () => {
  it(`reads any drawn grid back as the same cells (FUZZ_SEED=${SEED})`, () => {
    console.log(`lattice fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    fc.assert(
      fc.property(gridArb, (g) => {
        const rows = g.rowHeights.length;
        const cols = g.colWidths.length;
        const cells = partition(rows, cols, g.spans, g.empty);
        const drawn = drawGrid({
          x0: g.x0,
          y0: g.y0,
          colWidths: g.colWidths,
          rowHeights: g.rowHeights,
          cells,
          style: g.style,
          gap: g.gap,
          jitter: (i) => g.jitter[i % g.jitter.length]!
        });
        const blocks = readPageBlocks(page(drawn.items, drawn.lines, drawn.rects));
        if (cells.length < 2) {
          // One cell is a frame, not a table: its text (if any) is a line of text.
          expect(blocks.every((b) => b.kind === 'text')).toBe(true);
          return;
        }
        const want = expected(cells, rows, cols);
        expect(blocks).toEqual([
          {
            kind: 'table',
            rows: want.rows,
            cols: want.cols,
            cells: want.cells,
            rowLines: Array.from({ length: want.rows }, (_, i) => i + 1)
          }
        ]);
      }),
      { numRuns: RUNS, seed: SEED }
    );
  });
});
