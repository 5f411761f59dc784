// 数据: the dictionary, the downloads and the last ingest's report (read at build time).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IngestReport } from '$lib/ingest/pipeline';
import { DATA_DIR } from '$lib/server/duckdb';

export function load() {
  const report = JSON.parse(readFileSync(path.join(DATA_DIR, 'report.json'), 'utf8')) as IngestReport;
  return { report };
}
