/**
 * `npm run synth`: writes realistic synthetic source documents, with their manifest, for testing
 * and benchmarking the whole pipeline at scale. Names, indicators, targets and reasons come from
 * the seeds; every layout and template the ingest reads is used. Deterministic for a seed.
 *
 *   npm run synth -- --districts 16 --years 10 --projects 30 [--seed 1] [--out bench/work/synth]
 *
 * Writes <out>/raw/*.txt and <out>/sources.csv; ingest them with
 *   npm run ingest -- --raw <out>/raw --manifest <out>/sources.csv --out <dir>
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { synthDocuments } from './lib/synth/model';
import { renderDocument } from './lib/synth/render';
import { seedVocabulary } from './lib/synth/seeds';

const { values } = parseArgs({
  options: {
    districts: { type: 'string', default: '16' },
    years: { type: 'string', default: '10' },
    projects: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'last-year': { type: 'string', default: '2026' },
    out: { type: 'string', default: 'bench/work/synth' },
    quiet: { type: 'boolean', default: false }
  }
});

const MARKER = '.synth';

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} 须为正整数，收到“${value}”`);
  return n;
}

async function main(): Promise<number> {
  const started = performance.now();
  const opts = {
    districts: positive('districts', values.districts),
    years: positive('years', values.years),
    projects: positive('projects', values.projects),
    seed: positive('seed', values.seed),
    lastYear: positive('last-year', values['last-year'])
  };
  const out = values.out as string;
  // Only ever replace a folder this script wrote.
  if (existsSync(out)) {
    if (!existsSync(path.join(out, MARKER))) {
      console.error(`${out} 已存在且不是 synth 生成的目录，未改动`);
      return 1;
    }
    rmSync(out, { recursive: true });
  }
  const raw = path.join(out, 'raw');
  mkdirSync(raw, { recursive: true });
  writeFileSync(path.join(out, MARKER), `${JSON.stringify(opts)}\n`);

  const vocab = await seedVocabulary(process.cwd());
  const manifest: string[][] = [];
  let documents = 0;
  let projects = 0;
  let indicators = 0;
  let bytes = 0;
  for (const doc of synthDocuments(opts, vocab)) {
    const text = renderDocument(doc);
    writeFileSync(path.join(raw, doc.file), text);
    const formName = doc.form === 'self_eval' ? '项目支出绩效自评表' : '项目支出绩效目标申报表';
    manifest.push([
      doc.file,
      doc.form,
      String(doc.year),
      doc.district,
      doc.department,
      `${doc.department}${doc.year}年度${formName}`
    ]);
    documents++;
    projects += doc.projects.length;
    indicators += doc.projects.reduce((n, p) => n + p.indicators.length, 0);
    bytes += Buffer.byteLength(text);
  }
  writeFileSync(
    path.join(out, 'sources.csv'),
    `${Papa.unparse({ fields: ['file', 'form', 'year', 'district', 'department', 'title'], data: manifest })}\n`
  );
  if (!values.quiet)
    console.log(
      `synth: ${documents} 份文档，${projects} 个项目，${indicators} 条指标，${(bytes / 1e6).toFixed(1)} MB → ${out}（${((performance.now() - started) / 1000).toFixed(1)} 秒）`
    );
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
