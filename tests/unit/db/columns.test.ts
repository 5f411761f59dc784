/** Contract tables to Arrow without code generation: values, nulls and money come through exactly. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquetToArrow, recordsToArrow, typedTableSql } from '../../../src/lib/db/columns';
import { runQuery } from '../../../src/lib/server/duckdb';
import { seedParquetDir } from '../../helpers/dataset';
import { parseSeed, projectNamed } from '../../helpers/seeds';

let dir = '';
beforeAll(async () => {
  dir = await seedParquetDir();
});

describe('records to Arrow', () => {
  it('carries strings, numbers, booleans, dates, nulls and money as fen', () => {
    const s = parseSeed('004');
    const p = projectNamed(s, '社会救助');
    const table = recordsToArrow('projects', [
      p,
      { ...projectNamed(parseSeed('000'), '医疗补助'), name: '含 emoji 😀 与 <b>标签</b>' }
    ]);
    expect(table.numRows).toBe(2);
    expect(table.getChild('name')?.get(0)).toBe('社会救助');
    expect(table.getChild('name')?.get(1)).toBe('含 emoji 😀 与 <b>标签</b>');
    expect(table.getChild('executed_amount')?.get(0)).toBe(1668706974n);
    expect(table.getChild('executed_amount')?.get(1)).toBeNull();
    expect(table.getChild('execution_rate')?.get(0)).toBe(1.1595);
    expect(table.getChild('start_date')?.get(0)).toBeNull();
    expect(table.getChild('start_date')?.get(1)).toBe(20454); // 2026-01-01 in days since 1970
    const inds = recordsToArrow('indicators', s.indicators.slice(0, 2));
    expect(inds.getChild('achieved')?.toArray()).toEqual([false, true]);
  });

  it('turns the carried columns back into contract types in SQL', () => {
    expect(typedTableSql('budget_lines', 'raw')).toBe(
      'CREATE OR REPLACE TABLE "budget_lines" AS SELECT "project_id"::VARCHAR AS "project_id", "seq"::SMALLINT AS "seq", "content"::VARCHAR AS "content", "detail"::VARCHAR AS "detail", ("amount"::DECIMAL(18,0) * 0.01)::DECIMAL(18,2) AS "amount", ("unit_price"::DECIMAL(18,0) * 0.01)::DECIMAL(18,2) AS "unit_price", "quantity"::DOUBLE AS "quantity", "note"::VARCHAR AS "note", "source_file"::VARCHAR AS "source_file", "source_line"::INTEGER AS "source_line", "source_page"::SMALLINT AS "source_page" FROM "raw"'
    );
  });
});

describe('Parquet to Arrow', () => {
  it('decodes every table with DECIMAL columns unscaled, so no amount is a float', async () => {
    const buffer = readFileSync(path.join(dir, 'projects.parquet'));
    const table = await parquetToArrow(
      'projects',
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
    );
    expect(table.numRows).toBe(41);
    const names = table.getChild('name')?.toArray() as string[];
    const years = table.getChild('year')?.toArray() as Int16Array;
    const adjusted = table.getChild('budget_adjusted')?.toArray() as BigInt64Array;
    const i = names.findIndex((n, k) => n === '社会救助' && years[k] === 2021);
    expect(adjusted[i]).toBe(1439236739n); // 14,392,367.39 元
    let total = 0n;
    for (const v of table.getChild('annual_amount')?.toArray() as BigInt64Array) total += v;
    expect(total).toBe(40536722755n); // 405,367,227.55 元 in fen
  });

  it.each(['indicators', 'budget_lines', 'safeguards', 'sources', 'checks'] as const)(
    'decodes %s',
    async (t) => {
      const buffer = readFileSync(path.join(dir, `${t}.parquet`));
      const table = await parquetToArrow(
        t,
        buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
      );
      const [{ n } = { n: 0 }] = await runQuery(
        { sql: `SELECT count(*)::INTEGER AS n FROM ${t}`, params: [] },
        dir
      );
      expect(table.numRows).toBe(n);
    }
  );
});
