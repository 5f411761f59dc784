/** A worker thread of `npm run ingest`: ingests the batches it is sent into its own part files. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FormatEnv } from '../../src/lib/ingest/formats/index';
import type { SourceJob } from '../../src/lib/ingest/pipeline';
import { ingestBatch } from './ingest-batch';
import { PartWriter } from './parts';

const { dir, id, formats } = workerData as { dir: string; id: string; formats: FormatEnv };
const writer = new PartWriter(dir, id);

parentPort?.on('message', (msg: { id: number; jobs: SourceJob[] } | 'close') => {
  if (msg === 'close') {
    writer.close();
    parentPort?.postMessage('closed');
    return;
  }
  ingestBatch(msg.jobs, writer, formats).then(
    (outcomes) => parentPort?.postMessage({ id: msg.id, outcomes }),
    // A defect rather than a bad source (those come back as outcomes): stop the run.
    (e: unknown) =>
      parentPort?.postMessage({
        id: msg.id,
        failure: e instanceof Error ? (e.stack ?? e.message) : String(e)
      })
  );
});
