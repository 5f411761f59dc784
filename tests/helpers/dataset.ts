/** The seeds (and the seeds with documents from other cities) ingested once per test worker, as Parquet in a temporary folder. */
import { ingestAudit } from '../../src/lib/audit';
import { ingestSources } from '../../src/lib/ingest/pipeline';
import { writeParquetTables } from '../../scripts/lib/parquet';
import { elsewhereSources } from './elsewhere';
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

let elsewhere: ReturnType<typeof ingestSources> | null = null;

/** The seeds with 临江县's, 成都市's and a refused document (./elsewhere.ts), ingested: records and report. */
export function ingestElsewhere(): ReturnType<typeof ingestSources> {
  elsewhere ??= (async () => {
    const { files, manifest: m } = elsewhereSources();
    return ingestSources(files, m, { audit: ingestAudit });
  })();
  return elsewhere;
}

let elsewhereDir: Promise<string> | null = null;

/** A folder holding the contract's Parquet files for the seeds and the documents from other cities. */
export function elsewhereParquetDir(): Promise<string> {
  elsewhereDir ??= (async () => {
    const out = tempDir('elsewhere-parquet');
    await writeParquetTables((await ingestElsewhere()).dataset, out);
    return out;
  })();
  return elsewhereDir;
}
