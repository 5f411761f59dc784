/**
 * The SQL the SQL page's runner sends (src/lib/sql/wrap.ts) as plain text, and run on a real
 * DuckDB (Node), because text that looks right can still materialise ten billion rows: the cut is
 * inside the query, so `range(10000000000)` answers at once; order and exact decimals survive the
 * wrapping; the count runs only when asked. Also the time limit an address may ask for.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnlySql } from '../../../src/lib/sql/guard';
import { MAX_ROWS, MAX_TIME_LIMIT_MS, TIME_LIMIT_MS, timeLimitFrom } from '../../../src/lib/sql/limits';
import {
  countSql,
  cutRows,
  describeSql,
  resultSql,
  type AcceptedStatement,
  type DescribedColumn
} from '../../../src/lib/sql/wrap';

function accepted(sql: string): AcceptedStatement {
  const guard = checkReadOnlySql(sql);
  if (!guard.ok) throw new Error(guard.reason);
  return guard;
}

describe('the SQL text', () => {
  it('cuts the rows inside the query, one more than are kept', () => {
    expect(
      resultSql(accepted('SELECT * FROM range(10000000000);'), [{ name: 'range', type: 'BIGINT' }], 5000)
    ).toBe('SELECT * FROM (\nSELECT * FROM range(10000000000)\n) AS _query LIMIT 5001');
    expect(MAX_ROWS).toBe(5000);
    expect(resultSql(accepted('VALUES (1)'), [{ name: 'col0', type: 'INTEGER' }])).toMatch(/ LIMIT 5001$/);
  });

  it('reads DECIMAL columns as text, quoting their names', () => {
    const columns: DescribedColumn[] = [
      { name: 'district', type: 'VARCHAR' },
      { name: 'spent "all"', type: 'DECIMAL(38,2)' },
      { name: 'n', type: 'BIGINT' }
    ];
    expect(resultSql(accepted('SELECT 1'), columns, 10)).toBe(
      'SELECT * REPLACE ("spent ""all"""::VARCHAR AS "spent ""all""") FROM (\nSELECT 1\n) AS _query LIMIT 11'
    );
  });

  it('leaves DECIMAL columns alone when two columns share a name (a REPLACE cannot tell them apart)', () => {
    const columns = [
      { name: 'a', type: 'DECIMAL(18,2)' },
      { name: 'a', type: 'DECIMAL(18,2)' }
    ];
    expect(resultSql(accepted('SELECT 1.5 AS a, 2.5 AS a'), columns, 10)).toBe(
      'SELECT * FROM (\nSELECT 1.5 AS a, 2.5 AS a\n) AS _query LIMIT 11'
    );
  });

  it('explains without running or cutting, and describes nothing for EXPLAIN', () => {
    const explain = accepted('EXPLAIN ANALYZE SELECT * FROM projects');
    expect(describeSql(explain)).toBeNull();
    // ANALYZE would run the statement: the plan is explained only.
    expect(resultSql(explain, [])).toBe('EXPLAIN SELECT * FROM (\nSELECT * FROM projects\n) AS _query');
  });

  it('keeps a trailing comment of the statement off the closing parenthesis', () => {
    const stmt = accepted('SELECT 1 -- one');
    expect(describeSql(stmt)).toBe('DESCRIBE SELECT * FROM (\nSELECT 1\n) AS _query');
    expect(countSql(stmt)).toBe('SELECT count(*) AS n FROM (\nSELECT 1\n) AS _query');
  });

  it('says whether rows were cut', () => {
    expect(cutRows(5001, 5000)).toEqual({ shown: 5000, more: true });
    expect(cutRows(5000, 5000)).toEqual({ shown: 5000, more: false });
    expect(cutRows(0)).toEqual({ shown: 0, more: false });
  });
});

describe('on DuckDB', () => {
  let instance: DuckDBInstance;
  let con: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    con = await instance.connect();
    await con.run(
      `CREATE TABLE projects AS SELECT * FROM (VALUES ('松江区', 40872251.16::DECIMAL(18,2)), ('宝山区', 0.10::DECIMAL(18,2)), ('闵行区', 3.00::DECIMAL(18,2))) t(district, executed_amount)`
    );
  });
  afterAll(() => {
    con.closeSync();
    instance.closeSync();
  });

  async function plan(sql: string, maxRows: number): Promise<Record<string, unknown>[]> {
    const stmt = accepted(sql);
    const describe = describeSql(stmt);
    const described = describe
      ? (
          (await con.runAndReadAll(describe)).getRowObjectsJson() as {
            column_name: string;
            column_type: string;
          }[]
        ).map((r) => ({ name: r.column_name, type: r.column_type }))
      : [];
    return (await con.runAndReadAll(resultSql(stmt, described, maxRows))).getRowObjectsJson() as Record<
      string,
      unknown
    >[];
  }

  it('answers range(10000000000) at once with maxRows + 1 rows', async () => {
    const started = performance.now();
    const rows = await plan('SELECT * FROM range(10000000000)', 5000);
    expect(rows.length).toBe(5001);
    expect(rows[5000]).toEqual({ range: '5000' });
    // Materialising ten billion rows would take minutes (and more memory than there is).
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('keeps the statement’s order and its exact amounts', async () => {
    expect(
      await plan('SELECT district, executed_amount FROM projects ORDER BY executed_amount DESC', 2)
    ).toEqual([
      { district: '松江区', executed_amount: '40872251.16' },
      { district: '闵行区', executed_amount: '3.00' },
      { district: '宝山区', executed_amount: '0.10' }
    ]);
    expect(await plan('SELECT sum(executed_amount) AS spent FROM projects', 5)).toEqual([
      { spent: '40872254.26' }
    ]);
  });

  it('runs DESCRIBE, SHOW, SUMMARIZE and EXPLAIN as subqueries', async () => {
    expect((await plan('DESCRIBE projects', 10)).map((r) => r.column_name)).toEqual([
      'district',
      'executed_amount'
    ]);
    expect((await plan('SHOW TABLES', 10)).map((r) => r.name)).toEqual(['projects']);
    expect((await plan('SUMMARIZE projects', 10)).length).toBe(2);
    const explained = await plan('EXPLAIN SELECT * FROM projects', 10);
    expect(String(explained[0]?.explain_key)).toBe('physical_plan');
  });

  it('counts every row only when asked', async () => {
    const rows = (
      await con.runAndReadAll(countSql(accepted('SELECT * FROM range(123456)')))
    ).getRowObjectsJson();
    expect(rows).toEqual([{ n: '123456' }]);
  });
});

describe('timeLimitFrom', () => {
  it.each([
    [null, TIME_LIMIT_MS],
    ['2', 2000],
    ['0.5', 500],
    ['600', MAX_TIME_LIMIT_MS],
    ['601', TIME_LIMIT_MS],
    ['0', TIME_LIMIT_MS],
    ['0.05', TIME_LIMIT_MS],
    ['-3', TIME_LIMIT_MS],
    ['3s', TIME_LIMIT_MS],
    ['', TIME_LIMIT_MS]
  ])('?timeout=%s → %i ms', (param, ms) => {
    expect(timeLimitFrom(param)).toBe(ms);
  });

  it('is 30 seconds by default', () => {
    expect(TIME_LIMIT_MS).toBe(30_000);
  });
});
