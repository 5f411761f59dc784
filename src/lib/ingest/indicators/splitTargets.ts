/**
 * The national template's variant that prints a target in three columns, 指标性质 (the operator,
 * or 定性 for a worded target) / 指标值 / 度量单位: put back together as one target cell, as the
 * other templates print it (`≥` `15` `公里` → `≥15公里`; `定性` `健全` → `健全`), so that the one
 * table reader reads every template.
 */
import type { Cell, Row } from '../layout';
import { headingKey } from '../vocabulary';

/** The columns of a split target, from the table's header rows. */
interface SplitColumns {
  op: number;
  value: number;
  unit: number | null;
}

function splitColumnsOf(header: readonly Row[]): SplitColumns | null {
  const colOf = (label: string) => {
    for (const row of header)
      for (const c of row.cells) if (row.kind === 'table' && headingKey(c.text) === label) return c.col;
    return null;
  };
  const op = colOf('指标性质');
  const value = colOf('指标值');
  if (op === null || value === null || value <= op) return null;
  return { op, value, unit: colOf('度量单位') };
}

/** One target from its three cells: the operator (or 定性), the value and the unit. */
export function joinTarget(op: string, value: string, unit: string): string {
  const o = op.trim();
  const v = value.trim();
  const u = unit.trim();
  if (!v) return o === '定性' ? '' : `${o}${u}`;
  if (!o || o === '定性') return `${v}${u}`;
  return `${o}${v}${u}`;
}

/**
 * The rows below `header` with a split target joined into one cell at the value's column; rows
 * unchanged when the header has no 指标性质 / 指标值 columns.
 */
export function joinSplitTargets(header: readonly Row[], rows: readonly Row[]): Row[] {
  const cols = splitColumnsOf(header);
  if (!cols) return [...rows];
  const last = cols.unit ?? cols.value;
  return rows.map((row) => {
    if (row.kind !== 'table') return row;
    const at = (col: number) => row.cells.find((c) => c.col === col)?.text ?? '';
    const parts = row.cells.filter((c) => c.col >= cols.op && c.col <= last);
    if (parts.length === 0) return row;
    const text = joinTarget(at(cols.op), at(cols.value), cols.unit === null ? '' : at(cols.unit));
    const joined: Cell[] = text ? [{ text, line: row.line, col: cols.value }] : [];
    const cells = [
      ...row.cells.filter((c) => c.col < cols.op),
      ...joined,
      ...row.cells.filter((c) => c.col > last)
    ];
    return { ...row, cells };
  });
}
