// `npm test`: every check the project has, in order, stopping at the first failure.
// Installs what a fresh machine lacks: npm packages, and for the tests that print or browse
// Debian's chromium and fonts-noto-cjk (with apt-get, as root).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** @param {string[]} args @returns {[string, string[]]} */
const npx = (args) => ['npx', ['--no-install', ...args]];
/** @type {[string, string, string[]][]} */
const steps = [
  ['格式 (prettier)', ...npx(['prettier', '--check', '.'])],
  ['代码检查 (eslint)', ...npx(['eslint', '.'])],
  ['类型检查 (svelte-check)', 'npm', ['run', '--silent', 'check']],
  ['单元测试 (vitest)', ...npx(['vitest', 'run'])]
];

/**
 * @param {string} title
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
function run(title, cmd, args, opts = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`✖ ${title} 失败（退出码 ${r.status ?? r.signal}）`);
    process.exit(r.status || 1);
  }
}

/** @param {string} cmd */
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Debian's chromium and the Noto CJK fonts, for the end-to-end tests. */
function ensureBrowser() {
  const fonts = spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -qi noto'], { stdio: 'ignore' }).status === 0;
  if (existsSync('/usr/bin/chromium') && fonts) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  if (sudo.length && !has('sudo')) {
    console.error(
      '需要 chromium 与 fonts-noto-cjk：请以 root 运行，或先安装：apt-get install chromium fonts-noto-cjk'
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(
    '安装 chromium 与 fonts-noto-cjk (apt-get)',
    'sh',
    [
      '-c',
      `${sudo.join(' ')} apt-get update -qq && ${sudo.join(' ')} apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig`
    ],
    { env }
  );
}

if (!existsSync('node_modules/.package-lock.json'))
  run('安装依赖 (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
// The unit tests print forms to PDF with Chromium too (tests/unit/forms, the PDF reader's tests).
ensureBrowser();
for (const [title, cmd, args] of steps) run(title, cmd, args);

const e2e = existsSync('tests/e2e') && readdirSync('tests/e2e').some((f) => f.endsWith('.test.ts'));
if (e2e) run('端到端测试 (Chromium)', ...npx(['vitest', 'run', '--config', 'vitest.e2e.config.ts']));
console.log('\n✔ 全部通过');
