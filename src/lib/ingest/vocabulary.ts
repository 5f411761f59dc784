/**
 * The closed vocabularies of the forms: indicator headings (一级/二级指标, with the 2020 words),
 * table labels and the field labels of the project header. Parsers recognise cells by these words,
 * never by where the cells sit.
 */
import { compact, foldFullWidth } from './text';

/** Level-1 headings, by their normalised name. */
export const LEVEL1_NAMES = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;

const LEVEL1_WORDS: Record<string, string> = {
  产出指标: '产出指标',
  效益指标: '效益指标',
  满意度指标: '满意度指标',
  成本指标: '成本指标',
  // 2020 template
  产出目标: '产出指标',
  效果目标: '效益指标',
  影响力目标: '效益指标'
};

interface Level2Meaning {
  level2: string | null;
  level1: string;
}

const LEVEL2_WORDS: Record<string, Level2Meaning> = {
  数量指标: { level2: '数量指标', level1: '产出指标' },
  质量指标: { level2: '质量指标', level1: '产出指标' },
  时效指标: { level2: '时效指标', level1: '产出指标' },
  经济效益指标: { level2: '经济效益指标', level1: '效益指标' },
  社会效益指标: { level2: '社会效益指标', level1: '效益指标' },
  生态效益指标: { level2: '生态效益指标', level1: '效益指标' },
  可持续影响指标: { level2: '可持续影响指标', level1: '效益指标' },
  服务对象满意度指标: { level2: '服务对象满意度指标', level1: '满意度指标' },
  经济成本指标: { level2: '经济成本指标', level1: '成本指标' },
  社会成本指标: { level2: '社会成本指标', level1: '成本指标' },
  生态环境成本指标: { level2: '生态环境成本指标', level1: '成本指标' }
};

// The 2020 template's level-2 words. They are ordinary words ("满意度" is also an indicator
// name in later forms), so they count as headings only in forms that use the 2020 template.
const LEVEL2_WORDS_2020: Record<string, Level2Meaning> = {
  数量: { level2: '数量指标', level1: '产出指标' },
  质量: { level2: '质量指标', level1: '产出指标' },
  时效: { level2: '时效指标', level1: '产出指标' },
  成本: { level2: null, level1: '成本指标' },
  经济效益: { level2: '经济效益指标', level1: '效益指标' },
  社会效益: { level2: '社会效益指标', level1: '效益指标' },
  生态效益: { level2: '生态效益指标', level1: '效益指标' },
  可持续影响: { level2: '可持续影响指标', level1: '效益指标' },
  长效管理: { level2: '可持续影响指标', level1: '效益指标' },
  人力资源: { level2: '可持续影响指标', level1: '效益指标' },
  信息共享: { level2: '可持续影响指标', level1: '效益指标' },
  满意度: { level2: '服务对象满意度指标', level1: '满意度指标' },
  服务对象满意度: { level2: '服务对象满意度指标', level1: '满意度指标' }
};

// Maps, not object lookups: a cell reading `constructor` must not find Object's.
const LEVEL1 = new Map(Object.entries(LEVEL1_WORDS));
const LEVEL2 = new Map(Object.entries(LEVEL2_WORDS));
const LEVEL2_2020 = new Map(Object.entries(LEVEL2_WORDS_2020));
// Room for spaces a PDF put between the characters of the longest heading.
const MAX_HEADING_TEXT =
  3 * Math.max(...[...LEVEL1.keys(), ...LEVEL2.keys(), ...LEVEL2_2020.keys()].map((k) => k.length));

/** A heading cell recognised in an indicator table. */
export interface Heading {
  /** 1 for 一级指标, 2 for 二级指标. */
  level: 1 | 2;
  /** The words as in the source, whitespace removed. */
  raw: string;
  /** Normalised level-1 name this heading belongs to. */
  level1: string;
  /** Normalised level-2 name (null for a level-1 heading, or for 成本指标 used as a level 2). */
  level2: string | null;
}

/** Options that change how cells are read: the 2020 template has its own words. */
export interface VocabularyOptions {
  template2020: boolean;
}

const SHORT_KEYS = new Map<string, string>();

/** The key under which headings and labels are compared: no whitespace, half-width. */
export function headingKey(text: string): string {
  // Short cells (labels, headings, worded targets) repeat in every project: remember their keys.
  if (text.length > 24) return compact(foldFullWidth(text));
  let key = SHORT_KEYS.get(text);
  if (key === undefined) {
    if (SHORT_KEYS.size >= 20_000) SHORT_KEYS.clear();
    key = compact(foldFullWidth(text));
    SHORT_KEYS.set(text, key);
  }
  return key;
}

