/**
 * Contract tables as Arrow, for DuckDB-WASM: from Parquet (decoded in JavaScript, since
 * DuckDB-WASM cannot read Parquet offline) or from records parsed in the browser. Money travels as
 * integer fen (Int64) and becomes DECIMAL(18,2) inside DuckDB; it never passes through a float.
 */
import {
  Bool,
  Float64,
  Int16,
  Int32,
  Int64,
  Table,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector
} from 'apache-arrow';
import { decompress } from 'fzstd';
import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { moneyToFen } from '../ingest/values';
import { TABLES, type ColumnSpec, type ColumnType, type TableName } from '../schema/tables';

/** Arrow type a contract column is carried in before DuckDB casts it. */
function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'VARCHAR':
      return new Utf8();
    case 'INTEGER':
    case 'DATE':
      return new Int32();
    case 'SMALLINT':
      return new Int16();
    case 'DOUBLE':
      return new Float64();
    case 'BOOLEAN':
      return new Bool();
    case 'DECIMAL(18,2)':
      return new Int64();
  }
}

/** A table's columns as Arrow vectors, from plain column arrays. */
export function columnsToArrow(table: TableName, columns: Record<string, readonly unknown[]>): Table {
  const vectors: Record<string, Vector> = {};
  for (const col of TABLES[table].columns) {
    const values = columns[col.name] ?? [];
    vectors[col.name] = vectorFromArray(
      values.map((v) => (v === undefined ? null : v)) as unknown[],
      arrowType(col.type)
    );
  }
  return new Table(vectors);
}

const EPOCH = Date.UTC(1970, 0, 1);

/** A record's value as the Arrow column carries it: fen for money, days for dates. */
function toArrowValue(col: ColumnSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (col.type === 'DECIMAL(18,2)') return moneyToFen(String(value));
  if (col.type === 'DATE') {
    const [y, m, d] = String(value).split('-').map(Number);
    return Math.round((Date.UTC(y as number, (m as number) - 1, d as number) - EPOCH) / 86_400_000);
  }
  return value;
}

/** Records (as the ingest produces them) as an Arrow table. */
export function recordsToArrow(table: TableName, rows: readonly object[]): Table {
  const columns: Record<string, unknown[]> = {};
  for (const col of TABLES[table].columns)
    columns[col.name] = rows.map((r) => toArrowValue(col, (r as Record<string, unknown>)[col.name]));
  return columnsToArrow(table, columns);
}

const compressors = {
  ZSTD: (input: Uint8Array, outputLength: number) => decompress(input, new Uint8Array(outputLength))
};

/**
 * Decodes a contract Parquet file into an Arrow table. DECIMAL columns are read unscaled (integer
 * fen) by removing their annotation from the metadata, so no value is converted to a float.
 */
export async function parquetToArrow(table: TableName, buffer: ArrayBuffer): Promise<Table> {
  const metadata: FileMetaData = parquetMetadata(buffer);
  const raw: FileMetaData = { ...metadata, schema: metadata.schema.map((el) => ({ ...el })) };
  for (const el of raw.schema) {
    if (el.converted_type === 'DECIMAL') {
      el.converted_type = undefined;
      el.logical_type = undefined;
    }
  }
  const rowCount = Number(metadata.num_rows);
  const columns: Record<string, unknown[]> = {};
  for (const col of TABLES[table].columns) columns[col.name] = new Array<unknown>(rowCount).fill(null);
  await parquetRead({
    file: buffer,
    metadata: raw,
    compressors,
    parsers: { dateFromDays: (days: number) => days },
    onChunk: (chunk) => {
      const target = columns[chunk.columnName];
      if (!target) return;
      for (let i = 0; i < chunk.columnData.length; i++)
        target[chunk.rowStart + i] = chunk.columnData[i] ?? null;
    }
  });
  return columnsToArrow(table, columns);
}

/** SQL that turns the raw Arrow table into the contract table with its DuckDB types. */
export function typedTableSql(table: TableName, rawName: string): string {
  const cols = TABLES[table].columns.map((c) => {
    const q = `"${c.name}"`;
    if (c.type === 'DECIMAL(18,2)') return `(${q}::DECIMAL(18,0) * 0.01)::DECIMAL(18,2) AS ${q}`;
    if (c.type === 'DATE') return `(DATE '1970-01-01' + ${q}) AS ${q}`;
    return `${q}::${c.type} AS ${q}`;
  });
  return `CREATE OR REPLACE TABLE "${table}" AS SELECT ${cols.join(', ')} FROM "${rawName}"`;
}
