/** Helpers of the re-created forms' tests: records compared field by field, the national sample, PDF text. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, type ParsedSource } from '../../src/lib/ingest/document';
import { foldRadicals } from '../../src/lib/ingest/text';
import { manifest, ROOT, SEEDS } from './seeds';

/** Fields that depend on where a record stands in its file, not on what it says. */
const PLACE_FIELDS = ['source_file', 'source_line', 'project_id', 'indicator_id'];

function withoutPlace<T extends object>(record: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !PLACE_FIELDS.includes(k)));
}

/** A source's records without the fields that say where they stand (file, line, ids). */
export function recordsOf(
  source: Pick<ParsedSource, 'projects' | 'indicators' | 'budget_lines' | 'safeguards'>
) {
  return {
    projects: source.projects.map(withoutPlace),
    indicators: source.indicators.map(withoutPlace),
    budget_lines: source.budget_lines.map(withoutPlace),
    safeguards: source.safeguards.map(withoutPlace)
  };
}

/** Parses a text as a seed's re-creation: under the seed's manifest entry, as the ingest would. */
export function parseAsSeed(
  id: keyof typeof SEEDS,
  text: string,
  file = `${id}-recreated.txt`
): ParsedSource {
  const entry = manifest().entries.find((e) => e.file === SEEDS[id]) ?? null;
  return parseDocument({ file, text, sourceId: 'recreated', manifest: entry });
}

/** The made-up form in the national template (a copy of /work/shared/samples/national-selfeval-template.md). */
export const NATIONAL_SAMPLE = path.join(ROOT, 'tests/fixtures/national/national-selfeval-template.md');

/** The national sample as the current parser reads it. */
export function parseNationalSample(): ParsedSource {
  const text = readFileSync(NATIONAL_SAMPLE, 'utf8');
  return parseDocument({ file: 'national-selfeval-template.md', text, sourceId: 'national', manifest: null });
}

/**
 * The national sample's records as its form means them: the parser's reading with what it gets
 * wrong today put right (预期目标 is the goal's label; 项目资金（万元） makes every amount 万元).
 */
export function nationalSampleRecords(): ParsedSource {
  const parsed = parseNationalSample();
  const project = {
    ...(parsed.projects[0] as ParsedSource['projects'][number]),
    goal: '完成全县农村供水管网维修15公里，水质达标率不低于95%，保障12万农村人口安全饮水。',
    outcome: '完成管网维修16.2公里，水质达标率93.5%，覆盖农村人口12.3万人。',
    annual_amount: '1185000.00',
    fiscal_amount: '1185000.00',
    carryover_amount: '0.00',
    other_amount: '0.00',
    budget_initial: '1200000.00',
    budget_adjusted: '1185000.00',
    executed_amount: '1123000.00'
  };
  return { ...parsed, projects: [project] };
}

/** The sample's Markdown table rows as cell texts (the pipes of each row split, trimmed). */
export function nationalSampleRows(): string[][] {
  return readFileSync(NATIONAL_SAMPLE, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|(?:-+\|)+$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim())
    );
}

/** A PDF's pages as pdf.js reads them: each page's text items, radicals folded. */
export async function pdfPages(bytes: Uint8Array): Promise<string[][]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.flatMap((i) => ('str' in i && i.str.trim() ? [foldRadicals(i.str)] : [])));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
