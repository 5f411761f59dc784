import { describe, expect, it } from 'vitest';
import { capLists, PRERENDERED_LIST_ROWS, reportForPage } from '../../../src/lib/views/lists';
import { ingestAudit } from '../../../src/lib/audit';
import { describeRefusal, ingestSources, type IngestReport } from '../../../src/lib/ingest/pipeline';
import { ingestElsewhere } from '../../helpers/dataset';
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
    const page = reportForPage(report, 2, describeRefusal);
    expect(page.sources.map((s) => s.file)).toEqual(report.sources.slice(0, 2).map((s) => s.file));
    expect(page.counts).toEqual({ sources: 5, warnings: 6, refused: 0 });
    expect(page.refused).toEqual([]);
    expect(page.warnings).toHaveLength(2);
    expect(page.totals).toEqual(report.totals);
    // Each source keeps its figures, with its warnings counted rather than listed.
    const first = report.sources[0]!;
    expect(page.sources[0]).toMatchObject({
      file: first.file,
      encoding: 'utf-8',
      layout: 'markdown',
      pages: null,
      skipped_pages: 0,
      projects: 6,
      indicators: 37,
      warnings: 0,
      redactions: 0
    });
    expect(page.sources[1]?.warnings).toBe(4);
  });

  it('lists everything when it fits', () => {
    const page = reportForPage(report, 200, describeRefusal);
    expect(page.sources).toHaveLength(5);
    expect(page.warnings.map((w) => w.message)).toEqual(
      [...report.warnings, ...report.sources.flatMap((s) => s.warnings)].map((w) => w.message)
    );
  });
});

describe('what the ingest refused, on the 数据 page', () => {
  it('lists a refused document as the ingest words it, and publishes the rest', async () => {
    const { report: withRefusal } = await ingestElsewhere();
    const page = reportForPage(withRefusal, 200, describeRefusal);
    expect(page.refused).toEqual([
      'zz_meeting_minutes.md:4: 无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题'
    ]);
    expect(page.counts.refused).toBe(1);
    expect(page.totals.refused).toBe(1);
    // The rest is there: the five seeds, 临江县's and 成都市's documents.
    expect(page.sources.map((s) => s.file)).toEqual([
      ...report.sources.map((s) => s.file),
      'zz_chengdu_target_2024.md',
      'zz_linjiang_selfeval_2024.md'
    ]);
  });

  it('cuts a long refused list to its first rows, in the ingest order, and counts them all', () => {
    const refused: IngestReport['refused'] = [
      { file: 'data/sources.csv', line: 7, page: null, reason: '登记的文件 a.pdf 不存在' },
      { file: 'book.pdf', line: 12, page: 3, reason: '第 3 页是扫描图像，没有文字层' },
      { file: 'minutes.md', line: 1, page: null, reason: '无法识别表格类型' }
    ];
    const long = { ...report, refused, totals: { ...report.totals, refused: 3 } };
    const page = reportForPage(long, 2, describeRefusal);
    expect(page.refused).toEqual([
      'data/sources.csv:7: 登记的文件 a.pdf 不存在',
      'book.pdf 第 3 页第 12 行：第 3 页是扫描图像，没有文字层'
    ]);
    expect(page.counts.refused).toBe(3);
    expect(page.totals.refused).toBe(3);
    expect(reportForPage(long, 3, describeRefusal).refused).toHaveLength(3);
    // The report itself is left whole.
    expect(long.refused).toHaveLength(3);
  });

  it('counts a book’s skipped pages rather than listing them', () => {
    const [first] = report.sources;
    const book = {
      ...report,
      sources: [{ ...first!, layout: 'pdf' as const, encoding: null, pages: 40, skipped_pages: [1, 2, 3] }]
    };
    expect(reportForPage(book, 200, describeRefusal).sources[0]).toMatchObject({
      layout: 'pdf',
      encoding: null,
      pages: 40,
      skipped_pages: 3
    });
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
