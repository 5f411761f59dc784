/**
 * The 导入 page's worker: reads dropped files off the main thread with the ingest's own code
 * (`analyseFile`: the ingest's `ingestSources`, or a CSV template). It receives
 * bytes and answers with plain records; it makes no request.
 */
import type { ManifestEntry } from '../ingest/document';
import type { FormatEnv } from '../ingest/formats/index';
import { analyseFile, type FileAnalysis } from './analyse';
import { sha256Hex } from './sha256';

/** A file to read, with an optional manifest row for what the document does not say. */
export interface AnalyseRequest {
  id: number;
  file: string;
  bytes: ArrayBuffer;
  entry: ManifestEntry | null;
  /** Where pdf.js finds its data: the site's own URLs. */
  formats: FormatEnv;
}

/** The answer: the analysis, or an unexpected failure's message. */
export type AnalyseResponse = { id: number; analysis: FileAnalysis } | { id: number; error: string };

self.onmessage = async (e: MessageEvent<AnalyseRequest>) => {
  const { id, file, bytes, entry, formats } = e.data;
  try {
    const data = new Uint8Array(bytes);
    const analysis = await analyseFile({ file, bytes: data, sha256: sha256Hex(data) }, entry, formats);
    self.postMessage({ id, analysis } satisfies AnalyseResponse);
  } catch (err) {
    self.postMessage({
      id,
      error: err instanceof Error ? err.message : String(err)
    } satisfies AnalyseResponse);
  }
};
