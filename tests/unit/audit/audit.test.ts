/** The audit rules on the real seed cases, and on records changed to break each rule. */
import { describe, expect, it } from 'vitest';
import type { CheckRecord, Dataset, ProjectRecord } from '../../../src/lib/schema/records';
import { DEFAULT_AUDIT_CONFIG, RULES, auditDataset, auditSeries } from '../../../src/lib/audit';
import { isMeasurableName } from '../../../src/lib/audit/targets';
import { PROJECT_AMOUNTS } from '../../../src/lib/audit/funds';
import { moneyColumns } from '../../../src/lib/schema/tables';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { manifest, rawSources, sha256 } from '../../helpers/seeds';

const { dataset } = await ingestSources(rawSources(), manifest());
const checks = auditDataset(dataset);
const projectNamed = (name: string, year: number) =>
  dataset.projects.find((p) => p.name === name && p.year === year) as ProjectRecord;
const findings = (rule: string, name?: string, year?: number) =>
  checks.filter(
    (c) => c.rule === rule && (!name || c.project_id === projectNamed(name, year ?? 0).project_id)
  );

describe('资金勾稽', () => {
  it('finds 004 网络信息系统运行与维护: 475000.00 in total but 0 from this year’s fiscal allocation', () => {
    const [f] = findings('funds-sum', '网络信息系统运行与维护', 2021);
    expect(f).toMatchObject({ severity: 'error', expected: 475000, actual: 0 });
    expect(f?.message).toContain('475,000.00');
  });

  it('finds 004 医疗补助, whose carry-over is not in its total', () => {
    expect(findings('funds-sum', '医疗补助', 2021)[0]).toMatchObject({
      expected: 22842339.16,
      actual: 23328245.71
    });
  });

  it('finds nothing else: the other 39 projects add up', () => {
    expect(findings('funds-sum')).toHaveLength(2);
    expect(findings('fiscal-levels')).toEqual([]);
  });

  it('reconciles 002’s itemised budgets: no finding', () => {
    expect(findings('budget-lines-sum')).toEqual([]);
    const p = projectNamed('医疗救助', 2020);
    const broken: Pick<Dataset, 'projects' | 'indicators' | 'budget_lines'> = {
      ...dataset,
      budget_lines: dataset.budget_lines.map((l) =>
        l.project_id === p.project_id && l.seq === 1 ? { ...l, amount: '20979.01' } : l
      )
    };
    const [f] = auditDataset(broken).filter((c) => c.rule === 'budget-lines-sum');
    expect(f).toMatchObject({ project_id: p.project_id, expected: 23940000, actual: 23940000.01 });
    expect(f?.message).toBe(
      '「医疗救助」项目构成分解 34 项明细金额合计 23,940,000.01 元，与年度资金总额 23,940,000.00 元不符，多 0.01 元'
    );
  });
});

describe('金额为负', () => {
  it('finds no negative amount in the seeds', () => {
    expect(findings('negative-amount')).toEqual([]);
  });

  it('reports every money field of a project and its budget lines that is below zero, naming it', () => {
    const p = projectNamed('医疗救助', 2020);
    // The rule names every money field of the contract's projects.
    const keys = moneyColumns('projects');
    expect(PROJECT_AMOUNTS.map(([k]) => k)).toEqual(keys);
    const negative = { ...p, ...Object.fromEntries(keys.map((k) => [k, '-0.01'])) } as ProjectRecord;
    const broken: Pick<Dataset, 'projects' | 'indicators' | 'budget_lines'> = {
      ...dataset,
      projects: dataset.projects.map((x) => (x === p ? negative : x)),
      budget_lines: dataset.budget_lines.map((l) =>
        l.project_id === p.project_id && l.seq === 2 ? { ...l, amount: '-20979.00', unit_price: '0.00' } : l
      )
    };
    const found = auditDataset(broken).filter((c) => c.rule === 'negative-amount');
    expect(found.every((c) => c.project_id === p.project_id && c.severity === 'error')).toBe(true);
    expect(found.map((c) => c.message.replace(/^「医疗救助」/, '').replace(/为负数.*$/, ''))).toEqual([
      '“项目资金总额”',
      '“年度资金总额”',
      '“当年财政拨款”',
      '“上年结转资金”',
      '“其他资金”',
      '“上级财政拨款”',
      '“本级财政安排”',
      '“下级财政配套”',
      '“年初预算数”',
      '“全年预算数”',
      '“全年执行数”',
      `项目构成分解第 2 项“${broken.budget_lines.find((l) => l.project_id === p.project_id && l.seq === 2)?.detail}”的明细金额`
    ]);
    expect(found.map((c) => c.actual)).toEqual([...keys.map(() => -0.01), -20979]);
    expect(found[0]?.message).toBe(
      '「医疗救助」“项目资金总额”为负数（-0.01 元），金额不应小于零，请核对原表'
    );
  });

  it('does not count zero, a blank or a minus zero as negative', () => {
    const p = projectNamed('医疗救助', 2020);
    const zeroes = { ...p, annual_amount: '0.00', fiscal_amount: '-0.00', carryover_amount: null };
    const data = { ...dataset, projects: dataset.projects.map((x) => (x === p ? zeroes : x)) };
    expect(auditDataset(data).filter((c) => c.rule === 'negative-amount')).toEqual([]);
  });

  it('is listed among the 资金勾稽 rules', () => {
    expect(RULES.find((r) => r.id === 'negative-amount')).toMatchObject({
      group: '资金勾稽',
      severity: 'error',
      unit: 'yuan',
      title: '金额为负'
    });
  });
});

