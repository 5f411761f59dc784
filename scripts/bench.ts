/**
 * `npm run bench`: the figures of issue "Fast at first paint and at scale", printed and written to
 * bench/results.json. A benchmark, not a test: it asserts nothing, it measures.
 *
 * 1. Ingest: synthetic documents (`npm run synth`, seed 1) ingested by `npm run ingest` at about
 *    1,000 and 10,000 documents (and at 10k, 100k and 1M indicator rows): documents and MB per
 *    second, peak memory, Parquet bytes per indicator row.
 * 2. Browser: at seed scale, 100k and 1M indicator rows, the site is built twice, as published
 *    (prerendered charts) and as the baseline (`VITE_PRERENDER_DATA=off`: everything queried in the
 *    browser), served on 127.0.0.1 with precompressed files, and visited cold in headless
 *    Chromium, alternating between the two builds: first chart, DuckDB ready, filter redraws,
 *    bytes transferred.
 *
 * 3. Published formats: 40 synthetic documents printed to PDF by Chromium (one per document), two
 *    budget books of about 40 pages, and the same 40 as workbooks, each folder read by
 *    `npm run ingest`: documents and form pages per second.
 *
 * Options: --quick (only the seed, 10k and 100k; 3 visits) --skip-browser --runs <n> --changes <n>
 * Synthetic sets are kept in bench/work/ and reused while their parameters match.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from './lib/chromium';
import { visit, type Bytes, type VisitFigures } from './lib/bench/browser';
import { publishedSets } from './lib/bench/published';
import { median, quantile, ratio, round, verdict, type Verdict } from './lib/bench/stats';
import type { IngestReport } from '../src/lib/ingest/pipeline';
import { serve } from './serve.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    runs: { type: 'string' },
    changes: { type: 'string', default: '10' }
  }
});
const QUICK = values.quick as boolean;
const RUNS = Number(values.runs ?? (QUICK ? 3 : 5));
const CHANGES = Number(values.changes);
const WORK = 'bench/work';

/** A synthetic set: `npm run synth` parameters (16 districts × 10 years; projects per district-year). */
interface SetSpec {
  name: string;
  label: string;
  projects: number;
  /** Built and visited in the browser. */
  site?: boolean;
}

const SETS: SetSpec[] = [
  { name: 'rows10k', label: '≈1 万指标行', projects: 5 },
  { name: 'docs1k', label: '≈1,000 份文件', projects: 26 },
  { name: 'rows100k', label: '≈10 万指标行', projects: 33, site: true },
  ...(QUICK
    ? []
    : [
        { name: 'docs10k', label: '≈10,000 份文件', projects: 263 },
        { name: 'rows1m', label: '≈100 万指标行', projects: 345, site: true }
      ])
];

