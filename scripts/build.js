// `npm run build`: the production build of the site (vite build, which prerenders every page with
// adapter-static into $BUILD_DIR or build/), then the .br and .gz files beside every asset.
// Arguments go to vite build, e.g. `npm run build -- --logLevel warn`.
// The static folder ($STATIC_DIR or static/) is published through a mirror that leaves out what a
// killed ingest may have left there (scripts/lib/published-assets.js), with pdf.js's data files
// added under pdfjs/ (scripts/lib/pdfjs-assets.js).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { precompress } from './precompress.js';
import { mirrorPublishedAssets } from './lib/published-assets.js';
import { copyPdfjsAssets } from './lib/pdfjs-assets.js';

const assets = process.env.STATIC_DIR ?? 'static';
const mirror = path.join('.svelte-kit', 'published-assets');
const { skipped } = mirrorPublishedAssets(assets, mirror);
// pdf.js's character maps and fonts, served by the site itself for the 导入 page's PDFs.
copyPdfjsAssets(mirror);
if (skipped.length)
  console.warn(`未发布 ${skipped.map((s) => `${assets}/${s}/`).join('、')}：中断的导入留下的临时文件夹`);

const vite = spawnSync('npx', ['--no-install', 'vite', 'build', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', STATIC_DIR: mirror }
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