/**
 * Recognises a heading cell. `成本指标` is a level 1 in the 2023 template and a level 2 under
 * 产出指标 in older ones; it is returned as level 1 here and the table parser decides.
 */
export function recogniseHeading(text: string, opts: VocabularyOptions): Heading | null {
  // Headings are a few characters: a long cell is never one (most cells are passed over here).
  if (text.length > MAX_HEADING_TEXT) return null;
  const key = headingKey(text);
  const l1 = LEVEL1.get(key);
  if (l1) return { level: 1, raw: key, level1: l1, level2: null };
  const l2 = LEVEL2.get(key) ?? (opts.template2020 ? LEVEL2_2020.get(key) : undefined);
  if (l2) return { level: 2, raw: key, level1: l2.level1, level2: l2.level2 };
  return null;
}

/** Level-2 names that belong to 成本指标 as a level 1. */
export function isCostLevel2(level2: string | null): boolean {
  return level2 === '经济成本指标' || level2 === '社会成本指标' || level2 === '生态环境成本指标';
}

// Column titles and label fragments of indicator tables: never data.
const TABLE_LABELS = new Set(
  [
    '一级指标',
    '二级指标',
    '三级指标',
    '一级目标',
    '二级目标',
    '三级目标',
    '年度指标值',
    '年度(/项目)指标值',
    '年度/项目指标值',
    '项目指标值',
    '指标值',
    '目标值',
    '实际完成值',
    '实际值',
    '分值',
    '得分',
    '权重',
    '偏差原因分析及改进措施',
    '偏差原因分析',
    '改进措施',
    '偏差原因分析及',
    '备注',
    '绩效指标',
    '绩效目标',
    '年度绩效指标',
    '绩效',
    '指标',
    '完成值',
    '指标性质',
    '度量单位',
    '计量单位'
  ].map(headingKey)
);

/** True for the titles of indicator-table columns and the 绩效指标 row label. */
export function isTableLabel(text: string): boolean {
  return text.length <= MAX_TABLE_LABEL_TEXT && TABLE_LABELS.has(headingKey(text));
}
// Room for spaces a PDF put between the characters of the longest title.
const MAX_TABLE_LABEL_TEXT = 3 * Math.max(...[...TABLE_LABELS].map((l) => l.length));
const TABLE_LABEL_PREFIXES = new Set(
  [...TABLE_LABELS].flatMap((k) => [...k].map((_, i) => k.slice(0, i + 1)))
);

/** True when the text is a column title or the beginning of one (`年度` of 年度指标值). */
export function isTableLabelStart(text: string): boolean {
  return text.length <= MAX_TABLE_LABEL_TEXT && TABLE_LABEL_PREFIXES.has(headingKey(text));
}

const HEADER_WORDS = new Set(['一级指标', '二级指标', '三级指标', '一级目标', '二级目标', '三级目标']);

/**
 * True for the header row of an indicator table: a row naming the indicator levels
 * (一级指标 / 二级指标 / 三级指标), whole or, one cell per line, its first line.
 */
export function isIndicatorHeaderRow(cells: readonly string[]): boolean {
  return cells.some((c) => c.length <= 12 && c.includes('级') && HEADER_WORDS.has(headingKey(c)));
}

// Words that end the name of an indicator (a rate, a count, a state) rather than state a target.
const NAME_ENDING =
  /(?:率|性|度|数|量|情况|人次|水平|效率|效果|程度|覆盖面|范围|制度|机制|能力|成本|时间|周期|金额|费用|资金|规模)$/;
const TARGET_WORDS =
  /^(?:是|否|是\/否|有|无|好|高|低|及时|准确|有效|完善|健全|规范|正常|合理|满意|达标|提升|提高|减少|降低|稳定|良好|全覆盖|明显|显著|合格|完成|按时|到位|公开|延续|保障|认可|合规|优化|全区|全市|精准无误|应保尽保|应补尽补|应收尽收)$/;
const TARGET_ENDING =
  /(?:提升|提高|改善|缓解|完善|健全|规范|到位|及时|准确|正确|有效|正常|合理|明显|达标|增加|减少|减轻|降低|稳定|优化|认可|合规|保障|公开|延续|良好|无误|拓展|覆盖|推动|应用|加强|落实|实现|满意|运行|完成)$/;

/**
 * True when a cell reads like a target or an actual value rather than an indicator's name: a
 * number (`≥90%`, `12万`), or a short worded target (`及时`, `有所缓解`, `是/否`).
 */
