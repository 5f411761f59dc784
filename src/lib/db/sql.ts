/**
 * The SQL page's runner: an auditor's statements run in an engine of their own (its own worker,
 * started by the SQL page only, loaded with the same published data and the session's imports, and
 * locked like the pages' engine), one at a time. A statement that runs too long, or that the
 * auditor cancels, is stopped by terminating that worker: DuckDB-WASM cannot interrupt a query,
 * and the pages' filters, which query the pages' engine, never wait for it. The next statement
 * starts the engine again.
 */
import { DataType, type Table } from 'apache-arrow';
import type { LocalImport } from '../local/merge';
import { checkReadOnlySql } from '../sql/guard';
import { MAX_ROWS, TIME_LIMIT_MS } from '../sql/limits';
import { countSql, cutRows, describeSql, resultSql, type AcceptedStatement } from '../sql/wrap';
import {
  EngineStopped,
  rowsOf,
  startEngine,
  type Connection,
  type DbStatus,
  type Engine,
  type Row
} from './engine';
import { createLocalLayer, loadImports } from './local';

/** What a statement runs against, and within what limits. */
export interface SqlSession {
  /** Where the Parquet files are (e.g. `/data`). */
  dataUrl: string;
  /** The session's imports; loaded into the engine when `importsVersion` differs from the last loaded. */
  imports: readonly LocalImport[];
  importsVersion: number;
  /** Rows kept of a result (default 5,000). */
  maxRows?: number;
  /** Milliseconds a statement may run (default 30 s). */
  timeLimitMs?: number;
}

/** The result of a statement typed on the SQL page: its columns with DuckDB's types, and rows. */
export interface SqlResult {
  /** Columns in order; `key` is unique (`c0`, `c1`…) even when two columns share a name. */
  columns: { key: string; name: string; type: string }[];
  /** At most `maxRows` rows. */
  rows: Row[];
  /** True when the statement has more rows than `rows` holds (it was cut in the query). */
  more: boolean;
}

/** A statement the SQL page will not run; the message says why, in Chinese. */
export class SqlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlRefused';
  }
}

/** Why a statement was stopped before it ended. */
export type StopReason = 'cancelled' | 'time-limit' | 'engine-lost';

/** A statement stopped before it ended; the message says why and what happens next, in Chinese. */
export class SqlStopped extends Error {
  readonly reason: StopReason;
  constructor(reason: StopReason, message: string) {
    super(message);
    this.name = 'SqlStopped';
    this.reason = reason;
  }
}

