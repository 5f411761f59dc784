// pdf.js's data files the site serves itself (the 导入 page reads PDFs in the browser with no
// request to another origin): its CJK character maps, its standard fonts and its image decoders,
// published under <base>/pdfjs/ beside the site's other static files.
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The folders of pdfjs-dist the site publishes, under `pdfjs/<name>/`. */
export const PDFJS_ASSET_DIRS = /** @type {const} */ (['cmaps', 'standard_fonts', 'wasm']);

/** The pdfjs-dist package folder in node_modules. */
export function pdfjsPackageDir() {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/**
 * Copies pdf.js's data folders into `dest/pdfjs/` (the build's mirror of the static folder).
 * Returns the number of files copied.
 * @param {string} dest
 */
export function copyPdfjsAssets(dest) {
  const pkg = pdfjsPackageDir();
  let files = 0;
  for (const dir of PDFJS_ASSET_DIRS) {
    const from = path.join(pkg, dir);
    if (!existsSync(from)) continue;
    const to = path.join(dest, 'pdfjs', dir);
    mkdirSync(to, { recursive: true });
    // Only the data: pdfjs-dist/wasm also holds licence texts, published with them as they should be.
    cpSync(from, to, { recursive: true });
    files += readdirSync(from).length;
  }
  return files;
}
