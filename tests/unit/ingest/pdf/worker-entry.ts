/** A Web Worker that reads a PDF with readPdf, as the site's import page will: bundled by the browser test. */
import { readPdf, type ReadPdfOptions } from '../../../../src/lib/ingest/formats/pdf/index';

self.onmessage = async (e: MessageEvent<{ bytes: Uint8Array; options: ReadPdfOptions }>) => {
  try {
    postMessage({ reading: await readPdf(e.data.bytes, e.data.options) });
  } catch (err) {
    const { name, message, reason, page } = err as {
      name: string;
      message: string;
      reason?: string;
      page?: number;
    };
    postMessage({ error: { name, message, reason, page } });
  }
};
