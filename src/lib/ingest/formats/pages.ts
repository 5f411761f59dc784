/**
 * Which pages of a paged document hold forms, and what on a page is only its furniture. A budget
 * book (部门预算公开) opens with a cover, a table of contents, narrative and budget tables, and
 * prints page numbers and running headers on every page; only its last pages are the forms. The
 * form reader is given the form pages, without furniture; the pages left out are counted.
 */
import { readRow, type Row } from '../layout';
import { recogniseTitle } from '../segment';
import { compact } from '../text';
import type { PagedDocument, SourcePage, TableBlock, TextBlock } from './paged';

// `- 35 -`, `35`, `第 3 页`, `第 3 页 共 40 页`, `3 / 40`, `— 3 —`.
const PAGE_NUMBER =
  /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

// `(2026年度)`, `（2023 年度）`: the year a form is for, under its title.
const YEAR_NOTE = /^[(（]?\d{4}年度?[)）]?$/;

/** A line that is a page number. */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/**
 * The document without its page furniture: page numbers, and running headers or footers (the
 * same short line at the top or the bottom of at least three pages).
 */
export function dropFurniture(doc: PagedDocument): PagedDocument {
  const edgeLines = new Map<string, number>();
  for (const page of doc.pages) {
    const texts = new Set(edgeTexts(page).map((b) => compact(b.text)));
    for (const t of texts) edgeLines.set(t, (edgeLines.get(t) ?? 0) + 1);
  }
  // A form's title and its year note repeat on every form's page, and are no furniture.
  const running = new Set(
    [...edgeLines]
      .filter(([t, n]) => n >= 3 && t.length <= 40 && !isTitleLine(readRow(t, 0)) && !YEAR_NOTE.test(t))
      .map(([t]) => t)
  );
  return {
    ...doc,
    pages: doc.pages.map((page) => {
      const edges = new Set(edgeTexts(page));
      const blocks = page.blocks.filter(
        (b) => b.kind === 'table' || !(isPageNumber(b.text) || (edges.has(b) && running.has(compact(b.text))))
      );
      return { ...page, blocks };
    })
  };
}

/** The text lines above a page's first table or below its last one, at most two at each end. */
function edgeTexts(page: SourcePage): TextBlock[] {
  const texts = (blocks: SourcePage['blocks']) => {
    const out: TextBlock[] = [];
    for (const b of blocks) {
      if (b.kind === 'table' || out.length === 2) break;
      out.push(b);
    }
    return out;
  };
  return [...texts(page.blocks), ...texts([...page.blocks].reverse())];
}

/** The rows of one page's blocks, to recognise titles and labels on it. */
function rowsOf(page: SourcePage): Row[] {
  const rows: Row[] = [];
  for (const b of page.blocks) {
    if (b.kind === 'text') rows.push(readRow(b.text, 0));
    else for (const r of tableRowTexts(b)) rows.push(readRow(r.join('\t'), 0));
  }
  return rows;
}

function tableRowTexts(block: TableBlock): string[][] {
  const rows: string[][] = Array.from({ length: block.rows }, () => []);
  for (const c of block.cells) if (c.text.trim()) rows[c.row]?.push(c.text);
  return rows;
}

/**
 * A form's title standing as a heading: the row ends with it (and its year note), so a line of
 * the table of contents (`…绩效目标申报表 ……… 35`) or a sentence that names the forms is none.
 */
function isTitleLine(row: Row): boolean {
  return recogniseTitle(row) !== null && /表(?:[(（][^()（）]*[)）])?[:：]?$/.test(compact(row.text));
}

/** The page opens with a table (nothing but short lines above it): a table continued from before. */
function opensWithTable(page: SourcePage): boolean {
  for (const b of page.blocks) {
    if (b.kind === 'table') return true;
    if (compact(b.text).length > 30 || /表$/.test(compact(b.text))) return false;
  }
  return false;
}

/**
 * The pages that hold forms: a page with a form's title, and each page after it that continues
 * its table (opens with a table). Every other page is skipped. A document where no page has a
 * form's title is read whole: its forms may have lost their titles, which the form reader handles.
 */
export function selectFormPages(doc: PagedDocument): { document: PagedDocument; skipped: number[] } {
  const titled = doc.pages.map((p) => rowsOf(p).some(isTitleLine));
  if (!titled.some(Boolean)) return { document: doc, skipped: [] };
  const kept: SourcePage[] = [];
  const skipped: number[] = [];
  let inForm = false;
  doc.pages.forEach((page, i) => {
    inForm = titled[i] === true || (inForm && opensWithTable(page));
    if (inForm) kept.push(page);
    else skipped.push(page.number);
  });
  return { document: { ...doc, pages: kept }, skipped };
}
