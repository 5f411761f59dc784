import { describe, expect, it } from 'vitest';
import { capLists, PRERENDERED_LIST_ROWS } from '../../../src/lib/views/lists';
import { extremesNote } from '../../../src/lib/views/execution';
import { EXECUTION_EXTREMES } from '../../../src/lib/queries/execution';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('long lists in a prerendered page', () => {
  it('cuts only the lists named, to their first rows, and says how long they were', () => {
    const views = { findings: rows(PRERENDERED_LIST_ROWS + 5), byRule: rows(PRERENDERED_LIST_ROWS + 5) };
    const { views: out, cut } = capLists(views, ['findings']);
    expect(out.findings).toEqual(views.findings.slice(0, PRERENDERED_LIST_ROWS));
    expect(out.byRule).toBe(views.byRule);
    expect(cut).toEqual({ findings: PRERENDERED_LIST_ROWS + 5 });
    // The views given are left as they were.
    expect(views.findings).toHaveLength(PRERENDERED_LIST_ROWS + 5);
  });

  it('leaves a list that fits whole, and says nothing of it', () => {
    const views = { missed: rows(3) };
    expect(capLists(views, ['missed'], 3)).toEqual({ views, cut: {} });
    expect(capLists(views, ['missed'], 2)).toEqual({ views: { missed: rows(2) }, cut: { missed: 3 } });
  });
});

describe('the per-project execution charts', () => {
  it('say how many projects they leave out, and nothing when they show them all', () => {
    const shown = Array.from({ length: 2 * EXECUTION_EXTREMES }, () => ({ total: 52_000 }));
    expect(extremesNote(shown)).toBe(
      `共 52,000 个项目，图中为执行率最低与最高的各 ${EXECUTION_EXTREMES} 个；每个项目见下方“项目执行明细”。`
    );
    expect(extremesNote([{ total: 2 }, { total: 2 }])).toBe('');
    expect(extremesNote([])).toBe('');
  });
});