export function looksLikeTargetValue(text: string): boolean {
  const s = headingKey(text);
  if (!s) return false;
  if (/^[<>=≥≤≦≧]|^[-+]?\d/.test(s)) return true;
  if (TARGET_WORDS.test(s)) return true;
  if (s.length > 12 || NAME_ENDING.test(s)) return false;
  return TARGET_ENDING.test(s) || /^(?:有所|逐步|稳步|持续|不断|进一步|基本|全面|明显|显著|有效)/.test(s);
}

/**
 * True when a cell reads like what a self-evaluation reports as achieved: anything a target may
 * be, or words of a shortfall (`未完全达到`, `部分完成`, `尚未实现`).
 */
export function looksLikeActualValue(text: string): boolean {
  if (looksLikeTargetValue(text)) return true;
  const s = headingKey(text);
  return (
    s.length <= 10 &&
    !NAME_ENDING.test(s) &&
    /^(?:未|部分|尚|暂|没有|不)|(?:完成|达到|达成|实现|达标)$/.test(s)
  );
}

/** Header fields of a project form. */
export type FieldKey =
  | 'name'
  | 'nature'
  | 'category'
  | 'department'
  | 'implementing_unit'
  | 'start_date'
  | 'end_date'
  | 'project_total'
  | 'annual_amount'
  | 'fiscal_whole_life'
  | 'fiscal_amount'
  | 'carryover_amount'
  | 'other_amount'
  | 'fiscal_superior'
  | 'fiscal_local'
  | 'fiscal_subordinate'
  | 'goal'
  | 'long_term_goal'
  | 'outcome'
  | 'money_unit'
  | 'personal'
  | 'ignored'
  | 'section';

const FIELD_LABELS: Record<FieldKey, readonly string[]> = {
  name: ['项目名称'],
  nature: ['项目性质'],
  category: ['项目类别', '项目类型'],
  department: ['主管部门', '主管单位', '主管部门(单位)'],
  implementing_unit: ['实施单位', '项目实施单位'],
  start_date: ['计划开始日期', '起始日期', '开始日期', '项目开始日期'],
  end_date: ['计划完成日期', '结束日期', '完成日期', '项目完成日期', '项目结束日期'],
  project_total: ['项目资金总额', '项目总预算', '项目总金额', '项目预算总额'],
  annual_amount: ['年度资金申请总额', '当年预算', '年度预算', '年度资金总额', '本年预算'],
  fiscal_whole_life: ['财政资金'],
  fiscal_amount: ['当年财政拨款', '财政拨款', '本年财政拨款'],
  carryover_amount: ['上年结转资金', '上年结转'],
  other_amount: ['其他资金'],
  fiscal_superior: ['上级财政拨款'],
  fiscal_local: ['本级财政安排'],
  fiscal_subordinate: ['下级财政配套'],
  goal: ['年度总体目标', '年度总目标', '年度绩效目标', '预算目标', '年度目标', '预期目标'],
  long_term_goal: ['项目总目标', '总体目标', '长期绩效目标', '中长期目标'],
  outcome: ['实际完成情况'],
  money_unit: ['金额单位'],
  personal: [
    '项目负责人',
    '负责人',
    '联系人',
    '联系电话',
    '电话',
    '手机',
    '联系方式',
    '填报单位负责人',
    '单位负责人',
    '财务负责人',
    '填表人',
    '填报人',
    '经办人',
    '审核人'
  ],
  ignored: [
    '项目概况',
    '项目立项情况',
    '项目相关资源投入和制度建设情况',
    '需要说明的其他问题',
    '填报单位',
    '填报单位(盖章)',
    '填报日期',
    '填表日期',
    '项目构成',
    '主体活动',
    '依据',
    '必要性',
    '可行性',
    '预算单位',
    '资金来源'
  ],
  section: ['项目资金', '项目绩效目标', '项目绩效', '绩效目标', '绩效指标']
};

const LABEL_INDEX = new Map<string, FieldKey>();
for (const [key, labels] of Object.entries(FIELD_LABELS) as [FieldKey, readonly string[]][]) {
  for (const label of labels) LABEL_INDEX.set(headingKey(label), key);
}
const LONG_LABELS = [...LABEL_INDEX.keys()].filter((k) => k.length >= 8);
// The longest label with room for an enumerator, 其中： and a unit note (`（万元）`).
const MAX_LABEL_TEXT = Math.max(...[...LABEL_INDEX.keys()].map((k) => k.length)) + 16;

const ENUMERATOR =
  /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|[①-⑳])/;
const UNIT_NOTE = /[(（](万?元)[)）]$/;

/** A label found in a cell, with the unit it announces (`项目资金 (元)`) if any. */
export interface LabelMatch {
  key: FieldKey;
  label: string;
  unit: string | null;
}

/**
 * Recognises a header label: exact words after removing whitespace, an enumerator (`一、`,
 * `（一）`, `1.`), `其中：` and a trailing colon. A long label cut off by the export
 * (`项目相关资源投入和制度建`) is recognised by its beginning.
 */
