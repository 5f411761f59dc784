/**
 * Crash safety: an ingest killed while it writes leaves the previous Parquet set complete and
 * readable, and the next run cleans up after it.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagingFolder } from '../../../scripts/lib/output';
import { queryParquet, runIngest, snapshotFolder } from '../../helpers/ingest';
import { RAW, ROOT, SEEDS } from '../../helpers/seeds';

/** Many distinct copies of the seeds, with their manifest, so that an ingest takes a while. */
function bigSource(dir: string, copies: number): { raw: string; manifest: string } {
  const raw = path.join(dir, 'raw');
  mkdirSync(raw);
  const [header, ...rows] = readFileSync(path.join(ROOT, 'data/sources.csv'), 'utf8').trimEnd().split('\n');
  // Only the copies: the manifest must not name files that are not in this raw folder.
  const manifestLines = [header as string];
  for (let k = 0; k < copies; k++)
    for (const file of Object.values(SEEDS)) {
      const name = `${String(k).padStart(4, '0')}_${file}`;
      // A different number of trailing newlines makes each copy a different source (another SHA-256).
      writeFileSync(path.join(raw, name), readFileSync(path.join(RAW, file), 'utf8') + '\n'.repeat(k + 1));
      const row = rows.find((r) => r.startsWith(`${file},`)) as string;
      manifestLines.push(row.replace(file, name));
    }
  const manifest = path.join(dir, 'sources.csv');
  writeFileSync(manifest, `${manifestLines.join('\n')}\n`);
  return { raw, manifest };
}

describe('an ingest killed midway', () => {
  it('leaves the previous Parquet set complete and readable', { timeout: 180_000 }, async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'crash-'));
    const out = path.join(work, 'data');
    // The previous, complete output: the five seeds.
    expect(runIngest(['--out', out, '--quiet']).status).toBe(0);
    const before = snapshotFolder(out);
    const { raw, manifest } = bigSource(work, 150);

    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'scripts/run.js'),
        path.join(ROOT, 'scripts/ingest.ts'),
        '--raw',
        raw,
        '--manifest',
        manifest,
        '--out',
        out,
        '--quiet'
      ],
      // Its own process group: esbuild runs a service process beside it, and the whole group is killed.
      { cwd: ROOT, stdio: 'ignore', detached: true }
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill it once it has started writing the new set, in the staging folder beside `work`: the
    // folder `out` sits in (static/ in a real run) is published by the build, and must never
    // hold anything but the finished set.
    const staging = stagingFolder(out);
    expect(path.dirname(staging)).toBe(path.dirname(work));
    const writing = () =>
      existsSync(staging)
        ? readdirSync(staging).find(
            (f) => f.startsWith('data.tmp-') && readdirSync(path.join(staging, f)).length > 0
          )
        : undefined;
    const seenBesideOut = new Set<string>();
    const started = Date.now();
    while (!writing() && Date.now() - started < 90_000) {
      for (const f of readdirSync(work)) if (f.startsWith('data.')) seenBesideOut.add(f);
      await new Promise((r) => setTimeout(r, 2));
    }
    const tmp = writing();
    expect(tmp, 'the ingest never started writing').toMatch(/^data\.tmp-\d+$/);
    process.kill(-(child.pid as number), 'SIGKILL');
    expect(await exited).toBe(null);
    for (const f of readdirSync(work)) if (f.startsWith('data.')) seenBesideOut.add(f);
    expect([...seenBesideOut]).toEqual([]);

    // The previous set is untouched and DuckDB reads it.
    expect(snapshotFolder(out)).toEqual(before);
    const [{ n } = { n: 0 }] = await queryParquet(
      out,
      `SELECT count(*)::INTEGER AS n FROM '$D/projects.parquet'`
    );
    expect(n).toBe(41);

    // The next run cleans up the half-written folder and succeeds.
    expect(runIngest(['--out', out, '--quiet']).status).toBe(0);
    expect(existsSync(path.join(staging, tmp as string))).toBe(false);
    expect(existsSync(staging)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('data.'))).toEqual([]);
    copyFileSync(path.join(out, 'report.json'), path.join(work, 'report-after.json'));
    expect(JSON.parse(readFileSync(path.join(work, 'report-after.json'), 'utf8')).totals.projects).toBe(41);
    rmSync(work, { recursive: true, force: true });
  });
});
