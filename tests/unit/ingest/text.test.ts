import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  foldRadicals,
  joinWrapped,
  normalizeSourceText,
  tidyText
} from '../../../src/lib/ingest/text';
import { BIG5_REFUSED, decodeSource } from '../../../src/lib/ingest/decode';
import { IngestError, parseDocument } from '../../../src/lib/ingest/document';
import { encodeDoubleByte, encodeUtf16 } from '../../helpers/encodings';
import { RAW, ROOT, SEEDS, manifest, parseSeed } from '../../helpers/seeds';

describe('normalizeSourceText', () => {
  it('drops a BOM and turns CRLF into LF without changing the line count', () => {
    const text = normalizeSourceText('\uFEFF项目名称\r\n社会救助\r\n');
    expect(text).toBe('项目名称\n社会救助\n');
  });

  it('turns checkbox inputs into ☑/☐ and removes formatting tags', () => {
    const text = normalizeSourceText(
      '一次性项目 <input type="checkbox"/> 经常性项目 <input checked="" type="checkbox"/>\t<p>财务管理制度</p>'
    );
    expect(text).toBe('一次性项目 ☐ 经常性项目 ☑\t 财务管理制度');
  });

  it('keeps tags that are data, such as a project named <img src=x onerror=alert(1)>', () => {
    expect(normalizeSourceText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(normalizeSourceText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});

describe('foldRadicals', () => {
  it('reads the radicals a PDF font maps its glyphs to as the characters they are', () => {
    // As Chromium's printed PDFs and many published ones give them: ⽬ U+2F6C, ⾦ U+2FA6, ⻓ U+2ED3.
    expect(foldRadicals('项\u2F6C名称 \u2F40出\u2FA6额 \u2ED3效')).toBe('项目名称 支出金额 长效');
    // NFKC would make ⼾ the traditional 戶, and leaves ⻚ and 〈 (U+2329) as they are.
    expect(foldRadicals('专\u2F3E \u2EDA \u2329通知\u232A')).toBe('专户 页 〈通知〉');
    expect(normalizeSourceText('项\u2F6C名称\t\u2F2F程')).toBe('项目名称\t工程');
  });

  it('leaves other text, full-width punctuation included, as it is', () => {
    expect(foldRadicals('（一）项目名称：社会救助')).toBe('（一）项目名称：社会救助');
  });
});

describe('tidyText and joinWrapped', () => {
  it('removes the spaces a PDF puts between Chinese characters', () => {
    expect(tidyText('2023 年 1月 1 日')).toBe('2023年1月1日');
    expect(tidyText('年度补助资金 增长率')).toBe('年度补助资金增长率');
    expect(tidyText('=100.00 (%)')).toBe('=100.00 (%)');
  });

  it('joins a wrapped cell', () => {
    expect(joinWrapped(['市民社区医疗互助帮困计', '划资金'])).toBe('市民社区医疗互助帮困计划资金');
    expect(joinWrapped(['为迎接建党1', '00周年'])).toBe('为迎接建党100周年');
    expect(joinWrapped(['PC', 'monitor'])).toBe('PC monitor');
  });

  it('measures display width (Chinese counts 2)', () => {
    expect(displayWidth('由于实行电子医保')).toBe(16);
    expect(displayWidth('机1台以外，停购')).toBe(15);
  });
});

describe('decodeSource', () => {
  it('reads UTF-8', () => {
    expect(decodeSource(new TextEncoder().encode('项目名称'), 'a.txt')).toEqual({
      text: '项目名称',
      encoding: 'utf-8'
    });
  });

  it('reads GB18030 (common for government exports)', () => {
    // 项目名称 in GB18030
    const bytes = new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6]);
    expect(decodeSource(bytes, 'a.txt')).toEqual({ text: '项目名称', encoding: 'gb18030' });
  });

  it('refuses binary junk and empty files with file and line', () => {
    expect(() => decodeSource(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'x.zip')).toThrowError(
      new IngestError('x.zip', 1, '不是文本文件（含有二进制内容）')
    );
    expect(() => decodeSource(new Uint8Array([]), 'e.txt')).toThrowError('e.txt:1: 文件为空');
  });

  it('reads UTF-16 LE and BE with a BOM (Excel and Notepad save "Unicode" text so) as the same document', () => {
    const text = readFileSync(path.join(RAW, SEEDS['000']), 'utf8');
    const entry = manifest().entries.find((e) => e.file === SEEDS['000']) ?? null;
    for (const [order, encoding] of [
      ['le', 'utf-16le'],
      ['be', 'utf-16be']
    ] as const) {
      const decoded = decodeSource(encodeUtf16(text, order), 'a.txt');
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.text).toBe(text);
      const parsed = parseDocument({
        file: SEEDS['000'],
        text: decoded.text,
        sourceId: 'x',
        manifest: entry
      });
      const seed = parseSeed('000');
      expect(parsed.projects.map((p) => [p.name, p.annual_amount])).toEqual(
        seed.projects.map((p) => [p.name, p.annual_amount])
      );
      expect(parsed.projects.find((p) => p.name === '社会救助')?.annual_amount).toBe('11143200.00');
    }
  });

  it('refuses UTF-16 that is cut off, and binary content behind a UTF-16 BOM', () => {
    const cut = encodeUtf16('项目名称', 'le').subarray(0, 7);
    expect(() => decodeSource(cut, 'cut.txt')).toThrowError(
      new IngestError(
        'cut.txt',
        1,
        '编码无法识别：以 UTF-16 LE 的字节顺序标记开头，但内容不是有效的 UTF-16 LE'
      )
    );
    const junk = new Uint8Array([0xff, 0xfe, 0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]);
    expect(() => decodeSource(junk, 'x.zip')).toThrowError(
      new IngestError('x.zip', 1, '不是文本文件（含有二进制内容）')
    );
  });

  it('refuses Big5 by name rather than reading it as GB18030', () => {
    // The GB18030 fixture's form in Taiwan's traditional characters (OpenCC cn→tw), saved as Big5
    // (≥ written ≧, as Big5 has no ≥). GB18030 decodes these bytes without an error, as nonsense.
    const bytes = readFileSync(path.join(ROOT, 'tests/fixtures/encodings/big5-target.txt'));
    expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).not.toContain('申报表');
    expect(new TextDecoder('big5', { fatal: true }).decode(bytes)).toContain('財政項目支出績效目標申報表');
    expect(() => decodeSource(bytes, 'big5-target.txt')).toThrowError(
      new IngestError('big5-target.txt', 1, BIG5_REFUSED)
    );
    expect(BIG5_REFUSED).toBe('编码为 Big5（繁体中文），暂不支持：请另存为 UTF-8 或 GB18030');
  });

  it('reads every seed saved as GBK as GB18030, not as Big5 (most GBK text is valid Big5 too)', () => {
    for (const file of Object.values(SEEDS)) {
      const text = readFileSync(path.join(RAW, file), 'utf8');
      const { bytes, left } = encodeDoubleByte('gbk', text);
      expect(() => new TextDecoder('big5', { fatal: true }).decode(bytes)).not.toThrow();
      const decoded = decodeSource(bytes, file);
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.text).toBe([...text].filter((c) => !left.includes(c)).join(''));
    }
  });

  it('reads GBK with rare characters of its extension (names) as GB18030', () => {
    const text = '项目负责人：王喆、李堃、张旻，犇腾公司。年度资金 11,143,200.00 元，执行率 95.5%。\n'.repeat(
      3
    );
    const { bytes, left } = encodeDoubleByte('gbk', text);
    expect(left).toEqual([]);
    expect(decodeSource(bytes, 'rare.txt')).toEqual({ text, encoding: 'gb18030' });
  });

  it('reads a text too short to tell Big5 from GBK as GB18030', () => {
    const { bytes } = encodeDoubleByte('big5', '項目名稱：社會救助');
    expect(decodeSource(bytes, 'short.txt').encoding).toBe('gb18030');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    expect(() =>
      decodeSource(new Uint8Array([0x41, 0x0a, 0x42, 0xff, 0xff, 0x80, 0x0a]), 'bad.txt')
    ).toThrowError(/^bad\.txt:2: 编码无法识别/);
  });
});
