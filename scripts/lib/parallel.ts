/**
 * Ingests sources on every core: worker threads parse, audit and write batches of sources to
 * their own part files, and send back what the run needs, in the plan's order.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FormatEnv } from '../../src/lib/ingest/formats/index';
import type { SourceJob, SourceSummary } from '../../src/lib/ingest/pipeline';
import { ingestBatch } from './ingest-batch';
import { PartWriter } from './parts';

/**
 * Below this much work, starting workers costs more than it saves: 64 text sources, or a few
 * megabytes of PDFs and workbooks (tens of milliseconds a page, where a text takes about three).
 */
const MIN_PARALLEL = 64;
const MIN_PARALLEL_BYTES = 2_000_000;
const BATCH = 16;

/** How many sources go to a worker at once: whole batches of texts, PDFs and workbooks one by one. */
function batchSize(jobs: readonly SourceJob[]): number {
  return jobs.some((j) => j.file.bytes.length > 100_000) ? 1 : BATCH;
}

/** How many workers: INGEST_WORKERS, else one per core (at most 8). */
export function workerCount(): number {
  const env = Number(process.env.INGEST_WORKERS);
  if (process.env.INGEST_WORKERS && Number.isInteger(env) && env >= 0) return env;
  return Math.min(8, availableParallelism());
}

/**
 * The worker's code: scripts/run.js bundles it beside the ingest (`npm run ingest`), as one plain
 * JavaScript file that every worker thread loads without transforming TypeScript.
 */
function workerScript(): string {
  const file = fileURLToPath(new URL('./parse-worker-impl.mjs', import.meta.url));
  if (!existsSync(file))
    throw new Error(
      `解析线程脚本 ${file} 不存在：请以 npm run ingest（node scripts/run.js scripts/ingest.ts）运行`
    );
  return file;
}

type Reply = { id: number; outcomes: SourceSummary[] } | { id: number; failure: string } | 'closed';

/** Ingests every job into part files under `dir`; returns the outcomes in the jobs' order. */
export async function ingestAll(
  jobs: readonly SourceJob[],
  dir: string,
  formats: FormatEnv,
  workers = workerCount()
): Promise<SourceSummary[]> {
  const bytes = jobs.reduce((n, j) => n + j.file.bytes.length, 0);
  if (workers <= 1 || jobs.length < 2 || (jobs.length < MIN_PARALLEL && bytes < MIN_PARALLEL_BYTES)) {
    const writer = new PartWriter(dir, 'inline');
    try {
      return await ingestBatch(jobs, writer, formats);
    } finally {
      writer.close();
    }
  }
  const outcomes: SourceSummary[] = new Array(jobs.length);
  const batches: { id: number; jobs: SourceJob[] }[] = [];
  const size = batchSize(jobs);
  for (let i = 0; i < jobs.length; i += size) batches.push({ id: i, jobs: jobs.slice(i, i + size) });
  let next = 0;
  const script = workerScript();
  const pool = Array.from(
    { length: Math.min(workers, batches.length) },
    (_, k) => new Worker(script, { workerData: { dir, id: `w${k}`, formats } })
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
