/**
 * Parses one source document into contract records. Pure: text in, `{ records, warnings }` out;
 * no file system, no console, so it runs the same in the ingest script, in tests and in the
 * browser's import worker.
 */
import type {
  BudgetLineRecord,
  Form,
  IndicatorRecord,
  IngestWarning,
  Layout,
  Money,
  ProjectRecord,
  SafeguardRecord
} from '../schema/records';
import { classifyTopic, regionOf, seriesIdOf } from './classify';
import { collectFields, fieldText, firstPiece, splitTwoColumns, type FieldEntry } from './fields';
import { readFundsTable, type FundsTable } from './funds';
import {
  readIndicatorTable,
  readIndicatorText,
  type IndicatorDraft,
  type TableWarning
} from './indicators/index';
import { joinSplitTargets } from './indicators/splitTargets';
import type { SourcePlace } from './formats/rows';
import { detectLayout, readRows, type Row } from './layout';
import { groupSections, splitParts, type FormSection, type Part } from './segment';
import { isBudgetHeaderRow, readBudgetLines } from './budgetLines';
import { readSafeguards } from './safeguards';
import { redactCounted, redactRecord, type RedactionTally } from './personal';
import {
  CHECKED_MARK,
  UNCHECKED_MARK,
  compact,
  foldFullWidth,
  normalizeSourceText,
  squeeze,
  tidyText
} from './text';
import {
  meetsTarget,
  parseDate,
  parseMeasure,
  parseMoney,
  parseNumber,
  parseRate,
  unitFromName
} from './values';
import {
  isFooterLine,
  isIndicatorHeaderRow,
  isTableLabel,
  recogniseHeading,
  type FieldKey,
  type VocabularyOptions
} from './vocabulary';

/** What the manifest (data/sources.csv) says of a file; it supplies what a document does not say. */
export interface ManifestEntry {
  file: string;
  form: Form | null;
  year: number | null;
  district: string | null;
  department: string | null;
  /** Where the body sits, where its name does not say (optional columns). */
  province?: string | null;
  city?: string | null;
  county?: string | null;
  /** The document's title and the address of the original publication (optional columns). */
  title?: string | null;
  url?: string | null;
}

/** One document to parse. `sourceId` (e.g. the start of its sha256) makes ids stable. */
export interface SourceInput {
  file: string;
  text: string;
  sourceId: string;
  manifest?: ManifestEntry | null;
}

/** A document already read into rows (from a PDF's or a workbook's pages), to parse. */
export interface RowsInput {
  file: string;
  rows: Row[];
  layout: Layout;
  sourceId: string;
  manifest?: ManifestEntry | null;
  /** Where each row is in the original (`places[row.line - 1]`), for documents read from pages. */
  places?: readonly SourcePlace[] | null;
}

/** The records one document yields, and everything odd that was met on the way. */
export interface ParsedSource {
  file: string;
  layout: Layout;
  form: Form;
  year: number;
  district: string;
  department: string | null;
  projects: ProjectRecord[];
  indicators: IndicatorRecord[];
  budget_lines: BudgetLineRecord[];
  safeguards: SafeguardRecord[];
  warnings: IngestWarning[];
  /** Projects of the document that could not be read (no name, no amount …), each with its place. */
  refused: IngestError[];
  /** How many names and phone numbers redaction removed from its records and warnings. */
  redactions: number;
}

/**
 * A document, or a project in it, that cannot be ingested: the message says `file:line: what is
 * wrong` (`file 第 3 页第 12 行：…` for a PDF page or worksheet).
 */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    readonly page: number | null = null,
    /** The lines a refused project spans (in the document's rows), when it is one. */
    readonly span: { from: number; to: number } | null = null
  ) {
    super(`${placeOf(file, line, page)}${page === null ? ': ' : '：'}${reason}`);
    this.name = 'IngestError';
  }
}

/** `file:12`, or `file 第 3 页第 12 行` where the place is on a page (`第 3 页` when no line). */
export function placeOf(file: string, line: number, page: number | null | undefined): string {
  if (page === null || page === undefined) return `${file}:${line}`;
  return line > 0 ? `${file} 第 ${page} 页第 ${line} 行` : `${file} 第 ${page} 页`;
}

