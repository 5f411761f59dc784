/** 跨年一致性: the same project followed across years and forms, with the change in its amount. */
import type { CheckRecord, ProjectRecord } from '../schema/records';
import { formatRate } from '../format';
import { fen, showFen, yuan } from './money';

const FORM_NAME = { target: '申报表年度资金申请总额', self_eval: '自评表全年预算数' } as const;

function amountOf(p: ProjectRecord): bigint | null {
  return fen(p.form === 'self_eval' ? (p.budget_adjusted ?? p.annual_amount) : p.annual_amount);
}

/** For each project after the first of its series, the amount before and now, and the change. */
export function checkSeries(projects: readonly ProjectRecord[]): CheckRecord[] {
  const bySeries = new Map<string, ProjectRecord[]>();
  for (const p of projects) bySeries.set(p.series_id, [...(bySeries.get(p.series_id) ?? []), p]);
  const out: CheckRecord[] = [];
  for (const list of bySeries.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort(
      (a, b) => a.year - b.year || (a.form === b.form ? 0 : a.form === 'target' ? -1 : 1)
    );
    for (let k = 1; k < sorted.length; k++) {
      const before = sorted[k - 1] as ProjectRecord;
      const now = sorted[k] as ProjectRecord;
      const a = amountOf(before);
      const b = amountOf(now);
      if (a === null || b === null) continue;
      const change = b - a;
      const pct = a === 0n ? null : Number(change) / Number(a);
      const sign = change > 0n ? '+' : '';
      out.push({
        rule: 'series-change',
        severity: 'info',
        project_id: now.project_id,
        indicator_id: null,
        message: `「${now.name}」${before.year} 年${FORM_NAME[before.form]} ${showFen(a)} 元，${now.year} 年${FORM_NAME[now.form]} ${showFen(b)} 元，变化 ${sign}${showFen(change)} 元${pct === null ? '' : `（${sign}${formatRate(pct, 1)}）`}`,
        expected: yuan(a),
        actual: yuan(b)
      });
    }
  }
  return out;
}
