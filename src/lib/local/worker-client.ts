/**
 * Talks to the import worker (browser only): one worker, started on first use from this site
 * ('self', as the CSP's worker-src requires), answering each file in turn.
 */
import { base } from '$app/paths';
import type { ManifestEntry } from '../ingest/document';
import type { FormatEnv } from '../ingest/formats/index';
import type { FileAnalysis } from './analyse';
import type { AnalyseRequest, AnalyseResponse } from './import.worker';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (a: FileAnalysis) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<AnalyseResponse>) => {
    const pending = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    if (!pending) return;
    if ('analysis' in e.data) pending.resolve(e.data.analysis);
    else pending.reject(new Error(e.data.error));
  };
  w.onerror = (e) => {
    e.preventDefault();
    for (const p of waiting.values()) p.reject(new Error(`解析进程出错：${e.message || '无法启动'}`));
    waiting.clear();
    worker = null;
  };
  return w;
}

/** pdf.js's data as this site serves it (scripts/lib/pdfjs-assets.js): absolute URLs, for the worker. */
export function siteFormats(siteBase: string, page: string): FormatEnv {
  const at = (dir: string) => new URL(`${siteBase}/pdfjs/${dir}/`, page).href;
  return { pdf: { cMapUrl: at('cmaps'), standardFontDataUrl: at('standard_fonts'), wasmUrl: at('wasm') } };
}

/**
 * How long one file may take. A damaged file can send a reader into a loop it never leaves (the
 * workbook reader guards against those it knows): past this, the worker is stopped and started
 * afresh for the next file, rather than the page waiting forever.
 */
const TIME_LIMIT_MS = 120_000;

/** Stops the worker, failing every file it was reading with `message`. */
function stop(message: string): void {
  worker?.terminate();
  worker = null;
  for (const p of waiting.values()) p.reject(new Error(message));
  waiting.clear();
}

/** Reads a file in the worker. The bytes are transferred, not copied. */
export function analyseInWorker(
  file: string,
  bytes: ArrayBuffer,
  entry: ManifestEntry | null = null
): Promise<FileAnalysis> {
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => stop(`读取“${file}”超过 ${TIME_LIMIT_MS / 1000} 秒仍未完成，已停止：文件可能已损坏`),
      TIME_LIMIT_MS
    );
    const done =
      <T>(settle: (v: T) => void) =>
      (v: T) => {
        clearTimeout(timer);
        settle(v);
      };
    waiting.set(id, { resolve: done(resolve), reject: done(reject) });
    const formats = siteFormats(base, location.href);
    w.postMessage({ id, file, bytes, entry, formats } satisfies AnalyseRequest, [bytes]);
  });
}