export function recogniseLabel(text: string): Readonly<LabelMatch> | null {
  // Labels are short: a long text (a goal, a reason) is never one.
  if (text.length > 3 * MAX_LABEL_TEXT) return null;
  // Short cells repeat (labels, zeros, dates): their answer is remembered (frozen: shared).
  if (text.length <= 24) {
    let match = LABEL_MATCHES.get(text);
    if (match === undefined) {
      if (LABEL_MATCHES.size >= 20_000) LABEL_MATCHES.clear();
      match = matchLabel(text);
      LABEL_MATCHES.set(text, match ? Object.freeze(match) : null);
    }
    return match;
  }
  return matchLabel(text);
}

const LABEL_MATCHES = new Map<string, Readonly<LabelMatch> | null>();

function matchLabel(text: string): LabelMatch | null {
  let key = headingKey(text);
  if (key.length > MAX_LABEL_TEXT) return null;
  key = key.replace(ENUMERATOR, '').replace(/^其中[:：]?/, '');
  key = key.replace(/[:：]+$/, '');
  let unit: string | null = null;
  const u = UNIT_NOTE.exec(key);
  if (u) {
    unit = u[1] ?? null;
    key = key.slice(0, u.index);
  }
  if (!key) return null;
  const found = LABEL_INDEX.get(key);
  if (found) return { key: found, label: key, unit };
  if (key.length >= 8) {
    const full = LONG_LABELS.find((l) => l.startsWith(key));
    if (full) return { key: LABEL_INDEX.get(full) as FieldKey, label: full, unit };
  }
  return null;
}

// Every beginning of every label, to tell at once whether short fragments may spell one.
const LABEL_PREFIXES = new Set(
  [...LABEL_INDEX.keys()].flatMap((k) => [...k].map((_, i) => k.slice(0, i + 1)))
);

/**
 * False when no label can begin with this text (after an enumerator or 其中：), so fragments
 * starting with it need not be joined and tried (`年度` may begin 年度资金申请总额; `3827430` not).
 */
export function couldStartLabel(text: string): boolean {
  if (text.length > 3 * MAX_LABEL_TEXT) return false;
  const key = headingKey(text)
    .replace(ENUMERATOR, '')
    .replace(/^其中[:：]?/, '');
  return key === '' || LABEL_PREFIXES.has(key);
}

/**
 * Splits `label：value` written in one cell (`一、项目总预算：660296`, `联系电话：54135092`) into
 * the label and the rest; null when the part before the colon is not a known label.
 */
export function splitLabelValue(text: string): { match: LabelMatch; value: string } | null {
  const m = /^([^:：]{1,24})[:：](.*)$/s.exec(text.trim());
  if (!m) return null;
  const match = recogniseLabel(m[1] ?? '');
  if (!match) return null;
  return { match, value: (m[2] ?? '').trim() };
}

/** Words of the 备注 column in 2020 forms (the basis a target was set on). */
export function looksLikeBasis(text: string): boolean {
  const s = headingKey(text);
  return (
    /(?:计划|标准|标注|目标|要求|规定|文件|制度|办法|通知)$/.test(s) ||
    /[《》]/.test(s) ||
    /号[)）]?$/.test(s)
  );
}

/** Row labels of the 2020 safeguard table. */
export const SAFEGUARD_KINDS = ['项目管理制度', '预算管理制度', '财务管理制度'] as const;

// Labels of a form's closing lines besides the personal ones: who filled it in and when.
const FOOTER_LABELS = new Set(['填报日期', '填表日期', '填报单位', '填报单位(盖章)'].map(headingKey));

/**
 * True for a form's footer (`填报人：孙八 联系电话：… 填报日期：…`, one cell or token each, or
 * `填报人 孙八`): it begins with a contact or filing label. A footer is not data about the
 * project, and its names and numbers are never published.
 */
export function isFooterLine(cells: readonly string[]): boolean {
  const first = cells.find((c) => c.trim());
  if (first === undefined) return false;
  const label = (text: string) => {
    const m = recogniseLabel(text) ?? splitLabelValue(text)?.match ?? null;
    return m?.key === 'personal' || (m !== null && FOOTER_LABELS.has(m.label));
  };
  if (label(first)) return true;
  // A label wrapped over two tokens (`填报` `人：孙八`).
  const second = cells[cells.indexOf(first) + 1];
  return second !== undefined && first.length <= 4 && label(first + second);
}

/** Labels that introduce personal data (contact persons, phone numbers). */
export function personalLabels(): string[] {
  return [...FIELD_LABELS.personal];
}
