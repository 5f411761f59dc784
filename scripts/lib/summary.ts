/** The one-screen summary `npm run ingest` prints. */
import type { CheckRecord } from '../../src/lib/schema/records';
import type { IngestReport } from '../../src/lib/ingest/pipeline';
import { displayWidth } from '../../src/lib/ingest/text';

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  const gap = Math.max(0, width - displayWidth(s));
  return right ? ' '.repeat(gap) + s : s + ' '.repeat(gap);
}

/** Formats the report: per file the layout, form, year, district and counts, then warnings and findings. */
export function formatSummary(
  report: IngestReport,
  checks: readonly CheckRecord[],
  maxWarnings = 12
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
  for (const s of report.sources) {
    out.push(
      [
        pad(s.file, 28),
        pad(s.layout, 9),
        pad(s.form, 10),
        pad(s.year, 5),
        pad(s.district, 8),
        pad(s.projects, 5, true),
        pad(s.indicators, 6, true),
        pad(s.warnings.length, 5, true)
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
  const bySeverity = (sev: string) => checks.filter((c) => c.severity === sev).length;
  out.push(
    `审计发现 ${checks.length} 条：错误 ${bySeverity('error')}，警告 ${bySeverity('warning')}，提示 ${bySeverity('info')}`
  );
  return out.join('\n');
}
