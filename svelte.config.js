import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The site may be published under a sub-path (e.g. /budget); set BASE_PATH=/budget at build time. */
const base = process.env.BASE_PATH ?? '';
/** Where the built site goes (tests build variants side by side). */
const out = process.env.BUILD_DIR ?? 'build';
/** The static files published with the site, the data among them (tests use other data). */
const assets = process.env.STATIC_DIR ?? 'static';

/** CSP hashes of the inline scripts of src/app.html (SvelteKit hashes only its own). */
const appHtmlScripts = [
  ...readFileSync('src/app.html', 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)
].map(
  (m) =>
    /** @type {`sha256-${string}`} */ (
      `sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}`
    )
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    files: { assets },
    adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
    paths: { base, relative: true },
    // The site's CSS is small: inline in every page, no stylesheet request holds the first paint.
    inlineStyleThreshold: 64 * 1024,
    prerender: {
      handleHttpError: 'fail',
      handleMissingId: 'fail',
      // project/[id] has no entries when the data hold more projects than PROJECT_PAGES (the
      // site then shows projects through project/?id=…); any other unseen route is a mistake.
      handleUnseenRoutes: ({ routes, message }) => {
        if (routes.some((r) => r !== '/project/[id]')) throw new Error(message);
      }
    },
    // Written into every page as a <meta> tag. Everything comes from the site itself; DuckDB needs
    // 'wasm-unsafe-eval' to compile its WebAssembly (not 'unsafe-eval'); ECharts sets style
    // attributes, hence 'unsafe-inline' for styles only; CSV downloads are blob: URLs.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval', ...appHtmlScripts],
        'worker-src': ['self'],
        'connect-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
