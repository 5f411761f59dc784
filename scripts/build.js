// `npm run build`: the production build of the site (vite build, which prerenders every page with
// adapter-static into $BUILD_DIR or build/), then the .br and .gz files beside every asset.
// Arguments go to vite build, e.g. `npm run build -- --logLevel warn`.
import { spawnSync } from 'node:child_process';
import { precompress } from './precompress.js';

const vite = spawnSync('npx', ['--no-install', 'vite', 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' }
});
if (vite.status !== 0) process.exit(vite.status ?? 1);
const dir = process.env.BUILD_DIR ?? 'build';
const started = Date.now();
const r = await precompress(dir);
const mb = (/** @type {number} */ n) => (n / 1024 / 1024).toFixed(1);
console.log(
  `预压缩 ${dir}/：${r.files} 个文件，写入 ${r.written} 个 .br/.gz（缓存命中 ${r.cached}），` +
    `${mb(r.raw)} MB → brotli ${mb(r.sentBr)} MB（${((Date.now() - started) / 1000).toFixed(1)} 秒）`
);
