/**
 * Bytes to text. Chinese government exports come as UTF-8 (with or without a BOM) or as
 * GB18030/GBK; anything else is refused with a clear message rather than read as mojibake.
 */
import { IngestError } from './document';

/** The encodings a source may be in. */
export type SourceEncoding = 'utf-8' | 'gb18030';

/** Decodes a source file, detecting UTF-8 or GB18030. Throws `IngestError` for binary or unknown encodings. */
export function decodeSource(bytes: Uint8Array, file: string): { text: string; encoding: SourceEncoding } {
  if (bytes.length === 0) throw new IngestError(file, 1, '文件为空');
  if (looksBinary(bytes)) throw new IngestError(file, 1, '不是文本文件（含有二进制内容）');
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
      return { text, encoding };
    } catch {
      // try the next encoding
    }
  }
  throw new IngestError(file, firstBadLine(bytes), '编码无法识别：既不是有效的 UTF-8，也不是 GB18030/GBK');
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.05;
}

/** The line of the first byte that is not valid UTF-8, for the error message. */
function firstBadLine(bytes: Uint8Array): number {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) line++;
    if (b < 0x80) continue;
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (len === 0) return line;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line;
    i += len - 1;
  }
  return line;
}
