// `npm start`: install if needed, ingest data/raw/, build the site, serve it on 127.0.0.1:4173.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @param {string} title
 * @param {string} cmd
 * @param {string[]} args
 */
function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${title} 失败`);
    process.exit(r.status || 1);
  }
}

if (!existsSync('node_modules/.package-lock.json'))
  step('安装依赖 (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
step('导入数据 (npm run ingest)', 'npm', ['run', '--silent', 'ingest']);
step('构建网站 (npm run build)', 'npm', ['run', '--silent', 'build']);
const { serve } = await import('./serve.js');
await serve({ dir: 'build', port: Number(process.env.PORT ?? 4173) });
