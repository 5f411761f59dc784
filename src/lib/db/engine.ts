/**
 * One DuckDB-WASM instance in its own worker, self-hosted (wasm and worker come from this site
 * through Vite `?url` imports), with extension autoloading off, fed with the contract's Parquet
 * files decoded in JavaScript, then locked: from then on it reads no file and no URL, and no
 * statement can change that. The only module that imports `@duckdb/duckdb-wasm`. The pages share
 * one instance (./index.ts); the SQL page runs its statements in another (./sql.ts), which it can
 * stop without stopping the pages' filters.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { TABLE_NAMES, type TableName } from '../schema/tables';
import { parquetToArrow, typedTableSql } from './columns';
import { webAssemblySupported } from './support';

/** A connection to an engine. */
export type Connection = duckdb.AsyncDuckDBConnection;
/** A statement prepared on a connection. */
export type PreparedStatement = duckdb.AsyncPreparedStatement;

/** What an engine is doing, for the page to show. */
export type DbPhase = 'idle' | 'loading-engine' | 'loading-data' | 'ready' | 'error';

/** Progress of an engine's start, reported to listeners. */
export interface DbStatus {
  phase: DbPhase;
  /** A Chinese sentence saying what is happening or what went wrong. */
  message: string;
  /** What the browser or DuckDB said, when it went wrong (not shown as the message). */
  error?: string;
}

/** A row of a query result: plain JavaScript values (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

/** A running engine. */
export interface Engine {
  db: duckdb.AsyncDuckDB;
  /** The connection the data were loaded on. */
  conn: Connection;
  /**
   * Rejects when the worker dies after the start (a crash, or `stop()`): DuckDB's pending calls
   * then never settle, so whoever waits on one races it against this.
   */
  lost: Promise<never>;
  /** Terminates the worker at once, whatever it is running; the engine is gone. */
  stop(): void;
}

/** How an engine starts. */
export interface StartOptions {
  /** Where the Parquet files are (e.g. `/data`). */
  dataUrl: string;
  /** Told each step of the start. */
  onStatus?: (s: DbStatus) => void;
  /** Run once the published tables are in, before the engine is locked (the local layer's tables). */
  setUp?: (conn: Connection) => Promise<void>;
  /** Run after the lock, before the start resolves (the pages' warm-up). */
  afterLock?: (conn: Connection) => Promise<void>;
  /** Aborting terminates the worker, during the start or after it. */
  signal?: AbortSignal;
}

/** Thrown when an engine was stopped on purpose (`signal` aborted). */
export class EngineStopped extends Error {
  constructor() {
    super('查询引擎已停止');
    this.name = 'EngineStopped';
  }
}

/**
 * Starts an engine in a new worker and loads every contract table from `dataUrl` (as
 * `published_<table>`). Rejects with a Chinese message when WebAssembly cannot start.
 */
export async function startEngine(options: StartOptions): Promise<Engine> {
  const { dataUrl, onStatus = () => {}, signal } = options;
  if (!webAssemblySupported()) throw new Error('本浏览器不能运行 WebAssembly');
  if (signal?.aborted) throw new EngineStopped();
  onStatus({ phase: 'loading-engine', message: '正在加载查询引擎（DuckDB-WASM）…' });
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker }
  });
  await preflight(bundle.mainModule);
  if (signal?.aborted) throw new EngineStopped();
  const worker = new Worker(bundle.mainWorker as string);
  // A worker that fails (the wasm blocked, or refused by the browser, or a crash later) reports it
  // only as an error event, and DuckDB's calls would wait forever: `lost` settles them.
  let lose!: (e: Error) => void;
  const lost = new Promise<never>((_, reject) => (lose = reject));
  lost.catch(() => {});
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    lose(new Error(e.message || 'DuckDB worker failed'));
  });
  const stop = () => {
    worker.terminate();
    lose(new EngineStopped());
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await Promise.race([
      db.instantiate(bundle.mainModule, bundle.pthreadWorker),
      lost,
      timeout(60_000, '查询引擎启动超时')
    ]);
    const conn = await Promise.race([db.open({ query: queryConfig }).then(() => db.connect()), lost]);
    const step = <T>(p: Promise<T>) => Promise.race([p, lost]);
    // Never fetch an extension: the site works offline and loads nothing from another origin.
    await step(
      conn.query(`SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;`)
    );
    onStatus({ phase: 'loading-data', message: '正在读取数据（Parquet）…' });
    await step(Promise.all(TABLE_NAMES.map((t) => loadTable(conn, t, dataUrl))));
    if (options.setUp) await step(options.setUp(conn));
    // The data are in. From here on the engine reads no file and no URL, whatever a statement typed
    // on the SQL page asks (a replacement scan, a quoted table function): the guard lives in the
    // engine, not in a list of words; and no statement can set it back.
    await step(conn.query(`SET enable_external_access = false; SET lock_configuration = true;`));
    if (options.afterLock) await step(options.afterLock(conn));
    return { db, conn, lost, stop };
  } catch (e) {
    worker.terminate();
    signal?.removeEventListener('abort', stop);
    throw signal?.aborted ? new EngineStopped() : e;
  }
}

/** Money and big counts come back as JavaScript numbers; exact money is asked for as text. */
const queryConfig = { castBigIntToDouble: true, castDecimalToDouble: true };

async function loadTable(conn: Connection, table: TableName, dataUrl: string): Promise<void> {
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
export async function insertArrow(
  conn: Connection,
  table: TableName,
  target: string,
  arrow: Table
): Promise<void> {
  const raw = `_raw_${target}`;
  await conn.insertArrowTable(arrow, { name: raw, create: true });
  await conn.query(typedTableSql(table, raw, target));
  await conn.query(`DROP TABLE "${raw}"`);
}

/** Rows of an Arrow result as plain objects. */
export function rowsOf(result: Table): Row[] {
  return result.toArray().map((r) => (r as { toJSON(): Row }).toJSON());
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
