import { describe, expect, it } from 'vitest';
import { capLists, PRERENDERED_LIST_ROWS, reportForPage } from '../../../src/lib/views/lists';
import { ingestAudit } from '../../../src/lib/audit';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { manifest, rawSources } from '../../helpers/seeds';
import { extremesNote } from '../../../src/lib/views/execution';
import { EXECUTION_EXTREMES } from '../../../src/lib/queries/execution';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('long lists in a prerendered page', () => {
  it('cuts only the lists named, to their first rows, and says how long they were', () => {
    const views = { findings: rows(PRERENDERED_LIST_ROWS + 5), byRule: rows(PRERENDERED_LIST_ROWS + 5) };
    const { views: out, cut } = capLists(views, ['findings'], PRERENDERED_LIST_ROWS);
    expect(out.findings).toEqual(views.findings.slice(0, PRERENDERED_LIST_ROWS));
    expect(out.byRule).toBe(views.byRule);
    expect(cut).toEqual({ findings: PRERENDERED_LIST_ROWS + 5 });
    // The views given are left as they were.
    expect(views.findings).toHaveLength(PRERENDERED_LIST_ROWS + 5);
  });

  it('leaves a list that fits whole, and says nothing of it', () => {
    const views = { missed: rows(3) };
    expect(capLists(views, ['missed'], 3)).toEqual({ views, cut: {} });
    expect(capLists(views, ['missed'], 2)).toEqual({ views: { missed: rows(2) }, cut: { missed: 3 } });
  });
});

const { report } = await ingestSources(rawSources(), manifest(), { audit: ingestAudit });

describe('the ingest report on the 数据 page', () => {
  it('lists the first sources and warnings, and counts them all', () => {
    const page = reportForPage(report, 2);
    expect(page.sources.map((s) => s.file)).toEqual(report.sources.slice(0, 2).map((s) => s.file));
    expect(page.counts).toEqual({ sources: 5, warnings: 6 });
    expect(page.warnings).toHaveLength(2);
    expect(page.totals).toEqual(report.totals);
    // Each source keeps its figures, with its warnings counted rather than listed.
    const first = report.sources[0]!;
    expect(page.sources[0]).toMatchObject({ file: first.file, projects: 6, indicators: 37, warnings: 0 });
    expect(page.sources[1]?.warnings).toBe(4);
  });

  it('lists everything when it fits', () => {
    const page = reportForPage(report, 200);
    expect(page.sources).toHaveLength(5);
    expect(page.warnings.map((w) => w.message)).toEqual(
      [...report.warnings, ...report.sources.flatMap((s) => s.warnings)].map((w) => w.message)
    );
  });
});

describe('the per-project execution charts', () => {
  it('say how many projects they leave out, and nothing when they show them all', () => {
    const shown = Array.from({ length: 2 * EXECUTION_EXTREMES }, () => ({ total: 52_000 }));
    expect(extremesNote(shown)).toBe(
      `共 52,000 个项目，图中为执行率最低与最高的各 ${EXECUTION_EXTREMES} 个；每个项目见下方“项目执行明细”。`
    );
    expect(extremesNote([{ total: 2 }, { total: 2 }])).toBe('');
    expect(extremesNote([])).toBe('');
  });
});
