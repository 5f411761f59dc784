// Prints the nginx map of every page's own CSP (see the README's deployment section): each page
// of the built site by the path nginx serves it under, with the policy of its <meta> tag.
// Usage: node scripts/csp-map.js [build] [--base /sub/path] > /etc/nginx/budget-csp.map
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { metaCsp, nginxCspMap } from './lib/headers.js';

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { base: { type: 'string', default: process.env.BASE_PATH ?? '' } }
});
const dir = positionals[0] ?? 'build';
const pages = htmlFiles(dir).map((f) => ({
  path: path.relative(dir, f),
  csp: metaCsp(readFileSync(f, 'utf8'))
}));
process.stdout.write(nginxCspMap(pages, values.base));
