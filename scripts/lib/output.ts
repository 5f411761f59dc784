/**
 * Replaces an output folder as one unit: the new files are written to a temporary folder beside
 * it and swapped in only when complete, so a failed or killed run leaves the previous set intact.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const TMP_PREFIX = '.tmp-';
const OLD_PREFIX = '.old-';

/** Puts back a folder that a run killed between its two renames left aside, and removes stale temporaries. */
export function recoverOutput(target: string): void {
  const parent = path.dirname(target);
  const base = path.basename(target);
  if (!existsSync(parent)) return;
  const entries = readdirSync(parent);
  const old = entries.filter((e) => e.startsWith(`${base}${OLD_PREFIX}`)).sort();
  if (!existsSync(target) && old.length) renameSync(path.join(parent, old[old.length - 1] as string), target);
  for (const e of readdirSync(parent)) {
    if (e.startsWith(`${base}${TMP_PREFIX}`) || e.startsWith(`${base}${OLD_PREFIX}`))
      rmSync(path.join(parent, e), { recursive: true, force: true });
  }
}

/**
 * Runs `write` into a fresh temporary folder next to `target`, then swaps it in. If `write`
 * throws, the temporary folder is removed and `target` is untouched.
 */
export async function replaceFolder(target: string, write: (dir: string) => Promise<void>): Promise<void> {
  recoverOutput(target);
  const parent = path.dirname(target);
  const base = path.basename(target);
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `${base}${TMP_PREFIX}${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    await write(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = path.join(parent, `${base}${OLD_PREFIX}${process.pid}`);
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, old);
  renameSync(tmp, target);
  if (hadTarget) rmSync(old, { recursive: true, force: true });
}
