/** 跨年一致性: the same project followed across years and forms, with the change in its amount. */
import type { CheckRecord, ProjectRecord } from '../schema/records';
import { formatRate } from '../format';
import { fen, showFen, yuan } from './money';

/**
 * The rules computed over a whole series rather than one project: when a series gains a project
 * (an import in the browser), its published findings of these rules are replaced.
 */
export const SERIES_RULES = ['series-change', 'duplicate-in-series'] as const;

const FORM_NAME = { target: '申报表年度资金申请总额', self_eval: '自评表全年预算数' } as const;
const FORM_TITLE = { target: '申报表', self_eval: '自评表' } as const;

function amountOf(p: ProjectRecord): bigint | null {
  return fen(p.form === 'self_eval' ? (p.budget_adjusted ?? p.annual_amount) : p.annual_amount);
}

/** Order of a series' points: by year, the target declaration before the self-evaluation. */
const byPoint = (a: ProjectRecord, b: ProjectRecord) =>
  a.year - b.year || (a.form === b.form ? 0 : a.form === 'target' ? -1 : 1);
/** Order within a point: where each project stands in the sources. */
const bySource = (a: ProjectRecord, b: ProjectRecord) =>
  a.source_file < b.source_file ? -1 : a.source_file > b.source_file ? 1 : a.source_line - b.source_line;

/**
 * Follows each series (one department's project of one name) through its points, a point being a
 * year and a form. Each project is compared with the latest earlier point that holds exactly one
 * project (`series-change`). Projects of the same point are never compared with each other: two
 * projects with one name in the same year's same form (in one file, or in two) cannot be told
 * apart, so the point is reported once (`duplicate-in-series`) and later points compare with the
 * point before it.
 */
export function checkSeries(projects: readonly ProjectRecord[]): CheckRecord[] {
  const bySeries = new Map<string, ProjectRecord[]>();
  for (const p of projects) {
    const list = bySeries.get(p.series_id);
    if (list) list.push(p);
    else bySeries.set(p.series_id, [p]);
  }
  const out: CheckRecord[] = [];
  for (const list of bySeries.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => byPoint(a, b) || bySource(a, b));
    let base: ProjectRecord | null = null;
    for (let start = 0; start < sorted.length;) {
      let end = start + 1;
      while (
        end < sorted.length &&
        byPoint(sorted[start] as ProjectRecord, sorted[end] as ProjectRecord) === 0
      )
        end++;
      const point = sorted.slice(start, end);
      if (point.length > 1) out.push(duplicateFinding(point));
      if (base) for (const now of point) out.push(...changeFinding(base, now));
      if (point.length === 1) base = point[0] as ProjectRecord;
      start = end;
    }
  }
  return out;
}

/** The amount of a project against the one before it in its series. */
function changeFinding(before: ProjectRecord, now: ProjectRecord): CheckRecord[] {
  const a = amountOf(before);
  const b = amountOf(now);
  if (a === null || b === null) return [];
  const change = b - a;
  const pct = a === 0n ? null : Number(change) / Number(a);
  const sign = change > 0n ? '+' : '';
  return [
    {
      rule: 'series-change',
      severity: 'info',
      project_id: now.project_id,
      indicator_id: null,
      message: `「${now.name}」${before.year} 年${FORM_NAME[before.form]} ${showFen(a)} 元，${now.year} 年${FORM_NAME[now.form]} ${showFen(b)} 元，变化 ${sign}${showFen(change)} 元${pct === null ? '' : `（${sign}${formatRate(pct, 1)}）`}`,
      expected: yuan(a),
      actual: yuan(b)
    }
  ];
}

/** One finding for a point of a series that holds several projects, on the second of them. */
function duplicateFinding(point: readonly ProjectRecord[]): CheckRecord {
  const first = point[0] as ProjectRecord;
  const where = point
    .map((p) => {
      const amount = amountOf(p);
      return `${p.source_file} 第 ${p.source_line} 行${amount === null ? '' : `（${showFen(amount)} 元）`}`;
    })
    .join('、');
  return {
    rule: 'duplicate-in-series',
    severity: 'warning',
    project_id: (point[1] as ProjectRecord).project_id,
    indicator_id: null,
    message: `「${first.name}」在 ${first.year} 年${FORM_TITLE[first.form]}中出现 ${point.length} 次：${where}。无法判断哪一个与其他年度对应，彼此不作跨年度比较`,
    expected: 1,
    actual: point.length
  };
}
