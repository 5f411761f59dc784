/**
 * What one file dropped on the 导入 page holds: a form document goes through the ingest's own
 * `ingestSources` (the same orchestration as `npm run ingest`), a CSV through the contract
 * templates. Pure (the 导入 page runs it in a Web Worker): bytes in, records, warnings and
 * errors with their places out.
 */
import { decodeSource } from '../ingest/decode';
import type { ManifestEntry } from '../ingest/document';
import type { FormatEnv } from '../ingest/formats/index';
import { ingestSources, type SourceFile } from '../ingest/pipeline';
import type { Dataset, Form, IngestWarning, Layout } from '../schema/records';
import { parseTemplateCsv, type TemplateTable } from './csvTemplate';
import type { ImportKind } from './merge';

/** File name endings the 导入 page accepts. */
export const ACCEPTED_EXTENSIONS = ['.pdf', '.xlsx', '.xls', '.txt', '.md', '.tsv', '.csv'] as const;

/** What a file holds, for the preview and (when `ok`) to be added. */
export interface FileAnalysis {
  file: string;
  sha256: string;
  kind: ImportKind;
  ok: boolean;
  /** Problems that stop the file, each with its line. */
  errors: IngestWarning[];
  /** Odd but recoverable things, each with its line. */
  warnings: IngestWarning[];
  /** The records found (empty when not ok). */
  dataset: Omit<Dataset, 'checks'>;
  /** For documents: the layout, form, year and district recognised. */
  layout: Layout | null;
  form: Form | null;
  year: number | null;
  district: string | null;
  /** For CSV files: the template's table. */
  table: TemplateTable | null;
}

const EMPTY: Omit<Dataset, 'checks'> = {
  projects: [],
  indicators: [],
  budget_lines: [],
  safeguards: [],
  sources: []
};

/** The ending of a file name, lower case (`.txt`), or '' when it has none. */
export function extensionOf(file: string): string {
  const m = /\.[^./\\]+$/.exec(file);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Reads one file. `entry` supplies what a document does not say (form, year, district,
 * department), as a row of data/sources.csv would.
 */
export async function analyseFile(
  source: SourceFile,
  entry: ManifestEntry | null = null,
  formats: FormatEnv = {}
): Promise<FileAnalysis> {
  const base = {
    file: source.file,
    sha256: source.sha256,
    warnings: [] as IngestWarning[],
    errors: [] as IngestWarning[],
    dataset: EMPTY,
    layout: null,
    form: null,
    year: null,
    district: null,
    table: null
  };
  const ext = extensionOf(source.file);
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext))
    return {
      ...base,
      kind: 'document',
      ok: false,
      errors: [
        {
          file: source.file,
          line: 1,
          code: 'unsupported-file',
          message: `不支持的文件类型“${ext || '无扩展名'}”：请选择 ${ACCEPTED_EXTENSIONS.join('、')} 文件`
        }
      ]
    };
  if (ext === '.csv') return analyseCsv(source, base);
  return analyseDocument(source, entry, base, formats);
}

function analyseCsv(source: SourceFile, base: Omit<FileAnalysis, 'kind' | 'ok'>): FileAnalysis {
  let text: string;
  try {
    text = decodeSource(source.bytes, source.file).text;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ...base,
      kind: 'csv',
      ok: false,
      errors: [{ file: source.file, line: 1, code: 'encoding', message }]
    };
  }
  const outcome = parseTemplateCsv(source.file, text);
  if (!outcome.ok) return { ...base, kind: 'csv', ok: false, errors: outcome.errors };
  return {
    ...base,
    kind: 'csv',
    ok: true,
    dataset: outcome.dataset,
    warnings: outcome.warnings,
    table: outcome.table
  };
}

async function analyseDocument(
  source: SourceFile,
  entry: ManifestEntry | null,
  base: Omit<FileAnalysis, 'kind' | 'ok'>,
  formats: FormatEnv
): Promise<FileAnalysis> {
  const manifest = { entries: entry ? [{ ...entry, file: source.file }] : [], problems: [] };
  const { dataset, report } = await ingestSources([source], manifest, { manifestName: '导入清单', formats });
  const s = report.sources[0];
  const refused = report.refused.map((r): IngestWarning => ({
    file: r.file,
    line: r.line,
    ...(r.page === null ? {} : { page: r.page }),
    code: s ? 'project-refused' : 'ingest-error',
    message: s ? `未导入：${r.reason}` : r.reason
  }));
  if (!s) return { ...base, kind: 'document', ok: false, errors: refused };
  // The browser has no manifest: a file without a row is the rule here, not worth a warning.
  const general = report.warnings.filter((w) => w.code !== 'not-in-manifest');
  return {
    ...base,
    kind: 'document',
    ok: true,
    dataset: {
      projects: dataset.projects,
      indicators: dataset.indicators,
      budget_lines: dataset.budget_lines,
      safeguards: dataset.safeguards,
      sources: dataset.sources
    },
    warnings: [...general, ...refused, ...s.warnings],
    layout: s.layout,
    form: s.form,
    year: s.year,
    district: s.district
  };
}
