/**
 * Cuts a document into the forms it holds. A form begins at its title (财政项目支出绩效目标申报表,
 * …填报表, …自评表); the 2020 template splits one project over three parts (项目总体情况, 绩效目标,
 * 制度保障) that are put back together here. A title an export damaged is still recognised when a
 * project name follows it, and a block with a project name but no title is kept, not dropped.
 */
import type { Form } from '../schema/records';
import type { Row } from './layout';
import { compact, foldFullWidth } from './text';
import { recogniseLabel } from './vocabulary';

/** Which part of a form a title introduces (`untitled`: a block with no title before it). */
export type PartKind =
  'target' | 'self_eval' | 'overview2020' | 'targets2020' | 'safeguards2020' | 'untitled';

/** One part of a document: its rows from the title to the next title. */
export interface Part {
  kind: PartKind;
  titleLine: number;
  year: number | null;
  rows: Row[];
  /** The title as it reads (whitespace removed). */
  title: string;
  /** The title was recognised only loosely (an export damaged it). */
  damagedTitle: boolean;
  /** No title: the part is a project found inside another part. */
  lostTitle?: boolean;
}

/** One project's form: the parts that describe it. */
export interface FormSection {
  form: Form;
  template2020: boolean;
  year: number | null;
  startLine: number;
  /** The main part (header and, except in 2020, indicators). */
  main: Part;
  /** 2020 only: the 绩效目标 part (indicators and budget lines). */
  targets: Part | null;
  /** 2020 only: the 制度保障 part. */
  safeguards: Part | null;
  /** What was odd about the parts (a damaged or missing title, a repeated part). */
  notes: { line: number; code: string; message: string }[];
}

const YEAR_NOTE = /[(（]\s*(\d{4})\s*年度?\s*[)）]/;

function rowKey(row: Row): string {
  return compact(foldFullWidth(row.cells.map((c) => c.text).join('')));
}

function kindOfTitle(t: string): PartKind {
  if (/自评/.test(t)) return 'self_eval';
  if (/项目总体情况/.test(t)) return 'overview2020';
  if (/\(绩效目标\)|（绩效目标）/.test(t)) return 'targets2020';
  if (/制度保障/.test(t)) return 'safeguards2020';
  return 'target';
}

/** Recognises a form title in a row; null when the row is not a title. */
export function recogniseTitle(row: Row): PartKind | null {
  // Every title names a 表: most rows can be passed over without building their key.
  if (row.kind === 'blank' || row.kind === 'separator' || !row.text.includes('表')) return null;
  const t = rowKey(row);
  if (t.length > 60 || /汇总表/.test(t)) return null;
  if (/绩效自评表|绩效自评价表|绩效自评报告表/.test(t)) return 'self_eval';
  if (/绩效目标(?:申报|填报)表/.test(t)) return kindOfTitle(t);
  return null;
}

