/** A worker thread of `npm run ingest`: ingests the batches it is sent into its own part files. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceJob } from '../../src/lib/ingest/pipeline';
import { ingestBatch } from './ingest-batch';
import { PartWriter } from './parts';

const { dir, id } = workerData as { dir: string; id: string };
const writer = new PartWriter(dir, id);

parentPort?.on('message', (msg: { id: number; jobs: SourceJob[] } | 'close') => {
  if (msg === 'close') {
    writer.close();
    parentPort?.postMessage('closed');
    return;
  }
  try {
    parentPort?.postMessage({ id: msg.id, outcomes: ingestBatch(msg.jobs, writer) });
  } catch (e) {
    // A defect rather than a bad source (those come back as outcomes): stop the run.
    parentPort?.postMessage({ id: msg.id, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
