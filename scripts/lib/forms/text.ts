/**
 * Forms rendered as the text the parser reads (what a spreadsheet export or a Markdown converter
 * makes of them): title lines, then the table as TSV or Markdown rows, a merged cell's text in its
 * first box and the boxes it covers empty.
 */
import { gridTexts, type FormGrid } from './layout';

/** Text layouts a grid can be rendered in. */
export type TextLayout = 'tsv' | 'markdown';

function cellText(text: string, layout: TextLayout): string {
  const flat = text.replace(/[\t\r\n]+/g, ' ');
  return layout === 'markdown' ? flat.replace(/\|/g, '\\|') : flat;
}

/** The forms as one text document, in the order given. */
export function renderFormsText(forms: readonly FormGrid[], layout: TextLayout): string {
  const out: string[] = [];
  for (const form of forms)
    for (const part of form.parts) {
      for (const line of [...part.titles, ...part.above]) out.push('', line, '');
      const rows = gridTexts(part.table).map((r) => r.map((t) => cellText(t, layout)));
      if (layout === 'markdown') {
        const n = part.table.cols;
        out.push(`|${' |'.repeat(n)}`, `|${'---|'.repeat(n)}`, ...rows.map((r) => `| ${r.join(' | ')} |`));
      } else out.push(...rows.map((r) => r.join('\t')));
      for (const line of part.below) out.push('', line);
    }
  return `${out.join('\n')}\n`;
}
