/**
 * Replaces an output folder as one unit: the new files are written to a temporary folder and
 * swapped in by rename only when complete, so a failed or killed run leaves the previous set intact.
 *
 * The temporary folder (and the previous set, for the instant between the swap's two renames) is
 * staged outside the target's parent: the target is usually static/data, and everything in static/
 * is published by the build, so a half-written set beside it would be published too. The staging
 * folder sits beside that parent (`.static.staging/` for static/data), on the same filesystem, so
 * the swap stays a rename.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OLD_MARK, STAGING_SUFFIX, TMP_MARK } from './output-names.js';

/**
 * Where the temporaries of `target` are staged: `.<parent>.staging` beside the target's parent
 * folder (`.static.staging` for static/data); the parent itself when it is a filesystem root.
 */
export function stagingFolder(target: string): string {
  const parent = path.dirname(path.resolve(target));
  const above = path.dirname(parent);
  if (above === parent) return parent;
  return path.join(above, `.${path.basename(parent)}${STAGING_SUFFIX}`);
}

/**
 * Creates the staging folder of `target` and returns it; the target's own parent when the staging
 * folder would be on another filesystem (a mount point at the parent), where no rename could swap
 * the set in. The build leaves such temporaries out too (scripts/lib/published-assets.js).
 */
function prepareStaging(target: string): string {
  const parent = path.dirname(path.resolve(target));
  const staging = stagingFolder(target);
  mkdirSync(staging, { recursive: true });
  if (staging !== parent && statSync(staging).dev !== statSync(parent).dev) {
    removeIfEmpty(staging);
    return parent;
  }
  return staging;
}

/**
 * Puts back a folder that a run killed between its two renames left aside, and removes stale
 * temporaries: in the staging folder, and in the target's parent (where runs before the staging
 * folder, or on another filesystem, left them).
 */
export function recoverOutput(target: string): void {
  const parent = path.dirname(path.resolve(target));
  const base = path.basename(target);
  const folders = [...new Set([stagingFolder(target), parent])].filter((f) => existsSync(f));
  const isOld = (e: string) => e.startsWith(`${base}${OLD_MARK}`);
  const isTmp = (e: string) => e.startsWith(`${base}${TMP_MARK}`);
  const old = folders.flatMap((f) =>
    readdirSync(f)
      .filter(isOld)
      .map((e) => ({ f, e }))
  );
  old.sort((a, b) => (a.e < b.e ? -1 : a.e > b.e ? 1 : 0));
  const last = old[old.length - 1];
  if (!existsSync(target) && last) renameSync(path.join(last.f, last.e), target);
  for (const f of folders) {
    for (const e of readdirSync(f))
      if (isTmp(e) || isOld(e)) rmSync(path.join(f, e), { recursive: true, force: true });
  }
  if (stagingFolder(target) !== parent) removeIfEmpty(stagingFolder(target));
}

/**
 * Runs `write` into a fresh temporary folder in the staging folder of `target`, then swaps it in.
 * If `write` throws, the temporary folder is removed and `target` is untouched. Nothing but the
 * finished set ever appears in the target's parent.
 */
export async function replaceFolder(target: string, write: (dir: string) => Promise<void>): Promise<void> {
  recoverOutput(target);
  const parent = path.dirname(path.resolve(target));
  mkdirSync(parent, { recursive: true });
  const staging = prepareStaging(target);
  const tidy = () => {
    if (staging !== parent) removeIfEmpty(staging);
  };
  const base = path.basename(target);
  const tmp = path.join(staging, `${base}${TMP_MARK}${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    await write(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    tidy();
    throw e;
  }
  const old = path.join(staging, `${base}${OLD_MARK}${process.pid}`);
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, old);
  renameSync(tmp, target);
  if (hadTarget) rmSync(old, { recursive: true, force: true });
  tidy();
}

/** Removes a staging folder that holds nothing (another run may still be using it: then it stays). */
function removeIfEmpty(staging: string): void {
  try {
    rmdirSync(staging);
  } catch {
    // not empty, or already gone
  }
}