describe('预算执行', () => {
  it('finds the reported rates and execution scores of all seven 2021 projects consistent', () => {
    expect(findings('execution-rate')).toEqual([]);
    expect(findings('execution-score')).toEqual([]);
  });

  it('flags over-execution (社会救助 115.95%) and low execution (设备购置 50.00%, 宣传与推广 58.13%)', () => {
    expect(findings('over-execution').map((c) => [c.actual, c.message.slice(0, 6)])).toEqual([
      [1.1595, '「社会救助」']
    ]);
    expect(
      findings('low-execution')
        .map((c) => c.actual)
        .sort()
    ).toEqual([0.5, 0.5813]);
  });

  it('uses the configured threshold', () => {
    const strict = auditDataset(dataset, { ...DEFAULT_AUDIT_CONFIG, lowExecutionRate: 0.65 });
    expect(strict.filter((c) => c.rule === 'low-execution')).toHaveLength(4);
  });

  it('catches a rate or score that does not follow from the figures', () => {
    const p = projectNamed('业务培训', 2021);
    const broken = {
      ...dataset,
      projects: dataset.projects.map((x) => (x === p ? { ...x, execution_rate: 0.7, execution_score: 8 } : x))
    };
    const out = auditDataset(broken).filter((c) => c.project_id === p.project_id);
    expect(out.find((c) => c.rule === 'execution-rate')).toMatchObject({ actual: 0.7 });
    expect(out.find((c) => c.rule === 'execution-rate')?.expected).toBeCloseTo(0.63196, 4);
    expect(out.find((c) => c.rule === 'execution-score')).toMatchObject({ expected: 7, actual: 8 });
  });
});

describe('评分复核', () => {
  it('finds every 2021 total equal to its indicator scores plus execution score', () => {
    expect(findings('total-score')).toEqual([]);
    expect(findings('score-above-weight')).toEqual([]);
    expect(findings('missed-without-reason')).toEqual([]);
  });

  it('catches a wrong total, a score above its weight and a miss without a reason', () => {
    const p = projectNamed('设备购置', 2021);
    const broken = {
      ...dataset,
      projects: dataset.projects.map((x) => (x === p ? { ...x, total_score: 95 } : x)),
      indicators: dataset.indicators.map((i) =>
        i.project_id !== p.project_id
          ? i
          : i.seq === 1
            ? { ...i, deviation: null }
            : i.seq === 2
              ? { ...i, score: 25 }
              : i
      )
    };
    const rules = auditDataset(broken)
      .filter((c) => c.project_id === p.project_id)
      .map((c) => c.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['total-score', 'score-above-weight', 'missed-without-reason'])
    );
  });
});

describe('目标质量', () => {
  it('finds the indicators with no target value (most of 2020)', () => {
    const missing = findings('target-missing');
    const in2020 = missing.filter((c) => projectNamedById(c).year === 2020);
    expect(in2020.length).toBe(76);
    expect(missing.length).toBe(76);
  });

  it('finds rates and counts given only as words', () => {
    const names = findings('target-qualitative').map((c) => c.message);
    expect(names.some((m) => m.includes('“参保人数”') && m.includes('应保尽保'))).toBe(true);
    expect(names.some((m) => m.includes('“法律顾问服务工作完成及时率”'))).toBe(true);
    expect(isMeasurableName('少儿学生基本医疗保障辅助工作完成质量')).toBe(false);
    expect(isMeasurableName('补助资金数量（万元）')).toBe(true);
  });

  it('reports projects whose share of quantified targets is low', () => {
    const low = findings('quantified-share', '医保网络运行维护', 2023)[0];
    expect(low).toMatchObject({ expected: 0.5, actual: 0 });
  });
});

