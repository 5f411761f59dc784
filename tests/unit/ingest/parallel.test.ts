/**
 * `npm run ingest` parses in worker threads when there are many sources, and in its own thread
 * when there are few; the two must write the same data, and the same data as the pure pipeline
 * the browser runs.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../../src/lib/schema/tables';
import { ingestAudit } from '../../../src/lib/audit';
import { parseManifest } from '../../../src/lib/ingest/manifest';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { queryParquet, runIngest } from '../../helpers/ingest';
import { ROOT, sha256 } from '../../helpers/seeds';

describe('an ingest of many sources', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'parallel-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const synth = path.join(work, 'synth');
  const made = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'scripts/run.js'),
      path.join(ROOT, 'scripts/synth.ts'),
      '--districts',
      '3',
      '--years',
      '8',
      '--projects',
      '12',
      '--seed',
      '3',
      '--out',
      synth,
      '--quiet'
    ],
    { cwd: ROOT, encoding: 'utf8' }
  );
  const args = (out: string) => [
    '--raw',
    path.join(synth, 'raw'),
    '--manifest',
    path.join(synth, 'sources.csv'),
    '--out',
    out,
    '--quiet'
  ];

  it('writes the same rows with two worker threads as in one thread', { timeout: 120_000 }, async () => {
    expect(made.status, made.stderr).toBe(0);
    const inline = path.join(work, 'inline');
    const workers = path.join(work, 'workers');
    expect(runIngest(args(inline), { INGEST_WORKERS: '0' }).status).toBe(0);
    // Run from the work folder with a relative --out, as `npm run ingest -- --out dir` is.
    const run = runIngest(args('workers'), { INGEST_WORKERS: '2' }, work);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(workers, 'report.json'), 'utf8'));
    expect(report.totals.sources).toBeGreaterThan(64); // enough for the worker path
    for (const table of TABLE_NAMES) {
      const [diff] = await queryParquet(
        work,
        `SELECT (SELECT count(*) FROM (SELECT * FROM '$D/inline/${table}.parquet' EXCEPT ALL SELECT * FROM '$D/workers/${table}.parquet'))::INTEGER AS missing,
                (SELECT count(*) FROM (SELECT * FROM '$D/workers/${table}.parquet' EXCEPT ALL SELECT * FROM '$D/inline/${table}.parquet'))::INTEGER AS extra,
                (SELECT count(*) FROM '$D/workers/${table}.parquet')::INTEGER AS n`
      );
      expect(diff, table).toMatchObject({ missing: 0, extra: 0 });
      expect((diff as { n: number }).n, table).toBeGreaterThan(0);
    }
    expect(readFileSync(path.join(workers, 'report.json'), 'utf8')).toBe(
      readFileSync(path.join(inline, 'report.json'), 'utf8')
    );

    // The pure pipeline (what the browser's import runs) gives the same rows and findings.
    const files = readdirSync(path.join(synth, 'raw')).map((file) => {
      const bytes = readFileSync(path.join(synth, 'raw', file));
      return { file, bytes, sha256: sha256(bytes) };
    });
    const manifest = parseManifest(readFileSync(path.join(synth, 'sources.csv'), 'utf8'));
    const { dataset } = await ingestSources(files, manifest, { audit: ingestAudit });
    for (const table of TABLE_NAMES) {
      const [{ n } = { n: -1 }] = await queryParquet(
        work,
        `SELECT count(*)::INTEGER AS n FROM '$D/workers/${table}.parquet'`
      );
      expect(n, table).toBe(dataset[table].length);
    }
  });
});
