/**
 * A self-evaluation's indicator table from PDF text, anchored on each indicator's values (target,
 * actual, weight, score); the text between two indicators' values is the first one's deviation
 * reason (if it missed) and the second one's name, told apart by the deviation column's width.
 */
import { readTotalScore } from '../funds';
import { displayWidth, joinWrapped, tidyText } from '../text';
import { isCostLevel2, isFooterLine, recogniseHeading, type VocabularyOptions } from '../vocabulary';
import {
  HeadingState,
  WEIGHT,
  findScorePair,
  mergeUnitTokens,
  newDraft,
  resolveRowHeadings,
  type IndicatorDraft,
  type IndicatorTable,
  type IndicatorTableOptions,
  type TableWarning
} from './shared';
import { splitHeadings, type TextLine } from './text';

interface PendingText {
  text: string;
  line: number;
  width: number;
}

export function readSelfEvalText(lines: readonly TextLine[], opts: IndicatorTableOptions): IndicatorTable {
  const drafts: IndicatorDraft[] = [];
  const warnings: TableWarning[] = [];
  const state = new HeadingState();
  let total: IndicatorTable['total'] = null;
  const tableHasCostLevel2 = lines.some((l) =>
    l.tokens.some((t) => isCostLevel2(recogniseHeading(t, opts)?.level2 ?? null))
  );
  const deviationWidth = estimateDeviationWidth(lines, opts);
  let pending: PendingText[] = [];
  let last: IndicatorDraft | null = null;

  const expectsDeviation = (d: IndicatorDraft | null) => {
    if (!d) return false;
    const w = Number(d.weight);
    const s = Number(d.score);
    return d.weight !== null && d.score !== null && Number.isFinite(w) && Number.isFinite(s) && s < w;
  };
  const appendDeviation = (d: IndicatorDraft, parts: readonly PendingText[]) => {
    if (!parts.length) return;
    // Two lines that are bare numbers read like a weight and a score: an indicator row may be
    // hidden in this text. It is kept as the reason, but never silently.
    const numbers = parts.filter((p) => WEIGHT.test(p.text));
    if (numbers.length >= 2)
      warnings.push({
        line: (numbers[0] as PendingText).line,
        code: 'values-in-reason',
        message: `第 ${parts[0]?.line} 行起并入“${d.name}”偏差原因的文字中有分值样的数字，可能含有未识别的指标，请核对原文`
      });
    const text = joinWrapped([d.deviation ?? '', ...parts.map((p) => p.text)]);
    d.deviation = tidyText(text) || null;
  };
  const flushToDeviation = () => {
    if (!pending.length) return;
    if (last) appendDeviation(last, pending);
    else
      for (const p of pending)
        warnings.push({
          line: p.line,
          code: 'stray-text',
          message: `指标表中无法归属的文字：“${p.text.slice(0, 40)}”`
        });
    pending = [];
  };

  for (const l of lines) {
    const totalRow = readTotalScore({
      line: l.line,
      kind: 'text',
      cells: l.tokens.map((text, col) => ({ text, line: l.line, col })),
      text: '',
      trailingSpace: false
    });
    if (totalRow) {
      flushToDeviation();
      total = { ...totalRow, line: l.line };
      continue;
    }
    // A footer (填报人 / 联系电话 / 填报日期) is no deviation reason, and is never quoted.
    if (isFooterLine(l.tokens)) {
      flushToDeviation();
      continue;
    }
    const { headings: rawHeadings, rest } = splitHeadings(l.tokens, opts);
    if (rawHeadings.length) {
      flushToDeviation();
      for (const h of resolveRowHeadings(rawHeadings, state, tableHasCostLevel2)) state.apply(h);
    }
    const plain = mergeUnitTokens(rest);
    if (plain.length === 0) continue;
    const at = findScorePair(plain);
    if (at === null) {
      pending.push({ text: plain.join(' '), line: l.line, width: displayWidth(plain.join('')) });
      continue;
    }
    const inlineName = plain.slice(0, at - 2);
    const [devPart, namePart] = splitDeviationFromName(
      pending,
      expectsDeviation(last),
      inlineName.length === 0,
      deviationWidth
    );
    if (last) appendDeviation(last, devPart);
    else if (devPart.length) namePart.unshift(...devPart);
    pending = [];
    const name = tidyText(joinWrapped([...namePart.map((p) => p.text), inlineName.join(' ')]));
    if (!name) {
      warnings.push({
        line: l.line,
        code: 'value-without-name',
        message: `第 ${l.line} 行的指标值没有三级指标名称，未读取：“${plain.join(' ')}”`
      });
      continue;
    }
    const draft = newDraft(state, namePart[0]?.line ?? l.line, name);
    draft.target = plain[at - 2] ?? null;
    draft.actual = plain[at - 1] ?? null;
    draft.weight = plain[at] ?? null;
    draft.score = plain[at + 1] ?? null;
    const trailingText = plain.slice(at + 2);
    if (trailingText.length) draft.deviation = tidyText(trailingText.join(' '));
    drafts.push(draft);
    last = draft;
  }
  flushToDeviation();
  return { drafts, total, warnings };
}

