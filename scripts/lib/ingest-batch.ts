/**
 * The per-source half of `npm run ingest`, run in worker threads (or inline for a few sources):
 * read, parse and audit a batch of sources with the ingest's own `ingestSource`, write the rows
 * to this writer's part files, and send back only what the whole run needs (`SourceSummary`).
 */
import { ingestAudit } from '../../src/lib/audit/index';
import { ingestSource, type SourceJob, type SourceSummary } from '../../src/lib/ingest/pipeline';
import type { FormatEnv } from '../../src/lib/ingest/formats/index';
import type { PartWriter } from './parts';

/** Ingests the jobs one after another into the writer's part files. */
export async function ingestBatch(
  jobs: readonly SourceJob[],
  writer: PartWriter,
  formats: FormatEnv
): Promise<SourceSummary[]> {
  const out: SourceSummary[] = [];
  for (const job of jobs) {
    const outcome = await ingestSource(job, { audit: ingestAudit, formats });
    if (!outcome.ok) {
      out.push(outcome);
      continue;
    }
    const { source, checks, ...summary } = outcome;
    writer.append('projects', source.projects);
    writer.append('sources', [summary.record]);
    writer.append('indicators', source.indicators);
    writer.append('budget_lines', source.budget_lines);
    writer.append('safeguards', source.safeguards);
    writer.append('checks', checks);
    out.push(summary);
  }
  return out;
}
