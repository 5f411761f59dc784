/**
 * The per-source half of `npm run ingest`, run in worker threads (or inline for a few sources):
 * parse a batch of sources, audit each project against its own records, write the rows to this
 * writer's part files, and send back only what the whole run needs: the projects (for the
 * cross-year audit), each source's report row, and fatal errors.
 */
import { auditProject } from '../../src/lib/audit/index';
import {
  parseSource,
  sourceReportOf,
  toSourceRecord,
  type SourceJob,
  type SourceReport
} from '../../src/lib/ingest/pipeline';
import type { CheckRecord, ProjectRecord } from '../../src/lib/schema/records';
import type { PartWriter } from './parts';

export type BatchOutcome =
  | {
      ok: true;
      report: SourceReport;
      projects: ProjectRecord[];
      checks: CheckRecord['severity'][];
    }
  | { ok: false; error: { file: string; line: number; reason: string } };

function byProject<T extends { project_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.project_id);
    if (list) list.push(r);
    else map.set(r.project_id, [r]);
  }
  return map;
}

export function ingestBatch(jobs: readonly SourceJob[], writer: PartWriter): BatchOutcome[] {
  return jobs.map((job): BatchOutcome => {
    const outcome = parseSource(job);
    if (!outcome.ok) return outcome;
    const { source, encoding } = outcome;
    const indicators = byProject(source.indicators);
    const lines = byProject(source.budget_lines);
    const checks: CheckRecord[] = [];
    for (const p of source.projects)
      for (const c of auditProject(p, indicators.get(p.project_id) ?? [], lines.get(p.project_id) ?? []))
        checks.push(c);
    writer.append('projects', source.projects);
    writer.append('sources', [toSourceRecord(source, job.file.sha256)]);
    writer.append('indicators', source.indicators);
    writer.append('budget_lines', source.budget_lines);
    writer.append('safeguards', source.safeguards);
    writer.append('checks', checks);
    return {
      ok: true,
      report: sourceReportOf(source, job.file.sha256, encoding),
      projects: source.projects,
      checks: checks.map((c) => c.severity)
    };
  });
}
