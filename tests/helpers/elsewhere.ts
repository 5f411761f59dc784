/**
 * Documents from outside Shanghai, and one that is no form at all, added to the seeds wherever a
 * test needs bodies of several cities (the unit tests' Parquet and the e2e build-hostile/ site):
 * 临江县水利局's self-evaluation in the national template (no city known), 成都市医疗保障局's
 * target declaration (a 市级 beside 上海市's), and minutes of a meeting, which the ingest refuses.
 * All three are made up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '../../src/lib/ingest/manifest';
import type { SourceFile } from '../../src/lib/ingest/pipeline';
import { ROOT, rawSources, sha256 } from './seeds';

/** A document added to data/raw/ under `file`, copied from `from` (relative to the project), with its manifest row. */
export interface ExtraDocument {
  file: string;
  from: string;
  row: string;
}

/** 临江县水利局 2024 self-evaluation (national template, 万元): execution rate 94.77%. */
export const LINJIANG_SELF_EVAL: ExtraDocument = {
  file: 'zz_linjiang_selfeval_2024.md',
  from: 'tests/fixtures/national/national-selfeval-template.md',
  row: 'zz_linjiang_selfeval_2024.md,self_eval,2024,临江县,临江县水利局,临江县水利局2024年度项目支出绩效自评表（虚构）'
};

/** 成都市医疗保障局 2024 target declaration: two projects, 9,930,000.00 元. */
export const CHENGDU_TARGET: ExtraDocument = {
  file: 'zz_chengdu_target_2024.md',
  from: 'tests/fixtures/national/chengdu-city-target-2024.md',
  row: 'zz_chengdu_target_2024.md,target,2024,市级,成都市医疗保障局,成都市医疗保障局2024年度项目支出绩效目标申报表（虚构）'
};

/** Minutes of a meeting, registered as if they were a form: refused, the rest published. */
export const MEETING_MINUTES: ExtraDocument = {
  file: 'zz_meeting_minutes.md',
  from: 'tests/fixtures/national/meeting-minutes.md',
  row: 'zz_meeting_minutes.md,target,2024,临江县,临江县水利局,临江县水利局局务会议纪要（虚构）'
};

/** The three, in the order they are added. */
export const ELSEWHERE: readonly ExtraDocument[] = [LINJIANG_SELF_EVAL, CHENGDU_TARGET, MEETING_MINUTES];

/** The seeds and the documents from elsewhere as the ingest reads them, with the manifest. */
export function elsewhereSources() {
  const extra: SourceFile[] = ELSEWHERE.map((d) => {
    const bytes = readFileSync(path.join(ROOT, d.from));
    return { file: d.file, bytes, sha256: sha256(bytes) };
  });
  const csv = readFileSync(path.join(ROOT, 'data/sources.csv'), 'utf8').trimEnd();
  return {
    files: [...rawSources(), ...extra],
    manifest: parseManifest(`${csv}\n${ELSEWHERE.map((d) => d.row).join('\n')}\n`)
  };
}
