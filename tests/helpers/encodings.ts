/** Encoders for test documents in the encodings the ingest reads or refuses (TextEncoder has only UTF-8). */

const tables = new Map<string, Map<string, number[]>>();

/** Character → bytes of a double-byte encoding, built by inverting its WHATWG decoder over every byte pair. */
function tableOf(label: 'gbk' | 'big5'): Map<string, number[]> {
  const hit = tables.get(label);
  if (hit) return hit;
  const decoder = new TextDecoder(label, { fatal: true });
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if ([...ch].length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  tables.set(label, table);
  return table;
}

/**
 * `text` in GBK or Big5 (two-byte characters only), and the characters that have no two-byte
 * code there (GB18030 would give them four bytes; Big5 has none), which are left out.
 */
export function encodeDoubleByte(label: 'gbk' | 'big5', text: string): { bytes: Uint8Array; left: string[] } {
  const table = tableOf(label);
  const out: number[] = [];
  const left = new Set<string>();
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    const pair = table.get(ch);
    if (code < 0x80) out.push(code);
    else if (pair) out.push(...pair);
    else left.add(ch);
  }
  return { bytes: Uint8Array.from(out), left: [...left] };
}

/** `text` in UTF-16 with its byte-order mark, as Excel's and Notepad's "Unicode" text is saved. */
export function encodeUtf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (order === 'le') return new Uint8Array(le);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return be;
}
