import { sveltekit } from '@sveltejs/kit/vite';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { PDFJS_ASSET_DIRS, pdfjsPackageDir } from './scripts/lib/pdfjs-assets.js';

/** `npm run dev` serves pdf.js's data files at <base>/pdfjs/ as the build publishes them (scripts/build.js). */
function pdfjsAssets(): Plugin {
  return {
    name: 'pdfjs-assets',
    apply: 'serve',
    configureServer(server) {
      const pkg = pdfjsPackageDir();
      server.middlewares.use((req, res, next) => {
        const m = /\/pdfjs\/([a-z_]+)\/([^/?#]+)/.exec(req.url ?? '');
        const dir = m?.[1];
        if (!m || !dir || !(PDFJS_ASSET_DIRS as readonly string[]).includes(dir)) return next();
        const file = path.join(pkg, dir, path.basename(decodeURIComponent(m[2] ?? '')));
        if (!existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(res);
      });
    }
  };
}

export default defineConfig({
  plugins: [sveltekit(), pdfjsAssets()],
  // The import worker loads pdf.js and SheetJS only when a PDF or a workbook comes: code-split.
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    globalSetup: ['tests/helpers/tmp.ts'],
    environment: 'node',
    expect: { requireAssertions: true },
    testTimeout: 60_000
  }
});
