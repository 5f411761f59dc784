import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** The site may be published under a sub-path (e.g. /budget); set BASE_PATH=/budget at build time. */
const base = process.env.BASE_PATH ?? '';
/** Where the built site goes (tests build variants side by side). */
const out = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
    paths: { base, relative: true },
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