/** Parses one text document. Throws `IngestError` when no form in it can be read. */
export function parseDocument(input: SourceInput): ParsedSource {
  const text = normalizeSourceText(input.text);
  if (!text.trim()) throw new IngestError(input.file, 1, '文件为空');
  const lines = text.split('\n');
  return parseRows({ ...input, rows: readRows(lines), layout: detectLayout(lines) });
}

/**
 * Reads the forms in a document's rows (from text, or from a PDF's or a workbook's pages). Each
 * form is read on its own: a project that lacks a name, an amount, a year or a district is
 * refused (in `refused`, with its place) and the others are kept; a document where no form can be
 * read at all throws `IngestError`.
 */
export function parseRows(input: RowsInput): ParsedSource {
  const { file, sourceId, rows, layout } = input;
  const manifest = input.manifest ?? null;
  const warnings: IngestWarning[] = [];
  const tally: RedactionTally = { removed: 0 };
  const warn = (line: number, code: string, message: string) =>
    warnings.push({ file, line, code, message: redactCounted(message, tally) });

  const parts = splitParts(rows);
  const titled = parts.some((p) => p.kind !== 'untitled');
  const { sections, orphans } = groupSections(parts, titled ? null : (manifest?.form ?? null));
  if (sections.length === 0) {
    const first = rows.find((r) => r.kind !== 'blank')?.line ?? 1;
    throw new IngestError(file, first, '无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题');
  }
  for (const o of orphans) warnOrphan(o, warn);

  const hint = departmentHint(rows.slice(0, 12));
  const out: ParsedSource = {
    file,
    layout,
    form: sections[0]?.form ?? 'target',
    year: 0,
    district: '',
    department: null,
    projects: [],
    indicators: [],
    budget_lines: [],
    safeguards: [],
    warnings,
    refused: [],
    redactions: 0
  };
  sections.forEach((section, index) => {
    const projectId = `${sourceId}-${String(index + 1).padStart(2, '0')}`;
    for (const n of section.notes) warn(n.line, n.code, n.message);
    const mark = {
      indicators: out.indicators.length,
      lines: out.budget_lines.length,
      safeguards: out.safeguards.length
    };
    try {
      parseSection(section, { file, projectId, manifest, hint, warn, out, tally });
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      // The project is refused as a whole: none of its rows is kept.
      out.indicators.length = mark.indicators;
      out.budget_lines.length = mark.lines;
      out.safeguards.length = mark.safeguards;
      out.refused.push(refusalOfSection(e, section, input.places));
    }
  });
  if (out.projects.length === 0) {
    const first = out.refused[0] as IngestError;
    throw placeError(first, input.places);
  }

  out.projects = out.projects.map((r) => redactRecord(r, tally));
  out.indicators = out.indicators.map((r) => redactRecord(r, tally));
  out.budget_lines = out.budget_lines.map((r) => redactRecord(r, tally));
  out.safeguards = out.safeguards.map((r) => redactRecord(r, tally));
  const first = out.projects[0] as ProjectRecord;
  out.form = mostCommon(out.projects.map((p) => p.form)) ?? first.form;
  out.year = mostCommon(out.projects.map((p) => p.year)) ?? first.year;
  out.district = mostCommon(out.projects.map((p) => p.district)) ?? first.district;
  out.department = mostCommon(out.projects.map((p) => p.department)) ?? null;
  if (manifest?.form && manifest.form !== out.form)
    warn(
      parts[0]?.titleLine ?? 1,
      'manifest-form',
      `清单登记的表格类型为 ${manifest.form}，文件实为 ${out.form}`
    );
  if (input.places) placeRecords(out, input.places);
  out.redactions = tally.removed;
  return out;
}

