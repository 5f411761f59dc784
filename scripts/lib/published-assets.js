// What the build publishes of the static folder (static/, or $STATIC_DIR): every file but an
// ingest's unfinished output. The ingest stages its temporaries outside static/
// (scripts/lib/output.ts), but a run killed by an older version, or one whose static/ is a mount
// point, can still leave `data.tmp-<pid>/` (parsed records, a half-written Parquet file) or
// `data.old-<pid>/` there, and Vite and SvelteKit copy the static folder whole. So the build
// gives them a mirror of the static folder that holds only the finished files.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { isUnfinishedOutput } from './output-names.js';

/**
 * The files of `dir` the built site publishes, as sorted '/'-separated paths relative to `dir`,
 * and the folders left out (an ingest's unfinished output, at any depth).
 * @param {string} dir
 * @returns {{ files: string[]; skipped: string[] }}
 */
export function publishedAssets(dir) {
  /** @type {string[]} */
  const files = [];
  /** @type {string[]} */
  const skipped = [];
  /** @param {string} rel */
  const walk = (rel) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      if (isUnfinishedOutput(name)) skipped.push(child);
      else if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files.push(child);
    }
  };
  if (existsSync(dir)) walk('');
  return { files, skipped };
}

/**
 * Makes `dest` (emptied first) a mirror of the published files of `src`: hard links, so that even
 * a million-row data set costs no copy, or copies where a link cannot be made (another filesystem).
 * Returns what `publishedAssets` found.
 * @param {string} src
 * @param {string} dest
 * @returns {{ files: string[]; skipped: string[] }}
 */
export function mirrorPublishedAssets(src, dest) {
  const found = publishedAssets(src);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  for (const rel of found.files) {
    const to = path.join(dest, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      linkSync(path.join(src, rel), to);
    } catch {
      copyFileSync(path.join(src, rel), to);
    }
  }
  return found;
}
