/** Test PDFs made the way publishers make them: HTML printed by Chromium (`page.pdf()`). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { PdfPrinter } from '../../scripts/lib/forms/print';
import type { PdfjsAssets } from '../../src/lib/ingest/formats/pdf/pdfjs';

/** Starts Debian's Chromium headless, as the end-to-end tests do. */
export { launch } from '../../scripts/lib/chromium';

/** How to print: paper and orientation (A4 portrait by default, margins as Chromium's default). */
export interface PrintOptions {
  landscape?: boolean;
  format?: 'A4' | 'A3';
}

/** The HTML printed to PDF bytes in a fresh page of `browser`, after its fonts have loaded. */
export function printPdf(browser: Browser, html: string, opts: PrintOptions = {}): Promise<Uint8Array> {
  return PdfPrinter.on(browser).print(html, {
    ...opts,
    margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' }
  });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** pdfjs's data folders in node_modules, as Node reads them (paths ending with '/'). */
export function nodePdfAssets(): PdfjsAssets {
  const dist = path.join(ROOT, 'node_modules/pdfjs-dist');
  return {
    cMapUrl: `${dist}/cmaps/`,
    standardFontDataUrl: `${dist}/standard_fonts/`,
    wasmUrl: `${dist}/wasm/`
  };
}
