/**
 * Writes the contract's Parquet files with DuckDB (Node) from the part files of parts.ts. Column
 * types come from the shared schema; money arrives as decimal strings and is cast to exact
 * DECIMAL(18,2). Rows are sorted for the browser: projects by year and district, and every
 * table of a project's rows (indicators, budget lines, safeguards, findings) by its project's
 * year and district too, so that a year or a district is one stretch of each file.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../../src/lib/schema/records';
import { TABLES, TABLE_NAMES, type TableName } from '../../src/lib/schema/tables';
import { PartWriter } from './parts';

/** Parquet writing options. */
export interface ParquetOptions {
  compression?: 'snappy' | 'zstd' | 'uncompressed';
  rowGroupSize?: number;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function readParts(partsDir: string, table: TableName): string {
  const columns = TABLES[table].columns.map((c) => `${quote(c.name)}: ${quote(c.type)}`).join(', ');
  const glob = path.join(partsDir, `${table}-*.ndjson`);
  return `read_json(${quote(glob)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = 67108864)`;
}

/** Writes `<outDir>/<table>.parquet` for every table from the part files in `partsDir`. */
export async function writeParquetFromParts(
  partsDir: string,
  outDir: string,
  opts: ParquetOptions = {}
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const compression = opts.compression ?? 'zstd';
  const rowGroup = opts.rowGroupSize ?? 100_000;
  try {
    // Each project's year and district, to sort the tables of its rows by.
    await con.run(
      `CREATE TEMP TABLE project_order AS SELECT project_id, year, district FROM ${readParts(partsDir, 'projects')}`
    );
    for (const table of TABLE_NAMES) {
      const spec = TABLES[table];
      const select = spec.columns.map((c) => `t."${c.name}"`).join(', ');
      const own = spec.orderBy.map((c) => `t."${c}"`);
      const byProject = table !== 'projects' && spec.columns.some((c) => c.name === 'project_id');
      const from = byProject
        ? `${readParts(partsDir, table)} t LEFT JOIN project_order p ON p.project_id = t.project_id`
        : `${readParts(partsDir, table)} t`;
      const order = byProject ? ['p.year', 'p.district', ...own] : own;
      const file = path.join(outDir, `${table}.parquet`);
      await con.run(
        `COPY (SELECT ${select} FROM ${from} ORDER BY ${order.join(', ')}) TO ${quote(file)} (FORMAT parquet, COMPRESSION ${compression}, ROW_GROUP_SIZE ${rowGroup})`
      );
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Writes every table of an in-memory dataset as `<dir>/<table>.parquet`. */
export async function writeParquetTables(
  dataset: Dataset,
  dir: string,
  opts: ParquetOptions = {}
): Promise<void> {
  const parts = mkdtempSync(path.join(dir, '.parts-'));
  try {
    const writer = new PartWriter(parts, 'all');
    try {
      for (const table of TABLE_NAMES) writer.append(table, dataset[table]);
    } finally {
      writer.close();
    }
    await writeParquetFromParts(parts, dir, opts);
  } finally {
    rmSync(parts, { recursive: true, force: true });
  }
}
