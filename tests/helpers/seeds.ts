/** Reads the real seed documents and the manifest, for tests. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type ParsedSource } from '../../src/lib/ingest/document';
import { parseManifest } from '../../src/lib/ingest/manifest';
import type { SourceFile } from '../../src/lib/ingest/pipeline';

/** The project's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Folder of the real source documents. */
export const RAW = path.join(ROOT, 'data/raw');

/** The five seed files, by their number. */
export const SEEDS = {
  '000': '000_5da2509ae1f89920.txt',
  '001': '001_f2072a66dbebd884.txt',
  '002': '002_62f64513a465f190.txt',
  '003': '003_56eb7a13f70bd798.txt',
  '004': '004_604980d765fad65f.txt'
} as const;

/** The manifest as the ingest reads it. */
export function manifest() {
  return parseManifest(readFileSync(path.join(ROOT, 'data/sources.csv'), 'utf8'));
}

const cache = new Map<string, ParsedSource>();

/** Parses one seed with its manifest entry, as the ingest does. */
export function parseSeed(id: keyof typeof SEEDS): ParsedSource {
  const file = SEEDS[id];
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readFileSync(path.join(RAW, file), 'utf8');
  const entry = manifest().entries.find((e) => e.file === file) ?? null;
  const parsed = parseDocument({ file, text, sourceId: sha256(text).slice(0, 8), manifest: entry });
  cache.set(file, parsed);
  return parsed;
}

/** Parses a fixture document without a manifest entry. */
export function parseFixture(name: string): ParsedSource {
  const text = readFileSync(path.join(ROOT, 'tests/fixtures', name), 'utf8');
  return parseDocument({ file: path.basename(name), text, sourceId: 'fixture', manifest: null });
}

/** SHA-256 of a text or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file in data/raw as the ingest reads it. */
export function rawSources(): SourceFile[] {
  return readdirSync(RAW)
    .sort()
    .map((file) => {
      const bytes = readFileSync(path.join(RAW, file));
      return { file, bytes, sha256: sha256(bytes) };
    });
}

/** The project of a parsed source with this name (the first one). */
export function projectNamed(source: ParsedSource, name: string) {
  const p = source.projects.find((x) => x.name === name);
  if (!p) throw new Error(`no project named ${name} in ${source.file}`);
  return p;
}

/** The indicators of a project, in order. */
export function indicatorsOf(source: ParsedSource, projectId: string) {
  return source.indicators.filter((i) => i.project_id === projectId);
}