describe('跨年一致性', () => {
  it('follows 松江区 辅助业务管理与支持 from its 2021 budget to its 2026 declaration', () => {
    const [f] = findings('series-change', '辅助业务管理与支持', 2026);
    expect(f).toMatchObject({ severity: 'info', expected: 927000, actual: 1596000 });
    expect(f?.message).toBe(
      '「辅助业务管理与支持」2021 年自评表全年预算数 927,000.00 元，2026 年申报表年度资金申请总额 1,596,000.00 元，变化 +669,000.00 元（+72.2%）'
    );
    expect(findings('series-change')).toHaveLength(4);
    expect(findings('duplicate-in-series')).toEqual([]);
  });

  describe('with 000’s 社会救助 printed twice in its file (two 2026 declarations, one 2021 self-evaluation)', async () => {
    // Lines 3–26 of seed 000 are the form of 社会救助; the copy is appended after its 140 lines and a blank one.
    const files = rawSources().map((f) => {
      if (!f.file.startsWith('000')) return f;
      const text = new TextDecoder().decode(f.bytes);
      const lines = text.split('\n');
      const bytes = new TextEncoder().encode(`${text}\n\n${lines.slice(2, 26).join('\n')}\n`);
      return { ...f, bytes, sha256: sha256(bytes) };
    });
    const twice = await ingestSources(files, manifest());
    const rescue = twice.dataset.projects.filter((p) => p.name === '社会救助');
    const [first, second] = rescue.filter((p) => p.year === 2026);
    const series = auditSeries(twice.dataset.projects).filter((c) =>
      rescue.some((p) => p.project_id === c.project_id)
    );

    it('are one series, and the ingest warns of the repeated name', () => {
      expect(
        rescue.map((p) => [p.year, p.form, p.source_line, p.annual_amount ?? p.budget_adjusted])
      ).toEqual([
        [2026, 'target', 3, '11143200.00'],
        [2026, 'target', 142, '11143200.00'],
        [2021, 'self_eval', 461, '14392367.39']
      ]);
      expect(new Set(rescue.map((p) => p.series_id)).size).toBe(1);
      expect(twice.report.sources[0]?.warnings).toContainEqual(
        expect.objectContaining({ code: 'duplicate-project-name', line: 142 })
      );
    });

    it('compares each 2026 declaration with 2021, never one 2026 declaration with the other', () => {
      const changes = series.filter((c) => c.rule === 'series-change');
      expect(changes.map((c) => [c.project_id, c.expected, c.actual])).toEqual([
        [first?.project_id, 14392367.39, 11143200],
        [second?.project_id, 14392367.39, 11143200]
      ]);
      expect(changes.every((c) => c.message.startsWith('「社会救助」2021 年自评表全年预算数'))).toBe(true);
    });

    it('reports the repeated 2026 declaration once, on the second, with both places', () => {
      const dup = series.filter((c) => c.rule === 'duplicate-in-series');
      expect(dup).toEqual([
        {
          rule: 'duplicate-in-series',
          severity: 'warning',
          project_id: second?.project_id,
          indicator_id: null,
          message:
            '「社会救助」在 2026 年申报表中出现 2 次：000_5da2509ae1f89920.txt 第 3 行（11,143,200.00 元）、000_5da2509ae1f89920.txt 第 142 行（11,143,200.00 元）。无法判断哪一个与其他年度对应，彼此不作跨年度比较',
          expected: 1,
          actual: 2
        }
      ]);
    });

    it('leaves the other series as they were', () => {
      const others = (checks: CheckRecord[]) =>
        checks.filter((c) => !c.message.startsWith('「社会救助」')).map((c) => c.message);
      expect(others(auditSeries(twice.dataset.projects))).toEqual(others(auditSeries(dataset.projects)));
    });
  });
});

describe('the rules', () => {
  it('each finding names a known rule, a severity, a project and a Chinese message', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const projectIds = new Set(dataset.projects.map((p) => p.project_id));
    for (const c of checks) {
      expect(ids.has(c.rule as never)).toBe(true);
      expect(['error', 'warning', 'info']).toContain(c.severity);
      expect(projectIds.has(c.project_id)).toBe(true);
      expect(c.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

function projectNamedById(c: CheckRecord): ProjectRecord {
  return dataset.projects.find((p) => p.project_id === c.project_id) as ProjectRecord;
}
