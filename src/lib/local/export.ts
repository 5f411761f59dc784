/**
 * Exports of the local records, to hand over: each table as Parquet in the contract's layout
 * (written in JavaScript by hyparquet-writer, since DuckDB-WASM cannot write Parquet offline) with
 * money as exact DECIMAL(18,2) (INT64 fen, scale 2), and as CSV (BOM, formulas neutralised).
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { toCsv } from '../csv';
import { moneyToFen } from '../schema/money';
import { TABLES, type ColumnSpec, type ColumnType, type TableName } from '../schema/tables';

/** A Parquet schema element, as hyparquet-writer takes it. */
interface SchemaElement {
  name: string;
  type?: 'BOOLEAN' | 'INT32' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
  repetition_type?: 'REQUIRED' | 'OPTIONAL';
  converted_type?: 'UTF8' | 'INT_16' | 'DATE' | 'DECIMAL';
  scale?: number;
  precision?: number;
  num_children?: number;
}

const PARQUET_TYPE: Record<ColumnType, Omit<SchemaElement, 'name'>> = {
  VARCHAR: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  INTEGER: { type: 'INT32' },
  SMALLINT: { type: 'INT32', converted_type: 'INT_16' },
  DOUBLE: { type: 'DOUBLE' },
  BOOLEAN: { type: 'BOOLEAN' },
  DATE: { type: 'INT32', converted_type: 'DATE' },
  'DECIMAL(18,2)': { type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18 }
};

const EPOCH = Date.UTC(1970, 0, 1);

/** A record's value as Parquet stores it: fen (bigint) for money, days since 1970 for dates. */
function parquetValue(col: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'DECIMAL(18,2)':
      return moneyToFen(String(value));
    case 'DATE': {
      const [y, m, d] = String(value).split('-').map(Number);
      return Math.round((Date.UTC(y as number, (m as number) - 1, d as number) - EPOCH) / 86_400_000);
    }
    case 'INTEGER':
    case 'SMALLINT':
    case 'DOUBLE':
      return Number(value);
    case 'BOOLEAN':
      return Boolean(value);
    case 'VARCHAR':
      return String(value);
  }
}

/** The Parquet schema of a contract table (every column nullable, in contract order). */
export function parquetSchema(table: TableName): SchemaElement[] {
  const cols = TABLES[table].columns;
  return [
    { name: 'schema', num_children: cols.length },
    ...cols.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...PARQUET_TYPE[c.type] }))
  ];
}

/** Rows of a contract table as a Parquet file. */
export function toParquet(table: TableName, rows: readonly object[]): ArrayBuffer {
  const cols = TABLES[table].columns;
  return parquetWriteBuffer({
    columnData: cols.map((c) => ({
      name: c.name,
      data: rows.map((r) => parquetValue(c, (r as Record<string, unknown>)[c.name])) as never
    })),
    schema: parquetSchema(table) as never,
    codec: 'UNCOMPRESSED'
  });
}

/** Rows of a contract table as CSV: header the column names, money as exact text. */
export function toTableCsv(table: TableName, rows: readonly object[]): string {
  const columns = TABLES[table].columns.map((c) => ({ key: c.name, label: c.name }));
  return toCsv(columns, rows as Record<string, unknown>[]);
}