/** Records and warnings of a document read from pages point at their page and line there. */
function placeRecords(out: ParsedSource, places: readonly SourcePlace[]): void {
  const at = (line: number): SourcePlace => places[line - 1] ?? { page: 0, line };
  const place = <T extends { source_line: number; source_page: number | null }>(r: T): T => {
    const p = at(r.source_line);
    return { ...r, source_line: p.line, source_page: p.page };
  };
  out.projects = out.projects.map(place);
  out.indicators = out.indicators.map(place);
  out.budget_lines = out.budget_lines.map(place);
  out.safeguards = out.safeguards.map(place);
  out.warnings = out.warnings.map((w) => {
    const p = at(w.line);
    return { ...w, line: p.line, page: p.page };
  });
  out.refused = out.refused.map((e) => placeError(e, places));
}

/** An error at a row of a paged document, pointing at its page and line there. */
function placeError(e: IngestError, places: readonly SourcePlace[] | null | undefined): IngestError {
  const p = places?.[e.line - 1];
  return p ? new IngestError(e.file, p.line, e.reason, p.page, e.span) : e;
}

/** Every row of a section's parts, in order. */
function sectionRows(section: FormSection): Row[] {
  return [section.main, section.targets, section.safeguards].flatMap((p) => p?.rows ?? []);
}

interface SectionContext {
  file: string;
  projectId: string;
  manifest: ManifestEntry | null;
  hint: string | null;
  warn: (line: number, code: string, message: string) => void;
  out: ParsedSource;
  /** Names and phone numbers left out of the records, counted. */
  tally: RedactionTally;
}

