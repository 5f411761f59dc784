/**
 * Reads an indicator table from PDF text (one cell or a few cells per line, or rows joined with
 * spaces), where rows and cells have to be rebuilt: column titles split into fragments are
 * dropped, wrapped headings and cells joined, then the declaration's or the self-evaluation's
 * reader takes the lines.
 */
import type { Row } from '../layout';
import { compact, joinWrapped } from '../text';
import {
  isTableLabel,
  isTableLabelStart,
  looksLikeActualValue,
  looksLikeTargetValue,
  recogniseHeading,
  type Heading,
  type VocabularyOptions
} from '../vocabulary';
import { WEIGHT, type IndicatorTable, type IndicatorTableOptions } from './shared';
import { readSelfEvalText } from './selfEvalText';
import { readTargetText } from './targetText';

export interface TextLine {
  line: number;
  tokens: string[];
  trailing: boolean;
}

/** Removes column titles that a PDF split into fragments (`年度`/`指标值`, `绩`/`效`/`指`/`标`). */
function dropLabelFragments(lines: TextLine[]): TextLine[] {
  const flat: { li: number; ti: number; text: string }[] = [];
  lines.forEach((l, li) => l.tokens.forEach((text, ti) => flat.push({ li, ti, text })));
  const drop = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const first = flat[i] as (typeof flat)[number];
    // Only the beginning of a column title can start one (most cells are passed over here).
    if (!isTableLabelStart(first.text)) continue;
    // Up to six short fragments joined, while they still spell the beginning of a title; the
    // longest title they spell wins.
    const joined = [first.text];
    for (let k = 2; k <= 6 && i + k - 1 < flat.length; k++) {
      const piece = (flat[i + k - 1] as (typeof flat)[number]).text;
      if (piece.length > 8 || first.text.length > 8) break;
      const next = joined[joined.length - 1] + piece;
      if (!isTableLabelStart(next)) break;
      joined.push(next);
    }
    for (let k = joined.length; k >= 1; k--) {
      if (k === 1 && (lines[first.li]?.tokens.length ?? 0) > 2) continue;
      if (isTableLabel(joined[k - 1] as string)) {
        drop.fill(1, i, i + k);
        i += k - 1;
        break;
      }
    }
  }
  const kept: TextLine[] = lines.map((l) => ({ ...l, tokens: [] }));
  flat.forEach((t, i) => {
    if (!drop[i]) (kept[t.li] as TextLine).tokens.push(t.text);
  });
  return kept.filter((l) => l.tokens.length > 0);
}

/** PDF text that ends a cell with a space: a line without one continues on the next line. */
function mergeWrappedCells(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    const single = l.tokens.length === 1 && !recogniseHeading(l.tokens[0] as string, opts);
    if (prev && !prev.trailing && single) {
      const lastIdx = prev.tokens.length - 1;
      prev.tokens[lastIdx] = joinWrapped([prev.tokens[lastIdx] as string, l.tokens[0] as string]);
      prev.trailing = l.trailing;
      continue;
    }
    out.push({ ...l, tokens: [...l.tokens] });
  }
  return out;
}

/** Reads an indicator table from PDF text, where rows and cells have to be rebuilt. */
export function readIndicatorText(rows: readonly Row[], opts: IndicatorTableOptions): IndicatorTable {
  let lines: TextLine[] = rows
    .filter((r) => r.kind !== 'blank' && r.kind !== 'separator')
    .map((r) => ({ line: r.line, tokens: r.cells.map((c) => c.text), trailing: r.trailingSpace }));
  // Headings first: a lone `指标` may end a wrapped heading (`社会效益` / `指标`) or be a fragment
  // of the 绩效指标 label.
  lines = mergeHeadingFragments(lines, opts);
  lines = dropLabelFragments(lines);
  const withContent = lines.length || 1;
  const marksCellEnds = lines.filter((l) => l.trailing).length / withContent >= 0.3;
  if (marksCellEnds) lines = mergeWrappedCells(lines, opts);
  if (opts.form === 'self_eval') return readSelfEvalText(mergeValueCells(lines, opts), opts);
  return readTargetText(lines, opts);
}

/** A heading wrapped over lines (`社会效益` / `指标`) put back together. */
function mergeHeadingFragments(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as TextLine;
    let merged: TextLine | null = null;
    if (l.tokens.length === 1) {
      let joined = l.tokens[0] as string;
      for (let k = i + 1; k < Math.min(lines.length, i + 4); k++) {
        const next = lines[k] as TextLine;
        if (next.tokens.length !== 1 || (next.tokens[0] as string).length > 6) break;
        joined += next.tokens[0] as string;
        if (recogniseHeading(joined, opts) && !recogniseHeading(l.tokens[0] as string, opts)) {
          merged = { line: l.line, tokens: [joined], trailing: next.trailing };
          i = k;
          break;
        }
      }
    }
    out.push(merged ?? l);
  }
  return out;
}

/**
 * One cell per line: the target, actual, weight and score of a self-evaluation each on its own
 * line are joined into one values line, as the other layouts print them.
 */
function mergeValueCells(lines: TextLine[], opts: VocabularyOptions): TextLine[] {
  const single = (l: TextLine | undefined) =>
    l !== undefined && l.tokens.length === 1 && !recogniseHeading(l.tokens[0] as string, opts);
  /** Four lines from k, one cell each, that read as target, actual, weight and score. */
  const valuesAt = (k: number): boolean => {
    const run = lines.slice(k, k + 4);
    if (run.length < 4 || !run.every(single)) return false;
    const [target, actual, weight, score] = run.map((l) => l.tokens[0] as string) as [
      string,
      string,
      string,
      string
    ];
    return (
      WEIGHT.test(weight) &&
      WEIGHT.test(score) &&
      looksLikeTargetValue(target) &&
      looksLikeActualValue(actual)
    );
  };
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as TextLine;
    // `总分` with its weight and score on the following lines.
    if (l.tokens.length === 1 && compact(l.tokens[0] as string) === '总分') {
      const nums: string[] = [];
      while (nums.length < 2 && single(lines[i + 1]) && WEIGHT.test(lines[i + 1]?.tokens[0] ?? '')) {
        nums.push(lines[i + 1]?.tokens[0] as string);
        i++;
      }
      out.push({ line: l.line, tokens: ['总分', ...nums], trailing: false });
      continue;
    }
    // A name can read like a target (`有效投诉`): when the run one line later also fits and
    // ends on the number that this run leaves next, this line is the name and that run the values.
    if (valuesAt(i) && !(valuesAt(i + 1) && WEIGHT.test(lines[i + 4]?.tokens[0] ?? ''))) {
      const run = lines.slice(i, i + 4);
      out.push({ line: run[0]?.line ?? 0, tokens: run.map((l) => l.tokens[0] as string), trailing: false });
      i += 3;
      continue;
    }
    out.push(lines[i] as TextLine);
  }
  return out;
}

export function splitHeadings(
  tokens: readonly string[],
  opts: VocabularyOptions
): { headings: Heading[]; rest: string[] } {
  const headings: Heading[] = [];
  let i = 0;
  // A row joined with spaces may begin with the table's own label (绩效目标, 绩效指标).
  while (i < tokens.length - 1 && isTableLabel(tokens[i] as string)) i++;
  for (; i < tokens.length; i++) {
    const h = recogniseHeading(tokens[i] as string, opts);
    if (!h) break;
    headings.push(h);
  }
  return { headings, rest: tokens.slice(i) };
}
