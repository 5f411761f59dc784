/**
 * pdfjs-read geometry of hand-written PDFs Chromium does not print: pages turned by /Rotate with
 * their content drawn turned back (they must come out upright), a crop box, stroked rules under
 * a transformed CTM; and the files readPdf refuses: encrypted, cut short, not a PDF, broken.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_REASON,
  PdfReadError,
  readPdf,
  type PdfReading
} from '../../../../src/lib/ingest/formats/pdf/index';
import { readPdfGeometry } from '../../../../src/lib/ingest/formats/pdf/pdfjs';
import { nodePdfAssets } from '../../../helpers/print';
import { buildPdf, gridContent } from './minipdf';

const GRID = gridContent(60, 500, [120, 160], 24, [
  ['Name', 'Budget 2026'],
  ['Total', '11,143,200.00']
]);
const TITLE = 'BT /F1 10 Tf 1 0 0 1 60 540 Tm (Landscape title) Tj ET';

/** The blocks every turned page must give: a title, then the 2 × 2 table, upright. */
const UPRIGHT = [
  { kind: 'text', text: 'Landscape title', line: 1 },
  {
    kind: 'table',
    rows: 2,
    cols: 2,
    rowLines: [2, 3],
    cells: [
      { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: 'Name' },
      { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: 'Budget 2026' },
      { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: 'Total' },
      { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '11,143,200.00' }
    ]
  }
];

async function refusal(bytes: Uint8Array): Promise<PdfReadError> {
  const e = await readPdf(bytes, nodePdfAssets()).then(
    () => null,
    (err: unknown) => err
  );
  if (!(e instanceof PdfReadError)) throw new Error(`expected a PdfReadError, got ${String(e)}`);
  return e;
}

describe('turned and cropped pages', () => {
  // A portrait media box turned for display; the content drawn turned the other way, as a
  // landscape page scanned or exported sideways is.
  const turns: [90 | 180 | 270, string, number, number][] = [
    [90, '0 1 -1 0 595 0 cm', 842, 595],
    [180, '-1 0 0 -1 595 842 cm', 595, 842],
    [270, '0 -1 1 0 0 842 cm', 842, 595]
  ];
  for (const [rotate, cm, width, height] of turns)
    it(`reads a page with /Rotate ${rotate} upright`, async () => {
      const bytes = buildPdf([{ width: 595, height: 842, rotate, content: `q ${cm}\n${GRID}\n${TITLE}\nQ` }]);
      const r = await readPdf(bytes, nodePdfAssets());
      expect([r.pages[0]!.width, r.pages[0]!.height]).toEqual([width, height]);
      expect(r.document.pages[0]!.blocks).toEqual(UPRIGHT);
    });

  it('reads only what the crop box shows, in the crop box’s coordinates', async () => {
    const bytes = buildPdf([
      {
        width: 595,
        height: 842,
        rotate: 90,
        cropBox: [10, 10, 585, 832],
        content: `q 0 1 -1 0 595 0 cm\n${GRID}\n${TITLE}\nQ\nBT /F1 8 Tf 1 0 0 1 2 2 Tm (cropmark) Tj ET`
      }
    ]);
    const [page] = await readPdfGeometry(bytes, nodePdfAssets());
    expect([page!.width, page!.height]).toEqual([822, 575]);
    expect(page!.items.map((i) => i.str)).toEqual([
      'Name',
      'Budget 2026',
      'Total',
      '11,143,200.00',
      'Landscape title'
    ]);
    // The table's top-left corner: design (60, 500) → user (95, 60) → turned and cropped (50, 85).
    expect(page!.lines).toContainEqual({ x0: 50, y0: 85, x1: 330, y1: 85 });
    expect(page!.items[0]).toMatchObject({ x: 54, width: 26.67, fontSize: 10, height: 10 });
    expect((await readPdf(bytes, nodePdfAssets())).document.pages[0]!.blocks).toEqual(UPRIGHT);
  });

  it('follows the CTM into a form XObject (its /Matrix) and back out of it', async () => {
    const bytes = buildPdf([
      {
        width: 842,
        height: 595,
        // Moved 20 pt right and 30 pt down by the page, 10 pt right and 5 pt down by the form's /Matrix;
        // the scale inside the form is saved and restored away.
        content: `q 1 0 0 1 20 -30 cm /X1 Do Q\nBT /F1 10 Tf 1 0 0 1 60 540 Tm (Landscape title) Tj ET`,
        form: { matrix: [1, 0, 0, 1, 10, -5], content: `q 2 0 0 2 0 0 cm Q\n${GRID}` }
      }
    ]);
    const [page] = await readPdfGeometry(bytes, nodePdfAssets());
    expect(page!.lines).toContainEqual({ x0: 90, y0: 130, x1: 370, y1: 130 });
    expect((await readPdf(bytes, nodePdfAssets())).document.pages[0]!.blocks).toEqual(UPRIGHT);
  });

  it('reads borders stroked as one rectangle per cell (re S) and filled as rectangles (re f)', async () => {
    // Two cells side by side, one row; a merged cell below them filled-bordered as Chromium does.
    const stroked = '0.5 w 60 500 120 24 re S 180 500 160 24 re S';
    const filled = ['60 475.6 280 0.8 re f', '59.6 476 0.8 24 re f', '339.6 476 0.8 24 re f'].join('\n');
    const text = [
      'BT /F1 10 Tf 1 0 0 1 64 508 Tm (Budget) Tj ET',
      'BT /F1 10 Tf 1 0 0 1 184 508 Tm (11,143,200.00) Tj ET',
      'BT /F1 10 Tf 1 0 0 1 64 484 Tm (The annual budget) Tj ET'
    ].join('\n');
    const bytes = buildPdf([{ width: 400, height: 600, content: `${stroked}\n${filled}\n${text}` }]);
    expect((await readPdf(bytes, nodePdfAssets())).document.pages[0]!.blocks).toEqual([
      {
        kind: 'table',
        rows: 2,
        cols: 2,
        rowLines: [1, 2],
        cells: [
          { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: 'Budget' },
          { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: '11,143,200.00' },
          { row: 1, col: 0, rowSpan: 1, colSpan: 2, text: 'The annual budget' }
        ]
      }
    ]);
  });

  it('leaves the caller’s bytes as they were (pdfjs detaches what it is given)', async () => {
    const bytes = buildPdf([
      { width: 300, height: 200, content: 'BT /F1 10 Tf 1 0 0 1 20 100 Tm (Cover) Tj ET' }
    ]);
    const copy = bytes.slice();
    const r: PdfReading = await readPdf(bytes, nodePdfAssets());
    expect(r.document.pages[0]!.blocks).toEqual([{ kind: 'text', text: 'Cover', line: 1 }]);
    expect(bytes).toEqual(copy);
  });
});