function parseSection(section: FormSection, ctx: SectionContext): void {
  const { file, projectId, manifest, warn, out } = ctx;
  const mainRows = section.main.rows;
  const funds = section.form === 'self_eval' ? readFundsTable(mainRows) : null;
  // The 2020 template has its indicator table in the 绩效目标 part; when that part's title was lost,
  // the table follows the overview in the same part.
  const indicatorPart = section.template2020 && section.targets ? section.targets.rows : mainRows;
  const headerAt = findIndicatorStart(indicatorPart, { template2020: section.template2020 });
  const headerRows = (
    indicatorPart === mainRows && headerAt >= 0 ? mainRows.slice(0, headerAt) : mainRows
  ).filter((r) => !funds?.lines.has(r.line));
  if (section.template2020 && !section.targets && headerAt >= 0)
    warn(
      (indicatorPart[headerAt] as Row).line,
      'missing-part-title',
      '2020 年表缺少“绩效目标”分表的标题，指标表从项目总体情况之后读取'
    );
  const { entries } = collectFields(headerRows);
  // A heading of the form (项目资金, 绩效目标) has no value of its own: text after it is no field's,
  // and is said, not dropped.
  for (const e of entries)
    if (e.key === 'section' && e.pieces.length)
      warn(
        e.pieces[0]?.line ?? e.line,
        'unread-text',
        `“${e.label}”之后的文字不属于任何栏目，未读取：“${fieldText(e.pieces)?.slice(0, 300) ?? ''}”`
      );
  // Contacts the form states in its own fields (联系人, 联系电话 …) and in its footer lines are
  // not read at all; they count among what was removed.
  ctx.tally.removed += entries.filter((e) => e.key === 'personal' && e.pieces.length).length;
  ctx.tally.removed += sectionRows(section).filter((r) => isFooterLine(r.cells.map((c) => c.text))).length;
  splitSideBySideTexts(entries);

  const field = (key: FieldKey) => lastNonEmpty(entries, key);
  // A project's name is the first one its form gives (a later 项目名称 is a column title).
  const nameEntry = entries.find((e) => e.key === 'name' && e.pieces.length) ?? field('name');
  const name = nameEntry ? fieldText(nameEntry.pieces) : null;
  if (!name) throw new IngestError(file, nameEntry?.line ?? section.startLine, '项目名称为空');

  const unitWan = entries.some(
    (e) => (e.unit ?? '').startsWith('万') || (e.key === 'money_unit' && /万/.test(fieldText(e.pieces) ?? ''))
  );
  const money = (key: FieldKey): Money | null => {
    const e = field(key);
    if (!e) return null;
    const raw = firstPiece(e.pieces);
    if (raw === null) return null;
    const value = parseMoney(unitWan && !/[万亿]/.test(raw) && /\d/.test(raw) ? `${raw}万` : raw);
    if (value === undefined) {
      warn(e.line, 'bad-amount', `“${e.label}”的金额无法识别：“${raw.slice(0, 30)}”`);
      return null;
    }
    const rest = e.pieces.slice(1);
    if (rest.some((p) => parseMoney(p.text) !== undefined))
      warn(e.line, 'extra-amount', `“${e.label}”后有多个金额，取第一个`);
    // Text after an amount is not part of it: say so rather than drop it.
    const words = rest.filter((p) => parseMoney(p.text) === undefined);
    if (words.length)
      warn(
        words[0]?.line ?? e.line,
        'unread-text',
        `“${e.label}”的金额之后的文字未读取：“${fieldText(words)?.slice(0, 300) ?? ''}”`
      );
    if (value?.startsWith('-'))
      warn(e.line, 'negative-amount', `“${e.label}”为负数（${value} 元），已照原表读入`);
    return value;
  };
  const text = (key: FieldKey): string | null => {
    const e = field(key);
    return e ? fieldText(e.pieces) : null;
  };
  const date = (key: FieldKey): string | null => {
    const e = field(key);
    const t = e ? fieldText(e.pieces) : null;
    if (!e || !t) return null;
    const d = parseDate(t);
    if (d === undefined) {
      warn(e.line, 'bad-date', `“${e.label}”无法识别为日期：“${t.slice(0, 30)}”`);
      return null;
    }
    return d;
  };

  const docDepartment = text('department');
  const department = docDepartment ?? manifest?.department ?? ctx.hint;
  if (docDepartment && manifest?.department && compact(docDepartment) !== compact(manifest.department))
    warn(
      field('department')?.line ?? section.startLine,
      'manifest-department',
      `清单登记的主管部门为“${manifest.department}”，表中为“${docDepartment}”`
    );
  const docRegion = regionOf(docDepartment);
  const region = docRegion.district ? docRegion : regionOf(manifest?.department ?? ctx.hint);
  const docDistrict = docRegion.district;
  const district = docDistrict ?? manifest?.district ?? region.district;
  if (docDistrict && manifest?.district && docDistrict !== manifest.district)
    warn(
      field('department')?.line ?? section.startLine,
      'manifest-district',
      `清单登记的区为“${manifest.district}”，表中主管部门属“${docDistrict}”`
    );
  if (!district)
    throw new IngestError(file, section.startLine, '无法确定所属区：表中未写主管部门，清单也未登记');
  const year = section.year ?? manifest?.year ?? null;
  if (section.year && manifest?.year && section.year !== manifest.year)
    warn(section.startLine, 'manifest-year', `清单登记的年度为 ${manifest.year}，表中为 ${section.year}`);
  if (!year) throw new IngestError(file, section.startLine, '无法确定预算年度：表中未写年度，清单也未登记');

  const project: ProjectRecord = {
    project_id: projectId,
    source_file: file,
    source_line: section.startLine,
    form: section.form,
    year,
    district,
    department: department ?? null,
    implementing_unit: text('implementing_unit'),
    name,
    nature: text('nature'),
    category: readCategory(text('category')),
    series_id: seriesIdOf(department ?? district, name),
    topic: classifyTopic(name),
    start_date: date('start_date'),
    end_date: date('end_date'),
    goal: text('goal'),
    long_term_goal: text('long_term_goal'),
    outcome: text('outcome'),
    project_total: money('project_total'),
    annual_amount: money('annual_amount'),
    fiscal_amount: money('fiscal_amount'),
    carryover_amount: money('carryover_amount'),
    other_amount: money('other_amount'),
    fiscal_superior: money('fiscal_superior'),
    fiscal_local: money('fiscal_local'),
    fiscal_subordinate: money('fiscal_subordinate'),
    budget_initial: null,
    budget_adjusted: null,
    executed_amount: null,
    execution_rate: null,
    execution_weight: null,
    execution_score: null,
    total_score: null,
    province: manifest?.province ?? region.province,
    city: manifest?.city ?? region.city,
    county: manifest?.county ?? region.county,
    source_page: null
  };
  if (funds) applyFunds(project, funds, warn, unitWan || funds.wan);
  else if (section.form === 'self_eval')
    warn(section.startLine, 'no-funds-table', '自评表中未找到资金表（年初预算数 / 全年预算数 / 全年执行数）');

  const anyAmount = [
    project.annual_amount,
    project.project_total,
    project.fiscal_amount,
    project.budget_adjusted
  ].some((v) => v !== null);
  if (!anyAmount)
    throw new IngestError(
      file,
      section.startLine,
      `项目“${name}”没有金额（年度资金申请总额 / 全年预算数均为空）`
    );
  if (project.annual_amount === null)
    warn(section.startLine, 'no-annual-amount', `项目“${name}”未填年度资金申请总额`);

  // Indicators
  const template2020 = section.template2020;
  if (template2020 && section.targets) checkPartName(section.targets.rows, name, warn);
  if (template2020 && section.safeguards) checkPartName(section.safeguards.rows, name, warn);
  const segments =
    headerAt >= 0
      ? indicatorSegments(
          joinSplitTargets(indicatorPart.slice(headerAt, headerAt + 2), indicatorPart.slice(headerAt))
        )
      : [];
  if (headerAt >= 0 && !isIndicatorHeaderRow((indicatorPart[headerAt] as Row).cells.map((c) => c.text)))
    warn(
      (indicatorPart[headerAt] as Row).line,
      'no-indicator-header',
      `项目“${name}”的绩效指标表缺少表头（一级指标 / 二级指标 / 三级指标），从第一个指标标题读起`
    );
  if (headerAt < 0) {
    warn(
      section.startLine,
      'no-indicator-table',
      `项目“${name}”未找到绩效指标表（一级指标 / 二级指标 / 三级指标）`
    );
    const budgetAt = indicatorPart.findIndex(isBudgetHeaderRow);
    if (template2020 && budgetAt >= 0) segments.push({ region: [], budget: indicatorPart.slice(budgetAt) });
  }
  const opts = { form: section.form, template2020, hasBasisColumn: template2020 };
  const drafts: IndicatorDraft[] = [];
  let total: { score: string | null; line: number } | null = null;
  for (const seg of segments) {
    const tableRows = seg.region.filter((r) => r.kind === 'table').length;
    const textRows = seg.region.filter((r) => r.kind === 'text').length;
    const table =
      tableRows >= textRows ? readIndicatorTable(seg.region, opts) : readIndicatorText(seg.region, opts);
    addWarnings(table.warnings, warn);
    drafts.push(...table.drafts);
    total ??= table.total;
  }
  if (segments.filter((seg) => seg.region.some((r) => r.kind !== 'blank')).length > 1)
    warn(
      section.startLine,
      'repeated-table',
      `项目“${name}”的绩效指标表出现 ${segments.length} 次（重复的页面），均已读取`
    );
  if (total) project.total_score = numberOrWarn(total.score, total.line, '总分', warn);
  else if (section.form === 'self_eval') warn(section.startLine, 'no-total-score', `项目“${name}”未找到总分`);
  drafts.forEach((d, i) => out.indicators.push(toIndicator(d, projectId, i + 1, warn)));
  const budgetRows = segments.flatMap((seg) => seg.budget);

  if (template2020) {
    const budget = readBudgetLines(budgetRows, name);
    addWarnings(budget.warnings, warn);
    budget.lines.forEach((b, i) =>
      out.budget_lines.push({
        project_id: projectId,
        seq: i + 1,
        source_file: file,
        source_line: b.line,
        content: b.content,
        detail: b.detail,
        amount: b.amount,
        unit_price: b.unit_price,
        quantity: b.quantity,
        note: b.note,
        source_page: null
      })
    );
    readSafeguards(section.safeguards?.rows ?? []).forEach((s, i) =>
      out.safeguards.push({
        project_id: projectId,
        seq: i + 1,
        kind: s.kind,
        document: s.document,
        measures: s.measures,
        at_planning: s.at_planning,
        at_implementation: s.at_implementation,
        at_completion: s.at_completion,
        source_file: file,
        source_line: s.line,
        source_page: null
      })
    );
  }
  out.projects.push(project);
}

