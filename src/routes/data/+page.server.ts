// 数据: the dictionary, the downloads and the last ingest's report (read at build time).
import { readFileSync } from 'node:fs';
import type { IngestReport } from '$lib/ingest/pipeline';

export function load() {
  const report = JSON.parse(readFileSync('static/data/report.json', 'utf8')) as IngestReport;
  return { report };
}
