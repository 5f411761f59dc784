/**
 * The forms as publishers post them: each seed's forms re-created from its records, printed to
 * PDF by Chromium (per form, in a budget book behind narrative pages, with a page break inside
 * the indicator table, with a repeated table heading, rows split over pages), and read by the
 * ingest. Each must give exactly the records of the seed's text version; what cannot be read is
 * refused with its page.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForms, projectRecords } from '../../../scripts/lib/forms/grid';
import { formsHtml, type HtmlOptions } from '../../../scripts/lib/forms/html';
import { PdfPrinter } from '../../../scripts/lib/forms/print';
import { formsWorkbook } from '../../../scripts/lib/forms/xlsx';
import { CFB } from '@e965/xlsx';
import { ingestSource, type SourceOutcome } from '../../../src/lib/ingest/pipeline';
import type { ParsedSource } from '../../../src/lib/ingest/document';
import { parseNationalSample, recordsOf } from '../../helpers/forms';
import { nodePdfAssets } from '../../helpers/print';
import { SEEDS, manifest, parseSeed, sha256 } from '../../helpers/seeds';

type SeedId = keyof typeof SEEDS;
const IDS = Object.keys(SEEDS) as SeedId[];

let printer: PdfPrinter;
beforeAll(async () => {
  printer = await PdfPrinter.start();
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

/** Ingests bytes as the seed's file would be, under its manifest row, as `name`. */
async function ingestAs(id: SeedId, name: string, bytes: Uint8Array): Promise<SourceOutcome> {
  const entry = manifest().entries.find((e) => e.file === SEEDS[id]) ?? null;
  return ingestSource(
    { file: { file: name, bytes, sha256: sha256(bytes) }, entry: entry && { ...entry, file: name } },
    { formats: { pdf: nodePdfAssets() } }
  );
}

/** The seed's forms printed as one PDF. */
function printSeed(
  id: SeedId,
  options: Omit<HtmlOptions, 'book'> & { book?: boolean } = {},
  footer = true
): Promise<Uint8Array> {
  const seed = parseSeed(id);
  const book = options.book
    ? { department: seed.department as string, year: seed.year, projects: projectRecords(seed) }
    : undefined;
  return printer.print(formsHtml(buildForms(seed, { footer }), { ...options, book }), { pageNumbers: true });
}

/** Records without where they stand in their file (ids, lines, pages). */
function content(source: Pick<ParsedSource, 'projects' | 'indicators' | 'budget_lines' | 'safeguards'>) {
  return JSON.parse(JSON.stringify(recordsOf(source), (k, v) => (k === 'source_page' ? undefined : v)));
}

function parsed(outcome: SourceOutcome): Extract<SourceOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome;
}

describe('a seed printed to PDF, one form a page', () => {
  it.each(IDS)(
    '%s gives exactly the records of its text, without a warning',
    async (id) => {
      const out = parsed(await ingestAs(id, `${id}.pdf`, await printSeed(id)));
      expect(content(out.source)).toEqual(content(parseSeed(id)));
      expect(out.source.warnings).toEqual([]);
      expect(out.refused).toEqual([]);
      expect(out.report).toMatchObject({ layout: 'pdf', encoding: null });
    },
    60_000
  );

  it('points every record at its page and its line there', async () => {
    const out = parsed(await ingestAs('004', '004.pdf', await printSeed('004')));
    const first = out.source.projects[0];
    // A form begins at its title, the first line of its page.
    expect(first).toMatchObject({ name: '设备购置', source_page: 1, source_line: 1 });
    // Every indicator stands on a page of its project's form, below the form's first line.
    for (const i of out.source.indicators) {
      expect(i.source_page).toBeGreaterThanOrEqual(1);
      expect(i.source_line).toBeGreaterThan(0);
    }
    expect(out.report.pages).toBe(out.source.projects.length * 2);
  }, 60_000);
});

