/**
 * A declaration's indicator table from PDF text: each indicator a name and its target (and, in
 * the 2020 template, its basis), on one line joined with spaces or over several lines.
 */
import { joinWrapped, squeeze, tidyText } from '../text';
import {
  isCostLevel2,
  isFooterLine,
  looksLikeBasis,
  looksLikeTargetValue,
  recogniseHeading
} from '../vocabulary';
import {
  HeadingState,
  mergeUnitTokens,
  newDraft,
  resolveRowHeadings,
  type IndicatorDraft,
  type IndicatorTable,
  type IndicatorTableOptions,
  type TableWarning
} from './shared';
import { splitHeadings, type TextLine } from './text';

export function readTargetText(lines: readonly TextLine[], opts: IndicatorTableOptions): IndicatorTable {
  const drafts: IndicatorDraft[] = [];
  const warnings: TableWarning[] = [];
  const state = new HeadingState();
  const tableHasCostLevel2 = lines.some((l) =>
    l.tokens.some((t) => isCostLevel2(recogniseHeading(t, opts)?.level2 ?? null))
  );
  let group: { text: string; line: number }[] = [];
  let openHeading: { raw: string; level: 1 | 2; line: number; count: number } | null = null;

  const closeHeading = () => {
    if (openHeading && openHeading.count === 0)
      warnings.push({
        line: openHeading.line,
        code: 'heading-without-rows',
        message: `标题“${openHeading.raw}”下没有指标`
      });
  };
  const add = (name: string, values: string[], line: number) => {
    const draft = newDraft(state, line, tidyText(name));
    if (opts.hasBasisColumn && values.length && looksLikeBasis(values[values.length - 1] as string))
      draft.basis = values.pop() ?? null;
    draft.target = values.length ? tidyValue(values.join(' ')) : null;
    drafts.push(draft);
    if (openHeading) openHeading.count++;
  };
  // Cells one per line: a name, then its value. A cell that does not read like a value, followed
  // by one that does, continues the name (a name wrapped over lines).
  const flushGroup = () => {
    let i = 0;
    while (i < group.length) {
      const first = group[i] as { text: string; line: number };
      const nameParts = [first.text];
      i++;
      while (
        i + 1 < group.length &&
        !looksLikeTargetValue((group[i] as { text: string }).text) &&
        looksLikeTargetValue((group[i + 1] as { text: string }).text)
      ) {
        nameParts.push((group[i] as { text: string }).text);
        i++;
      }
      const value = group[i];
      if (!value) {
        warnings.push({
          line: first.line,
          code: 'name-without-value',
          message: `指标“${tidyText(joinWrapped(nameParts))}”未找到指标值`
        });
        add(joinWrapped(nameParts), [], first.line);
        break;
      }
      const values = [value.text];
      i++;
      const basis = group[i];
      if (opts.hasBasisColumn && basis && looksLikeBasis(basis.text)) {
        values.push(basis.text);
        i++;
      }
      add(joinWrapped(nameParts), values, first.line);
    }
    group = [];
  };

  for (const l of lines) {
    // A footer (填报人 / 联系电话 / 填报日期) is not an indicator, and is never quoted.
    if (isFooterLine(l.tokens)) {
      flushGroup();
      continue;
    }
    const { headings: rawHeadings, rest } = splitHeadings(l.tokens, opts);
    if (rawHeadings.length) {
      flushGroup();
      const headings = resolveRowHeadings(rawHeadings, state, tableHasCostLevel2);
      for (const h of headings) {
        state.apply(h);
        // A level 1 followed at once by its first level 2 is not an empty heading.
        if (!(openHeading?.level === 1 && openHeading.count === 0 && h.level === 2)) closeHeading();
        openHeading = { raw: h.raw, level: h.level, line: l.line, count: 0 };
      }
    }
    const plain = mergeUnitTokens(rest);
    if (plain.length === 0) continue;
    // A row of cells joined with spaces ends with its value; a line that does not is one cell
    // (a name with a space in it).
    const last = plain[plain.length - 1] as string;
    // 2020 template: a name and its basis (备注) with the target left empty.
    // (A value and its basis after name lines is the end of that indicator, read with them.)
    const nameAndBasis =
      opts.hasBasisColumn &&
      plain.length === 2 &&
      looksLikeBasis(last) &&
      !(group.length && looksLikeTargetValue(plain[0] as string));
    const endsWithValue =
      nameAndBasis ||
      looksLikeTargetValue(last) ||
      (opts.hasBasisColumn && plain.length >= 3 && looksLikeBasis(last)) ||
      plain.length >= 3;
    if (nameAndBasis) {
      flushGroup();
      add(plain[0] as string, [last], l.line);
      continue;
    }
    if (opts.hasBasisColumn && plain.length === 2 && looksLikeBasis(last) && group.length) {
      group.push({ text: plain[0] as string, line: l.line }, { text: last, line: l.line });
      flushGroup();
      continue;
    }
    if (plain.length >= 2 && endsWithValue) {
      flushGroup();
      const values = [plain[plain.length - 1] as string];
      let nameTokens = plain.slice(0, -1);
      if (opts.hasBasisColumn && plain.length >= 3 && looksLikeBasis(values[0] as string)) {
        values.unshift(plain[plain.length - 2] as string);
        nameTokens = plain.slice(0, -2);
      }
      add(nameTokens.join(' '), values, l.line);
      continue;
    }
    group.push({ text: plain.join(' '), line: l.line });
  }
  flushGroup();
  closeHeading();
  return { drafts, total: null, warnings };
}

function tidyValue(text: string): string {
  return squeeze(text);
}
