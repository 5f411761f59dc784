/**
 * Cuts a document into the forms it holds. A form begins at its title (财政项目支出绩效目标申报表,
 * …填报表, …自评表); the 2020 template splits one project over three parts (项目总体情况, 绩效目标,
 * 制度保障) that are put back together here.
 */
import type { Form } from '../schema/records';
import type { Row } from './layout';
import { compact, foldFullWidth } from './text';

/** Which part of a form a title introduces. */
export type PartKind = 'target' | 'self_eval' | 'overview2020' | 'targets2020' | 'safeguards2020';

/** One titled part of a document: its rows from the title to the next title. */
export interface Part {
  kind: PartKind;
  titleLine: number;
  year: number | null;
  rows: Row[];
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
}

const YEAR_NOTE = /[(（]\s*(\d{4})\s*年度?\s*[)）]/;

/** Recognises a form title in a row; null when the row is not a title. */
export function recogniseTitle(row: Row): PartKind | null {
  if (row.kind === 'blank' || row.kind === 'separator') return null;
  const t = compact(foldFullWidth(row.cells.map((c) => c.text).join('')));
  if (t.length > 60 || /汇总表/.test(t)) return null;
  if (/绩效自评表|绩效自评价表|绩效自评报告表/.test(t)) return 'self_eval';
  if (/绩效目标(?:申报|填报)表/.test(t)) {
    if (/项目总体情况/.test(t)) return 'overview2020';
    if (/\(绩效目标\)|（绩效目标）/.test(t)) return 'targets2020';
    if (/制度保障/.test(t)) return 'safeguards2020';
    return 'target';
  }
  return null;
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

/** Cuts rows into titled parts; rows before the first title are returned as the preamble. */
export function splitParts(rows: readonly Row[]): { preamble: Row[]; parts: Part[] } {
  const parts: Part[] = [];
  const preamble: Row[] = [];
  let current: Part | null = null;
  rows.forEach((row, i) => {
    const kind = recogniseTitle(row);
    if (kind) {
      current = { kind, titleLine: row.line, year: findYear(rows, i), rows: [] };
      parts.push(current);
      return;
    }
    if (current) current.rows.push(row);
    else preamble.push(row);
  });
  return { preamble, parts };
}

/** Puts parts together into one section per project. */
export function groupSections(parts: readonly Part[]): { sections: FormSection[]; orphans: Part[] } {
  const sections: FormSection[] = [];
  const orphans: Part[] = [];
  let last2020: FormSection | null = null;
  for (const part of parts) {
    if (part.kind === 'target' || part.kind === 'self_eval' || part.kind === 'overview2020') {
      const section: FormSection = {
        form: part.kind === 'self_eval' ? 'self_eval' : 'target',
        template2020: part.kind === 'overview2020',
        year: part.year,
        startLine: part.titleLine,
        main: part,
        targets: null,
        safeguards: null
      };
      sections.push(section);
      last2020 = part.kind === 'overview2020' ? section : null;
      continue;
    }
    const slot = part.kind === 'targets2020' ? 'targets' : 'safeguards';
    if (last2020 && last2020[slot] === null) last2020[slot] = part;
    else orphans.push(part);
  }
  return { sections, orphans };
}
