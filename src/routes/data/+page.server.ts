// 数据: the dictionary, the downloads and the last ingest's report (read at build time): what it
// refused, its sources and warnings, each cut to its first LIST_ROWS (report.json, linked, holds
// them all).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeRefusal, type IngestReport } from '$lib/ingest/pipeline';
import { DATA_DIR } from '$lib/server/duckdb';
import { LIST_ROWS } from '$lib/server/prerender';
import { reportForPage } from '$lib/views/lists';

export function load() {
  const report = JSON.parse(readFileSync(path.join(DATA_DIR, 'report.json'), 'utf8')) as IngestReport;
  return reportForPage(report, LIST_ROWS, describeRefusal);
}
