/**
 * Builds what the end-to-end tests run against, then serves it: the ingest of data/raw/, the site
 * (build/), the same site under a sub-path and with project pages queried in the browser
 * (build-base/, BASE_PATH=/budget, PROJECT_PAGES=10), and a site whose data
 * include a hostile source document (build-hostile/). E2E_SKIP_BUILD=1 reuses earlier builds.
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
  }
}

const HOSTILE = '.e2e/hostile';

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
  for (const f of ['favicon.svg']) cpSync(`static/${f}`, `${HOSTILE}/static/${f}`);
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

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    run('ingest', 'npx', ['--no-install', 'tsx', 'scripts/ingest.ts', '--quiet']);
    build('build');
    // Also a site with more projects than it prerenders pages for (as at 100k indicator rows).
    build('build under /budget', { BASE_PATH: '/budget', BUILD_DIR: 'build-base', PROJECT_PAGES: '10' });
    prepareHostileData();
    build('build (hostile)', {
      STATIC_DIR: `${HOSTILE}/static`,
      DATA_DIR: `${HOSTILE}/static/data`,
      BUILD_DIR: 'build-hostile'
    });
  }
  const site = await serve({ dir: 'build', port: 0, quiet: true });
  const based = await serve({ dir: 'build-base', port: 0, base: '/budget', quiet: true });
  const hostile = await serve({ dir: 'build-hostile', port: 0, quiet: true });
  project.provide('siteUrl', site.url);
  project.provide('baseSiteUrl', based.url);
  project.provide('hostileSiteUrl', hostile.url);
  return async () => {
    await Promise.all([site.close(), based.close(), hostile.close()]);
  };
}
