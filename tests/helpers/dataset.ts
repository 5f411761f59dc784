/** The seeds ingested once per test worker, as Parquet in a temporary folder. */
import { ingestAudit } from '../../src/lib/audit';
import { ingestSources } from '../../src/lib/ingest/pipeline';
import { writeParquetTables } from '../../scripts/lib/parquet';
import { manifest, rawSources } from './seeds';
import { tempDir } from './tmp';

let dir: Promise<string> | null = null;

/** A folder holding the contract's Parquet files for the five seeds. */
export function seedParquetDir(): Promise<string> {
  dir ??= (async () => {
    const out = tempDir('seed-parquet');
    const { dataset } = await ingestSources(rawSources(), manifest(), { audit: ingestAudit });
    await writeParquetTables(dataset, out);
    return out;
  })();
  return dir;
}