/** Turns a draft into an indicator record: values parsed, achievement judged. */
function toIndicator(
  d: IndicatorDraft,
  projectId: string,
  seq: number,
  warn: SectionContext['warn']
): IndicatorRecord {
  const hint = unitFromName(d.name);
  const targetText = d.target ? squeeze(d.target) : null;
  const actualText = d.actual ? squeeze(d.actual) : null;
  const target = parseMeasure(targetText, hint);
  const actual = parseMeasure(actualText, hint);
  const weight = numberOrWarn(d.weight, d.line, '分值', warn);
  const score = numberOrWarn(d.score, d.line, '得分', warn);
  return {
    indicator_id: `${projectId}-${String(seq).padStart(3, '0')}`,
    project_id: projectId,
    seq,
    level1: d.level1,
    level2: d.level2,
    level1_raw: d.level1_raw,
    level2_raw: d.level2_raw,
    name: d.name,
    target_text: targetText,
    target_op: target.op,
    target_value: target.value,
    target_unit: target.unit,
    actual_text: actualText,
    actual_value: actual.value,
    actual_unit: actual.unit,
    weight,
    score,
    deviation: d.deviation,
    basis: d.basis,
    achieved: judgeAchieved(targetText, actualText, target, actual, weight, score),
    source_line: d.line,
    source_page: null
  };
}