/** A document-level title (…项目绩效目标汇总表): it belongs to no project. */
function isSummaryTitle(row: Row): boolean {
  if (!row.text.includes('表')) return false;
  const t = rowKey(row);
  return t.length <= 60 && /汇总表$|汇总表[(（]/.test(t);
}

const TITLE_WORDS = ['财政', '项目', '支出', '绩效', '目标', '申报', '填报', '自评', '表'];

/** A title an export damaged: short, made of title words, and followed closely by a project name. */
function looksLikeDamagedTitle(rows: readonly Row[], i: number): boolean {
  const row = rows[i] as Row;
  if (row.kind === 'blank' || row.kind === 'separator' || row.cells.length > 2 || !row.text.includes('表'))
    return false;
  const t = rowKey(row);
  if (t.length < 6 || t.length > 40 || recogniseLabel(t)) return false;
  const words = TITLE_WORDS.filter((w) => t.includes(w)).length;
  if (words < 4 || !/表/.test(t)) return false;
  return hasProjectNameWithin(rows, i + 1, 12);
}

function hasProjectNameWithin(rows: readonly Row[], from: number, count: number): boolean {
  let seen = 0;
  for (let k = from; k < rows.length && seen < count; k++) {
    const r = rows[k] as Row;
    if (r.kind === 'blank') continue;
    seen++;
    if (recogniseTitle(r)) return false;
    if (r.cells.some((c) => recogniseLabel(c.text.split(/[:：]/)[0] ?? '')?.key === 'name')) return true;
  }
  return false;
}

/** The year a part states near its title: `(2026年度)`, `（2023 年度）`, `（ 2020 年）`. */
function findYear(rows: readonly Row[], titleIndex: number): number | null {
  for (let i = titleIndex; i < Math.min(rows.length, titleIndex + 6); i++) {
    const row = rows[i];
    if (!row) break;
    const m = YEAR_NOTE.exec(foldFullWidth(row.text)) ?? /(\d{4})\s*年度/.exec(foldFullWidth(row.text));
    if (m) return Number(m[1]);
  }
  return null;
}

/** True when the row opens a project's header: 项目名称 as a label of its own (`项目名称：X` refers back to one). */
function startsProject(row: Row): boolean {
  const first = row.cells[0];
  // (项目名称 always has its 称: most rows are passed over before any matching.)
  if (
    first === undefined ||
    !first.text.includes('称') ||
    recogniseLabel(first.text)?.key !== 'name' ||
    /[:：]/.test(first.text)
  )
    return false;
  // The itemised budget's header (项目名称 | 项目内容 | 项目明细 | 明细金额) is a table header, not a project.
  return !row.cells.some((c) => ['项目内容', '项目明细', '明细金额'].includes(compact(c.text)));
}

/** The kind of part a project found inside another part (its title lost) is read as. */
function kindAfterLostTitle(kind: PartKind): PartKind {
  return kind === 'targets2020' || kind === 'safeguards2020' ? 'overview2020' : kind;
}

/**
 * Cuts rows into parts. Rows with no title before them form `untitled` parts; a second project
 * inside a part (its title lost) starts a part of its own.
 */
export function splitParts(rows: readonly Row[]): Part[] {
  const parts: Part[] = [];
  let current: Part | null = null;
  let seenName = false;
  const open = (part: Part) => {
    current = part;
    parts.push(part);
    seenName = false;
  };
  rows.forEach((row, i) => {
    const strict = recogniseTitle(row);
    const kind = strict ?? (looksLikeDamagedTitle(rows, i) ? kindOfTitle(rowKey(row)) : null);
    if (kind) {
      open({
        kind,
        titleLine: row.line,
        year: findYear(rows, i),
        rows: [],
        title: rowKey(row),
        damagedTitle: !strict
      });
      return;
    }
    if (isSummaryTitle(row)) {
      current = null;
      return;
    }
    const project = startsProject(row);
    const inSubPart = current?.kind === 'targets2020' || current?.kind === 'safeguards2020';
    if (current && project && (seenName || inSubPart)) {
      open({
        kind: kindAfterLostTitle(current.kind),
        titleLine: row.line,
        year: current.year,
        rows: [],
        title: '',
        damagedTitle: false,
        lostTitle: true
      });
    }
    if (!current) {
      if (row.kind === 'blank') return;
      open({
        kind: 'untitled',
        titleLine: row.line,
        year: findYear(rows, i),
        rows: [],
        title: '',
        damagedTitle: false
      });
    }
    if (project) seenName = true;
    (current as unknown as Part).rows.push(row);
  });
  return parts;
}

/** True when a part holds a project name (so it is a form, titled or not). */
export function hasProjectName(part: Part): boolean {
  return hasProjectNameWithin(part.rows, 0, Number.POSITIVE_INFINITY);
}

/**
 * Puts parts together into one section per project. `fallbackForm` is the form an untitled block
 * is read as (from the manifest, or the document's other forms).
 */
export function groupSections(
  parts: readonly Part[],
  fallbackForm: Form | null
): { sections: FormSection[]; orphans: Part[] } {
  const sections: FormSection[] = [];
  const orphans: Part[] = [];
  const titledForm = parts.find(
    (p) => p.kind === 'self_eval' || p.kind === 'target' || p.kind === 'overview2020'
  );
  const guess: Form | null =
    fallbackForm ?? (titledForm ? (titledForm.kind === 'self_eval' ? 'self_eval' : 'target') : null);
  let last2020: FormSection | null = null;
  for (const part of parts) {
    if (part.kind === 'untitled') {
      if (!hasProjectName(part) || guess === null) {
        orphans.push(part);
        continue;
      }
      sections.push({
        form: guess,
        template2020: false,
        year: part.year,
        startLine: part.titleLine,
        main: part,
        targets: null,
        safeguards: null,
        notes: [
          {
            line: part.titleLine,
            code: 'missing-title',
            message: `此处有项目但没有可识别的表格标题，按${guess === 'self_eval' ? '绩效自评表' : '绩效目标申报表'}读取`
          }
        ]
      });
      last2020 = null;
      continue;
    }
    const notes = part.damagedTitle
      ? [
          {
            line: part.titleLine,
            code: 'damaged-title',
            message: `表格标题不完整：“${part.title}”，按其余文字识别`
          }
        ]
      : part.lostTitle
        ? [{ line: part.titleLine, code: 'missing-title', message: '此处开始另一个项目，但前面没有表格标题' }]
        : [];
    if (part.kind === 'target' || part.kind === 'self_eval' || part.kind === 'overview2020') {
      const section: FormSection = {
        form: part.kind === 'self_eval' ? 'self_eval' : 'target',
        template2020: part.kind === 'overview2020',
        year: part.year,
        startLine: part.titleLine,
        main: part,
        targets: null,
        safeguards: null,
        notes
      };
      sections.push(section);
      last2020 = part.kind === 'overview2020' ? section : null;
      continue;
    }
    const slot = part.kind === 'targets2020' ? 'targets' : 'safeguards';
    if (!last2020) {
      orphans.push(part);
      continue;
    }
    last2020.notes.push(...notes);
    const existing = last2020[slot];
    if (existing === null) last2020[slot] = part;
    else {
      // The same part's title printed again (a repeated page): one part, read as a whole.
      existing.rows.push(...part.rows);
      last2020.notes.push({
        line: part.titleLine,
        code: 'repeated-part',
        message: '2020 年表的分表标题重复出现，两段内容合并读取'
      });
    }
  }
  return { sections, orphans };
}
