/**
 * A minimal PDF writer for pages Chromium does not print: a page turned by /Rotate with its
 * content drawn turned the other way, a crop box, stroked (not filled) rules, Helvetica text,
 * content inside a form XObject.
 * Each page's content stream is written as given; the file has a correct xref table.
 */

/** One page: its media box size, optional /Rotate and /CropBox, and its content stream. */
export interface MiniPage {
  width: number;
  height: number;
  rotate?: 0 | 90 | 180 | 270;
  cropBox?: [number, number, number, number];
  content: string;
  /** A form XObject the content can paint as `/X1 Do`: its /Matrix and its content stream. */
  form?: { matrix: [number, number, number, number, number, number]; content: string };
}

/** The pages as a PDF file with one standard font, /F1 Helvetica. */
export function buildPdf(pages: readonly MiniPage[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const p of pages) {
    const content = add(
      `<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}\nendstream`
    );
    const form = p.form
      ? add(
          `<< /Type /XObject /Subtype /Form /BBox [0 0 ${p.width} ${p.height}] /Matrix [${p.form.matrix.join(' ')}] ` +
            `/Resources << /Font << /F1 ${font} 0 R >> >> /Length ${Buffer.byteLength(p.form.content, 'latin1')} >>\n` +
            `stream\n${p.form.content}\nendstream`
        )
      : null;
    const extra = [
      p.rotate ? `/Rotate ${p.rotate}` : '',
      p.cropBox ? `/CropBox [${p.cropBox.join(' ')}]` : ''
    ].join(' ');
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${p.width} ${p.height}] ${extra} ` +
          `/Resources << /Font << /F1 ${font} 0 R >> ${form ? `/XObject << /X1 ${form} 0 R >>` : ''} >> ` +
          `/Contents ${content} 0 R >>`
      )
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Content drawing a ruled grid (stroked lines) with Helvetica text centred-left in each cell, in the current space. */
export function gridContent(
  x0: number,
  top: number,
  colWidths: number[],
  rowHeight: number,
  rows: string[][]
): string {
  const ops: string[] = ['0.5 w'];
  const width = colWidths.reduce((a, b) => a + b, 0);
  for (let r = 0; r <= rows.length; r++) {
    const y = top - r * rowHeight;
    ops.push(`${x0} ${y} m ${x0 + width} ${y} l S`);
  }
  let x = x0;
  for (let c = 0; c <= colWidths.length; c++) {
    ops.push(`${x} ${top} m ${x} ${top - rows.length * rowHeight} l S`);
    x += colWidths[c] ?? 0;
  }
  rows.forEach((row, r) => {
    let cx = x0;
    row.forEach((text, c) => {
      const baseline = top - r * rowHeight - rowHeight / 2 - 3.5;
      ops.push(`BT /F1 10 Tf 1 0 0 1 ${cx + 4} ${baseline} Tm (${text}) Tj ET`);
      cx += colWidths[c]!;
    });
  });
  return ops.join('\n');
}
