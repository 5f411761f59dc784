/** Long lists (findings, missed indicators, projects, the ingest report) in a prerendered page. Pure. */
import type { Row } from '../charts/spec';
import type { IngestReport, Refusal } from '../ingest/pipeline';

/**
 * Rows of a long list (findings, missed indicators, projects) that a prerendered page carries: its
 * table's first pages, enough to read with JavaScript off. At a million indicator rows a whole
 * list would make pages of over a hundred megabytes; the browser queries the rest on request.
 */
export const PRERENDERED_LIST_ROWS = 200;

/**
 * The views with each of `lists` cut to its first `max` rows, and the full length of each list
 * that was cut (`cut`; absent for a list that was whole), which the page shows and lists whole on request.
 */
export function capLists<K extends string>(
  views: Record<K, Row[]>,
  lists: readonly NoInfer<K>[],
  max: number
): { views: Record<K, Row[]>; cut: Partial<Record<K, number>> } {
  const out = { ...views };
  const cut: Partial<Record<K, number>> = {};
  for (const k of lists)
    if (views[k].length > max) {
      out[k] = views[k].slice(0, max);
      cut[k] = views[k].length;
    }
  return { views: out, cut };
}

/**
 * The ingest report as the 数据 page lists it: the first `max` of what was refused (each as
 * `describe` words it, `file:line: reason`), of the sources (each with its number of warnings and
 * of skipped pages) and of the warnings, with the totals and how many of each there are;
 * report.json, which the page links, holds them all. `describe` is the ingest's own
 * (`describeRefusal`), passed in so that this module imports nothing of the ingest.
 */
export function reportForPage(report: IngestReport, max: number, describe: (r: Refusal) => string) {
  const warnings = [...report.warnings, ...report.sources.flatMap((s) => s.warnings)];
  return {
    refused: report.refused.slice(0, max).map(describe),
    sources: report.sources
      .slice(0, max)
      .map(({ warnings: w, sha256: _sha256, skipped_pages: skipped, ...s }) => ({
        ...s,
        warnings: w.length,
        skipped_pages: skipped.length
      })),
    warnings: warnings.slice(0, max),
    totals: report.totals,
    counts: { sources: report.sources.length, warnings: warnings.length, refused: report.refused.length }
  };
}
