/**
 * The shape of a re-created form: parts (the 2020 template has three), each with title lines, a
 * table as a grid of cells with spans (the `GridCell` of the paged readers) and lines below it;
 * and the builder the templates lay their tables out with, row by row as an HTML table is written.
 */
import type { GridCell, TableBlock } from '../../../src/lib/ingest/formats/paged';
import type {
  BudgetLineRecord,
  IndicatorRecord,
  ProjectRecord,
  SafeguardRecord
} from '../../../src/lib/schema/records';
import type { NumberValue, Printed } from './printed';

/** A cell of a form; `number` is what a workbook stores where the form prints an amount, a rate or a score. */
export interface FormCell extends GridCell {
  number?: NumberValue;
}

/**
 * A form's table: `cells` holds every cell the form draws, empty merged boxes included (they
 * print as one box); a grid position no cell covers is a single empty box.
 */
export interface FormTable {
  rows: number;
  cols: number;
  cells: FormCell[];
  /** Relative column widths, as the printed form sets them. */
  widths: number[];
}

/** One printed part of a form: titles (centred), small lines above the table, the table, lines below. */
export interface FormPart {
  titles: string[];
  above: string[];
  table: FormTable;
  below: string[];
  /** The rows of the indicator table's body (after its header), where a part has one. */
  indicatorRows?: { first: number; count: number };
}

/** Templates of the forms that can be re-created. */
export type FormTemplate = 'current' | '2020' | 'shanghai-self-eval' | 'national-self-eval';

/** One project's form as printed. */
export interface FormGrid {
  template: FormTemplate;
  /** The project's name (a workbook names its sheet after it). */
  name: string;
  parts: FormPart[];
}

/** The records of one project, as the ingest reads them out of its form. */
export interface ProjectRecords {
  project: ProjectRecord;
  indicators: IndicatorRecord[];
  budget_lines: BudgetLineRecord[];
  safeguards: SafeguardRecord[];
}

/** Choices a template leaves open. */
export interface FormOptions {
  /**
   * Print the 填报人 / 联系电话 / 填报日期 lines (made-up contacts) under the form; default true. The
   * 2020 form's 项目负责人 / 联系人 row is part of its table and always printed.
   */
  footer?: boolean;
  /** National template: 年度指标值 split into 指标性质 / 指标值 / 度量单位 columns; default false. */
  splitTarget?: boolean;
}

/** A cell as a template writes it: text (or a printed value) and its spans. */
export type CellSpec = string | (Printed & { rs?: number; cs?: number });

/** Lays a table out row by row: each row lists its cells left to right, skipping boxes merged from above. */
export class TableBuilder {
  private readonly cells: FormCell[] = [];
  /** For each column, the first row no longer covered by a cell from above. */
  private readonly freeFrom: number[];
  private rowCount = 0;

  constructor(readonly cols: number) {
    this.freeFrom = new Array<number>(cols).fill(0);
  }

  /** The index the next row will get. */
  get nextRow(): number {
    return this.rowCount;
  }

  /** Adds the next row; throws when its cells do not fill the row exactly (a template bug). */
  row(...specs: CellSpec[]): this {
    const r = this.rowCount++;
    let col = 0;
    const skipCovered = () => {
      while (col < this.cols && (this.freeFrom[col] as number) > r) col++;
    };
    for (const spec of specs) {
      skipCovered();
      const s = typeof spec === 'string' ? { text: spec } : spec;
      const rowSpan = s.rs ?? 1;
      const colSpan = s.cs ?? 1;
      if (col + colSpan > this.cols)
        throw new Error(`row ${r}: cell “${s.text}” runs past column ${this.cols}`);
      for (let c = col; c < col + colSpan; c++) {
        if ((this.freeFrom[c] as number) > r)
          throw new Error(`row ${r}: cell “${s.text}” overlaps a merged cell`);
        this.freeFrom[c] = r + rowSpan;
      }
      const cell: FormCell = { row: r, col, rowSpan, colSpan, text: s.text };
      if (s.number) cell.number = s.number;
      this.cells.push(cell);
      col += colSpan;
    }
    skipCovered();
    if (col !== this.cols) throw new Error(`row ${r}: cells fill ${col} of ${this.cols} columns`);
    return this;
  }

  /** The finished table; throws when a cell spans past the last row. */
  table(widths: number[]): FormTable {
    if (widths.length !== this.cols) throw new Error(`${widths.length} widths for ${this.cols} columns`);
    const overrun = this.cells.find((c) => c.row + c.rowSpan > this.rowCount);
    if (overrun) throw new Error(`cell “${overrun.text}” spans past the last row`);
    return { rows: this.rowCount, cols: this.cols, cells: this.cells, widths };
  }
}

/** An indicator with the spans of its level-1 and level-2 cells: 0 where a cell above covers it. */
export interface IndicatorRun {
  indicator: IndicatorRecord;
  level1Span: number;
  level2Span: number;
}

/**
 * The indicators in order, with the level-1 and level-2 headings merged over the rows they head,
 * as printed forms do. The headings print as the source wrote them (`level1_raw`, `产出目标`),
 * empty where the source did not say.
 */
export function indicatorRuns(indicators: readonly IndicatorRecord[]): IndicatorRun[] {
  const runs = indicators.map((indicator) => ({ indicator, level1Span: 0, level2Span: 0 }));
  let l1Start = 0;
  let l2Start = 0;
  runs.forEach((run, i) => {
    const prev = runs[i - 1]?.indicator;
    const newL1 = !prev || prev.level1_raw !== run.indicator.level1_raw;
    if (newL1) l1Start = i;
    if (newL1 || prev.level2_raw !== run.indicator.level2_raw) l2Start = i;
    (runs[l1Start] as IndicatorRun).level1Span++;
    (runs[l2Start] as IndicatorRun).level2Span++;
  });
  return runs;
}

/** The table as a paged reader would give it: the non-empty cells, rows numbered from `firstLine`. */
export function toTableBlock(table: FormTable, firstLine = 1): TableBlock {
  return {
    kind: 'table',
    rows: table.rows,
    cols: table.cols,
    cells: table.cells
      .filter((c) => c.text !== '')
      .map(({ row, col, rowSpan, colSpan, text }) => ({ row, col, rowSpan, colSpan, text })),
    rowLines: Array.from({ length: table.rows }, (_, i) => firstLine + i)
  };
}

/** The text of each box of the grid, row by row: a merged cell's text in its first box, '' in the others. */
export function gridTexts(table: FormTable): string[][] {
  const out = Array.from({ length: table.rows }, () => new Array<string>(table.cols).fill(''));
  for (const c of table.cells) (out[c.row] as string[])[c.col] = c.text;
  return out;
}
