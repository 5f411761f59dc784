/**
 * The browser's query engine: DuckDB-WASM, self-hosted (wasm and worker come from this site through
 * Vite `?url` imports), with extension autoloading off, fed with the contract's Parquet files
 * decoded in JavaScript. The only module that imports `@duckdb/duckdb-wasm`; import it dynamically
 * (`await import('$lib/db')`) so that prerendering never loads it.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { DataType, type Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { projectSummarySql } from '../queries/summary';
import type { Query } from '../queries/types';
import type { LocalLayer } from '../local/merge';
import { SERIES_RULES } from '../audit/series';
import { checkReadOnlySql } from '../sql/guard';
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

/** How the engine starts. */
export interface InitOptions {
  /**
   * Queries to run, over and over for up to `WARM_UP_MS`, before the engine says it is ready, and
   * only while no query of the user's is waiting: V8 compiles DuckDB's WebAssembly in tiers, the
   * code a query runs becomes fast only after it has run often enough, and that compiling
   * otherwise competes with the user's first filter changes. Called once the data are loaded.
   */
  warmUp?: () => Query[];
}

/**
 * Starts DuckDB-WASM and loads every contract table from `dataUrl` (e.g. `/data`). Idempotent:
 * every caller shares one promise (the first caller's options hold). Rejects with a Chinese
 * message when WebAssembly cannot start.
 */
