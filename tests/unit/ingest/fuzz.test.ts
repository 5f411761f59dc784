/**
 * Property-based tests: the seed documents damaged the way exports damage them. Whatever happens,
 * the parser never throws anything but `IngestError` (`file:line: reason`), every amount it returns
 * is written in the text, and no indicator whose row survived disappears without a trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorRecord, ProjectRecord } from '../../../src/lib/schema/records';
import { moneyColumns } from '../../../src/lib/schema/tables';
import { IngestError, parseDocument, type ParsedSource } from '../../../src/lib/ingest/document';
import { decodeSource } from '../../../src/lib/ingest/decode';
import { compact, foldFullWidth, normalizeSourceText } from '../../../src/lib/ingest/text';
import { parseMoney } from '../../../src/lib/ingest/values';
import { SEEDS, manifest, parseSeed } from '../../helpers/seeds';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RAW } from '../../helpers/seeds';

type SeedId = keyof typeof SEEDS;
const IDS = Object.keys(SEEDS) as SeedId[];
const TEXT: Record<SeedId, string> = Object.fromEntries(
  IDS.map((id) => [id, readFileSync(path.join(RAW, SEEDS[id]), 'utf8')])
) as Record<SeedId, string>;
const ENTRY = Object.fromEntries(
  IDS.map((id) => [id, manifest().entries.find((e) => e.file === SEEDS[id]) ?? null])
);
// 500 damaged documents per seed and 1,000 of junk: about 3,500 generated documents per run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
// A new seed every run, so that each run tries new cases; printed, to replay one with FUZZ_SEED.
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz.test.ts: FUZZ_SEED=${SEED}`);

function parse(id: SeedId, text: string): ParsedSource | IngestError {
  try {
    return parseDocument({ file: SEEDS[id], text, sourceId: 'fuzz', manifest: ENTRY[id] });
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e; // anything else is a crash: the property fails
  }
}

/** Every amount a text could be read as: runs of digits, separators and spaces, with 万/亿. */
function amountsIn(text: string): Set<string> {
  const folded = foldFullWidth(normalizeSourceText(text));
  const out = new Set<string>();
  for (const m of folded.matchAll(/-?\d[\d,，. ]*\d(?:\s*[万亿])?|-?\d(?:\s*[万亿])?/g)) {
    const candidates = [m[0], ...m[0].split(/\s+/)];
    for (const c of candidates) {
      const v = parseMoney(c.trim());
      if (v) out.add(v);
      const wan = parseMoney(`${c.trim()}万`);
      if (wan) out.add(wan);
    }
  }
  return out;
}

const MONEY = moneyColumns('projects') as (keyof ProjectRecord)[];

function expectAmountsFromText(result: ParsedSource, text: string): void {
  const amounts = amountsIn(text);
  for (const p of result.projects)
    for (const k of MONEY) {
      const v = p[k];
      if (v !== null) expect(amounts.has(String(v)), `${p.name}.${k} = ${v} is not in the text`).toBe(true);
    }
  for (const b of result.budget_lines)
    expect(amounts.has(b.amount), `budget line ${b.amount} is not in the text`).toBe(true);
}

