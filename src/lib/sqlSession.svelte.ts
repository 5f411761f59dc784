/**
 * The SQL page's state, kept for the page's lifetime in this tab rather than the component's: a
 * statement left running while the auditor looks at another page is still running (or has its
 * answer) when they come back, and the 取消 button still reaches it. One statement at a time:
 * while one runs, asking for another does nothing.
 */
import { base } from '$app/paths';
import type { TableColumn } from './charts/table';
import type { Row } from './charts/spec';
import type { DbStatus } from './db/engine';
import { local, localVersion } from './local.svelte';
import { SQL_EXAMPLES } from './sql/examples';
import { checkReadOnlySql } from './sql/guard';
import { MAX_ROWS } from './sql/limits';

/** What the page shows. */
export interface SqlView {
  /** The statement in the editor. */
  text: string;
  /** What runs now: a statement, the count of its rows, or nothing. */
  running: 'statement' | 'count' | null;
  /** Why the guard (or the runner) refused the statement. */
  refused: string | null;
  /** DuckDB's error, with a Chinese lead. */
  failed: string | null;
  /** Why the statement was stopped (cancelled, the time limit, the engine lost). */
  stopped: string | null;
  /** The last result and the statement that gave it. */
  result: {
    sql: string;
    columns: TableColumn[];
    rows: Row[];
    /** The statement had more rows than shown. */
    more: boolean;
    /** Every row counted, once asked for (`countRows`). */
    total: number | null;
    ms: number;
  } | null;
  /** Statements answered so far, whatever the answer (tests wait for it to change). */
  runs: number;
  /** The SQL engine's own status. */
  engine: DbStatus;
}

/** The SQL page's state. */
export const sqlView: SqlView = $state({
  text: SQL_EXAMPLES[0]?.sql ?? '',
  running: null,
  refused: null,
  failed: null,
  stopped: null,
  result: null,
  runs: 0,
  engine: { phase: 'idle', message: '尚未启动' }
});

let watching = false;
const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|DECIMAL)/;

async function runner(): Promise<typeof import('./db/sql')> {
  const sql = await import('./db/sql');
  if (!watching) {
    watching = true;
    sql.onSqlStatus((s) => (sqlView.engine = s));
  }
  return sql;
}

function session(timeLimitMs: number | undefined) {
  return {
    dataUrl: `${base}/data`,
    imports: $state.snapshot(local.imports),
    importsVersion: localVersion(),
    maxRows: MAX_ROWS,
    timeLimitMs
  };
}

function clearMessages(): void {
  sqlView.refused = null;
  sqlView.failed = null;
  sqlView.stopped = null;
}

/** Shows why a run ended without an answer: refused, stopped, or failed. */
function showError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  const name = e instanceof Error ? e.name : '';
  if (name === 'SqlRefused') sqlView.refused = message;
  else if (name === 'SqlStopped') sqlView.stopped = message;
  else sqlView.failed = message;
}

/**
 * Runs the statement in the editor on the SQL page's own engine, unless one is running already.
 * `timeLimitMs`: how long it may run (default 30 s).
 */
export async function runStatement(timeLimitMs?: number): Promise<void> {
  if (sqlView.running) return;
  clearMessages();
  const sql = sqlView.text;
  const guard = checkReadOnlySql(sql);
  if (!guard.ok) {
    sqlView.refused = guard.reason;
    // No result is left on screen beside a refusal, so nothing looks like its answer.
    sqlView.result = null;
    sqlView.runs++;
    return;
  }
  sqlView.running = 'statement';
  const started = performance.now();
  try {
    const db = await runner();
    const r = await db.runReadOnlySql(sql, session(timeLimitMs));
    sqlView.result = {
      sql,
      columns: r.columns.map((c) => ({ key: c.key, label: c.name, numeric: NUMERIC.test(c.type) })),
      rows: r.rows,
      more: r.more,
      total: r.more ? null : r.rows.length,
      ms: Math.round(performance.now() - started)
    };
  } catch (e) {
    showError(e);
    sqlView.result = null;
  } finally {
    sqlView.running = null;
    sqlView.runs++;
  }
}

/** Counts every row of the statement whose result is shown (it runs whole: cancellable, time-limited). */
export async function countRows(timeLimitMs?: number): Promise<void> {
  const shown = sqlView.result;
  if (sqlView.running || !shown) return;
  clearMessages();
  sqlView.running = 'count';
  try {
    const db = await runner();
    const total = await db.countSqlRows(shown.sql, session(timeLimitMs));
    if (sqlView.result === shown) shown.total = total;
  } catch (e) {
    showError(e);
  } finally {
    sqlView.running = null;
    sqlView.runs++;
  }
}

/** Starts the SQL page's engine when the browser is idle, so that the first statement need not wait for it. */
export function prepareEngine(): void {
  const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 1000));
  idle(() => void runner().then((db) => db.prepareSqlEngine(`${base}/data`)), { timeout: 3000 });
}

/** Stops what runs (the SQL engine's worker is terminated; the next statement starts it again). */
export async function cancelStatement(): Promise<void> {
  if (!sqlView.running) return;
  (await runner()).cancelSql();
}