export function initDB(dataUrl: string, options: InitOptions = {}): Promise<Engine> {
  engine ??= start(dataUrl, options).catch((e: unknown) => {
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

async function start(dataUrl: string, options: InitOptions): Promise<Engine> {
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
  await conn.query(localLayerSql());
  await conn.query(projectSummarySql());
  // The data are in. From here on the engine reads no file and no URL, whatever a statement typed
  // on the SQL page asks (a replacement scan, a quoted table function): the guard lives in the
  // engine, not in a list of words; and no statement can set it back.
  await conn.query(`SET enable_external_access = false; SET lock_configuration = true;`);
  await warmUp(conn, options.warmUp?.() ?? []);
  setStatus({ phase: 'ready', message: '查询引擎已就绪' });
  // For `npm run bench` and the browser's performance panel: when queries can first run.
  performance.mark('duckdb-ready');
  return { db, conn };
}

/**
 * The tables the pages query, as views: the published rows (`published_<table>`, from the
 * Parquet files) and the rows imported in this browser (`local_<table>`, empty until an import).
 * Published findings of the series rules (`series-change`, `duplicate-in-series`) of a series a
 * local project joins are replaced by the recomputed ones in `local_checks` (`_local_replaced`
 * lists their projects).
 */
function localLayerSql(): string {
  const statements = [`CREATE TABLE _local_replaced (project_id VARCHAR)`];
  for (const t of TABLE_NAMES) {
    statements.push(`CREATE TABLE "local_${t}" AS SELECT * FROM "published_${t}" LIMIT 0`);
    statements.push(
      t === 'checks'
        ? `CREATE VIEW checks AS SELECT * FROM published_checks
  WHERE NOT (rule IN (${SERIES_RULES.map((r) => `'${r}'`).join(', ')}) AND project_id IN (SELECT project_id FROM _local_replaced))
  UNION ALL SELECT * FROM local_checks`
        : `CREATE VIEW "${t}" AS SELECT * FROM "published_${t}" UNION ALL SELECT * FROM "local_${t}"`
    );
  }
  return statements.join(';\n');
}

async function loadTable(
  conn: duckdb.AsyncDuckDBConnection,
  table: TableName,
  dataUrl: string
): Promise<void> {
  const response = await fetch(`${dataUrl}/${table}.parquet`);
  if (!response.ok) throw new Error(`${table}.parquet: HTTP ${response.status}`);
  await insertArrow(
    conn,
    table,
    `published_${table}`,
    await parquetToArrow(table, await response.arrayBuffer())
  );
}

/** Creates (or replaces) `target` with the rows of an Arrow table, typed as the contract says. */
async function insertArrow(
  conn: duckdb.AsyncDuckDBConnection,
  table: TableName,
  target: string,
  arrow: Table
): Promise<void> {
  const raw = `_raw_${target}`;
  await conn.insertArrowTable(arrow, { name: raw, create: true });
  await conn.query(typedTableSql(table, raw, target));
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

/** Queries waiting for the engine to start: the warm-up gives way to them. */
let waiting = 0;

async function run(conn: duckdb.AsyncDuckDBConnection, q: Query): Promise<Table> {
  return q.params.length ? (await prepared(conn, q.sql)).query(...q.params) : conn.query(q.sql);
}

/**
 * How long the warm-up may run. Measured at 100,000 indicator rows on two cores, cold visits
 * (`npm run bench`): four rounds (about 100 ms) left V8 compiling DuckDB's hot code during the
 * first ten filter changes, 60 ms of compile work each; one second of rounds cut the redraw p50
 * from about 72 to 60 ms; two seconds did no better.
 */
const WARM_UP_MS = 1000;

async function warmUp(conn: duckdb.AsyncDuckDBConnection, queries: Query[]): Promise<void> {
  if (!queries.length) return;
  const started = performance.now();
  rounds: for (;;)
    for (const q of queries) {
      if (waiting || performance.now() - started > WARM_UP_MS) break rounds;
      await run(conn, q).catch(() => {});
    }
  performance.measure('duckdb-warm-up', { start: started });
}

/** Runs a query built by `src/lib/queries` with its bound parameters; rows come back as plain objects. */
export async function query(q: Query, dataUrl: string): Promise<Row[]> {
  waiting++;
  let conn: duckdb.AsyncDuckDBConnection;
  try {
    ({ conn } = await initDB(dataUrl));
  } finally {
    waiting--;
  }
  await localSync.catch(() => {});
  const started = performance.now();
  const result = await run(conn, q);
  const rows = result.toArray().map((r) => r.toJSON() as Row);
  // Each query's time in the browser's performance panel (and for `npm run bench`).
  performance.measure('duckdb-query', { start: started, detail: q.sql.slice(0, 80) });
  return rows;
}

let localSync: Promise<void> = Promise.resolve();

/**
 * Replaces the records imported in this browser (every `local_<table>`) with the given layer; an
 * empty layer removes them. Queries started afterwards see the new rows.
 */
export function setLocalLayer(layer: LocalLayer, dataUrl: string): Promise<void> {
  localSync = localSync
    .catch(() => {})
    .then(async () => {
      const { conn } = await initDB(dataUrl);
      // Tables are replaced below: statements prepared over them are prepared again.
      await forgetStatements();
      for (const t of TABLE_NAMES) {
        const rows = layer.tables[t] as readonly object[];
        if (rows.length) await insertArrow(conn, t, `local_${t}`, recordsToArrow(t, rows));
        else await conn.query(`DELETE FROM "local_${t}"`);
      }
      await conn.query(`DELETE FROM _local_replaced`);
      if (layer.replacedSeriesProjects.length) {
        const ids = layer.replacedSeriesProjects;
        const stmt = await conn.prepare(
          `INSERT INTO _local_replaced VALUES ${ids.map(() => '(?)').join(', ')}`
        );
        try {
          await stmt.query(...ids);
        } finally {
          await stmt.close();
        }
      }
      // Counts per project, again over the tables as they now are.
      await conn.query(projectSummarySql());
    });
  return localSync;
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

/** The result of a statement typed on the SQL page: its columns with DuckDB's types, and rows. */
export interface SqlResult {
  /** Columns in order; `key` is unique (`c0`, `c1`…) even when two columns share a name. */
  columns: { key: string; name: string; type: string }[];
  rows: Row[];
  /** Rows the statement returned; `rows` holds at most `maxRows` of them. */
  total: number;
}

/** A statement the SQL page will not run; the message says why, in Chinese. */
export class SqlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlRefused';
  }
}

let userConn: Promise<duckdb.AsyncDuckDBConnection> | null = null;

/**
 * Runs an auditor's statement, read-only three times over: the guard of `src/lib/sql/guard.ts`
 * (one statement, balanced parentheses, no write or attach keyword); DuckDB's own parser, as the
 * statement is prepared as a subquery (`SELECT * FROM (…)`, where the grammar admits only a
 * query, and a prepared statement only one); and a separate connection whose transaction is
 * always rolled back. (DuckDB-WASM has no json extension, so `json_serialize_sql` is not there.)
 */
export async function runReadOnlySql(sql: string, dataUrl: string, maxRows = 5000): Promise<SqlResult> {
  const guard = checkReadOnlySql(sql);
  if (!guard.ok) throw new SqlRefused(guard.reason);
  const { db } = await initDB(dataUrl);
  await localSync.catch(() => {});
  userConn ??= db.connect();
  const conn = await userConn;
  const subquery = `(\n${guard.query}\n) AS _query`;
  await conn.query('BEGIN TRANSACTION');
  try {
    // The result's columns and their DuckDB types; DECIMAL columns are then read as exact text
    // (the engine otherwise hands decimals over as doubles).
    const described =
      guard.keyword === 'EXPLAIN' ? [] : await runPrepared(conn, `DESCRIBE SELECT * FROM ${subquery}`);
    const types = described.map((r) => String(r.column_type));
    const decimals = described
      .filter((r) => String(r.column_type).startsWith('DECIMAL'))
      .map((r) => `"${String(r.column_name).replace(/"/g, '""')}"`);
    const unique = new Set(described.map((r) => r.column_name)).size === described.length;
    const wrapped =
      guard.keyword === 'EXPLAIN'
        ? `EXPLAIN SELECT * FROM ${subquery}`
        : decimals.length && unique
          ? `SELECT * REPLACE (${decimals.map((c) => `${c}::VARCHAR AS ${c}`).join(', ')}) FROM ${subquery}`
          : `SELECT * FROM ${subquery}`;
    const result = await runPreparedTable(conn, wrapped);
    const fields = result.schema.fields;
    const columns = fields.map((f, i) => ({ key: `c${i}`, name: f.name, type: types[i] ?? String(f.type) }));
    const rows: Row[] = [];
    const n = Math.min(result.numRows, maxRows);
    const vectors = fields.map((_, i) => result.getChildAt(i));
    const dates = fields.map((f) => DataType.isDate(f.type));
    const times = fields.map((f) => DataType.isTimestamp(f.type));
    for (let r = 0; r < n; r++) {
      const row: Row = {};
      columns.forEach((c, i) => {
        const v = vectors[i]?.get(r);
        // Dates arrive as milliseconds since 1970.
        if (typeof v === 'number' && (dates[i] || times[i]))
          row[c.key] = new Date(v)
            .toISOString()
            .slice(0, dates[i] ? 10 : 19)
            .replace('T', ' ');
        else row[c.key] = plainValue(v);
      });
      rows.push(row);
    }
    return { columns, rows, total: result.numRows };
  } finally {
    await conn.query('ROLLBACK');
  }
}

/** Prepares and runs one statement; a statement DuckDB cannot prepare is reported as such. */
async function runPreparedTable(conn: duckdb.AsyncDuckDBConnection, sql: string): Promise<Table> {
  let stmt: duckdb.AsyncPreparedStatement;
  try {
    stmt = await conn.prepare(sql);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`语法错误，或不是一条只读查询：${message}`);
  }
  try {
    return await stmt.query();
  } finally {
    await stmt.close();
  }
}

async function runPrepared(conn: duckdb.AsyncDuckDBConnection, sql: string): Promise<Row[]> {
  return (await runPreparedTable(conn, sql)).toArray().map((r) => r.toJSON() as Row);
}

/** A value of any DuckDB type as something a table cell and a CSV can show. */
function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'toJSON' in v && typeof v.toJSON === 'function')
    return JSON.stringify(v.toJSON(), (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}
