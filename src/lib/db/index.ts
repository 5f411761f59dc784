/**
 * The browser's query engine: DuckDB-WASM, self-hosted (wasm and worker come from this site through
 * Vite `?url` imports), with extension autoloading off, fed with the contract's Parquet files
 * decoded in JavaScript. The only module that imports `@duckdb/duckdb-wasm`; import it dynamically
 * (`await import('$lib/db')`) so that prerendering never loads it.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Query } from '../queries/types';
import { TABLE_NAMES, type TableName } from '../schema/tables';
import { parquetToArrow, recordsToArrow, typedTableSql } from './columns';

/** What the engine is doing, for the page to show. */
export type DbPhase = 'idle' | 'loading-engine' | 'loading-data' | 'ready' | 'error';

/** Progress of `initDB`, reported to listeners. */
export interface DbStatus {
  phase: DbPhase;
  /** A Chinese sentence saying what is happening or what went wrong. */
  message: string;
  error?: string;
}

/** A row of a query result: plain JavaScript values (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

interface Engine {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
}

let engine: Promise<Engine> | null = null;
let status: DbStatus = { phase: 'idle', message: '查询引擎尚未加载' };
const listeners = new Set<(s: DbStatus) => void>();

function setStatus(next: DbStatus): void {
  status = next;
  for (const l of listeners) l(status);
}

/** The current status, and a subscription to its changes (returns the unsubscribe). */
export function onStatus(listener: (s: DbStatus) => void): () => void {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

/** True when the browser can run WebAssembly at all. */
export function webAssemblySupported(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
}

/**
 * Starts DuckDB-WASM and loads every contract table from `dataUrl` (e.g. `/data`). Idempotent:
 * every caller shares one promise. Rejects with a Chinese message when WebAssembly cannot start.
 */
export function initDB(dataUrl: string): Promise<Engine> {
  engine ??= start(dataUrl).catch((e: unknown) => {
    const detail = e instanceof Error ? e.message : String(e);
    setStatus({
      phase: 'error',
      message:
        '查询引擎无法启动：本浏览器不能运行 WebAssembly，或引擎文件被拦截。页面上预先生成的图表仍可查看，筛选与交互查询暂不可用。',
      error: detail
    });
    engine = null;
    throw e;
  });
  return engine;
}

async function start(dataUrl: string): Promise<Engine> {
  if (!webAssemblySupported()) throw new Error('WebAssembly is not available');
  setStatus({ phase: 'loading-engine', message: '正在加载查询引擎（DuckDB-WASM）…' });
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker }
  });
  await preflight(bundle.mainModule);
  const worker = new Worker(bundle.mainWorker as string);
  // A worker that fails (the wasm blocked, or refused by the browser) reports it only as an
  // error event, and instantiate() would wait forever: either settles the start.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      reject(new Error(e.message || 'DuckDB worker failed'));
    });
  });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await Promise.race([
    db.instantiate(bundle.mainModule, bundle.pthreadWorker),
    failed,
    timeout(60_000, '查询引擎启动超时')
  ]);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  // Never fetch an extension: the site works offline and loads nothing from another origin.
  await conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`);
  setStatus({ phase: 'loading-data', message: '正在读取数据（Parquet）…' });
  await Promise.all(TABLE_NAMES.map((t) => loadTable(conn, t, dataUrl)));
  setStatus({ phase: 'ready', message: '查询引擎已就绪' });
  // For `npm run bench` and the browser's performance panel: when queries can first run.
  performance.mark('duckdb-ready');
  return { db, conn };
}

async function loadTable(
  conn: duckdb.AsyncDuckDBConnection,
  table: TableName,
  dataUrl: string
): Promise<void> {
  const response = await fetch(`${dataUrl}/${table}.parquet`);
  if (!response.ok) throw new Error(`${table}.parquet: HTTP ${response.status}`);
  await insertArrow(conn, table, await parquetToArrow(table, await response.arrayBuffer()));
}

async function insertArrow(
  conn: duckdb.AsyncDuckDBConnection,
  table: TableName,
  arrow: Table
): Promise<void> {
  const raw = `_raw_${table}`;
  await conn.insertArrowTable(arrow, { name: raw, create: true });
  await conn.query(typedTableSql(table, raw));
  await conn.query(`DROP TABLE "${raw}"`);
}

/**
 * Prepared statements by SQL text. A page asks the same queries with new parameters at every
 * filter change: preparing once saves parsing, planning and two worker round trips each time.
 * Forgotten whenever a table changes.
 */
const statements = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();

function prepared(conn: duckdb.AsyncDuckDBConnection, sql: string): Promise<duckdb.AsyncPreparedStatement> {
  let stmt = statements.get(sql);
  if (!stmt) {
    stmt = conn.prepare(sql);
    statements.set(sql, stmt);
    stmt.catch(() => statements.delete(sql));
  }
  return stmt;
}

async function forgetStatements(): Promise<void> {
  const all = [...statements.values()];
  statements.clear();
  await Promise.all(all.map((s) => s.then((x) => x.close()).catch(() => {})));
}

/** Runs a query built by `src/lib/queries` with its bound parameters; rows come back as plain objects. */
export async function query(q: Query, dataUrl: string): Promise<Row[]> {
  const { conn } = await initDB(dataUrl);
  const started = performance.now();
  const result = q.params.length
    ? await (await prepared(conn, q.sql)).query(...q.params)
    : await conn.query(q.sql);
  const rows = result.toArray().map((r) => r.toJSON() as Row);
  // Each query's time in the browser's performance panel (and for `npm run bench`).
  performance.measure('duckdb-query', { start: started, detail: q.sql.slice(0, 80) });
  return rows;
}

/** Adds records parsed in the browser to a table (they join the published ones for the session). */
export async function appendRecords(
  table: TableName,
  rows: readonly object[],
  dataUrl: string
): Promise<void> {
  const { conn } = await initDB(dataUrl);
  await forgetStatements();
  const raw = `_add_${table}`;
  await conn.insertArrowTable(recordsToArrow(table, rows), { name: raw, create: true });
  await conn.query(
    typedTableSql(table, raw).replace(`CREATE OR REPLACE TABLE "${table}" AS`, `INSERT INTO "${table}"`)
  );
  await conn.query(`DROP TABLE "${raw}"`);
}

function timeout(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms));
}

/**
 * Checks what DuckDB's worker cannot report: that this page may compile WebAssembly (a policy or
 * CSP may forbid it) and that the engine's wasm file can be fetched. The worker swallows both
 * failures and never answers, so they are tested here first.
 */
async function preflight(wasmUrl: string): Promise<void> {
  // The smallest valid module: the magic number and version.
  new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  const head = await fetch(wasmUrl, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${wasmUrl}: HTTP ${head.status}`);
}
