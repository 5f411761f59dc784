// The names an ingest gives its unfinished output folders. One list for the ingest
// (scripts/lib/output.ts), which writes them, and the build (scripts/lib/published-assets.js),
// which must never publish them. Plain JavaScript, because scripts/build.js runs without a bundler.

/** Marks the folder a run writes its new set into, before it swaps it in: `data.tmp-<pid>`. */
export const TMP_MARK = '.tmp-';
/** Marks the previous set, put aside for the instant between the swap's two renames: `data.old-<pid>`. */
export const OLD_MARK = '.old-';
/** Marks the folder, beside a published folder, where an ingest stages those two: `.static.staging`. */
export const STAGING_SUFFIX = '.staging';

/**
 * Whether a file or folder name is an ingest's unfinished or superseded output (`data.tmp-123`,
 * `data.old-123`), which a killed run can leave behind.
 * @param {string} name
 * @returns {boolean}
 */
export function isUnfinishedOutput(name) {
  return /\.(?:tmp|old)-\d+$/.test(name);
}
