/**
 * The SQL the SQL page's runner sends for a statement the guard accepted, as pure functions: the
 * statement always runs as a subquery (where DuckDB's grammar admits only a query), its rows cut
 * inside the query (`LIMIT maxRows + 1`, so that `SELECT * FROM range(10000000000)` stops after
 * those rows instead of being materialised first), DECIMAL columns read as exact text.
 */
import type { GuardResult } from './guard';
import { MAX_ROWS } from './limits';

/** A statement the guard accepted. */
export type AcceptedStatement = Extract<GuardResult, { ok: true }>;

/** A column of a statement's result as `DESCRIBE` gives it. */
export interface DescribedColumn {
  name: string;
  /** DuckDB's type, e.g. `VARCHAR`, `DECIMAL(18,2)`. */
  type: string;
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function subquery(stmt: AcceptedStatement): string {
  // On lines of their own: a `--` comment ending the statement cannot swallow the `)`.
  return `(\n${stmt.query}\n) AS _query`;
}

/** Asks the result's columns and types without running the statement; null for EXPLAIN (its columns are fixed). */
export function describeSql(stmt: AcceptedStatement): string | null {
  return stmt.keyword === 'EXPLAIN' ? null : `DESCRIBE SELECT * FROM ${subquery(stmt)}`;
}

/**
 * The statement as it runs: at most `maxRows + 1` rows (one more tells that there are more),
 * DECIMAL columns as text (the engine otherwise hands them over as doubles) when their names are
 * unique (a `REPLACE` cannot name one of two columns called alike). EXPLAIN is explained as a
 * subquery, uncut: a plan is a few rows.
 */
export function resultSql(
  stmt: AcceptedStatement,
  columns: readonly DescribedColumn[],
  maxRows = MAX_ROWS
): string {
  if (stmt.keyword === 'EXPLAIN') return `EXPLAIN SELECT * FROM ${subquery(stmt)}`;
  const decimals = columns.filter((c) => c.type.startsWith('DECIMAL')).map((c) => quoteName(c.name));
  const unique = new Set(columns.map((c) => c.name)).size === columns.length;
  const select =
    decimals.length && unique
      ? `SELECT * REPLACE (${decimals.map((c) => `${c}::VARCHAR AS ${c}`).join(', ')})`
      : 'SELECT *';
  return `${select} FROM ${subquery(stmt)} LIMIT ${Math.max(0, Math.floor(maxRows)) + 1}`;
}

/**
 * Counts every row of the statement, on request only: the count runs the whole query (at
 * `range(10000000000)`, ten billion rows), so it is never part of running a statement.
 */
export function countSql(stmt: AcceptedStatement): string {
  return `SELECT count(*) AS n FROM ${subquery(stmt)}`;
}

/** How many of the rows a statement returned are shown, and whether it had more than that. */
export function cutRows(returned: number, maxRows = MAX_ROWS): { shown: number; more: boolean } {
  return { shown: Math.min(returned, maxRows), more: returned > maxRows };
}
