/**
 * The manifest, `data/sources.csv`: one row per source file with its form, year, district and
 * department. It supplies what a document does not say (002 never names its body).
 */
import Papa from 'papaparse';
import type { Form } from '../schema/records';
import type { ManifestEntry } from './document';

/** Columns the manifest must have. */
export const MANIFEST_COLUMNS = ['file', 'form', 'year', 'district', 'department'] as const;
/** Columns it may have: the document's title and original address, where its body sits. */
export const OPTIONAL_COLUMNS = ['title', 'url', 'province', 'city', 'county'] as const;

/** A manifest row that cannot be used, with its line in the CSV. */
export interface ManifestProblem {
  line: number;
  message: string;
}

/** Parses the manifest CSV (read with papaparse). Rows with problems are reported, not dropped silently. */
export function parseManifest(csv: string): {
  entries: ManifestEntry[];
  problems: ManifestProblem[];
  /** What is odd but does not stop a row (an address that is no web address, left out). */
  notes: ManifestProblem[];
} {
  const notes: ManifestProblem[] = [];
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim()
  });
  const problems: ManifestProblem[] = parsed.errors.map((e) => ({
    line: (e.row ?? 0) + 2,
    message: `CSV 格式错误：${e.message}`
  }));
  const fields = parsed.meta.fields ?? [];
  const missing = MANIFEST_COLUMNS.filter((c) => !fields.includes(c));
  if (missing.length) {
    problems.push({ line: 1, message: `缺少列：${missing.join(', ')}` });
    return { entries: [], problems, notes };
  }
  const entries: ManifestEntry[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const file = (row.file ?? '').trim();
    if (!file) {
      problems.push({ line, message: '缺少文件名' });
      return;
    }
    if (seen.has(file)) {
      problems.push({ line, message: `文件 ${file} 已在第 ${seen.get(file)} 行登记` });
      return;
    }
    seen.set(file, line);
    const formText = (row.form ?? '').trim();
    const form: Form | null = formText === 'target' || formText === 'self_eval' ? formText : null;
    if (formText && !form)
      problems.push({ line, message: `未知的表格类型“${formText}”（应为 target 或 self_eval）` });
    const yearText = (row.year ?? '').trim();
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    if (yearText && year === null) problems.push({ line, message: `年度“${yearText}”不是四位数字` });
    const optional = (key: (typeof OPTIONAL_COLUMNS)[number]) => (row[key] ?? '').trim() || null;
    const url = optional('url');
    // Only a web address is a link a reader can follow (and nothing a page could run).
    if (url && !/^https?:\/\//i.test(url))
      notes.push({ line, message: `地址“${url}”不是 http(s) 网址，未记录` });
    entries.push({
      file,
      form,
      year,
      district: (row.district ?? '').trim() || null,
      department: (row.department ?? '').trim() || null,
      province: optional('province'),
      city: optional('city'),
      county: optional('county'),
      title: optional('title'),
      url: url && /^https?:\/\//i.test(url) ? url : null
    });
  });
  return { entries, problems, notes };
}
