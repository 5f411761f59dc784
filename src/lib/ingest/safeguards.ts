/**
 * 制度保障 of the 2020 form: the rules that govern a project (项目管理制度 / 预算管理制度 /
 * 财务管理制度), with the stages at which they apply, ticked or crossed.
 */
import type { Row } from './layout';
import { CHECKED_MARK, UNCHECKED_MARK, compact, tidyText } from './text';
import { SAFEGUARD_KINDS } from './vocabulary';

/** One safeguard row, before ids are given. */
export interface SafeguardDraft {
  line: number;
  kind: string | null;
  document: string | null;
  measures: string | null;
  at_planning: boolean | null;
  at_implementation: boolean | null;
  at_completion: boolean | null;
}

const STAGES = [
  ['立项和计划阶段', 'at_planning'],
  ['实施阶段', 'at_implementation'],
  ['收尾和完成阶段', 'at_completion']
] as const;
type StageKey = (typeof STAGES)[number][1];

const CHECKED = new RegExp(`[✓√✔☑${CHECKED_MARK}]`);
const UNCHECKED = new RegExp(`[×✗✘☐□${UNCHECKED_MARK}]`);

/** ✓ √ ☑ → true; × □ ☐ → false; no mark → null. */
export function readMark(text: string): boolean | null {
  if (CHECKED.test(text)) return true;
  if (UNCHECKED.test(text)) return false;
  return null;
}

function stageOf(text: string): StageKey | null {
  const key = compact(text);
  for (const [word, stage] of STAGES) if (key.startsWith(word)) return stage;
  return null;
}

/** Reads the rows of a 制度保障 part. Rows naming neither a document nor measures are left out. */
export function readSafeguards(rows: readonly Row[]): SafeguardDraft[] {
  const out: SafeguardDraft[] = [];
  let kind: string | null = null;
  // The table starts after its header (制度保障 | 文件名称 | 具体措施 | 保障阶段).
  const headerAt = rows.findIndex((r) =>
    r.cells.some((c) => ['文件名称', '具体措施'].includes(compact(c.text)))
  );
  for (const row of rows.slice(headerAt + 1)) {
    if (row.kind === 'blank' || row.kind === 'separator') continue;
    const cells = row.cells.map((c) => c.text);
    const keys = cells.map(compact);
    if (keys.includes('文件名称') || keys.includes('具体措施')) continue;
    if (keys.some((k) => k.startsWith('项目名称'))) continue;
    const draft: SafeguardDraft = {
      line: row.line,
      kind: null,
      document: null,
      measures: null,
      at_planning: null,
      at_implementation: null,
      at_completion: null
    };
    const texts: string[] = [];
    let lastStage: StageKey | null = null;
    let sawStage = false;
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i] as string;
      const key = keys[i] as string;
      const k = SAFEGUARD_KINDS.find((w) => key === w);
      if (k && texts.length === 0 && !sawStage) {
        kind = k;
        continue;
      }
      if (key === '制度保障') continue;
      const stage = stageOf(text);
      if (stage) {
        draft[stage] = readMark(text);
        lastStage = stage;
        sawStage = true;
        continue;
      }
      const mark = readMark(text);
      if (lastStage && mark !== null && key.length <= 2) {
        draft[lastStage] = mark;
        continue;
      }
      texts.push(tidyText(text));
    }
    draft.kind = kind;
    draft.document = texts[0] || null;
    draft.measures = texts.length > 1 ? texts.slice(1).join(' ') : null;
    if (!draft.document && !draft.measures) continue;
    out.push(draft);
  }
  return out;
}
