/**
 * Ingests sources on every core: worker threads parse, audit and write batches of sources to
 * their own part files, and send back what the run needs, in the plan's order.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SourceJob } from '../../src/lib/ingest/pipeline';
import { ingestBatch, type BatchOutcome } from './ingest-batch';
import { PartWriter } from './parts';

/** Below this many sources, starting workers costs more than it saves. */
const MIN_PARALLEL = 64;
const BATCH = 16;

/** How many workers: INGEST_WORKERS, else one per core (at most 8). */
export function workerCount(): number {
  const env = Number(process.env.INGEST_WORKERS);
  if (process.env.INGEST_WORKERS && Number.isInteger(env) && env >= 0) return env;
  return Math.min(8, availableParallelism());
}

/**
 * The worker's code as one plain JavaScript file. Each worker thread would otherwise load tsx and
 * transform and resolve some forty TypeScript modules on its own (about a second on this machine).
 * `npm run ingest` (scripts/run.js) bundles it beside the ingest; run from its sources (by the
 * tests), the ingest bundles it here with esbuild, once for all the workers.
 */
async function workerScript(dir: string): Promise<string> {
  const bundled = fileURLToPath(new URL('./parse-worker-impl.mjs', import.meta.url));
  if (existsSync(bundled)) return bundled;
  const { build } = await import('esbuild');
  // Beside the part files: removed with them, or with the unfinished output of a killed run.
  const file = path.resolve(dir, 'parse-worker.mjs');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./parse-worker-impl.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: file,
    logLevel: 'error'
  });
  return file;
}

type Reply = { id: number; outcomes: BatchOutcome[] } | { id: number; failure: string } | 'closed';

/** Ingests every job into part files under `dir`; returns the outcomes in the jobs' order. */
export async function ingestAll(
  jobs: readonly SourceJob[],
  dir: string,
  workers = workerCount()
): Promise<BatchOutcome[]> {
  if (workers <= 1 || jobs.length < MIN_PARALLEL) {
    const writer = new PartWriter(dir, 'inline');
    try {
      return ingestBatch(jobs, writer);
    } finally {
      writer.close();
    }
  }
  const outcomes: BatchOutcome[] = new Array(jobs.length);
  const batches: { id: number; jobs: SourceJob[] }[] = [];
  for (let i = 0; i < jobs.length; i += BATCH) batches.push({ id: i, jobs: jobs.slice(i, i + BATCH) });
  let next = 0;
  const script = await workerScript(dir);
  const pool = Array.from(
    { length: Math.min(workers, batches.length) },
    (_, k) => new Worker(script, { workerData: { dir, id: `w${k}` } })
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const batch = batches[next++];
              worker.postMessage(batch ?? 'close');
            };
            worker.on('message', (msg: Reply) => {
              if (msg === 'closed') return resolve();
              if ('failure' in msg) return reject(new Error(msg.failure));
              msg.outcomes.forEach((o, k) => (outcomes[msg.id + k] = o));
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => reject(new Error(`解析线程意外退出（代码 ${code}）`)));
            send();
          })
      )
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}
