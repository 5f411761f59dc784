/**
 * Reads the indicator table of a form (一级指标 / 二级指标 / 三级指标 / 指标值 [/ 实际完成值 / 分值 /
 * 得分 / 偏差原因]) into drafts: `readIndicatorTable` for rows of cells, `readIndicatorText` for
 * PDF text (a declaration's or a self-evaluation's reader behind it).
 */
export { readIndicatorTable } from './table';
export { readIndicatorText } from './text';
export { findScorePair, mergeUnitTokens } from './shared';
export type { IndicatorDraft, IndicatorTable, IndicatorTableOptions, TableWarning } from './shared';
