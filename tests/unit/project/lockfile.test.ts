import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` refuses a lockfile that lacks an entry for any dependency, even an
 * optional one for another platform. The registry mirror this project is built
 * against lacks some platform builds of DuckDB's bindings, so `npm install`
 * silently drops them from the lock and CI's `npm ci` then fails. This test
 * catches that before CI does. The fix is to add the missing entries by hand
 * (version, os, cpu, libc, optional: true; no integrity), as the lock now has:
 * npm ci skips them on a platform they do not match without fetching them.
 */
interface LockPackage {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockPackage>;
};

/** Node's resolution: the nearest node_modules folder up from the dependent. */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    const key = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

describe('package-lock.json', () => {
  it('has an entry for every dependency, optional ones included, so npm ci accepts it', () => {
    const missing: string[] = [];
    for (const [path, pkg] of Object.entries(lock.packages)) {
      const deps = { ...pkg.dependencies, ...pkg.optionalDependencies };
      for (const name of Object.keys(deps)) {
        if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
