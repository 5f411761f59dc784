/**
 * What the three readers of an indicator table share: the draft of an indicator before its values
 * are parsed, the level-1 / level-2 headings in force while reading down a table, how `成本指标`
 * is placed, and the shapes of scores and values.
 */
import type { Form } from '../../schema/records';
import { parseMeasure } from '../values';
import { isCostLevel2, type Heading, type VocabularyOptions } from '../vocabulary';

/** One indicator as read from the table, before its values are parsed. */
export interface IndicatorDraft {
  line: number;
  level1: string | null;
  level2: string | null;
  level1_raw: string | null;
  level2_raw: string | null;
  name: string;
  target: string | null;
  actual: string | null;
  weight: string | null;
  score: string | null;
  deviation: string | null;
  basis: string | null;
  /** The row named its own level-2 heading (tables only). */
  explicitLevel2: boolean;
  explicitLevel1: boolean;
}

/** A problem found while reading the table (the caller adds the file name). */
export interface TableWarning {
  line: number;
  code: string;
  message: string;
}

/** What the table holds: indicators, the 总分 row if any, and what was odd. */
export interface IndicatorTable {
  drafts: IndicatorDraft[];
  total: { weight: string | null; score: string | null; line: number } | null;
  warnings: TableWarning[];
}

/** How to read a table. */
export interface IndicatorTableOptions extends VocabularyOptions {
  form: Form;
  /** 2020 template: the last column is 备注 (the basis of the target). */
  hasBasisColumn: boolean;
}

/** The level-1 / level-2 headings in force while reading down a table. */
export class HeadingState {
  level1: string | null = null;
  level1Raw: string | null = null;
  level2: string | null = null;
  level2Raw: string | null = null;

  apply(h: Heading): void {
    if (h.level === 1) {
      if (h.level1 !== this.level1 || (this.level1Raw !== null && h.raw !== this.level1Raw)) {
        this.level2 = null;
        this.level2Raw = null;
      }
      this.level1 = h.level1;
      this.level1Raw = h.raw;
      return;
    }
    this.level2 = h.level2;
    this.level2Raw = h.raw;
    if (h.level1 !== this.level1) {
      // A level 2 of another level 1: the 2020 template does this on purpose (满意度 under
      // 影响力目标; 成本指标 under 产出指标) and the source's level-1 words still apply; anywhere
      // else it is a page break that lost the level-1 cell, which the source therefore does not name.
      const deliberate = /目标$/.test(this.level1Raw ?? '') || h.raw === '成本指标' || h.raw === '成本';
      this.level1 = h.level1;
      if (!deliberate) this.level1Raw = null;
    }
  }
}

const COST_WORDS = /成本|节约|费用|支出|经费|价格|预算|合理/;
/** Words an indicator's name usually carries under each level 2: used only to place a displaced heading. */
const LEVEL2_PROFILE: Record<string, RegExp> = {
  数量指标: /数|量|次|个|场|份|件|覆盖|完成/,
  质量指标: /率|准确|合格|达标|质量|规范|正确|差错|通过|故障|投诉|精准|认可/,
  时效指标: /及时|时效|时间|按时|时限|期限|进度|周期|时长|日内|天内|到位/,
  经济效益指标: /经济|资金|费用|节约|收益|效益|增长|成本/,
  社会效益指标: /社会|群众|参保|公众|提升|改善|知晓|影响|情况|水平|覆盖|负担/,
  生态效益指标: /生态|环境|绿色|节能|排放/,
  可持续影响指标: /长效|持续|机制|制度|长期/,
  服务对象满意度指标: /满意/,
  经济成本指标: COST_WORDS,
  社会成本指标: COST_WORDS,
  生态环境成本指标: COST_WORDS
};

export function fitsLevel2(name: string, level2: string | null): boolean {
  const profile = level2 ? LEVEL2_PROFILE[level2] : undefined;
  return profile ? profile.test(name) : false;
}

/**
 * Decides what `成本指标` is in this row: a level 1 (2023 template) or a level 2 under 产出指标
 * (older forms), from the row, the rest of the table and the heading in force.
 */
export function resolveRowHeadings(
  raw: readonly Heading[],
  state: HeadingState,
  tableHasCostLevel2: boolean
): Heading[] {
  const out: Heading[] = [];
  raw.forEach((h, i) => {
    const prev = out[out.length - 1];
    if (prev && prev.level === h.level && prev.raw === h.raw) return; // `数量 指标 | 数量指标`
    if (h.level === 1 && h.level1 === '成本指标') {
      const withCostLevel2 = raw.slice(i + 1).some((o) => isCostLevel2(o.level2));
      const afterLevel1 = out.some((o) => o.level === 1);
      const older = !withCostLevel2 && (afterLevel1 || (!tableHasCostLevel2 && state.level1 === '产出指标'));
      if (older) {
        out.push({ level: 2, raw: h.raw, level1: '成本指标', level2: null });
        return;
      }
    }
    out.push(h);
  });
  return out;
}

export const WEIGHT = /^\d+(?:\.\d+)?$/;
const VALUE_SHAPE = /^(?:[<>=≥≤＜＞≧≦]|[\d０-９])/;

/**
 * Finds the 分值 / 得分 pair in the cells of a self-evaluation row: the first two plain numbers
 * with at least a target and an actual before them and no number right after.
 */
export function findScorePair(cells: readonly string[]): number | null {
  for (let i = 2; i + 1 < cells.length; i++) {
    if (!WEIGHT.test(cells[i] ?? '') || !WEIGHT.test(cells[i + 1] ?? '')) continue;
    const after = cells[i + 2];
    if (after !== undefined && WEIGHT.test(after)) continue;
    return i;
  }
  return null;
}

const UNIT_TOKEN =
  /^(?:[(（][^()（）]{1,6}[)）]|次|人|人次|个|件|%|元|万元|天|分|场|份|期|位|户|家|台|张|项|篇|条|小时|日|周|月|年)$/;
const NUMBERISH = /^[<>=≥≤＜＞≧≦]*=?[\d０-９.,，]+[万亿]?$/;

/** Rejoins a unit that an export separated from its number (`<10` `次` → `<10 次`). */
export function mergeUnitTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && UNIT_TOKEN.test(t) && NUMBERISH.test(prev))
      out[out.length - 1] = `${prev} ${t}`;
    else out.push(t);
  }
  return out;
}

export function newDraft(state: HeadingState, line: number, name: string): IndicatorDraft {
  return {
    line,
    level1: state.level1,
    level2: state.level2,
    level1_raw: state.level1Raw,
    level2_raw: state.level2Raw,
    name,
    target: null,
    actual: null,
    weight: null,
    score: null,
    deviation: null,
    basis: null,
    explicitLevel2: false,
    explicitLevel1: false
  };
}

export function looksLikeValue(text: string): boolean {
  return VALUE_SHAPE.test(text.trim()) && parseMeasure(text).value !== null;
}
