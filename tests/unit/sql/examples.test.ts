/** The SQL page's examples pass its guard and answer with the seeds' real figures. */
import { beforeAll, describe, expect, it } from 'vitest';
import { SQL_EXAMPLES } from '../../../src/lib/sql/examples';
import { checkReadOnlySql } from '../../../src/lib/sql/guard';
import { runQuery } from '../../../src/lib/server/duckdb';
import { seedParquetDir } from '../../helpers/dataset';

let dir = '';
beforeAll(async () => {
  dir = await seedParquetDir();
});
const example = (title: string) => {
  const e = SQL_EXAMPLES.find((x) => x.title === title);
  if (!e) throw new Error(title);
  return e.sql;
};

describe('SQL_EXAMPLES', () => {
  it('are each one read-only statement', () => {
    for (const e of SQL_EXAMPLES) expect(checkReadOnlySql(e.sql).ok, e.title).toBe(true);
  });

  it('execution rate by district and year: 松江区 2021 spent 40872251.16', async () => {
    const rows = await runQuery({ sql: example('各区各年度执行率'), params: [] }, dir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 区: '松江区', 年度: 2021, 项目数: 7n });
    // DECIMAL sums stay exact in DuckDB (Node returns them as numbers here).
    expect(String(rows[0]?.全年执行数_元)).toBe('40872251.16');
    expect(Number(rows[0]?.执行率_百分比)).toBeGreaterThan(100);
  });

  it('missed targets come with their reasons', async () => {
    const rows = await runQuery({ sql: example('未达成的指标及原因'), params: [] }, dir);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.年度 === 2021)).toBe(true);
    expect(rows.some((r) => typeof r.偏差原因 === 'string' && r.偏差原因.length > 10)).toBe(true);
  });

  it('findings by rule and local projects run too (no local projects at build time)', async () => {
    const rules = await runQuery({ sql: example('审计发现按规则统计'), params: [] }, dir);
    expect(rules.length).toBeGreaterThan(3);
    expect(await runQuery({ sql: example('本地导入的项目'), params: [] }, dir)).toEqual([]);
  });
});
