/** Temporary folders of the unit tests, all under one parent that the global teardown removes. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PARENT = path.join(tmpdir(), 'budget-dashboard-tests');

/** A new empty folder, removed after the test run. */
export function tempDir(prefix: string): string {
  mkdirSync(PARENT, { recursive: true });
  return mkdtempSync(path.join(PARENT, `${prefix}-`));
}

/** vitest globalSetup: removes every test folder when the run ends. */
export default function setup(): () => void {
  return () => rmSync(PARENT, { recursive: true, force: true });
}
