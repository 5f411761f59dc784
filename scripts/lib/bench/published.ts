/**
 * The benchmark's published documents: synthetic forms (`npm run synth`) as publishers post them,
 * made once and kept: one PDF per document (each form on its own page or pages, printed by
 * Chromium), budget books of 40 pages and more (narrative and budget tables, then the forms), and
 * one workbook per document. `npm run ingest` then reads each folder, and the bench counts
 * documents and form pages per second.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, type ParsedSource } from '../../../src/lib/ingest/document';
import { parseManifest } from '../../../src/lib/ingest/manifest';
import { buildForms, projectRecords } from '../forms/grid';
import { formsHtml } from '../forms/html';
import { PdfPrinter } from '../forms/print';
import { formsWorkbook } from '../forms/xlsx';

/** A folder of published documents and its manifest. */
export interface PublishedSet {
  name: string;
  label: string;
  raw: string;
  manifest: string;
}

/** How many documents each set takes from the synthetic ones. */
export interface PublishedOptions {
  /** Per-document PDFs and workbooks. */
  documents: number;
  /** Budget books (each several documents' forms behind narrative pages). */
  books: number;
}

/** The synthetic documents of `synthDir` (raw/ and sources.csv), parsed, in file order. */
function synthSources(
  synthDir: string,
  count: number
): { file: string; source: ParsedSource; row: string }[] {
  const manifestText = readFileSync(path.join(synthDir, 'sources.csv'), 'utf8');
  const [header, ...rows] = manifestText.trimEnd().split('\n');
  const entries = parseManifest(manifestText).entries;
  return readdirSync(path.join(synthDir, 'raw'))
    .sort()
    .slice(0, count)
    .map((file) => {
      const entry = entries.find((e) => e.file === file) ?? null;
      const text = readFileSync(path.join(synthDir, 'raw', file), 'utf8');
      const source = parseDocument({ file, text, sourceId: file.slice(0, 8), manifest: entry });
      const row = rows.find((r) => r.startsWith(`${file},`)) ?? '';
      return { file, source, row: row && `${header}\n${row}` };
    });
}

/** A manifest for renamed documents: each synthetic row under its new file name. */
function manifestFor(renamed: { from: string; to: string }[], synthDir: string): string {
  const lines = readFileSync(path.join(synthDir, 'sources.csv'), 'utf8').trimEnd().split('\n');
  const out = [lines[0] as string];
  for (const { from, to } of renamed) {
    const row = lines.find((l) => l.startsWith(`${from},`));
    if (row) out.push(`${to}${row.slice(from.length)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Writes (or reuses, while `opts` and the synthetic set are the same) the published sets made
 * from the synthetic documents in `synthDir`: per-document PDFs, budget books, workbooks.
 */
export async function publishedSets(
  synthDir: string,
  workDir: string,
  opts: PublishedOptions
): Promise<PublishedSet[]> {
  const stamp = path.join(workDir, 'params.json');
  const params = JSON.stringify({ synthDir, ...opts, version: 1 });
  const sets: PublishedSet[] = [
    { name: 'pdf', label: '每份一个 PDF', raw: '', manifest: '' },
    { name: 'book', label: `部门预算 PDF（${opts.books} 本）`, raw: '', manifest: '' },
    { name: 'xlsx', label: '每份一个 xlsx', raw: '', manifest: '' }
  ].map((s) => ({
    ...s,
    raw: path.join(workDir, s.name, 'raw'),
    manifest: path.join(workDir, s.name, 'sources.csv')
  }));
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === params) return sets;

  rmSync(workDir, { recursive: true, force: true });
  for (const s of sets) mkdirSync(s.raw, { recursive: true });
  const docs = synthSources(synthDir, opts.documents);
  const printer = await PdfPrinter.start();
  try {
    const renamed = { pdf: [] as { from: string; to: string }[], xlsx: [] as { from: string; to: string }[] };
    for (const { file, source } of docs) {
      const forms = buildForms(source, { footer: true });
      const base = file.replace(/\.[^.]+$/, '');
      writeFileSync(
        path.join(workDir, 'pdf', 'raw', `${base}.pdf`),
        await printer.print(formsHtml(forms), { pageNumbers: true })
      );
      renamed.pdf.push({ from: file, to: `${base}.pdf` });
      writeFileSync(path.join(workDir, 'xlsx', 'raw', `${base}.xlsx`), formsWorkbook(forms));
      renamed.xlsx.push({ from: file, to: `${base}.xlsx` });
    }
    writeFileSync(path.join(workDir, 'pdf', 'sources.csv'), manifestFor(renamed.pdf, synthDir));
    writeFileSync(path.join(workDir, 'xlsx', 'sources.csv'), manifestFor(renamed.xlsx, synthDir));
    // A book is one department's documents of one year: the synthetic set's documents in turn,
    // each book taking whole documents until it holds at least 30 forms.
    const books: { from: string; to: string }[] = [];
    let at = 0;
    for (let b = 0; b < opts.books && at < docs.length; b++) {
      const inBook: ParsedSource[] = [];
      while (at < docs.length && inBook.reduce((n, s) => n + s.projects.length, 0) < 30)
        inBook.push((docs[at++] as { source: ParsedSource }).source);
      const first = inBook[0] as ParsedSource;
      const forms = inBook.flatMap((s) => buildForms(s, { footer: true }));
      const book = {
        department: first.department ?? first.district,
        year: first.year,
        projects: inBook.flatMap(projectRecords)
      };
      const name = `book-${String(b + 1).padStart(2, '0')}.pdf`;
      writeFileSync(
        path.join(workDir, 'book', 'raw', name),
        await printer.print(formsHtml(forms, { book }), { pageNumbers: true })
      );
      books.push({ from: docs[at - inBook.length]?.file ?? '', to: name });
    }
    writeFileSync(path.join(workDir, 'book', 'sources.csv'), manifestFor(books, synthDir));
  } finally {
    await printer.close();
  }
  writeFileSync(stamp, params);
  return sets;
}
