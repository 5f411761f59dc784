/**
 * Builds what the end-to-end tests run against, then serves it: the ingest of data/raw/, the site
 * (build/), and the same site under a sub-path (build-base/, BASE_PATH=/budget).
 */
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    baseSiteUrl: string;
  }
}

function run(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${title} failed (${r.status})`);
}

export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    run('ingest', 'npx', ['--no-install', 'tsx', 'scripts/ingest.ts', '--quiet']);
    run('build', 'npm', ['run', '--silent', 'build', '--', '--logLevel', 'warn']);
    run('build under /budget', 'npm', ['run', '--silent', 'build', '--', '--logLevel', 'warn'], {
      BASE_PATH: '/budget',
      BUILD_DIR: 'build-base'
    });
  }
  const site = await serve({ dir: 'build', port: 0, quiet: true });
  const based = await serve({ dir: 'build-base', port: 0, base: '/budget', quiet: true });
  project.provide('siteUrl', site.url);
  project.provide('baseSiteUrl', based.url);
  return async () => {
    await site.close();
    await based.close();
  };
}