/**
 * Whether an indicator met its target: full marks when both weight and score are known; else the
 * numbers compared; else a worded actual equal to the worded target; else unknown.
 */
export function judgeAchieved(
  targetText: string | null,
  actualText: string | null,
  target: ReturnType<typeof parseMeasure>,
  actual: ReturnType<typeof parseMeasure>,
  weight: number | null,
  score: number | null
): boolean | null {
  if (weight !== null && score !== null) return Math.abs(score - weight) < 1e-9;
  const numeric = meetsTarget(target, actual);
  if (numeric !== null) return numeric;
  if (targetText && actualText && target.value === null && actual.value === null)
    return compact(targetText) === compact(actualText);
  return null;
}

function numberOrWarn(
  text: string | null,
  line: number,
  what: string,
  warn: SectionContext['warn']
): number | null {
  if (text === null) return null;
  const n = parseNumber(text);
  if (n === undefined) {
    warn(line, 'bad-number', `${what}无法识别为数字：“${text.slice(0, 20)}”`);
    return null;
  }
  return n;
}

function applyFunds(
  project: ProjectRecord,
  funds: FundsTable,
  warn: SectionContext['warn'],
  wan: boolean
): void {
  const money = (text: string | undefined, line: number, what: string): Money | null => {
    if (text === undefined) return null;
    const v = parseMoney(wan && /\d$/.test(text) ? `${text}万` : text);
    if (v === undefined) {
      warn(line, 'bad-amount', `资金表“${what}”无法识别：“${text.slice(0, 20)}”`);
      return null;
    }
    if (v?.startsWith('-')) warn(line, 'negative-amount', `资金表“${what}”为负数（${v} 元），已照原表读入`);
    return v;
  };
  for (const row of funds.rows) {
    const v = row.values;
    const adjusted = money(v.adjusted, row.line, '全年预算数');
    if (row.key === 'total') {
      project.budget_initial = money(v.initial, row.line, '年初预算数');
      project.budget_adjusted = adjusted;
      project.annual_amount = adjusted;
      project.executed_amount = money(v.executed, row.line, '全年执行数');
      const rate = v.rate === undefined ? null : parseRate(v.rate);
      if (rate === undefined) warn(row.line, 'bad-rate', `执行率无法识别：“${v.rate}”`);
      project.execution_rate = rate ?? null;
      project.execution_weight = numberOrWarn(v.weight ?? null, row.line, '分值', warn);
      project.execution_score = numberOrWarn(v.score ?? null, row.line, '得分', warn);
    } else if (row.key === 'fiscal') project.fiscal_amount = adjusted;
    else if (row.key === 'carryover') project.carryover_amount = adjusted;
    else project.other_amount = adjusted;
  }
  if (!funds.rows.some((r) => r.key === 'total'))
    warn(funds.headerLine, 'no-funds-total', '资金表缺少“年度资金总额”行');
}

