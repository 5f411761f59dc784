/**
 * Writes the contract's tables to Parquet with DuckDB (Node). Column types come from the shared
 * schema; money goes in as exact DECIMAL(18,2) built from the decimal strings, never a float.
 */
import { DuckDBDecimalValue, DuckDBInstance, dateValue, type DuckDBAppender } from '@duckdb/node-api';
import path from 'node:path';
import type { Dataset } from '../../src/lib/schema/records';
import { TABLES, TABLE_NAMES, type ColumnSpec, type TableName } from '../../src/lib/schema/tables';
import { moneyToFen } from '../../src/lib/ingest/values';

/** Parquet writing options. */
export interface ParquetOptions {
  compression?: 'snappy' | 'zstd' | 'uncompressed';
  rowGroupSize?: number;
}

/** SQL for the table as the contract defines it. */
export function createTableSql(table: TableName): string {
  const cols = TABLES[table].columns.map((c) => `"${c.name}" ${c.type}`).join(', ');
  return `CREATE TABLE "${table}" (${cols})`;
}

function appendValue(appender: DuckDBAppender, col: ColumnSpec, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (col.type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'INTEGER':
      appender.appendInteger(Number(value));
      return;
    case 'SMALLINT':
      appender.appendSmallInt(Number(value));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      return;
    case 'DATE': {
      const [y, m, d] = String(value).split('-').map(Number);
      appender.appendDate(dateValue({ year: y as number, month: m as number, day: d as number }));
      return;
    }
    case 'DECIMAL(18,2)':
      appender.appendDecimal(new DuckDBDecimalValue(moneyToFen(String(value)), 18, 2));
      return;
  }
}

/** Writes every table of the dataset as `<dir>/<table>.parquet`. */
export async function writeParquetTables(
  dataset: Dataset,
  dir: string,
  opts: ParquetOptions = {}
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    for (const table of TABLE_NAMES) {
      const spec = TABLES[table];
      await con.run(createTableSql(table));
      const appender = await con.createAppender(table);
      const rows = dataset[table] as unknown as Record<string, unknown>[];
      for (const row of rows) {
        for (const col of spec.columns) appendValue(appender, col, row[col.name]);
        appender.endRow();
      }
      appender.closeSync();
      const file = path.join(dir, `${table}.parquet`).replace(/'/g, "''");
      const order = spec.orderBy.map((c) => `"${c}"`).join(', ');
      const compression = opts.compression ?? 'zstd';
      const rowGroup = opts.rowGroupSize ?? 100_000;
      await con.run(
        `COPY (SELECT * FROM "${table}" ORDER BY ${order}) TO '${file}' (FORMAT parquet, COMPRESSION ${compression}, ROW_GROUP_SIZE ${rowGroup})`
      );
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
