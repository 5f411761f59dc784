/** The one-screen summary `npm run ingest` prints. */
import type { Severity } from '../../src/lib/schema/records';
import type { IngestReport } from '../../src/lib/ingest/pipeline';
import { displayWidth } from '../../src/lib/ingest/text';

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  const gap = Math.max(0, width - displayWidth(s));
  return right ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

/** Sources summed by layout and form, each row naming how many files it stands for. */
function groupSources(sources: IngestReport['sources']) {
  const groups = new Map<
    string,
    {
      file: string;
      layout: string;
      form: string;
      year: string;
      district: string;
      projects: number;
      indicators: number;
      warnings: number;
      files: number;
    }
  >();
  for (const s of sources) {
    const key = `${s.layout}|${s.form}`;
    const g = groups.get(key) ?? {
      file: '',
      layout: s.layout,
      form: s.form,
      year: '',
      district: '',
      projects: 0,
      indicators: 0,
      warnings: 0,
      files: 0
    };
    g.files++;
    g.projects += s.projects;
    g.indicators += s.indicators;
    g.warnings += s.warnings.length;
    g.file = `（${g.files} 个文件）`;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Formats the report: per file the layout, form, year, district and counts, then warnings and findings. */
export function formatSummary(
  report: IngestReport,
  severities: Record<Severity, number>,
  maxWarnings = 12,
  maxFiles = 30
): string {
  const out: string[] = [];
  out.push(`预算绩效看板 · 导入（数据契约 v${report.contract_version}）`);
  const head = [
    pad('文件', 28),
    pad('版式', 9),
    pad('表格', 10),
    pad('年度', 5),
    pad('区', 8),
    pad('项目', 5, true),
    pad('指标', 6, true),
    pad('警告', 5, true)
  ];
  out.push(head.join(' '));
  // One screen: per file for a handful, per layout and form for many (every file is in report.json).
  const rows =
    report.sources.length <= maxFiles
      ? report.sources.map((s) => ({ ...s, warnings: s.warnings.length }))
      : groupSources(report.sources);
  for (const s of rows) {
    out.push(
      [
        pad(s.file, 28),
        pad(s.layout, 9),
        pad(s.form, 10),
        pad(s.year, 5),
        pad(s.district, 8),
        pad(s.projects, 5, true),
        pad(s.indicators, 6, true),
        pad(s.warnings, 5, true)
      ].join(' ')
    );
  }
  const t = report.totals;
  out.push(
    [
      pad('合计', 28),
      pad('', 9),
      pad('', 10),
      pad('', 5),
      pad('', 8),
      pad(t.projects, 5, true),
      pad(t.indicators, 6, true),
      pad(t.warnings, 5, true)
    ].join(' ')
  );
  const warnings = [...report.warnings, ...report.sources.flatMap((s) => s.warnings)];
  if (warnings.length) {
    out.push(`警告 ${warnings.length} 条（全部见 report.json）：`);
    for (const w of warnings.slice(0, maxWarnings)) out.push(`  ${w.file}:${w.line}: ${w.message}`);
    if (warnings.length > maxWarnings) out.push(`  …另有 ${warnings.length - maxWarnings} 条`);
  }
  if (t.redactions) out.push(`个人信息：${t.redactions} 处联系人姓名与电话号码未予导入`);
  const total = severities.error + severities.warning + severities.info;
  out.push(
    `审计发现 ${total} 条：错误 ${severities.error}，警告 ${severities.warning}，提示 ${severities.info}`
  );
  return out.join('\n');
}