function sh(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${title} 失败（退出码 ${r.status ?? r.signal}）`);
  return (performance.now() - started) / 1000;
}

/** Runs a TypeScript script as `npm run` does (scripts/run.js), without an npm process to time. */
const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  sh(script, process.execPath, ['scripts/run.js', script, ...args], env);

/** Writes the set's documents unless the same parameters wrote them before. */
function synth(set: SetSpec): { raw: string; manifest: string } {
  const dir = path.join(WORK, set.name, 'synth');
  const params = JSON.stringify({ districts: 16, years: 10, projects: set.projects, seed: 1 });
  const stamp = path.join(WORK, set.name, 'synth-params.json');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== params) {
    rmSync(path.join(WORK, set.name), { recursive: true, force: true });
    mkdirSync(path.join(WORK, set.name), { recursive: true });
    const s = run('scripts/synth.ts', [
      '--districts',
      '16',
      '--years',
      '10',
      '--projects',
      String(set.projects),
      '--seed',
      '1',
      '--out',
      dir,
      '--quiet'
    ]);
    writeFileSync(stamp, params);
    console.log(`  合成 ${set.label}：${s.toFixed(1)} 秒`);
  }
  return { raw: path.join(dir, 'raw'), manifest: path.join(dir, 'sources.csv') };
}

interface IngestStats {
  documents: number;
  bytes: number;
  rows: { projects: number; indicators: number };
  seconds: { total: number; parse: number; write: number };
  peak_rss_bytes: number;
}

interface IngestFigures {
  set: string;
  documents: number;
  mb: number;
  projects: number;
  indicators: number;
  /** From `npm run ingest` starting to its exit (Node and TypeScript loading included). */
  wall_s: number;
  /** Inside the ingest: reading files to Parquet written. */
  ingest_s: number;
  docs_per_s: number;
  mb_per_s: number;
  peak_rss_mb: number;
  indicators_parquet_bytes: number;
  bytes_per_indicator: number;
}

/** Ingests a set's documents into <set>/static/data, the folder its site is built from. */
function ingest(name: string, raw: string, manifest: string): IngestFigures {
  const out = path.join(WORK, name, 'static', 'data');
  const statsFile = path.join(WORK, name, 'ingest-stats.json');
  const wall = run('scripts/ingest.ts', [
    '--raw',
    raw,
    '--manifest',
    manifest,
    '--out',
    out,
    '--quiet',
    '--stats',
    statsFile
  ]);
  const s = JSON.parse(readFileSync(statsFile, 'utf8')) as IngestStats;
  const parquet = statSync(path.join(out, 'indicators.parquet')).size;
  const mb = s.bytes / 1024 / 1024;
  return {
    set: name,
    documents: s.documents,
    mb: round(mb, 2) as number,
    projects: s.rows.projects,
    indicators: s.rows.indicators,
    wall_s: round(wall, 2) as number,
    ingest_s: round(s.seconds.total, 2) as number,
    docs_per_s: round(s.documents / wall, 0) as number,
    mb_per_s: round(mb / wall, 2) as number,
    peak_rss_mb: round(s.peak_rss_bytes / 1024 / 1024, 0) as number,
    indicators_parquet_bytes: parquet,
    bytes_per_indicator: round(parquet / s.rows.indicators, 2) as number
  };
}

/** What reading a folder of published documents (PDFs, workbooks) took. */
interface PublishedFigures {
  set: string;
  label: string;
  documents: number;
  pages: number;
  form_pages: number;
  projects: number;
  refused: number;
  wall_s: number;
  docs_per_s: number;
  form_pages_per_s: number;
  peak_rss_mb: number;
}

/** Pages and form pages from the ingest's report, per second of the whole run. */
function publishedFigures(set: string, label: string, f: IngestFigures): PublishedFigures {
  const report = JSON.parse(
    readFileSync(path.join(WORK, `published-${set}`, 'static', 'data', 'report.json'), 'utf8')
  ) as IngestReport;
  const pages = report.sources.reduce((n, s) => n + (s.pages ?? 0), 0);
  const formPages = report.sources.reduce((n, s) => n + (s.pages ?? 0) - s.skipped_pages.length, 0);
  return {
    set,
    label,
    documents: f.documents,
    pages,
    form_pages: formPages,
    projects: f.projects,
    refused: report.refused.length,
    wall_s: f.wall_s,
    docs_per_s: round(f.documents / f.wall_s, 1) as number,
    form_pages_per_s: round(formPages / f.wall_s, 1) as number,
    peak_rss_mb: f.peak_rss_mb
  };
}

/** The site's static files with this set's data. */
function prepareStatic(name: string): string {
  const dir = path.join(WORK, name, 'static');
  for (const entry of readdirSync('static'))
    if (entry !== 'data') cpSync(path.join('static', entry), path.join(dir, entry), { recursive: true });
  return dir;
}

function build(name: string, variant: 'site' | 'baseline'): { dir: string; seconds: number } {
  const staticDir = path.join(WORK, name, 'static');
  const dir = path.join(WORK, name, variant);
  const seconds = sh(`build ${name} ${variant}`, 'node', ['scripts/build.js', '--logLevel', 'error'], {
    BUILD_DIR: dir,
    STATIC_DIR: staticDir,
    DATA_DIR: path.join(staticDir, 'data'),
    ...(variant === 'baseline' ? { VITE_PRERENDER_DATA: 'off' } : {})
  });
  return { dir, seconds };
}

interface SiteFigures {
  build_s: number;
  first_chart_ms: number | null;
  fcp_ms: number | null;
  duckdb_ready_ms: number | null;
  redraw_p50_ms: number | null;
  redraw_p95_ms: number | null;
  /** Filter changes that queried the engine (the p50 and p95 are theirs). */
  redraws: number;
  /**
   * Filter changes back to a view seen before in the visit, answered from the answers the page
   * keeps (few districts make the walk come back), and their median.
   */
  redraws_kept: number;
  redraw_kept_p50_ms: number | null;
  /** Median over the visits, compressed bytes. */
  bytes: Bytes;
  bytes_before_first_chart: Bytes;
  /** Each visit's own figures, in ms, so that the spread behind a median or a p95 can be seen. */
  visits: { first_chart_ms: number; duckdb_ready_ms: number; redraws_ms: number[]; kept_ms: number[] }[];
}

function summarise(visits: VisitFigures[], buildSeconds: number): SiteFigures {
  const med = (f: (v: VisitFigures) => number | null) =>
    round(median(visits.map(f).filter((x): x is number => x !== null)), 0);
  const bytes = (f: (v: VisitFigures) => Bytes): Bytes => {
    const out = { html: 0, js: 0, wasm: 0, data: 0, other: 0 };
    for (const k of Object.keys(out) as (keyof Bytes)[]) out[k] = median(visits.map((v) => f(v)[k])) ?? 0;
    return out;
  };
  const redraws = visits.flatMap((v) => v.redraws.filter((r) => r.queried).map((r) => r.ms));
  const kept = visits.flatMap((v) => v.redraws.filter((r) => !r.queried).map((r) => r.ms));
  return {
    build_s: round(buildSeconds, 1) as number,
    first_chart_ms: med((v) => v.firstChartMs),
    fcp_ms: med((v) => v.fcpMs),
    duckdb_ready_ms: med((v) => v.duckdbReadyMs),
    redraw_p50_ms: round(quantile(redraws, 0.5), 0),
    redraw_p95_ms: round(quantile(redraws, 0.95), 0),
    redraws: redraws.length,
    redraws_kept: kept.length,
    redraw_kept_p50_ms: round(quantile(kept, 0.5), 0),
    bytes: bytes((v) => v.bytes),
    bytes_before_first_chart: bytes((v) => v.bytesBeforeChart),
    visits: visits.map((v) => ({
      first_chart_ms: Math.round(v.firstChartMs),
      duckdb_ready_ms: Math.round(v.duckdbReadyMs),
      redraws_ms: v.redraws.filter((r) => r.queried).map((r) => Math.round(r.ms)),
      kept_ms: v.redraws.filter((r) => !r.queried).map((r) => Math.round(r.ms))
    }))
  };
}

interface BrowserFigures {
  scale: string;
  indicators: number;
  projects: number;
  site: SiteFigures;
  baseline: SiteFigures;
  /** Baseline ÷ site: how many times sooner the published site is. */
  speedup: { first_chart: number | null; duckdb_ready: number | null };
}

async function browserFigures(name: string, label: string, stats: IngestFigures): Promise<BrowserFigures> {
  prepareStatic(name);
  const site = build(name, 'site');
  const baseline = build(name, 'baseline');
  console.log(
    `  构建 ${label}：发布版 ${site.seconds.toFixed(0)} 秒，基线 ${baseline.seconds.toFixed(0)} 秒`
  );
  const servers = await Promise.all([
    serve({ dir: site.dir, port: 0, quiet: true }),
    serve({ dir: baseline.dir, port: 0, quiet: true })
  ]);
  const browser = await launch();
  const visits: { site: VisitFigures[]; baseline: VisitFigures[] } = { site: [], baseline: [] };
  try {
    for (let r = 0; r < RUNS; r++) {
      // Alternate, so that both builds see the same machine noise.
      visits.site.push(await visit(browser, servers[0].url, CHANGES));
      visits.baseline.push(await visit(browser, servers[1].url, CHANGES));
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  const s = summarise(visits.site, site.seconds);
  const b = summarise(visits.baseline, baseline.seconds);
  return {
    scale: name,
    indicators: stats.indicators,
    projects: stats.projects,
    site: s,
    baseline: b,
    speedup: {
      first_chart: round(ratio(b.first_chart_ms, s.first_chart_ms), 1),
      duckdb_ready: round(ratio(b.duckdb_ready_ms, s.duckdb_ready_ms), 2)
    }
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n: number | null) => (n === null ? '—' : `${n} ms`);

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(WORK, { recursive: true });
  console.log('▶ 导入（npm run ingest，2 核）');
  const ingests: IngestFigures[] = [];
  const seed = ingest('seed', 'data/raw', 'data/sources.csv');
  for (const set of SETS) {
    const { raw, manifest } = synth(set);
    const f = ingest(set.name, raw, manifest);
    ingests.push(f);
    console.log(
      `  ${set.label.padEnd(12)} ${String(f.documents).padStart(6)} 份 ${f.mb.toFixed(1).padStart(6)} MB ` +
        `${String(f.indicators).padStart(8)} 指标行：${f.wall_s.toFixed(1)} 秒 = ${f.docs_per_s} 份/秒，` +
        `${f.mb_per_s} MB/秒；峰值内存 ${f.peak_rss_mb} MB；Parquet ${f.bytes_per_indicator} 字节/指标行`
    );
  }

  console.log('\n▶ 发布原件（PDF、Excel 工作簿，npm run ingest）');
  const published: PublishedFigures[] = [];
  const sets = await publishedSets(path.join(WORK, 'rows10k', 'synth'), path.join(WORK, 'published'), {
    documents: 40,
    books: 2
  });
  for (const set of sets) {
    const f = publishedFigures(set.name, set.label, ingest(`published-${set.name}`, set.raw, set.manifest));
    published.push(f);
    console.log(
      `  ${set.label.padEnd(14)} ${f.documents} 份 ${f.pages} 页（表格 ${f.form_pages} 页）：${f.wall_s.toFixed(1)} 秒 = ` +
        `${f.docs_per_s} 份/秒，${f.form_pages_per_s} 表格页/秒；项目 ${f.projects}，未能导入 ${f.refused}`
    );
  }

  const browsers: BrowserFigures[] = [];
  if (!values['skip-browser']) {
    console.log(`\n▶ 浏览器（Chromium 无头，冷缓存，127.0.0.1，每项 ${RUNS} 次取中位数）`);
    const scales: [string, string, IngestFigures][] = [['seed', '种子数据', seed]];
    for (const set of SETS)
      if (set.site) scales.push([set.name, set.label, ingests.find((i) => i.set === set.name)!]);
    for (const [name, label, stats] of scales) {
      const f = await browserFigures(name, label, stats);
      browsers.push(f);
      for (const [variant, v] of [
        ['发布版', f.site],
        ['基线  ', f.baseline]
      ] as const)
        console.log(
          `  ${label.padEnd(12)} ${variant} 首个图表 ${ms(v.first_chart_ms)}，DuckDB 就绪 ${ms(v.duckdb_ready_ms)}，` +
            `筛选重绘 p50 ${ms(v.redraw_p50_ms)} p95 ${ms(v.redraw_p95_ms)}` +
            (v.redraws_kept
              ? `（另 ${v.redraws_kept} 次回到已查过的视图，中位 ${ms(v.redraw_kept_p50_ms)}）`
              : '') +
            '；' +
            `传输 JS ${kb(v.bytes.js)}（首图前 ${kb(v.bytes_before_first_chart.js)}），wasm ${kb(v.bytes.wasm)}，数据 ${kb(v.bytes.data)}`
        );
      console.log(`  ${label.padEnd(12)} 首个图表快 ${f.speedup.first_chart ?? '—'} 倍`);
    }
  }

  const at = (name: string) => browsers.find((b) => b.scale === name);
  const byDocs = (name: string) => ingests.find((i) => i.set === name)?.docs_per_s ?? null;
  const targets: Verdict[] = [
    verdict('导入 ≥ 200 份/秒（≈1,000 份）', byDocs('docs1k'), '>=', 200),
    verdict('导入 ≥ 200 份/秒（≈10,000 份）', byDocs('docs10k'), '>=', 200),
    verdict(
      'Parquet ≤ 40 字节/指标行（100 万行）',
      ingests.find((i) => i.set === 'rows1m')?.bytes_per_indicator ?? null,
      '<=',
      40
    ),
    ...browsers.flatMap((b) => [
      verdict(`首个图表 ≤ 300 ms（${b.scale}）`, b.site.first_chart_ms, '<=', 300),
      verdict(`首个图表快于基线 ≥ 5 倍（${b.scale}）`, b.speedup.first_chart, '>=', 5)
    ]),
    ...published.map((p) => verdict(`原件 ≥ 30 表格页/秒（${p.label}）`, p.form_pages_per_s, '>=', 30)),
    verdict('筛选重绘 p95 ≤ 100 ms（10 万行）', at('rows100k')?.site.redraw_p95_ms ?? null, '<=', 100),
    verdict('筛选重绘 p95 ≤ 250 ms（100 万行）', at('rows1m')?.site.redraw_p95_ms ?? null, '<=', 250)
  ];
  console.log('\n▶ 目标');
  for (const t of targets)
    console.log(`  ${t.met === null ? '—' : t.met ? '达到' : '未达'}  ${t.target}：${t.value ?? '未测'}`);

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '',
      memory_gb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version
    },
    options: { quick: QUICK, runs: RUNS, changes: CHANGES },
    ingest: [seed, ...ingests],
    published,
    browser: browsers,
    targets,
    seconds: round((performance.now() - started) / 1000, 0)
  };
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n写入 bench/results.json（${results.seconds} 秒）`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
