/**
 * What synthetic documents are made of, drawn from the real seeds as the ingest reads them:
 * project names with their indicator sets, targets by kind of indicator, deviation reasons,
 * goals, budget-line and safeguard wording. Nothing here is invented except the districts.
 */
import type { Dataset, IndicatorRecord, TargetOp } from '../../../src/lib/schema/records';
import { recogniseHeading } from '../../../src/lib/ingest/vocabulary';

/** The sixteen districts of Shanghai (the seeds are all from Shanghai). */
export const DISTRICTS = [
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '浦东新区',
  '金山区',
  '松江区',
  '青浦区',
  '奉贤区',
  '崇明区'
] as const;

/** A target as a form states it: a measure, words, or nothing. */
export type TargetSpec =
  | { kind: 'measure'; op: TargetOp; value: number; unit: string | null; decimals: number }
  | { kind: 'words'; text: string }
  | { kind: 'none' };

/** One indicator of a project template, in the current template's terms. */
export interface IndicatorTemplate {
  level1: string;
  level2: string;
  name: string;
  target: TargetSpec;
}

/** A seed project's name, classification, goal and indicators. */
export interface ProjectTemplate {
  name: string;
  nature: string | null;
  category: string | null;
  goal: string;
  indicators: IndicatorTemplate[];
}

/** Everything a synthetic document draws from. */
export interface Vocabulary {
  projects: ProjectTemplate[];
  /** Targets seen under each level 2 (measures and words), to fill indicators the seeds left empty. */
  targetsByLevel2: Map<string, TargetSpec[]>;
  reasons: string[];
  outcomes: string[];
  budgetLines: { content: string; detail: string }[];
  safeguards: { kind: string; document: string; measures: string }[];
  natures: string[];
  categories: string[];
}

const HAS_DIGIT = /\d/;

function decimalsOf(text: string | null): number {
  const m = /\d+\.(\d+)/.exec(text ?? '');
  return m ? (m[1] as string).length : 0;
}

function targetOf(i: IndicatorRecord): TargetSpec {
  if (i.target_op && i.target_value !== null && i.target_unit !== '元')
    return {
      kind: 'measure',
      op: i.target_op,
      value: i.target_value,
      unit: i.target_unit,
      decimals: decimalsOf(i.target_text)
    };
  const text = (i.target_text ?? '').replace(/\s+/g, '');
  if (text && !HAS_DIGIT.test(text) && text.length <= 12 && !/[/／]/.test(text))
    return { kind: 'words', text };
  return { kind: 'none' };
}

function unique<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Builds the vocabulary from the seeds' records. */
export function vocabularyFrom(dataset: Omit<Dataset, 'checks'>): Vocabulary {
  const byProject = new Map<string, IndicatorRecord[]>();
  for (const i of dataset.indicators) {
    const list = byProject.get(i.project_id) ?? [];
    list.push(i);
    byProject.set(i.project_id, list);
  }
  const targetsByLevel2 = new Map<string, TargetSpec[]>();
  for (const i of dataset.indicators) {
    const t = targetOf(i);
    if (t.kind === 'none' || !i.level2) continue;
    const list = targetsByLevel2.get(i.level2) ?? [];
    list.push(t);
    targetsByLevel2.set(i.level2, list);
  }
  const projects = unique(
    dataset.projects.map((p) => ({
      name: p.name.replace(/\s+/g, ''),
      nature: p.nature,
      category: p.category,
      goal: (p.goal ?? p.name).replace(/\s+/g, ''),
      indicators: (byProject.get(p.project_id) ?? [])
        // A name that is also a heading word of the 2020 template (服务对象满意度) is ambiguous there.
        .filter(
          (i) =>
            i.level1 && i.level2 && i.name.length <= 40 && !recogniseHeading(i.name, { template2020: true })
        )
        .map((i) => ({
          level1: i.level1 as string,
          level2: i.level2 as string,
          name: i.name.replace(/\s+/g, ''),
          target: targetOf(i)
        }))
    })),
    (p) => p.name
  ).filter((p) => p.indicators.length >= 3);
  return {
    projects,
    targetsByLevel2,
    reasons: unique(
      dataset.indicators.map((i) => (i.deviation ?? '').replace(/\s+/g, '')).filter((r) => r.length >= 16),
      (r) => r
    ),
    outcomes: unique(
      dataset.projects.map((p) => (p.outcome ?? '').replace(/\s+/g, '')).filter((o) => o.length >= 10),
      (o) => o
    ),
    budgetLines: unique(
      dataset.budget_lines
        .filter((b) => b.content && b.detail)
        .map((b) => ({ content: b.content as string, detail: b.detail as string })),
      (b) => `${b.content}|${b.detail}`
    ),
    safeguards: unique(
      dataset.safeguards
        .filter((s) => s.kind && s.document && s.measures)
        .map((s) => ({
          kind: s.kind as string,
          document: (s.document as string).slice(0, 30),
          measures: (s.measures as string).slice(0, 40)
        })),
      (s) => `${s.kind}|${s.document}`
    ),
    natures: unique(
      dataset.projects.map((p) => p.nature).filter((n): n is string => !!n),
      (n) => n
    ),
    categories: unique(
      dataset.projects.map((p) => p.category).filter((c): c is string => !!c && c !== '经常性项目'),
      (c) => c
    )
  };
}
