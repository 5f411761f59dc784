/** The vocabulary of synthetic documents, read from the real seeds with the ingest's own parser. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '../../../src/lib/ingest/manifest';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { vocabularyFrom, type Vocabulary } from './vocabulary';

/** Parses data/raw of the project at `root` and builds the vocabulary from its records. */
export async function seedVocabulary(root: string): Promise<Vocabulary> {
  const raw = path.join(root, 'data/raw');
  const files = readdirSync(raw)
    .sort()
    .map((file) => {
      const bytes = readFileSync(path.join(raw, file));
      return { file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  const manifest = parseManifest(readFileSync(path.join(root, 'data/sources.csv'), 'utf8'));
  return vocabularyFrom((await ingestSources(files, manifest)).dataset);
}
