/**
 * Bytes to text. Chinese government exports come as UTF-8 (with or without a BOM), as GB18030/GBK,
 * or, saved as "Unicode" from Excel or Notepad, as UTF-16 with a BOM; anything else is refused with
 * a clear message rather than read as mojibake. Big5 (traditional Chinese, from Taiwan or Hong
 * Kong) is recognised and refused by name: the GB18030 decoder accepts almost any byte pair and
 * would turn it into nonsense that fails later as an unknown form.
 */
import { IngestError } from './document';

/** The encodings a source may be in. */
export type SourceEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** The message for a Big5 source. */
export const BIG5_REFUSED = '编码为 Big5（繁体中文），暂不支持：请另存为 UTF-8 或 GB18030';

/**
 * Decodes a source file: UTF-16 by its BOM, else UTF-8, else GB18030 unless the bytes are Big5.
 * Throws `IngestError` for binary content, Big5 and unknown encodings.
 */
export function decodeSource(bytes: Uint8Array, file: string): { text: string; encoding: SourceEncoding } {
  if (bytes.length === 0) throw new IngestError(file, 1, '文件为空');
  const utf16 = utf16ByBom(bytes);
  if (utf16) return decodeUtf16(bytes, utf16, file);
  if (looksBinary(bytes)) throw binary(file);
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  if (looksLikeBig5(bytes)) throw new IngestError(file, 1, BIG5_REFUSED);
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  throw new IngestError(file, firstBadLine(bytes), '编码无法识别：既不是有效的 UTF-8，也不是 GB18030/GBK');
}

/** UTF-16 as its byte-order mark says (FF FE little-endian, FE FF big-endian), or null. */
function utf16ByBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeUtf16(
  bytes: Uint8Array,
  encoding: 'utf-16le' | 'utf-16be',
  file: string
): { text: string; encoding: SourceEncoding } {
  const text = tryDecode(encoding, bytes);
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  // An odd byte count or a lone surrogate: cut off, or not UTF-16 at all.
  if (text === null)
    throw new IngestError(file, 1, `编码无法识别：以 ${name} 的字节顺序标记开头，但内容不是有效的 ${name}`);
  // Binary junk after a BOM-like pair decodes to control characters.
  const codes = Array.from(text.slice(0, 8192), (c) => c.charCodeAt(0));
  if (controlShareOrNul(codes)) throw binary(file);
  return { text, encoding };
}

const binary = (file: string) => new IngestError(file, 1, '不是文本文件（含有二进制内容）');

/** The text of `bytes` in `encoding`, or null where they are not valid in it (BOM dropped). */
function tryDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  return controlShareOrNul(bytes.subarray(0, 8192));
}

/** A NUL, or more than 5% control characters other than tab, line feed and carriage return. */
function controlShareOrNul(codes: ArrayLike<number>): boolean {
  const n = codes.length;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = codes[i] as number;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Below this many double-byte characters a text is too short to tell Big5 from GBK: GB18030. */
const BIG5_MIN_PAIRS = 16;
/** Share of double-byte characters whose second byte is 0x40–0x7E above which a text is Big5. */
const BIG5_LOW_TRAIL_SHARE = 0.1;

/**
 * Whether double-byte bytes that are not UTF-8 are Big5 rather than GBK. Both encodings put a
 * Chinese character in two bytes with a first byte of 0x81–0xFE, and most GBK text is valid Big5
 * too (and all Big5 valid GB18030), so validity cannot tell them apart; their second bytes can.
 * Simplified Chinese uses almost only GB2312's characters, whose second byte is 0xA1–0xFE; a
 * second byte of 0x40–0x7E is GBK's rare-character extension (0 of 32,500 characters in the seed
 * documents saved as GBK). In Big5 it is about 40% of all characters, the commonest punctuation
 * among them (，A141 。A143 、A142). Big5 is then confirmed by decoding the bytes as Big5, which
 * fails on GBK's second bytes 0x80–0xA0.
 */
export function looksLikeBig5(bytes: Uint8Array): boolean {
  let pairs = 0;
  let lowTrail = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number;
    if (lead < 0x81 || lead === 0xff) continue;
    const trail = bytes[i + 1] ?? 0;
    // GB18030's four-byte sequences (second byte a digit) do not occur in Big5.
    if (trail >= 0x30 && trail <= 0x39) return false;
    pairs++;
    if (trail >= 0x40 && trail <= 0x7e) lowTrail++;
    i++;
  }
  if (pairs < BIG5_MIN_PAIRS || lowTrail / pairs <= BIG5_LOW_TRAIL_SHARE) return false;
  return decodesAsBig5(bytes);
}

function decodesAsBig5(bytes: Uint8Array): boolean {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder('big5', { fatal: true });
  } catch {
    return true; // a runtime without the Big5 decoder (Node with small ICU): the statistics alone
  }
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
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
