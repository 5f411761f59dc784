/**
 * Exports of local records: Parquet written in JavaScript reads back in DuckDB with the contract's
 * types (money DECIMAL(18,2), exact) and the same values as the ingest's own Parquet; CSV carries
 * money as exact text.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../../src/lib/local/analyse';
import { toParquet, toTableCsv } from '../../../src/lib/local/export';
import { TABLES, TABLE_NAMES } from '../../../src/lib/schema/tables';
import { seedParquetDir } from '../../helpers/dataset';
import { queryParquet } from '../../helpers/ingest';
import { SEEDS, rawSources } from '../../helpers/seeds';

const source = rawSources().find((f) => f.file === SEEDS['004']);
if (!source) throw new Error('004 missing');
const analysis = await analyseFile(source);
const out = mkdtempSync(path.join(tmpdir(), 'local-export-'));
let seeds = '';

beforeAll(async () => {
  seeds = await seedParquetDir();
  for (const t of ['projects', 'indicators', 'sources'] as const)
    writeFileSync(path.join(out, `${t}.parquet`), new Uint8Array(toParquet(t, analysis.dataset[t])));
  // Tables without rows are valid files too.
  writeFileSync(path.join(out, 'budget_lines.parquet'), new Uint8Array(toParquet('budget_lines', [])));
});

describe('toParquet', () => {
  it('writes the contract’s column types, money as DECIMAL(18,2)', async () => {
    for (const t of ['projects', 'indicators', 'budget_lines'] as const) {
      const described = await queryParquet(out, `DESCRIBE SELECT * FROM '$D/${t}.parquet'`);
      expect(described.map((r) => [r.column_name, r.column_type])).toEqual(
        TABLES[t].columns.map((c) => [c.name, c.type])
      );
    }
  });

  it('keeps every value exactly as the ingest writes it (004 社会救助: 16687069.74)', async () => {
    const ids = analysis.dataset.projects.map((p) => `'${p.project_id}'`).join(',');
    const mine = await queryParquet(out, `SELECT * FROM '$D/projects.parquet' ORDER BY project_id`);
    const theirs = await queryParquet(
      seeds,
      `SELECT * FROM '$D/projects.parquet' WHERE project_id IN (${ids}) ORDER BY project_id`
    );
    expect(mine).toEqual(theirs);
    expect(mine.find((r) => String(r.name).includes('社会救助'))?.executed_amount).toBe('16687069.74');
    const inds = await queryParquet(out, `SELECT * FROM '$D/indicators.parquet' ORDER BY indicator_id`);
    const theirInds = await queryParquet(
      seeds,
      `SELECT * FROM '$D/indicators.parquet' WHERE project_id IN (${ids}) ORDER BY indicator_id`
    );
    expect(inds).toHaveLength(83);
    expect(inds).toEqual(theirInds);
  });
});

describe('toTableCsv', () => {
  it('has the contract’s column names and exact money text', () => {
    const csv = toTableCsv('projects', analysis.dataset.projects);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(TABLES.projects.columns.map((c) => c.name));
    expect(parsed.data.find((r) => r.name?.includes('社会救助'))?.executed_amount).toBe('16687069.74');
    expect(TABLE_NAMES).toContain('projects');
  });
});
