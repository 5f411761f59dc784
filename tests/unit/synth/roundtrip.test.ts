/**
 * The synthetic documents are read back exactly: every layout and template `npm run synth` writes
 * is parsed into the figures it was made from, field by field, without a warning. This is both a
 * check of the generator and a large test of the parsers on layouts the seeds do not show.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../src/lib/ingest/document';
import { expectedProjects } from '../../../scripts/lib/synth/expected';
import {
  LAYOUTS,
  synthDocuments,
  type SynthDocument,
  type SynthOptions
} from '../../../scripts/lib/synth/model';
import { renderDocument } from '../../../scripts/lib/synth/render';
import { seedVocabulary } from '../../../scripts/lib/synth/seeds';
import { ROOT } from '../../helpers/seeds';

const vocab = await seedVocabulary(ROOT);
const OPTIONS: SynthOptions = { districts: 4, years: 8, projects: 10, seed: 7, lastYear: 2026 };

function parse(doc: SynthDocument) {
  return parseDocument({
    file: doc.file,
    text: renderDocument(doc),
    sourceId: doc.file.slice(7, 15),
    manifest: {
      file: doc.file,
      form: doc.form,
      year: doc.year,
      district: doc.district,
      department: doc.department
    }
  });
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');

describe('synthetic documents', () => {
  const docs = [...synthDocuments(OPTIONS, vocab)];

  it('cover both forms, all three templates and every layout of each', () => {
    const seen = new Set(docs.map((d) => `${d.template}/${d.layout}`));
    for (const [template, layouts] of Object.entries(LAYOUTS))
      for (const layout of layouts) expect(seen, `${template}/${layout}`).toContain(`${template}/${layout}`);
    expect(new Set(docs.map((d) => d.district)).size).toBe(4);
    expect(new Set(docs.map((d) => d.year))).toEqual(
      new Set([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    );
  });

  it('are the same for the same seed and differ for another', () => {
    const again = [...synthDocuments(OPTIONS, vocab)].slice(0, 20).map(renderDocument);
    expect(again).toEqual(docs.slice(0, 20).map(renderDocument));
    const other = [...synthDocuments({ ...OPTIONS, seed: 8 }, vocab)].slice(0, 20).map(renderDocument);
    expect(other).not.toEqual(again);
  });

  it('are read back exactly: every project, amount, indicator, target, result and reason', () => {
    const mismatches: string[] = [];
    let indicators = 0;
    for (const doc of docs) {
      const parsed = parse(doc);
      const where = `${doc.template}/${doc.layout} ${doc.file}`;
      for (const w of parsed.warnings) mismatches.push(`${where}:${w.line} warning ${w.code}: ${w.message}`);
      const expected = expectedProjects(doc);
      if (parsed.projects.length !== expected.length) {
        mismatches.push(`${where}: ${parsed.projects.length} projects, want ${expected.length}`);
        continue;
      }
      expected.forEach((e, k) => {
        const p = parsed.projects[k] as unknown as Record<string, unknown>;
        const {
          indicators: wantIndicators,
          budget_lines: wantLines,
          safeguards: wantSafeguards,
          ...fields
        } = e;
        for (const [field, want] of Object.entries(fields)) {
          const got = p[field];
          const same = typeof want === 'number' ? Math.abs((got as number) - want) < 1e-9 : got === want;
          if (!same)
            mismatches.push(`${where}:${p.source_line} ${field}: ${String(got)}, want ${String(want)}`);
        }
        const got = parsed.indicators.filter((i) => i.project_id === p.project_id);
        indicators += got.length;
        if (got.length !== wantIndicators.length)
          mismatches.push(
            `${where}:${p.source_line} ${got.length} indicators, want ${wantIndicators.length}`
          );
        else
          wantIndicators.forEach((want, j) => {
            const g = got[j] as unknown as Record<string, unknown>;
            for (const [field, value] of Object.entries(want)) {
              const same =
                field === 'name' || field === 'deviation'
                  ? squash(g[field] as string) === squash(value as string)
                  : typeof value === 'number'
                    ? Math.abs((g[field] as number) - value) < 1e-9
                    : g[field] === value;
              if (!same)
                mismatches.push(
                  `${where}:${g.source_line} ${field}: ${String(g[field])}, want ${String(value)}`
                );
            }
          });
        const lines = parsed.budget_lines.filter((b) => b.project_id === p.project_id).map((b) => b.amount);
        if (JSON.stringify(lines) !== JSON.stringify(wantLines))
          mismatches.push(`${where}: budget lines ${lines.join(' ')}, want ${wantLines.join(' ')}`);
        const safeguards = parsed.safeguards.filter((s) => s.project_id === p.project_id).length;
        if (safeguards !== wantSafeguards)
          mismatches.push(`${where}: ${safeguards} safeguards, want ${wantSafeguards}`);
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(indicators).toBeGreaterThan(2000);
  });

  it('carry contact names and phone numbers (2020 template) that never reach a record', () => {
    const doc = docs.find((d) => d.template === '2020') as SynthDocument;
    const text = renderDocument(doc);
    const contact = (doc.projects[0] as SynthDocument['projects'][number]).contact;
    expect(text).toContain(contact.phone);
    const parsed = parse(doc);
    const records = JSON.stringify([
      parsed.projects,
      parsed.indicators,
      parsed.budget_lines,
      parsed.safeguards
    ]);
    expect(records).not.toContain(contact.phone);
    expect(records).not.toContain(contact.person);
    expect(records).not.toContain(contact.leader);
  });
});