/** 项目总目标 | 年度总目标 (or 预算目标 | 实际完成情况) printed side by side: split the text between them. */
function splitSideBySideTexts(entries: FieldEntry[]): void {
  const textual = (k: FieldKey) => k === 'goal' || k === 'long_term_goal' || k === 'outcome';
  for (let i = 1; i < entries.length; i++) {
    const prev = entries[i - 1] as FieldEntry;
    const cur = entries[i] as FieldEntry;
    if (!textual(prev.key) || !textual(cur.key) || prev.pieces.length || !cur.pieces.length) continue;
    if (prev.key === cur.key) continue;
    const split = splitTwoColumns(cur.pieces);
    if (!split) continue;
    prev.pieces = split[0];
    cur.pieces = split[1];
  }
}

function lastNonEmpty(entries: readonly FieldEntry[], key: FieldKey): FieldEntry | null {
  let found: FieldEntry | null = null;
  for (const e of entries) {
    if (e.key !== key) continue;
    if (e.pieces.length || !found) found = e;
  }
  return found;
}

/** The checked option of a 2020 checkbox list (`一次性项目 ☐ 经常性项目 ☑ …`), or the text as written. */
export function readCategory(text: string | null): string | null {
  if (!text) return null;
  const marks = new RegExp(`[${CHECKED_MARK}${UNCHECKED_MARK}□■✓√×]`);
  if (!marks.test(text)) return text;
  const parts = text
    .split(/([☑☐□■✓√×])/)
    .map((p) => p.trim())
    .filter(Boolean);
  const markFirst = marks.test(parts[0] ?? '');
  const checked = (m: string) => m === CHECKED_MARK || m === '■' || m === '✓' || m === '√';
  const chosen: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (!marks.test(p) || !checked(p)) continue;
    const label = markFirst ? parts[i + 1] : parts[i - 1];
    if (label && !marks.test(label)) chosen.push(label);
  }
  return chosen.length ? chosen.join('、') : null;
}

function checkPartName(rows: readonly Row[], name: string, warn: SectionContext['warn']): void {
  const { entries } = collectFields(rows.slice(0, 12));
  const e = entries.find((x) => x.key === 'name');
  const partName = e ? fieldText(e.pieces.filter((p) => p.line === e.line)) : null;
  if (e && partName && compact(partName) !== compact(name))
    warn(e.line, 'part-name-mismatch', `分表的项目名称“${partName}”与总体情况表的“${name}”不一致`);
}

function departmentHint(preamble: readonly Row[]): string | null {
  for (const row of preamble) {
    const m = /(\S+?(?:局|委员会|委|中心|厅|办公室))\s*\d{4}\s*年/.exec(foldFullWidth(row.text));
    if (m) return tidyText(m[1] ?? '') || null;
  }
  return null;
}

function addWarnings(list: readonly TableWarning[], warn: SectionContext['warn']): void {
  for (const w of list) warn(w.line, w.code, w.message);
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts)
    if (c > n) {
      best = v;
      n = c;
    }
  return best;
}

/**
 * Where the indicator table starts: its header row (一级指标 / 二级指标 / 三级指标), or, when an
 * export lost the header, the first row naming a level-1 heading.
 */
function findIndicatorStart(rows: readonly Row[], vocab: VocabularyOptions): number {
  const header = rows.findIndex((r) => isIndicatorHeaderRow(r.cells.map((c) => c.text)));
  if (header >= 0) return header;
  const budget = rows.findIndex(isBudgetHeaderRow);
  const limit = budget >= 0 ? budget : rows.length;
  for (let i = 0; i < limit; i++) {
    const row = rows[i] as Row;
    if (row.cells.some((c) => recogniseHeading(c.text, vocab)?.level === 1)) return i;
  }
  return -1;
}

