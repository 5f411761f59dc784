/**
 * The pages' query engine: one DuckDB-WASM instance (./engine.ts) shared by every page's filters,
 * started on first use, with the records imported in this browser (./local.ts). Import it
 * dynamically (`await import('$lib/db')`) so that prerendering never loads it. The SQL page runs
 * its statements elsewhere (./sql.ts), so that a statement that never ends cannot hold up a filter.
 */
import type { Table } from 'apache-arrow';
import type { Query } from '../queries/types';
import type { LocalImport, LocalLayer } from '../local/merge';
import {
  startEngine,
  rowsOf,
  type Connection,
  type DbStatus,
  type Engine,
  type PreparedStatement,
  type Row
} from './engine';
import { createLocalLayer, loadImports } from './local';

export type { DbPhase, DbStatus, Row } from './engine';
export { webAssemblySupported } from './support';

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
 * Starts the pages' engine and loads every contract table from `dataUrl` (e.g. `/data`).
 * Idempotent: every caller shares one promise (the first caller's options hold). Rejects with a
 * Chinese message when WebAssembly cannot start.
 */
export function initDB(dataUrl: string, options: InitOptions = {}): Promise<Engine> {
  engine ??= startEngine({
    dataUrl,
    onStatus: setStatus,
    setUp: createLocalLayer,
    afterLock: (conn) => warmUp(conn, options.warmUp?.() ?? [])
  })
    .then((e) => {
      setStatus({ phase: 'ready', message: '查询引擎已就绪' });
      // For `npm run bench` and the browser's performance panel: when queries can first run.
      performance.mark('duckdb-ready');
      return e;
    })
    .catch((e: unknown) => {
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

/**
 * Prepared statements by SQL text. A page asks the same queries with new parameters at every
 * filter change: preparing once saves parsing, planning and two worker round trips each time.
 * Forgotten whenever a table changes.
 */
const statements = new Map<string, Promise<PreparedStatement>>();

function prepared(conn: Connection, sql: string): Promise<PreparedStatement> {
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

async function run(conn: Connection, q: Query): Promise<Table> {
  return q.params.length ? (await prepared(conn, q.sql)).query(...q.params) : conn.query(q.sql);
}

/**
 * How long the warm-up may run. Measured at 100,000 indicator rows on two cores, cold visits
 * (`npm run bench`): four rounds (about 100 ms) left V8 compiling DuckDB's hot code during the
 * first ten filter changes, 60 ms of compile work each; one second of rounds cut the redraw p50
 * from about 72 to 60 ms; two seconds did no better.
 */
const WARM_UP_MS = 1000;

async function warmUp(conn: Connection, queries: Query[]): Promise<void> {
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
  let conn: Connection;
  try {
    ({ conn } = await initDB(dataUrl));
  } finally {
    waiting--;
  }
  await localSync.catch(() => {});
  const started = performance.now();
  const rows = rowsOf(await run(conn, q));
  // Each query's time in the browser's performance panel (and for `npm run bench`).
  performance.measure('duckdb-query', { start: started, detail: q.sql.slice(0, 80) });
  return rows;
}

let localSync: Promise<unknown> = Promise.resolve();

/**
 * Replaces the records imported in this browser (every `local_<table>`) with the session's
 * imports, audited with the published projects of their series; no imports removes them. Queries
 * started afterwards see the new rows. Resolves with the layer loaded.
 */
export function setImports(imports: readonly LocalImport[], dataUrl: string): Promise<LocalLayer> {
  const next = localSync
    .catch(() => {})
    .then(async () => {
      const { conn } = await initDB(dataUrl);
      // Tables are replaced: statements prepared over them are prepared again.
      await forgetStatements();
      return loadImports(conn, imports);
    });
  localSync = next;
  return next;
}