describe('files that cannot be read', () => {
  const good = Buffer.from(buildPdf([{ width: 300, height: 200, content: GRID }])).toString('latin1');

  it('an encrypted PDF asks for an unencrypted one', async () => {
    const bytes = new Uint8Array(
      readFileSync(path.join(import.meta.dirname, '../../../fixtures/pdf/encrypted.pdf'))
    );
    const e = await refusal(bytes);
    expect(e.reason).toBe(ENCRYPTED_REASON);
    expect(e.reason).toBe('PDF 已加密，需要密码才能打开：请提供未加密的版本');
    expect(e.page).toBe(null);
  });

  it('a file cut short, a file that is no PDF and an empty file are broken, each with its cause', async () => {
    const bytes = Buffer.from(good, 'latin1');
    expect((await refusal(new Uint8Array(bytes.subarray(0, bytes.length - 40)))).reason).toBe(
      'PDF 文件已损坏，无法读取（文件不完整，可能下载或复制时被截断）'
    );
    expect((await refusal(new TextEncoder().encode('项目名称\t规财法工作经费\n'))).reason).toBe(
      'PDF 文件已损坏，无法读取（不是 PDF 文件）'
    );
    expect((await refusal(new Uint8Array())).reason).toBe('PDF 文件已损坏，无法读取（文件是空的）');
  });

  it('a whole file whose structure is broken names the page that failed', async () => {
    const noRoot = new Uint8Array(Buffer.from(good.replace('/Root 1 0 R', '/Root 99 0 R'), 'latin1'));
    const e1 = await refusal(noRoot);
    expect([e1.reason, e1.page]).toEqual(['PDF 文件已损坏，无法读取（文件结构无效）', null]);
    // Object 4 (the page's content stream) overwritten: its xref entry points into junk.
    const at = good.indexOf('4 0 obj');
    const junk = new Uint8Array(
      Buffer.from(good.slice(0, at) + 'x'.repeat(12) + good.slice(at + 12), 'latin1')
    );
    const e2 = await refusal(junk);
    expect(e2.page).toBe(1);
    expect(e2.reason).toMatch(/^PDF 文件已损坏，无法读取（第 1 页无法解析：.+）$/);
  });
});