/** The SQL engine's status, and a subscription to its changes (returns the unsubscribe). */
export function onSqlStatus(listener: (s: DbStatus) => void): () => void {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

let status: DbStatus = { phase: 'idle', message: '尚未启动' };
const listeners = new Set<(s: DbStatus) => void>();

function setStatus(next: DbStatus): void {
  status = next;
  for (const l of listeners) l(status);
}

/** The engine, while it lives: stopping it aborts `abort`. */
interface Instance {
  engine: Promise<Engine>;
  abort: AbortController;
  /** The `importsVersion` whose imports the engine holds (-1: none loaded yet). */
  importsVersion: number;
}

let instance: Instance | null = null;

function engineFor(dataUrl: string): Instance {
  if (instance) return instance;
  const abort = new AbortController();
  const started: Instance = {
    abort,
    importsVersion: -1,
    engine: startEngine({ dataUrl, onStatus: setStatus, setUp: createLocalLayer, signal: abort.signal })
  };
  started.engine.then(
    (engine) => {
      setStatus({ phase: 'ready', message: '查询引擎已就绪' });
      // A worker that dies between statements (out of memory) is dropped: the next one starts anew.
      engine.lost.catch((e: unknown) => {
        if (instance !== started || e instanceof EngineStopped) return;
        instance = null;
        setStatus({ phase: 'idle', message: '意外停止，下次执行时重新启动' });
      });
    },
    (e: unknown) => {
      if (instance === started) instance = null;
      if (e instanceof EngineStopped) return;
      setStatus({
        phase: 'error',
        message: '查询引擎无法启动：本浏览器不能运行 WebAssembly，或引擎文件被拦截。',
        error: e instanceof Error ? e.message : String(e)
      });
    }
  );
  instance = started;
  return started;
}

/** Starts the SQL engine ahead of the first statement (the SQL page calls it when the browser is idle). */
export function prepareSqlEngine(dataUrl: string): void {
  engineFor(dataUrl);
}

function stopEngine(): void {
  instance?.abort.abort();
  instance = null;
  setStatus({ phase: 'idle', message: '已停止，下次执行时重新启动' });
}

/** The statement running now: stopping it rejects `stopped`. */
let current: { stop: (e: SqlStopped) => void } | null = null;

const RESTART = '查询引擎已停止，下次执行时重新启动（重新读取数据需要几秒钟）。';

/**
 * Stops the statement that is running, by terminating the SQL engine's worker; its promise rejects
 * with `SqlStopped` ('cancelled'). Returns false when nothing was running.
 */
export function cancelSql(): boolean {
  if (!current) return false;
  stop(new SqlStopped('cancelled', `已取消。${RESTART}`));
  return true;
}

function stop(e: SqlStopped): void {
  const running = current;
  stopEngine();
  running?.stop(e);
}

/**
 * Runs `work` on the SQL engine, alone (a second call while one runs is refused), after the engine
 * has started and holds the session's imports, stopped at the time limit (the start and the
 * imports' loading are not counted).
 */
async function exclusive<T>(session: SqlSession, work: (conn: Connection) => Promise<T>): Promise<T> {
  if (current) throw new SqlRefused('上一条语句仍在执行：请等它结束，或先取消。');
  let reject!: (e: SqlStopped) => void;
  const stopped = new Promise<never>((_, r) => (reject = r));
  stopped.catch(() => {});
  current = { stop: reject };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const inst = engineFor(session.dataUrl);
    const engine = await Promise.race([
      inst.engine.catch((e: unknown) => {
        if (e instanceof EngineStopped) return stopped;
        throw new Error(`查询引擎无法启动：${e instanceof Error ? e.message : String(e)}`);
      }),
      stopped
    ]);
    const lost = engine.lost.catch((e: unknown) => {
      if (e instanceof EngineStopped) return stopped;
      stopEngine();
      throw new SqlStopped('engine-lost', `查询引擎意外停止（可能是内存不足）。${RESTART}`);
    });
    const step = <R>(p: Promise<R>) => Promise.race([p, stopped, lost]);
    // A new engine holds no imports: with none to load there is nothing to do.
    if (inst.importsVersion !== session.importsVersion) {
      if (session.imports.length || inst.importsVersion !== -1)
        await step(loadImports(engine.conn, session.imports));
      inst.importsVersion = session.importsVersion;
    }
    const limit = session.timeLimitMs ?? TIME_LIMIT_MS;
    timer = setTimeout(
      () =>
        stop(
          new SqlStopped(
            'time-limit',
            `已停止：语句执行超过 ${formatSeconds(limit)}的时限，可能是没有终止条件的递归（WITH RECURSIVE），或要处理的行太多。${RESTART}`
          )
        ),
      limit
    );
    return await step(work(engine.conn));
  } finally {
    clearTimeout(timer);
    current = null;
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} 秒`;
}

/** The guard's verdict, or `SqlRefused`. */
function accepted(sql: string): AcceptedStatement {
  const guard = checkReadOnlySql(sql);
  if (!guard.ok) throw new SqlRefused(guard.reason);
  return guard;
}

/**
 * Runs an auditor's statement, read-only three times over: the guard of `src/lib/sql/guard.ts`
 * (one statement, balanced parentheses, no write or attach keyword); DuckDB's own parser, as the
 * statement is prepared as a subquery (`SELECT * FROM (…)`, where the grammar admits only a
 * query, and a prepared statement only one); and a transaction that is always rolled back. The
 * engine reads no file and no URL whatever the statement asks (see ./engine.ts). At most
 * `maxRows` rows are kept, cut in the query itself.
 */
export async function runReadOnlySql(sql: string, session: SqlSession): Promise<SqlResult> {
  const stmt = accepted(sql);
  const maxRows = session.maxRows ?? MAX_ROWS;
  return exclusive(session, (conn) =>
    inRolledBackTransaction(conn, async () => {
      const describe = describeSql(stmt);
      // The result's columns and their DuckDB types (DESCRIBE binds the statement, it does not run it).
      const described = describe
        ? rowsOf(await runPrepared(conn, describe)).map((r) => ({
            name: String(r.column_name),
            type: String(r.column_type)
          }))
        : [];
      const result = await runPrepared(conn, resultSql(stmt, described, maxRows));
      const { shown, more } = cutRows(result.numRows, maxRows);
      return { ...readRows(result, described, shown), more };
    })
  );
}

/** Counts every row a statement returns (the whole query runs: cancellable, under the time limit). */
export async function countSqlRows(sql: string, session: SqlSession): Promise<number> {
  const stmt = accepted(sql);
  return exclusive(session, (conn) =>
    inRolledBackTransaction(conn, async () =>
      Number(rowsOf(await runPrepared(conn, countSql(stmt)))[0]?.n ?? 0)
    )
  );
}

async function inRolledBackTransaction<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
  await conn.query('BEGIN TRANSACTION');
  try {
    return await work();
  } finally {
    await conn.query('ROLLBACK');
  }
}

/** Prepares and runs one statement; a statement DuckDB cannot prepare is reported as such. */
async function runPrepared(conn: Connection, sql: string): Promise<Table> {
  let stmt;
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

/** The first `n` rows of a result as plain values, with DuckDB's column types where known. */
function readRows(
  result: Table,
  described: readonly { type: string }[],
  n: number
): Pick<SqlResult, 'columns' | 'rows'> {
  const fields = result.schema.fields;
  const columns = fields.map((f, i) => ({
    key: `c${i}`,
    name: f.name,
    type: described[i]?.type ?? String(f.type)
  }));
  const vectors = fields.map((_, i) => result.getChildAt(i));
  const dates = fields.map((f) => DataType.isDate(f.type));
  const times = fields.map((f) => DataType.isTimestamp(f.type));
  const rows: Row[] = [];
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
  return { columns, rows };
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