/**
 * The deviation column's width in a PDF self-evaluation: the widest first line of a deviation
 * (a line right after the values of a missed indicator). Lines followed by more text are
 * preferred: a single line before the next values is as likely the next indicator's name (a
 * miss without a reason). Null when no deviation is seen.
 */
function estimateDeviationWidth(lines: readonly TextLine[], opts: VocabularyOptions): number | null {
  const isValues = (l: TextLine | undefined) =>
    l !== undefined && findScorePair(mergeUnitTokens(splitHeadings(l.tokens, opts).rest)) !== null;
  let widest: number | null = null;
  let widestWrapped: number | null = null;
  for (let k = 0; k + 1 < lines.length; k++) {
    const plain = mergeUnitTokens(splitHeadings((lines[k] as TextLine).tokens, opts).rest);
    const at = findScorePair(plain);
    if (at === null) continue;
    const missed = Number(plain[at + 1]) < Number(plain[at]);
    if (!missed || plain.length > at + 2) continue;
    const next = lines[k + 1] as TextLine;
    if (recogniseHeading(next.tokens[0] as string, opts) || isValues(next)) continue;
    const width = displayWidth(mergeUnitTokens(next.tokens).join(''));
    widest = Math.max(widest ?? 0, width);
    const after = lines[k + 2];
    if (after && !isValues(after) && !recogniseHeading(after.tokens[0] as string, opts))
      widestWrapped = Math.max(widestWrapped ?? 0, width);
  }
  return widestWrapped ?? widest;
}

/**
 * Text between the values of one indicator and those of the next is the first one's deviation
 * (only if it missed its target) followed by the second one's name. The deviation column is
 * narrow and its lines are full until the last; a name needs at least one line when the values
 * line does not carry it.
 */
function splitDeviationFromName(
  pending: readonly PendingText[],
  deviationExpected: boolean,
  nameRequired: boolean,
  width: number | null
): [PendingText[], PendingText[]] {
  if (!pending.length || !deviationExpected) return [[], [...pending]];
  const first = pending[0] as PendingText;
  if (width !== null && first.width > width + 1) return [[], [...pending]];
  let k = 1;
  while (k < pending.length) {
    if (nameRequired && k >= pending.length - 1) break;
    const prev = pending[k - 1] as PendingText;
    const cur = pending[k] as PendingText;
    if (width !== null && prev.width < width - 2) break;
    if (width !== null && cur.width > width + 1) break;
    k++;
  }
  if (nameRequired && k >= pending.length) k = pending.length - 1;
  return [pending.slice(0, k), pending.slice(k)];
}