/** The names of the indicators in a part's rows, read as its table is (for what is not kept). */
function indicatorNamesIn(rows: readonly Row[], template2020: boolean): string[] {
  const start = findIndicatorStart(rows, { template2020 });
  if (start < 0) return [];
  const opts = { form: 'target' as const, template2020, hasBasisColumn: template2020 };
  const region = rows.slice(start);
  const table = region.some((r) => r.kind === 'table')
    ? readIndicatorTable(region, opts)
    : readIndicatorText(region, opts);
  return table.drafts.map((d) => d.name);
}

/** A part that belongs to no project: say so, naming the indicators it holds. */
function warnOrphan(part: Part, warn: SectionContext['warn']): void {
  const rows = part.rows.filter((r) => r.kind !== 'blank' && r.kind !== 'separator');
  if (rows.length === 0) return;
  const names = indicatorNamesIn(part.rows, part.kind === 'targets2020');
  const where = `第 ${part.titleLine}–${rows[rows.length - 1]?.line ?? part.titleLine} 行`;
  const what =
    part.kind === 'untitled'
      ? '不在任何可识别的表格之下，也没有项目名称'
      : '是 2020 年表的分表（绩效目标或制度保障），前面没有对应的项目总体情况表';
  warn(
    part.titleLine,
    'orphan-part',
    `${where}${what}，未读取${names.length ? `；其中的指标：${names.join('、')}` : ''}`
  );
}

/**
 * A refused project's error, saying which lines are not kept with it (nothing of it is lost
 * without a word: its indicators are in those lines).
 */
function refusalOfSection(
  e: IngestError,
  section: FormSection,
  places: readonly SourcePlace[] | null | undefined
): IngestError {
  const parts = [section.main, section.targets, section.safeguards].filter((p): p is Part => p !== null);
  const lines = parts.flatMap((p) => [
    p.titleLine,
    ...p.rows.filter((r) => r.kind !== 'blank').map((r) => r.line)
  ]);
  const from = Math.min(...lines);
  const to = Math.max(...lines);
  const at = (line: number) => {
    const p = places?.[line - 1];
    return p ? `第 ${p.page} 页第 ${p.line} 行` : `第 ${line} 行`;
  };
  const range = places ? `${at(from)}至${at(to)}` : `第 ${from}–${to} 行`;
  return new IngestError(e.file, e.line, `${e.reason}；这个项目（${range}）未导入`, e.page, { from, to });
}

/**
 * The indicator table and what follows it (the 2020 itemised budget), once per header: a page an
 * export repeated gives a second table, read like the first rather than lost after a total.
 */
function indicatorSegments(rows: readonly Row[]): { region: Row[]; budget: Row[] }[] {
  const out: { region: Row[]; budget: Row[] }[] = [];
  let rest = [...rows];
  const isHeader = (r: Row) => isIndicatorHeaderRow(r.cells.map((c) => c.text));
  // One header may take several rows (one cell per line): all of them belong to it.
  const isHeaderPart = (r: Row) =>
    r.kind === 'blank' || isHeader(r) || (r.cells.length > 0 && r.cells.every((c) => isTableLabel(c.text)));
  while (rest.length) {
    let start = 0;
    if (isHeader(rest[0] as Row)) while (start < rest.length && isHeaderPart(rest[start] as Row)) start++;
    const after = rest.slice(start);
    const next = after.findIndex(isHeader);
    const chunk = next >= 0 ? after.slice(0, next) : after;
    rest = next >= 0 ? after.slice(next) : [];
    const budgetAt = chunk.findIndex(isBudgetHeaderRow);
    out.push({
      region: budgetAt >= 0 ? chunk.slice(0, budgetAt) : chunk,
      budget: budgetAt >= 0 ? chunk.slice(budgetAt) : []
    });
  }
  return out;
}
