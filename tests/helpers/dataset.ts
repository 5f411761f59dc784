/** The seeds ingested once per test worker, as Parquet in a temporary folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditDataset } from '../../src/lib/audit';
import { ingestSources } from '../../src/lib/ingest/pipeline';
import { writeParquetTables } from '../../scripts/lib/parquet';
import { manifest, rawSources } from './seeds';

let dir: Promise<string> | null = null;

/** A folder holding the contract's Parquet files for the five seeds. */
export function seedParquetDir(): Promise<string> {
  dir ??= (async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'seed-parquet-'));
    const { dataset } = ingestSources(rawSources(), manifest(), { audit: auditDataset });
    await writeParquetTables(dataset, out);
    return out;
  })();
  return dir;
}
