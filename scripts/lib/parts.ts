/**
 * Rows on their way to Parquet: each writer (a worker thread, or the main thread) appends the
 * rows it has to its own newline-delimited JSON file per table, `<dir>/<table>-<writer>.ndjson`;
 * DuckDB then reads them all at once (see parquet.ts). Money stays a decimal string and is cast
 * to DECIMAL(18,2) by DuckDB, exactly.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { TABLES, TABLE_NAMES, type TableName } from '../../src/lib/schema/tables';

const MONEY = /^-?\d{1,16}\.\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A table's rows as NDJSON, money and dates checked on the way. Records carry exactly the contract's columns. */
export function toJsonLines(table: TableName, rows: readonly object[]): string {
  const checked = TABLES[table].columns.filter((c) => c.type === 'DECIMAL(18,2)' || c.type === 'DATE');
  let text = '';
  for (const [r, row] of rows.entries()) {
    const record = row as Record<string, unknown>;
    for (const col of checked) {
      const value = record[col.name];
      if (value === null || value === undefined) continue;
      const ok = col.type === 'DATE' ? DATE.test(String(value)) : MONEY.test(String(value));
      if (!ok)
        throw new Error(
          `${table}.${col.name}：第 ${r + 1} 行${col.type === 'DATE' ? '日期' : '金额'}格式不对（${String(value)}）`
        );
    }
    text += `${JSON.stringify(record)}\n`;
  }
  return text;
}

/** One writer's files, one per table (created empty, so every table has at least one). */
export class PartWriter {
  private readonly fds = new Map<TableName, number>();
  readonly counts = new Map<TableName, number>();

  constructor(dir: string, id: string) {
    mkdirSync(dir, { recursive: true });
    for (const table of TABLE_NAMES) {
      // 'wx': two writers with one id would overwrite each other's rows; fail instead.
      this.fds.set(table, openSync(path.join(dir, `${table}-${id}.ndjson`), 'wx'));
      this.counts.set(table, 0);
    }
  }

  append(table: TableName, rows: readonly object[]): void {
    if (!rows.length) return;
    writeSync(this.fds.get(table) as number, toJsonLines(table, rows));
    this.counts.set(table, (this.counts.get(table) ?? 0) + rows.length);
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
