/**
 * Character-level clean-up shared by every parser: what PDF and spreadsheet exports do to text
 * (BOM, CRLF, HTML fragments, full-width digits, spaces between Chinese characters) undone in one
 * place.
 */

/** Checkbox marks the parsers understand: ☑ ✓ √ ✔ mean checked; ☐ □ × mean unchecked. */
export const CHECKED_MARK = '☑';
/** The mark an unchecked `<input type="checkbox">` becomes. */
export const UNCHECKED_MARK = '☐';

// Formatting tags that exports wrap around cells; anything else that looks like a tag is data
// (a project may really be named `<img src=x>`) and is kept as text.
const FORMATTING_TAG =
  /<\/?(?:p|br|span|div|font|b|strong|i|em|u|sup|sub|td|tr|th|tbody|thead|table)(?:\s[^<>]*)?\/?>/gi;
const CHECKBOX_TAG = /<input\b[^<>]*type\s*=\s*["']?checkbox["']?[^<>]*\/?>/gi;
const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'"
};

/**
 * Normalises a whole source text: drops a BOM, turns CRLF/CR into LF, replaces checkbox inputs
 * by ☑/☐, removes formatting tags and decodes the common entities. Line count is preserved, so
 * line numbers still point into the original file.
 */
const LEADING_TAGS = new RegExp(`^([ \\t]*)(?:${FORMATTING_TAG.source})+`, 'gim');
const TRAILING_TAGS = new RegExp(`(?:${FORMATTING_TAG.source})+(?=[ \\t]*$)`, 'gim');

export function normalizeSourceText(raw: string): string {
  let text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  text = text.replace(/\r\n?/g, '\n');
  // A comment (Markdown, HTML exports) is not content; its lines stay, empty, to keep line numbers.
  if (text.includes('<!--')) text = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ''));
  text = text.replace(/[\u00A0\u2007\u202F]/g, ' ').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
  text = text.replace(CHECKBOX_TAG, (tag) => (/\bchecked\b/i.test(tag) ? CHECKED_MARK : UNCHECKED_MARK));
  // A tag at the start or end of a line goes without a trace (PDF text reads a trailing space as
  // the end of a cell); between words it leaves a space.
  text = text.replace(LEADING_TAGS, '$1');
  text = text.replace(TRAILING_TAGS, '');
  text = text.replace(FORMATTING_TAG, ' ');
  text = text.replace(/&(?:nbsp|amp|lt|gt|quot|apos|#39);/g, (e) => ENTITIES[e] ?? e);
  return foldNumbers(foldRadicals(text));
}

// The characters pdf.js reads back as others from PDFs that Chromium prints with the Noto CJK SC
// fonts: every GB2312 character was printed and read back (the glyph is shared, and the font's
// map names a radical or a variant first). NFKC folds most of them; these it folds wrongly or not
// at all (⼾ → 戶, a traditional form, where 户 was printed), as pairs: what is read, what was meant.
const GLYPH_ALIASES = new Map(
  [
    ...('⺅亻⺉刂⺎兀⺐尢⺒巳⺓幺⺕彐⺖忄⺘扌⺙攵⺠民⺡氵⺣灬⺦丬⺨犭⺭礻⺰纟⺺肀⺾艹⻁虎⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⼾户㬵胶'.match(
      /../gu
    ) ?? [])
  ].map((pair) => [...pair] as [string, string])
);
const RADICAL = /[\u2329\u232A\u2E80-\u2FDF\u3B35\uF900-\uFAFF]|\uD87E[\uDC00-\uDE1F]/g;

/**
 * Characters a PDF's fonts give as radicals, variants or compatibility ideographs (`项⽬` for 项目,
 * `⻓` for 长, `⼾` for 户) read as the characters they are. Every PDF text extraction has them;
 * they look right and compare wrong.
 */
export function foldRadicals(text: string): string {
  if (!/[\u2329\u232A\u2E80-\u2FDF\u3B35\uF900-\uFAFF\uD87E]/.test(text)) return text;
  return text.replace(RADICAL, (ch) => GLYPH_ALIASES.get(ch) ?? ch.normalize('NFKC'));
}

const FULL_WIDTH_NUMBER_CHARS = /[\uFF10-\uFF19\uFF1C-\uFF1E\uFF05\uFF0B\uFF0D]/g;

/**
 * Full-width digits, comparison signs, `％`, `＋` and `－` become ASCII, as do a full-width point
 * or comma between digits (`１２．５` → `12.5`); a space an export put after a thousands comma
 * goes (`60, 000` → `60,000`). Chinese text is otherwise left as it is.
 */
export function foldNumbers(text: string): string {
  // (Each pass is skipped when its character is absent; a digit is matched rather than looked
  // behind for, which lets the regex engine scan for it.)
  let out = text.replace(FULL_WIDTH_NUMBER_CHARS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  if (out.includes('．')) out = out.replace(/(\d)．(?=\d)/g, '$1.');
  if (out.includes('，')) out = out.replace(/(\d)，(?=\d{3}(?!\d))/g, '$1,');
  if (/,[ \t]/.test(out)) out = out.replace(/(\d),[ \t]+(?=\d{3}(?!\d))/g, '$1,');
  return out;
}

/** Folds full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to half-width. */
const HAS_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function foldFullWidth(s: string): string {
  // Most text has none: skip the two replacements (this runs for every cell of every document).
  if (!HAS_FULL_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

// Ideographs, CJK punctuation, full-width forms and the curly quotes Chinese text uses.
const CJK_CLASS =
  '\\u2018-\\u201F\\u2026\\u2E80-\\u303F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`);
const SPACE_NEXT_TO_CJK = new RegExp(`\\s+(?=[${CJK_CLASS}])|(?<=[${CJK_CLASS}])\\s+`, 'g');

/** True when the character is Chinese (an ideograph, CJK punctuation or a full-width form). */
export function isCjk(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

/** Trims and collapses runs of whitespace to one space. */
const NEEDS_SQUEEZE = /[^\S ]| {2}/;

export function squeeze(s: string): string {
  // Only single plain spaces inside (the common case): trimming is all there is to do.
  return NEEDS_SQUEEZE.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/**
 * Text as a PDF extraction left it, tidied: whitespace next to a Chinese character is an artefact
 * of the extraction and is removed (`2023 年 1月 1 日` → `2023年1月1日`); other runs become one space.
 */
export function tidyText(s: string): string {
  return squeeze(s).replace(SPACE_NEXT_TO_CJK, '');
}

/** Removes all whitespace: the form used to compare labels and headings (`成本 指标` = `成本指标`). */
const HAS_SPACE = /\s/;

export function compact(s: string): string {
  return HAS_SPACE.test(s) ? s.replace(/\s+/g, '') : s;
}

/**
 * Joins the pieces of a cell that an export wrapped over several lines: no separator, except a
 * space between two Latin words.
 */
export function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(part)) out += ' ';
    out += part;
  }
  return out;
}

/** Display width as a PDF lays it out: Chinese characters count 2, everything else 1. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s.trim()) width += isCjk(ch) ? 2 : 1;
  return width;
}

/** Splits a text into lines, keeping 1-based line numbers. */
export function toLines(text: string): string[] {
  return text.split('\n');
}
