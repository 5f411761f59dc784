/** The SQL page's read-only guard: plain strings in, accepted statement or a Chinese reason out. */
import { describe, expect, it } from 'vitest';
import { checkReadOnlySql } from '../../../src/lib/sql/guard';

const accepted = (sql: string) => {
  const r = checkReadOnlySql(sql);
  if (!r.ok) throw new Error(`refused: ${sql}: ${r.reason}`);
  return r;
};
const refused = (sql: string) => {
  const r = checkReadOnlySql(sql);
  if (r.ok) throw new Error(`accepted: ${sql}`);
  return r.reason;
};

describe('checkReadOnlySql', () => {
  it('accepts single read-only statements of every kind', () => {
    for (const sql of [
      'SELECT * FROM projects',
      'select district, sum(executed_amount) from projects group by district',
      'WITH s AS (SELECT * FROM projects) SELECT count(*) FROM s',
      'VALUES (1, 2)',
      'FROM projects LIMIT 3',
      'TABLE checks',
      'DESCRIBE projects',
      'SHOW TABLES',
      'SUMMARIZE indicators',
      'EXPLAIN SELECT 1',
      '  -- 注释\n  SELECT 1',
      "SELECT replace(name, '医疗', '') FROM projects"
    ])
      expect(accepted(sql).ok).toBe(true);
  });

  it('allows forbidden words inside strings, quoted names and comments', () => {
    expect(accepted("SELECT * FROM projects WHERE name = 'DROP TABLE projects'").ok).toBe(true);
    expect(accepted("SELECT 'a; DELETE FROM projects' AS s").ok).toBe(true);
    expect(accepted("SELECT 'it''s; INSERT' AS s").ok).toBe(true);
    expect(accepted("SELECT E'\\'; DROP TABLE x' AS s").ok).toBe(true);
    expect(accepted('SELECT $$; ATTACH$$ AS s').ok).toBe(true);
    expect(accepted('SELECT "update" FROM (SELECT 1 AS "update")').ok).toBe(true);
    expect(accepted('SELECT 1 /* DROP TABLE projects; */').ok).toBe(true);
    expect(accepted('SELECT 1 -- ; DROP TABLE projects').ok).toBe(true);
    expect(accepted('SELECT 1 /* nested /* DROP */ still comment; */').ok).toBe(true);
  });

  it('drops a trailing semicolon and comment but keeps strings that look like them', () => {
    expect(accepted('SELECT 1;').sql).toBe('SELECT 1');
    expect(accepted('SELECT 1 ; ; -- done').sql).toBe('SELECT 1');
    expect(accepted("SELECT '-- not a comment'").sql).toBe("SELECT '-- not a comment'");
    expect(accepted("SELECT 'x;'  ;").sql).toBe("SELECT 'x;'");
    // What DuckDB's serializer is asked about: the statement EXPLAIN explains.
    expect(accepted('EXPLAIN ANALYZE SELECT 1;').query).toBe('SELECT 1');
    expect(accepted('/* q */ explain SELECT 2').query).toBe('SELECT 2');
    expect(accepted('SELECT 3').query).toBe('SELECT 3');
  });

  it('refuses more than one statement, even when each is read-only', () => {
    expect(refused('SELECT 1; SELECT 2')).toContain('一次只能执行一条语句');
    expect(refused('SELECT 1; DROP TABLE projects')).toContain('2 条');
    expect(refused("SELECT ';'; DELETE FROM projects")).toContain('一次只能执行一条语句');
  });

  it('refuses writes, attaches, loads and settings, in any case', () => {
    const cases: [string, string][] = [
      ['DROP TABLE projects', '只允许只读查询'],
      ['drop table projects', '只允许只读查询'],
      ["INSERT INTO projects (project_id) VALUES ('x')", '“INSERT”'],
      ["UPDATE projects SET name = 'x'", '“UPDATE”'],
      ['DELETE FROM checks', '“DELETE”'],
      ['CREATE TABLE t AS SELECT 1', '“CREATE”'],
      ['ALTER TABLE projects ADD COLUMN x INT', '“ALTER”'],
      ["ATTACH 'evil.db' AS e", '“ATTACH”'],
      ["COPY projects TO 'out.csv'", '“COPY”'],
      ['INSTALL httpfs', '“INSTALL”'],
      ['LOAD httpfs', '“LOAD”'],
      ['PRAGMA database_list', '“PRAGMA”'],
      ['SET threads = 1', '“SET”'],
      ['CALL pragma_version()', '“CALL”'],
      ["EXPORT DATABASE 'x'", '“EXPORT”'],
      ["IMPORT DATABASE 'x'", '“IMPORT”'],
      ['BEGIN TRANSACTION', '“BEGIN”'],
      ['PIVOT projects ON year', '“PIVOT”']
    ];
    for (const [sql, says] of cases) expect(refused(sql), sql).toContain(says);
  });

  it('refuses write keywords hidden inside a read-only statement', () => {
    expect(refused('WITH x AS (SELECT 1) INSERT INTO projects SELECT * FROM x')).toContain('INSERT');
    expect(refused("EXPLAIN COPY projects TO 'x.csv'")).toContain('COPY');
    expect(refused('EXPLAIN DROP TABLE projects')).toContain('DROP');
    expect(refused('SELECT * FROM projects; -- \n UPDATE projects SET year = 1')).toContain('一次只能');
    expect(refused('with t as (select 1) delete from checks')).toContain('DELETE');
  });

  it('refuses table functions that read files or URLs or run SQL text', () => {
    expect(refused("SELECT * FROM read_csv('x.csv')")).toContain('read_csv()');
    expect(refused("SELECT * FROM read_parquet('https://example.org/x.parquet')")).toContain(
      'read_parquet()'
    );
    expect(refused("FROM parquet_scan('x')")).toContain('parquet_scan()');
    expect(refused("SELECT * FROM glob('*')")).toContain('glob()');
    expect(refused("SELECT * FROM query('SELECT 1')")).toContain('query()');
    // The same names as columns are fine.
    expect(accepted('SELECT 1 AS query').ok).toBe(true);
  });

  it('refuses unbalanced parentheses, which could close the subquery it runs in', () => {
    expect(refused('SELECT 1) AS x, (SELECT 2')).toContain('括号不配对');
    expect(refused('SELECT (1')).toContain('缺少');
    expect(accepted("SELECT ')' AS p, (1 + 2) AS n").ok).toBe(true);
  });

  it('refuses empty input and unterminated literals with a clear reason', () => {
    expect(refused('')).toContain('请输入');
    expect(refused(' ; -- nothing ')).toContain('请输入');
    expect(refused("SELECT 'open")).toContain('单引号');
    expect(refused('SELECT "open')).toContain('双引号');
    expect(refused('SELECT 1 /* open')).toContain('注释');
  });
});
