/**
 * Builds what the end-to-end tests run against, then serves it: the ingest of data/raw/, the site
 * (build/), the same site under a sub-path (build-base/, BASE_PATH=/budget), a site whose data
 * include a hostile source document (build-hostile/), and a site whose data leave out the seed
 * 004 (build-heldback/), for importing it in the browser. E2E_SKIP_BUILD=1 reuses earlier builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    baseSiteUrl: string;
    hostileSiteUrl: string;
    heldBackSiteUrl: string;
  }
}

const HOSTILE = '.e2e/hostile';
const HELD_BACK = '.e2e/heldback';
/** The seed left out of build-heldback/ and imported in the browser by import.test.ts. */
export const HELD_BACK_FILE = '004_604980d765fad65f.txt';

function run(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${title} failed (${r.status})`);
}

const build = (title: string, env: NodeJS.ProcessEnv = {}) =>
  run(title, 'npm', ['run', '--silent', 'build', '--', '--logLevel', 'warn'], env);

/** The seeds plus a self-evaluation full of script, SQL and formula payloads, ingested apart. */
function prepareHostileData(): void {
  rmSync(HOSTILE, { recursive: true, force: true });
  mkdirSync(`${HOSTILE}/static`, { recursive: true });
  cpSync('data/raw', `${HOSTILE}/raw`, { recursive: true });
  cpSync('tests/fixtures/hostile/hostile-self-eval.md', `${HOSTILE}/raw/zz_hostile.md`);
  const manifest = readFileSync('data/sources.csv', 'utf8').trimEnd();
  writeFileSync(
    `${HOSTILE}/sources.csv`,
    `${manifest}\nzz_hostile.md,self_eval,2025,松江区,上海市松江区医疗保障局,恶意内容测试\n`
  );
  for (const f of ['boot.js', 'favicon.svg']) cpSync(`static/${f}`, `${HOSTILE}/static/${f}`);
  run('ingest (hostile)', 'npx', [
    '--no-install',
    'tsx',
    'scripts/ingest.ts',
    '--quiet',
    '--raw',
    `${HOSTILE}/raw`,
    '--manifest',
    `${HOSTILE}/sources.csv`,
    '--out',
    `${HOSTILE}/static/data`
  ]);
}

/** The seeds without 004 (files and manifest rows), ingested apart. */
function prepareHeldBackData(): void {
  rmSync(HELD_BACK, { recursive: true, force: true });
  mkdirSync(`${HELD_BACK}/static`, { recursive: true });
  cpSync('data/raw', `${HELD_BACK}/raw`, { recursive: true });
  rmSync(`${HELD_BACK}/raw/${HELD_BACK_FILE}`);
  const manifest = readFileSync('data/sources.csv', 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith(`${HELD_BACK_FILE},`))
    .join('\n');
  writeFileSync(`${HELD_BACK}/sources.csv`, manifest);
  for (const f of ['boot.js', 'favicon.svg']) cpSync(`static/${f}`, `${HELD_BACK}/static/${f}`);
  run('ingest (held back)', 'npx', [
    '--no-install',
    'tsx',
    'scripts/ingest.ts',
    '--quiet',
    '--raw',
    `${HELD_BACK}/raw`,
    '--manifest',
    `${HELD_BACK}/sources.csv`,
    '--out',
    `${HELD_BACK}/static/data`
  ]);
}

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    run('ingest', 'npx', ['--no-install', 'tsx', 'scripts/ingest.ts', '--quiet']);
    build('build');
    build('build under /budget', { BASE_PATH: '/budget', BUILD_DIR: 'build-base' });
    prepareHostileData();
    build('build (hostile)', {
      STATIC_DIR: `${HOSTILE}/static`,
      DATA_DIR: `${HOSTILE}/static/data`,
      BUILD_DIR: 'build-hostile'
    });
    prepareHeldBackData();
    build('build (004 held back)', {
      STATIC_DIR: `${HELD_BACK}/static`,
      DATA_DIR: `${HELD_BACK}/static/data`,
      BUILD_DIR: 'build-heldback'
    });
  }
  const site = await serve({ dir: 'build', port: 0, quiet: true });
  const based = await serve({ dir: 'build-base', port: 0, base: '/budget', quiet: true });
  const hostile = await serve({ dir: 'build-hostile', port: 0, quiet: true });
  const heldBack = await serve({ dir: 'build-heldback', port: 0, quiet: true });
  project.provide('siteUrl', site.url);
  project.provide('baseSiteUrl', based.url);
  project.provide('hostileSiteUrl', hostile.url);
  project.provide('heldBackSiteUrl', heldBack.url);
  return async () => {
    await Promise.all([site.close(), based.close(), hostile.close(), heldBack.close()]);
  };
}
