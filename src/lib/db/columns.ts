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
  makeData,
  makeVector,
  type Vector
} from 'apache-arrow';
import { decompress } from 'fzstd';
import { parquetMetadata, parquetRead, type FileMetaData } from 'hyparquet';
import { moneyToFen } from '../schema/money';
import { TABLES, type ColumnSpec, type ColumnType, type TableName } from '../schema/tables';

/**
 * A validity bitmap (bit set = value present) for the values, or undefined when none is null.
 * Built by hand: Arrow's builders compile code with `new Function`, which the site's CSP refuses.
 */
function validity(values: readonly unknown[]): { bitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  }
  return { bitmap: nullCount ? bitmap : undefined, nullCount };
}

function utf8Vector(values: readonly unknown[]): Vector {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  let buffer = new Uint8Array(Math.max(64, values.length * 8));
  let used = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      const text = String(v);
      // Worst case 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > buffer.length) {
        const bigger = new Uint8Array(Math.max(buffer.length * 2, used + text.length * 3));
        bigger.set(buffer.subarray(0, used));
        buffer = bigger;
      }
      used += encoder.encodeInto(text, buffer.subarray(used)).written;
    }
    offsets[i + 1] = used;
  }
  const { bitmap, nullCount } = validity(values);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount,
      nullBitmap: bitmap,
      valueOffsets: offsets,
      data: buffer.slice(0, used)
    })
  );
}

function boolVector(values: readonly unknown[]): Vector {
  const bits = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v === true) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  });
  const { bitmap, nullCount } = validity(values);
  return makeVector(
    makeData({ type: new Bool(), length: values.length, nullCount, nullBitmap: bitmap, data: bits })
  );
}

function numberVector<T extends Int16 | Int32 | Float64 | Int64>(
  type: T,
  values: readonly unknown[],
  array: Int16Array | Int32Array | Float64Array | BigInt64Array
): Vector {
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    if (array instanceof BigInt64Array) array[i] = typeof v === 'bigint' ? v : BigInt(v as number);
    else array[i] = Number(v);
  });
  const { bitmap, nullCount } = validity(values);
  return makeVector(
    makeData({ type, length: values.length, nullCount, nullBitmap: bitmap, data: array } as never)
  );
}

/** A column's values as an Arrow vector of the type it is carried in before DuckDB casts it. */
function toVector(type: ColumnType, values: readonly unknown[]): Vector {
  const n = values.length;
  switch (type) {
    case 'VARCHAR':
      return utf8Vector(values);
    case 'INTEGER':
    case 'DATE':
      return numberVector(new Int32(), values, new Int32Array(n));
    case 'SMALLINT':
      return numberVector(new Int16(), values, new Int16Array(n));
    case 'DOUBLE':
      return numberVector(new Float64(), values, new Float64Array(n));
    case 'BOOLEAN':
      return boolVector(values);
    case 'DECIMAL(18,2)':
      return numberVector(new Int64(), values, new BigInt64Array(n));
  }
}

/** A table's columns as Arrow vectors, from plain column arrays. */
export function columnsToArrow(table: TableName, columns: Record<string, readonly unknown[]>): Table {
  const vectors: Record<string, Vector> = {};
  for (const col of TABLES[table].columns) vectors[col.name] = toVector(col.type, columns[col.name] ?? []);
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

/** SQL that turns the raw Arrow table into the contract table (or `target`) with its DuckDB types. */
export function typedTableSql(table: TableName, rawName: string, target: string = table): string {
  const cols = TABLES[table].columns.map((c) => {
    const q = `"${c.name}"`;
    if (c.type === 'DECIMAL(18,2)') return `(${q}::DECIMAL(18,0) * 0.01)::DECIMAL(18,2) AS ${q}`;
    if (c.type === 'DATE') return `(DATE '1970-01-01' + ${q}) AS ${q}`;
    return `${q}::${c.type} AS ${q}`;
  });
  return `CREATE OR REPLACE TABLE "${target}" AS SELECT ${cols.join(', ')} FROM "${rawName}"`;
}
