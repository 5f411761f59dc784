/** Runs the real ingest script and reads its Parquet back with DuckDB (Node), for tests. */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './seeds';

/** Runs `npm run ingest` (the script itself) with options; returns exit code and output. */
export function runIngest(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts/run.js'), path.join(ROOT, 'scripts/ingest.ts'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120_000
    }
  );
}

/** Runs SQL over a folder of Parquet files (`$D` in the SQL stands for the folder); decimals come back as exact strings. */
export async function queryParquet(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const reader = await con.runAndReadAll(sql.replaceAll('$D', dir.replace(/'/g, "''")));
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The bytes of every file of a folder, by name: to check that an output was left untouched. */
export function snapshotFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')])
  );
}
