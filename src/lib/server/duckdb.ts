/**
 * Build-time queries: the same builders the browser runs, executed with DuckDB (Node) over the
 * Parquet files in static/data, so that every page's default view is prerendered with real figures.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { projectSummarySql } from '../queries/summary';
import type { Query } from '../queries/types';
import { TABLE_NAMES } from '../schema/tables';

/** A row as plain JavaScript values. */
export type Row = Record<string, unknown>;

const connections = new Map<string, Promise<DuckDBConnection>>();

/** The Parquet folder the site is built from (`DATA_DIR`, default static/data). */
export const DATA_DIR = process.env.DATA_DIR ?? 'static/data';

async function open(dir: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  for (const t of TABLE_NAMES) {
    const file = path.resolve(dir, `${t}.parquet`).replace(/'/g, "''");
    await con.run(`CREATE VIEW "${t}" AS SELECT * FROM read_parquet('${file}')`);
  }
  // Records imported in a browser never exist at build time; the 数据来源 filter names the table.
  await con.run(`CREATE VIEW local_projects AS SELECT * FROM projects WHERE false`);
  await con.run(projectSummarySql());
  return con;
}

/** A connection with the contract's tables as views over the Parquet files of `dir`. */
export function connectionFor(dir = DATA_DIR): Promise<DuckDBConnection> {
  const key = path.resolve(dir);
  let con = connections.get(key);
  if (!con) {
    con = open(key);
    connections.set(key, con);
  }
  return con;
}

/** Runs a built query with its parameters. */
export async function runQuery(q: Query, dir = DATA_DIR): Promise<Row[]> {
  const con = await connectionFor(dir);
  const reader = await con.runAndReadAll(q.sql, q.params);
  return reader.getRowObjectsJS() as Row[];
}

/** Runs several named queries. */
export async function runQueries<K extends string>(
  queries: Record<K, Query>,
  dir = DATA_DIR
): Promise<Record<K, Row[]>> {
  const entries = await Promise.all(
    Object.entries(queries).map(async ([k, q]) => [k, await runQuery(q as Query, dir)] as const)
  );
  return Object.fromEntries(entries) as Record<K, Row[]>;
}