function expectErrorNamesFileAndLine(e: IngestError, id: SeedId): void {
  expect(e.message).toMatch(new RegExp(`^${SEEDS[id].replace('.', '\\.')}:\\d+: \\S`));
  expect(e.line).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------
// Noise a parser must see through: the records stay the same.

const FULL_WIDTH_DIGIT = (d: string) => String.fromCharCode(d.charCodeAt(0) + 0xfee0);

const noise = {
  crlf: (t: string) => t.replace(/\n/g, '\r\n'),
  bom: (t: string) => `\uFEFF${t}`,
  fullWidthNumbers: (t: string) => t.replace(/\d/g, FULL_WIDTH_DIGIT),
  blankLines: (t: string) => t.replace(/\n\n/g, '\n\n\n'),
  paragraphTags: (t: string) => t.replace(/^([^\t|\n]+)$/gm, '<p>$1</p>'),
  spacesInAmounts: (t: string) => t.replace(/(\d),(\d{3})/g, '$1, $2'),
  trailingSpaces: (t: string) => t.replace(/([^\s])\n/g, '$1  \n')
} as const;

function expectSameRecords(got: ParsedSource, want: ParsedSource): void {
  const key = (i: IndicatorRecord) => [compact(i.name), i.target_value, i.actual_value, i.score].join('|');
  expect(got.projects.map((p) => [p.name, p.annual_amount, p.executed_amount])).toEqual(
    want.projects.map((p) => [p.name, p.annual_amount, p.executed_amount])
  );
  expect(got.indicators.map(key)).toEqual(want.indicators.map(key));
  expect(got.budget_lines.map((b) => b.amount)).toEqual(want.budget_lines.map((b) => b.amount));
}

describe('noise that exports add changes nothing', () => {
  for (const id of IDS) {
    for (const [name, f] of Object.entries(noise)) {
      // Markdown and tab layouts carry trailing spaces as cell padding; PDF text uses them as cell ends.
      if (name === 'trailingSpaces' && (id === '001' || id === '004')) continue;
      // A <p> around a whole line only makes sense for lines that are not table rows.
      it(`${id}: ${name}`, () => {
        const result = parse(id, f(TEXT[id]));
        expect(result).not.toBeInstanceOf(IngestError);
        expectSameRecords(result as ParsedSource, parseSeed(id));
      });
    }

    it(`${id}: a page printed twice gives its projects twice`, () => {
      const want = parseSeed(id);
      const result = parse(id, `${TEXT[id]}\n${TEXT[id]}`);
      expect(result).not.toBeInstanceOf(IngestError);
      const got = result as ParsedSource;
      expect(got.projects).toHaveLength(want.projects.length * 2);
      expect(got.indicators).toHaveLength(want.indicators.length * 2);
      expect(got.warnings.filter((w) => w.code === 'duplicate-project-name')).toHaveLength(0); // same names flagged by the pipeline, not the parser
    });

    it(`${id}: a UTF-8 BOM and CRLF survive decoding from bytes`, () => {
      const bytes = new TextEncoder().encode(`\uFEFF${TEXT[id].replace(/\n/g, '\r\n')}`);
      const { text } = decodeSource(bytes, SEEDS[id]);
      expectSameRecords(parse(id, text) as ParsedSource, parseSeed(id));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Damage: anything may happen to the records, but nothing crashes, amounts are read exactly, and
// a row that survived intact is still somewhere in the output.

type Damage =
  | { kind: 'deleteChar'; at: number }
  | { kind: 'doubleChar'; at: number }
  | { kind: 'splitLine'; at: number }
  | { kind: 'joinLines'; line: number }
  | { kind: 'shiftCell'; line: number; left: boolean }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'repeatLines'; line: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insertHtml'; line: number; html: string }
  | { kind: 'insertJunk'; at: number; junk: string };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('deleteChar' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('doubleChar' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splitLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('joinLines' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('shiftCell' as const), line: fc.nat(), left: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('repeatLines' as const),
    line: fc.nat(),
    count: fc.integer({ min: 1, max: 40 })
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insertHtml' as const),
    line: fc.nat(),
    html: fc.constantFrom(
      '<br>',
      '<span style="x">',
      '</td><td>',
      '<table><tr>',
      '&nbsp;',
      '<img src=x onerror=alert(1)>',
      '<!-- -->'
    )
  }),
  fc.record({
    kind: fc.constant('insertJunk' as const),
    at: fc.nat(),
    junk: fc.string({ unit: 'binary', maxLength: 12 })
  })
);

function apply(text: string, d: Damage): string {
  const lines = text.split('\n');
  const atChar = (n: number) => n % Math.max(1, text.length);
  const atLine = (n: number) => n % Math.max(1, lines.length);
  switch (d.kind) {
    case 'deleteChar':
      return text.slice(0, atChar(d.at)) + text.slice(atChar(d.at) + 1);
    case 'doubleChar':
      return text.slice(0, atChar(d.at) + 1) + text.slice(atChar(d.at));
    case 'splitLine':
      return `${text.slice(0, atChar(d.at))}\n${text.slice(atChar(d.at))}`;
    case 'joinLines': {
      const i = atLine(d.line);
      return [...lines.slice(0, i), `${lines[i]}${lines[i + 1] ?? ''}`, ...lines.slice(i + 2)].join('\n');
    }
    case 'shiftCell': {
      const i = atLine(d.line);
      const line = lines[i] ?? '';
      const sep = line.includes('\t') ? '\t' : line.includes('|') ? ' |' : ' ';
      const shifted = d.left ? line.replace(sep, '') : line.replace(/^(\s*\|?)/, `$1${sep}`);
      return [...lines.slice(0, i), shifted, ...lines.slice(i + 1)].join('\n');
    }
    case 'deleteLine': {
      const i = atLine(d.line);
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    }
    case 'repeatLines': {
      const i = atLine(d.line);
      return [
        ...lines.slice(0, i + d.count),
        ...lines.slice(i, i + d.count),
        ...lines.slice(i + d.count)
      ].join('\n');
    }
    case 'truncate':
      return text.slice(0, atChar(d.at));
    case 'insertHtml': {
      const i = atLine(d.line);
      return [...lines.slice(0, i), `${d.html}${lines[i] ?? ''}`, ...lines.slice(i + 1)].join('\n');
    }
    case 'insertJunk':
      return text.slice(0, atChar(d.at)) + d.junk + text.slice(atChar(d.at));
  }
}

/** The source lines of a seed's indicators (the row holding the name). */
function indicatorLines(id: SeedId): { line: string; name: string }[] {
  const lines = TEXT[id].split('\n');
  return parseSeed(id).indicators.map((i) => ({
    line: lines[i.source_line - 1] ?? '',
    name: compact(i.name)
  }));
}

function expectSurvivorsAccountedFor(id: SeedId, mutated: string, result: ParsedSource): void {
  const mutatedLines = mutated.split('\n');
  const present = new Set(mutatedLines);
  // A refused project names the lines it spans: what stands on them is accounted for.
  const refusedLines = new Set(
    result.refused.flatMap((e) => (e.span ? mutatedLines.slice(e.span.from - 1, e.span.to) : []))
  );
  const trace = compact(
    [
      ...result.indicators.flatMap((i) => [
        i.name,
        i.target_text ?? '',
        i.actual_text ?? '',
        i.deviation ?? '',
        i.basis ?? ''
      ]),
      ...result.projects.flatMap((p) => [p.name, p.goal ?? '', p.outcome ?? '', p.long_term_goal ?? '']),
      ...result.warnings.map((w) => w.message)
    ].join('\n')
  );
  // Only names that are whole on their row and unlikely to be created by chance.
  for (const { line, name } of indicatorLines(id))
    if (
      present.has(line) &&
      !refusedLines.has(line) &&
      line.trim() &&
      name.length >= 4 &&
      compact(line).includes(name)
    )
      expect(trace.includes(name), `indicator “${name}” (${id}) vanished`).toBe(true);
}

describe('damaged documents', () => {
  for (const id of IDS) {
    it(`${id}: never crash, read amounts exactly, lose no surviving row silently`, () => {
      fc.assert(
        fc.property(fc.array(damage, { minLength: 1, maxLength: 4 }), (damages) => {
          const mutated = damages.reduce(apply, TEXT[id]);
          const result = parse(id, mutated);
          if (result instanceof IngestError) {
            expectErrorNamesFileAndLine(result, id);
            return;
          }
          expectAmountsFromText(result, mutated);
          expectSurvivorsAccountedFor(id, mutated, result);
          for (const w of result.warnings) expect(w.line).toBeGreaterThan(0);
        }),
        { numRuns: RUNS, seed: SEED }
      );
    });
  }
});

describe('empty files and junk', () => {
  it('an empty file, a file of blanks and binary junk fail with file and line', () => {
    for (const text of ['', '   \n\n\t\n', '\u0000\u0001\u0002PK\u0003\u0004']) {
      const result = parse('000', text);
      expect(result).toBeInstanceOf(IngestError);
      expectErrorNamesFileAndLine(result as IngestError, '000');
    }
  });

  it('arbitrary text never crashes the parser', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...IDS), (junk, id) => {
        const result = parse(id, `财政项目支出绩效目标申报表\n(2026年度)\n${junk}`);
        if (result instanceof IngestError) expectErrorNamesFileAndLine(result, id);
        else expectAmountsFromText(result, junk);
      }),
      { numRuns: RUNS * 2, seed: SEED }
    );
  });
});
