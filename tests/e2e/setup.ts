/**
 * Builds what the end-to-end tests run against, then serves it: the ingest of data/raw/, the site
 * (build/), the same site under a sub-path and with project pages queried in the browser
 * (build-base/, BASE_PATH=/budget, PROJECT_PAGES=10, LIST_ROWS=20), a site whose data include a hostile source
 * document and documents from other cities, one of them refused (build-hostile/), and a site whose
 * data leave out the seed 004 (build-heldback/), for importing it in the browser. E2E_SKIP_BUILD=1
 * reuses earlier builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.js';
import { ELSEWHERE, type ExtraDocument } from '../helpers/elsewhere';

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

/**
 * A data set of its own under `dir`: the seeds (less `omit`), plus `extra` files and manifest
 * rows, ingested into `dir/static/data` beside a copy of the site's other static files.
 */
function prepareData(dir: string, opts: { omit?: string; extra?: readonly ExtraDocument[] }): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${dir}/static`, { recursive: true });
  for (const f of readdirSync('static'))
    if (f !== 'data') cpSync(`static/${f}`, `${dir}/static/${f}`, { recursive: true });
  cpSync('data/raw', `${dir}/raw`, { recursive: true });
  const rows = readFileSync('data/sources.csv', 'utf8').trimEnd().split('\n');
  if (opts.omit) rmSync(`${dir}/raw/${opts.omit}`);
  const kept = rows.filter((line) => !opts.omit || !line.startsWith(`${opts.omit},`));
  for (const e of opts.extra ?? []) {
    cpSync(e.from, `${dir}/raw/${e.file}`);
    kept.push(e.row);
  }
  writeFileSync(`${dir}/sources.csv`, `${kept.join('\n')}\n`);
  run(`ingest (${dir})`, 'node', [
    'scripts/run.js',
    'scripts/ingest.ts',
    '--quiet',
    '--raw',
    `${dir}/raw`,
    '--manifest',
    `${dir}/sources.csv`,
    '--out',
    `${dir}/static/data`
  ]);
}

/**
 * The seeds plus a self-evaluation full of script, SQL and formula payloads, and (one build serving
 * both, as each build costs about 40 s) 临江县's and 成都市's made-up forms and minutes of a meeting
 * that the ingest refuses (tests/helpers/elsewhere.ts): data of several cities.
 */
const prepareHostileData = () =>
  prepareData(HOSTILE, {
    extra: [
      {
        file: 'zz_hostile.md',
        from: 'tests/fixtures/hostile/hostile-self-eval.md',
        row: 'zz_hostile.md,self_eval,2025,松江区,上海市松江区医疗保障局,恶意内容测试'
      },
      ...ELSEWHERE
    ]
  });

/** The seeds without 004 (file and manifest row). */
const prepareHeldBackData = () => prepareData(HELD_BACK, { omit: HELD_BACK_FILE });

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    run('ingest', 'node', ['scripts/run.js', 'scripts/ingest.ts', '--quiet']);
    build('build');
    // Also a site with more projects than it prerenders pages for (as at 100k indicator rows).
    build('build under /budget', {
      BASE_PATH: '/budget',
      BUILD_DIR: 'build-base',
      PROJECT_PAGES: '10',
      LIST_ROWS: '20'
    });
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
