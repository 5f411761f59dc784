/** Long lists (findings, missed indicators, projects) in a prerendered page. Pure. */
import type { Row } from '../charts/spec';

/**
 * Rows of a long list (findings, missed indicators, projects) that a prerendered page carries: its
 * table's first pages, enough to read with JavaScript off. At a million indicator rows a whole
 * list would make pages of over a hundred megabytes; the browser queries the rest.
 */
export const PRERENDERED_LIST_ROWS = 200;

/**
 * The views with each of `lists` cut to its first `max` rows, and the full length of each list
 * that was cut (`cut`; absent for a list that was whole), which the page shows and completes live.
 */
export function capLists<K extends string>(
  views: Record<K, Row[]>,
  lists: readonly NoInfer<K>[],
  max = PRERENDERED_LIST_ROWS
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