describe('a budget book: narrative and budget tables before the forms', () => {
  it.each(['000', '004'] as const)(
    '%s: the forms are read, the other pages skipped and counted',
    async (id) => {
      const out = parsed(await ingestAs(id, `${id}-book.pdf`, await printSeed(id, { book: true })));
      expect(content(out.source)).toEqual(content(parseSeed(id)));
      expect(out.source.warnings).toEqual([]);
      // Cover, 目录, three pages of narrative and two budget tables.
      expect(out.report.skipped_pages.slice(0, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    },
    60_000
  );
});

describe('tables that run over pages', () => {
  it('a page break inside each indicator table changes nothing (003, 12 forms)', async () => {
    const out = parsed(
      await ingestAs('003', '003-break.pdf', await printSeed('003', { breakInIndicators: true }))
    );
    expect(content(out.source)).toEqual(content(parseSeed('003')));
    expect(out.source.warnings).toEqual([]);
  }, 60_000);

  it('a heading row repeated on every page is read once (003)', async () => {
    const out = parsed(
      await ingestAs('003', '003-repeat.pdf', await printSeed('003', { repeatHeader: true }))
    );
    expect(content(out.source)).toEqual(content(parseSeed('003')));
  }, 60_000);

  it('rows split over two pages are put back together (002, 13 three-part forms)', async () => {
    const out = parsed(
      await ingestAs('002', '002-split.pdf', await printSeed('002', { avoidRowBreaks: false }))
    );
    expect(content(out.source)).toEqual(content(parseSeed('002')));
  }, 60_000);
});

describe('the national template (财预〔2020〕10号), printed', () => {
  const sample = parseNationalSample();
  const variants: [string, Omit<HtmlOptions, 'book'> & { book?: boolean }, boolean][] = [
    ['as one page', {}, false],
    ['with 指标性质 / 指标值 / 度量单位 apart', {}, true],
    [
      'in a budget book, its indicator table broken over two pages',
      { book: true, breakInIndicators: true },
      false
    ]
  ];
  it.each(variants)(
    '%s: 万元 read as yuan, every indicator, no warning',
    async (_, options, splitTarget) => {
      const book = options.book
        ? { department: sample.department as string, year: sample.year, projects: projectRecords(sample) }
        : undefined;
      const forms = buildForms(sample, { template: 'national-self-eval', splitTarget });
      const pdf = await printer.print(formsHtml(forms, { ...options, book }), { pageNumbers: true });
      const name = 'national.pdf';
      const out = parsed(
        await ingestSource(
          { file: { file: name, bytes: pdf, sha256: sha256(pdf) }, entry: null },
          { formats: { pdf: nodePdfAssets() } }
        )
      );
      expect(content(out.source)).toEqual(content(sample));
      expect(out.source.projects[0]).toMatchObject({
        district: '临江县',
        county: '临江县',
        budget_initial: '1200000.00',
        budget_adjusted: '1185000.00',
        executed_amount: '1123000.00',
        execution_rate: 0.9477,
        total_score: 97.48
      });
      expect(out.source.indicators.map((i) => i.target_text)).toEqual([
        '≥15公里',
        '≥95%',
        '2024年11月底前',
        '≥12万人',
        '健全',
        '≥90%'
      ]);
      expect(out.source.warnings).toEqual([]);
    },
    60_000
  );
});

describe('a seed written as a workbook, as publishers post them', () => {
  const layouts: [string, 'xlsx' | 'xls', 'sheet-per-form' | 'one-sheet'][] = [
    ['.xlsx, a sheet per form', 'xlsx', 'sheet-per-form'],
    ['.xlsx, every form on one sheet', 'xlsx', 'one-sheet'],
    ['.xls (BIFF8), a sheet per form', 'xls', 'sheet-per-form']
  ];
  for (const [label, bookType, layout] of layouts)
    it.each(IDS)(`%s as ${label} gives exactly the records of its text`, async (id) => {
      const bytes = formsWorkbook(buildForms(parseSeed(id)), { bookType, layout });
      const out = parsed(await ingestAs(id, `${id}.${bookType}`, bytes));
      expect(content(out.source)).toEqual(content(parseSeed(id)));
      expect(out.source.warnings).toEqual([]);
      expect(out.report).toMatchObject({ layout: bookType, encoding: null });
    });

  it('points records at their sheet and the row Excel shows', async () => {
    const bytes = formsWorkbook(buildForms(parseSeed('004')), { bookType: 'xlsx', layout: 'sheet-per-form' });
    const out = parsed(await ingestAs('004', '004.xlsx', bytes));
    expect(out.source.projects.map((p) => [p.source_page, p.source_line])).toEqual(
      out.source.projects.map((_, i) => [i + 1, 1])
    );
  });

  it('reads the national template’s 万元 from number cells exactly, with its target split', async () => {
    const sample = parseNationalSample();
    const bytes = formsWorkbook(buildForms(sample, { template: 'national-self-eval', splitTarget: true }));
    const out = parsed(
      await ingestSource({ file: { file: 'national.xlsx', bytes, sha256: sha256(bytes) }, entry: null }, {})
    );
    expect(content(out.source)).toEqual(content(sample));
    expect(out.source.projects[0]).toMatchObject({ executed_amount: '1123000.00', execution_rate: 0.9477 });
  });

  it('refuses a corrupt workbook, a Word document and a ZIP of other files, each saying what it is', async () => {
    const good = formsWorkbook(buildForms(parseSeed('001')));
    const cut = await ingestAs('001', 'cut.xlsx', good.slice(0, Math.floor(good.length / 2)));
    expect(cut).toMatchObject({ ok: false, refusal: { file: 'cut.xlsx', line: 1 } });
    expect(cut.ok ? '' : cut.refusal.reason).toMatch(/^工作簿已损坏，无法读取（/);
    const word = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await ingestAs('001', 'form.docx', word)).toMatchObject({
      ok: false,
      refusal: { reason: 'Word 文档（.docx）不能直接导入：请另存为 PDF 或 Excel 工作簿' }
    });
    const bundle = zipOf({ 'a.pdf': '%PDF-1.7', 'b.txt': '说明' });
    expect(await ingestAs('001', 'forms.zip', bundle)).toMatchObject({
      ok: false,
      refusal: { reason: 'ZIP 压缩包不能直接导入：请解压后放入其中的 PDF 或工作簿' }
    });
  });
});

/** A ZIP archive of the given text files, written with SheetJS's own container library. */
function zipOf(files: Record<string, string>): Uint8Array {
  const zip = CFB.utils.cfb_new();
  for (const [name, text] of Object.entries(files))
    CFB.utils.cfb_add(zip, name, new TextEncoder().encode(text));
  return new Uint8Array(CFB.write(zip, { type: 'array', fileType: 'zip' }) as ArrayBuffer);
}

describe('damaged PDFs', () => {
  // A new seed each run, printed, so each run tries new damage; FUZZ_SEED replays one.
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const runs = Math.max(5, Math.round(Number(process.env.FUZZ_RUNS ?? 500) / 25));

  it(`give records or a refusal, never a crash (FUZZ_SEED=${seed})`, async () => {
    const pdf = await printSeed('001');
    const damage = fc.record({
      at: fc.array(fc.nat({ max: pdf.length - 1 }), { minLength: 1, maxLength: 40 }),
      byte: fc.integer({ min: 0, max: 255 }),
      cut: fc.option(fc.nat({ max: pdf.length - 1 }), { nil: null })
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ at, byte, cut }) => {
        const bytes = pdf.slice(0, cut ?? pdf.length);
        for (const i of at) if (i < bytes.length) bytes[i] = byte;
        const out = await ingestAs('001', 'damaged.pdf', bytes);
        if (out.ok) {
          for (const p of out.source.projects) expect(p.source_page).toBeGreaterThanOrEqual(1);
        } else expect(out.refusal.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: runs, seed }
    );
  }, 300_000);
});

describe('PDFs that cannot be read', () => {
  it('refuses a scan, naming its page', async () => {
    const seed = parseSeed('001');
    const scan = await printer.printScanned(formsHtml(buildForms(seed).slice(0, 1)));
    const out = await ingestAs('001', 'scan.pdf', scan);
    expect(out).toMatchObject({
      ok: false,
      refusal: { file: 'scan.pdf', page: 1, reason: '没有文字层（扫描件，共 1 页）：需要可复制文字的 PDF' }
    });
  }, 60_000);

  it('refuses a file cut short, and reads nothing of it', async () => {
    const pdf = await printSeed('001');
    const out = await ingestAs('001', 'cut.pdf', pdf.slice(0, Math.floor(pdf.length / 2)));
    expect(out).toMatchObject({
      ok: false,
      refusal: { file: 'cut.pdf', reason: 'PDF 文件已损坏，无法读取（文件不完整，可能下载或复制时被截断）' }
    });
  }, 60_000);
});
