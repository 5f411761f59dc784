/**
 * Every query builder: plain data in, SQL and parameters out; each query is run through EXPLAIN
 * and for real on DuckDB (Node) over the seeds' Parquet, because string-equal SQL can still be wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_FILTERS,
  filtersFromParams,
  filtersToParams,
  withControlChanges,
  isUnfiltered,
  projectConditions,
  type Filters
} from '../../../src/lib/queries/filters';
import { buildFundingByDistrictYearQuery, buildKpiQuery } from '../../../src/lib/queries/overview';
import {
  buildFundingBySourceQuery,
  buildFundingByTopicQuery,
  buildLargestProjectsQuery
} from '../../../src/lib/queries/funding';
import {
  buildExecutionByDistrictYearQuery,
  buildExecutionByProjectQuery,
  buildExecutionExtremesQuery
} from '../../../src/lib/queries/execution';
import {
  ACHIEVEMENT_DIMENSIONS,
  buildAchievementQuery,
  buildMissedIndicatorsQuery,
  buildTargetQualityQuery
} from '../../../src/lib/queries/indicators';
import {
  buildFindingsByDistrictQuery,
  buildFindingsByRuleQuery,
  buildFindingsQuery
} from '../../../src/lib/queries/audit';
import {
  buildCompareKpiQuery,
  buildCompareProjectsQuery,
  buildCompareTopicsQuery
} from '../../../src/lib/queries/compare';
import {
  buildProjectBudgetLinesQuery,
  buildProjectCountQuery,
  buildProjectFindingsQuery,
  buildProjectIdsQuery,
  buildProjectIndicatorsQuery,
  buildProjectQuery,
  buildProjectSafeguardsQuery,
  buildProjectSeriesQuery
} from '../../../src/lib/queries/project';
import { buildFacetsQuery, describeDepartments, facetsFromRows } from '../../../src/lib/queries/facets';
import { fullPlaceSql, placeSql, severalPlacesSql } from '../../../src/lib/queries/places';
import { projectSummarySql } from '../../../src/lib/queries/summary';
import { buildPublishedIdsQuery, buildPublishedSeriesQuery } from '../../../src/lib/queries/local';
import type { Query } from '../../../src/lib/queries/types';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { runQuery } from '../../../src/lib/server/duckdb';
import { elsewhereParquetDir, seedParquetDir } from '../../helpers/dataset';

let dir = '';
/** The seeds with 临江县's and 成都市's documents: bodies of three places (tests/helpers/elsewhere.ts). */
let several = '';
beforeAll(async () => {
  dir = await seedParquetDir();
  several = await elsewhereParquetDir();
});
const run = (q: Query) => runQuery(q, dir);
const runSeveral = (q: Query) => runQuery(q, several);

const SONGJIANG_2026: Filters = { ...NO_FILTERS, years: [2026], districts: ['松江区'] };
const SOME: Filters = {
  years: [2020, 2021],
  districts: ['松江区', '闵行区'],
  forms: ['target', 'self_eval'],
  topics: ['医疗救助', '宣传'],
  q: '救助',
  source: 'published'
};

/** Every filter, on data of several cities: places named with their city. */
const SOME_SEVERAL: Filters = { ...SOME, districts: ['上海市·松江区', '临江县'] };

function everyQuery(f: Filters): Record<string, Query> {
  const ff = { rules: ['funds-sum', 'low-execution'], severities: ['error', 'warning'] };
  const pid = '604980d7-01';
  return {
    kpi: buildKpiQuery(f),
    fundingByDistrictYear: buildFundingByDistrictYearQuery(f),
    fundingByTopic: buildFundingByTopicQuery(f),
    fundingBySource: buildFundingBySourceQuery(f),
    largest: buildLargestProjectsQuery(f, 10),
    executionByProject: buildExecutionByProjectQuery(f),
    executionExtremes: buildExecutionExtremesQuery(f),
    executionByDistrictYear: buildExecutionByDistrictYearQuery(f),
    ...Object.fromEntries(
      Object.keys(ACHIEVEMENT_DIMENSIONS).map((d) => [
        `achievement-${d}`,
        buildAchievementQuery(f, d as 'district')
      ])
    ),
    missed: buildMissedIndicatorsQuery(f),
    targetQuality: buildTargetQualityQuery(f),
    findings: buildFindingsQuery(f, ff),
    findingsByDistrict: buildFindingsByDistrictQuery(f, ff),
    findingsByRule: buildFindingsByRuleQuery(f, ff),
    compareKpi: buildCompareKpiQuery(f, 'district', ['松江区', '宝山区']),
    compareTopics: buildCompareTopicsQuery(f, 'year', ['2021', '2026']),
    compareProjects: buildCompareProjectsQuery(f, 'district', []),
    facets: buildFacetsQuery(),
    projectIds: buildProjectIdsQuery(),
    projectCount: buildProjectCountQuery(),
    project: buildProjectQuery(pid),
    projectIndicators: buildProjectIndicatorsQuery(pid),
    projectBudget: buildProjectBudgetLinesQuery(pid),
    projectSafeguards: buildProjectSafeguardsQuery(pid),
    projectFindings: buildProjectFindingsQuery(pid),
    projectSeries: buildProjectSeriesQuery(pid)
  };
}

describe('every query builder', () => {
  for (const [label, f, data] of [
    ['no filter', NO_FILTERS, () => run],
    ['every filter', SOME, () => run],
    ['no filter, several cities', NO_FILTERS, () => runSeveral],
    ['every filter, several cities', SOME_SEVERAL, () => runSeveral]
  ] as const) {
    it(`binds one parameter per placeholder and passes EXPLAIN (${label})`, async () => {
      for (const [name, q] of Object.entries(everyQuery(f))) {
        expect((q.sql.match(/\?/g) ?? []).length, name).toBe(q.params.length);
        const plan = await data()({ sql: `EXPLAIN ${q.sql}`, params: q.params });
        expect(plan.length, name).toBeGreaterThan(0);
      }
    });

    it(`returns plain values only: numbers, strings, booleans, null (${label})`, async () => {
      for (const [name, q] of Object.entries(everyQuery(f))) {
        for (const row of await data()(q))
          for (const [col, v] of Object.entries(row))
            expect(
              v === null || ['number', 'string', 'boolean'].includes(typeof v),
              `${name}.${col} is ${typeof v}`
            ).toBe(true);
      }
    });
  }

  it('counts the 41 seed projects (which decides whether each gets a prerendered page)', async () => {
    expect(await run(buildProjectCountQuery())).toEqual([{ projects: 41 }]);
  });

  it('never pastes a value into the SQL text', () => {
    const evil = "'); DROP TABLE projects; --";
    const f: Filters = { ...NO_FILTERS, districts: [evil], topics: [evil], q: evil };
    for (const q of Object.values(everyQuery(f))) expect(q.sql).not.toContain('DROP TABLE');
  });

  it('treats a SQL fragment in the search box as text', async () => {
    const rows = await run(buildKpiQuery({ ...NO_FILTERS, q: "'); DROP TABLE projects; --" }));
    expect(rows[0]).toMatchObject({ projects: 0 });
    expect((await run(buildKpiQuery(NO_FILTERS)))[0]).toMatchObject({ projects: 41 });
  });
});

describe('what the queries return on the seeds', () => {
  it('KPIs of everything', async () => {
    const [k] = await run(buildKpiQuery(NO_FILTERS));
    expect(k).toMatchObject({
      projects: 41,
      districts: 4,
      years: 5,
      first_year: 2020,
      last_year: 2026,
      funding_exact: '405367227.55',
      self_evaluations: 7
    });
    expect(k?.avg_execution_rate).toBeCloseTo((0.5 + 0.632 + 0.5813 + 1 + 1.1595 + 0.6038 + 0.9958) / 7, 10);
    expect(k?.weighted_execution_rate).toBeCloseTo(40872251.16 / 39176706.55, 10);
  });

  it('松江区 2026 funding is 33,706,066.00 元', async () => {
    const rows = await run(buildFundingByDistrictYearQuery(NO_FILTERS));
    expect(rows.find((r) => r.district === '松江区' && r.year === 2026)).toEqual({
      district: '松江区',
      year: 2026,
      amount: 33706066,
      amount_exact: '33706066.00',
      projects: 6
    });
    expect(await run(buildFundingByDistrictYearQuery(SONGJIANG_2026))).toHaveLength(1);
  });

  it('achievement of the 2021 self-evaluation', async () => {
    const [a] = await run(buildKpiQuery({ ...NO_FILTERS, forms: ['self_eval'] }));
    expect(a).toMatchObject({ indicators: 83, achieved: 67, missed: 16, not_assessed: 0 });
  });

  it('counts indicators and findings through project_summary as the tables themselves count them', async () => {
    for (const f of [
      NO_FILTERS,
      SONGJIANG_2026,
      SOME,
      { ...NO_FILTERS, forms: ['self_eval'] as Filters['forms'] }
    ]) {
      const w = projectConditions(f);
      // The filtered projects' ids; their indicators and findings counted in the tables themselves.
      const selected = `SELECT p.project_id FROM project_summary p WHERE ${w.sql}`;
      const [indicators] = await run({
        sql: `SELECT count(*)::INTEGER AS indicators,
  count(*) FILTER (WHERE i.achieved)::INTEGER AS achieved,
  count(*) FILTER (WHERE NOT i.achieved)::INTEGER AS missed,
  count(*) FILTER (WHERE i.achieved IS NULL)::INTEGER AS not_assessed
FROM indicators i WHERE i.project_id IN (${selected})`,
        params: w.params
      });
      const [findings] = await run({
        sql: `SELECT count(*)::INTEGER AS findings,
  count(*) FILTER (WHERE c.severity = 'error')::INTEGER AS errors,
  count(*) FILTER (WHERE c.severity = 'warning')::INTEGER AS warnings,
  count(*) FILTER (WHERE c.severity = 'info')::INTEGER AS infos
FROM checks c WHERE c.project_id IN (${selected})`,
        params: w.params
      });
      const [kpi] = await run(buildKpiQuery(f));
      expect(kpi, JSON.stringify(f)).toMatchObject({ ...indicators, ...findings });
    }
    const [all] = await run(buildKpiQuery(NO_FILTERS));
    expect(all?.findings).toBeGreaterThan(0);
    // A filter that selects nothing counts 0, not NULL.
    expect((await run(buildKpiQuery({ ...NO_FILTERS, q: '不存在的项目' })))[0]).toMatchObject({
      projects: 0,
      indicators: 0,
      achieved: 0,
      findings: 0,
      errors: 0
    });
  });

  it('missed indicators carry their deviation reason', async () => {
    const rows = await run(buildMissedIndicatorsQuery(NO_FILTERS));
    expect(rows).toHaveLength(16);
    expect(rows.find((r) => r.name === '购置数量')).toMatchObject({
      project: '设备购置',
      target_text: '=4',
      actual_text: '1',
      score: 5,
      weight: 10
    });
    expect(rows.every((r) => typeof r.deviation === 'string' && r.deviation.length > 0)).toBe(true);
  });

  it('execution per project, lowest first', async () => {
    const rows = await run(buildExecutionByProjectQuery(NO_FILTERS));
    expect(rows.map((r) => r.name)).toEqual([
      '设备购置',
      '宣传与推广',
      '辅助业务管理与支持',
      '业务培训',
      '网络信息系统运行与维护',
      '医疗补助',
      '社会救助'
    ]);
    expect(rows.at(-1)).toMatchObject({
      budget_exact: '14392367.39',
      executed_exact: '16687069.74',
      rate: 1.1595
    });
  });

  it("the per-project charts: the lowest and highest rates, in the list's order, and the count", async () => {
    const all = await run(buildExecutionByProjectQuery(NO_FILTERS));
    const names = all.map((r) => r.name);
    // 7 projects, 2 at each end: the 2 lowest then the 2 highest, as the full list orders them.
    const two = await run(buildExecutionExtremesQuery(NO_FILTERS, 2));
    expect(two.map((r) => r.name)).toEqual([...names.slice(0, 2), ...names.slice(-2)]);
    expect(two.every((r) => r.total === 7)).toBe(true);
    const { total: _total, ...first } = two[0] as Record<string, unknown>;
    expect(first).toEqual(all[0]);
    // Fewer projects than both ends: every project, once.
    const every = await run(buildExecutionExtremesQuery(NO_FILTERS, 4));
    expect(every.map((r) => r.name)).toEqual(names);
    const none = await run(buildExecutionExtremesQuery({ ...NO_FILTERS, years: [1999] }, 2));
    expect(none).toEqual([]);
  });

  it('target quality per district and year', async () => {
    const rows = await run(buildTargetQualityQuery(NO_FILTERS));
    const minhang = rows.find((r) => r.district === '闵行区');
    expect(minhang).toEqual({
      district: '闵行区',
      year: 2020,
      total: 90,
      quantified: 10,
      number_only: 0,
      words: 4,
      missing: 76
    });
  });

  it('findings filtered by rule and severity', async () => {
    const rows = await run(buildFindingsQuery(NO_FILTERS, { rules: ['funds-sum'], severities: [] }));
    expect(rows.map((r) => r.project)).toEqual(['医疗补助', '网络信息系统运行与维护']);
    const byDistrict = await run(
      buildFindingsByDistrictQuery(NO_FILTERS, { rules: [], severities: ['error'] })
    );
    expect(byDistrict).toEqual([
      { district: '松江区', errors: 2, warnings: 0, infos: 0, total: 2, projects: 2 }
    ]);
  });

  it('compares districts side by side', async () => {
    const rows = await run(buildCompareKpiQuery(NO_FILTERS, 'district', ['宝山区', '闵行区']));
    expect(rows.map((r) => [r.key, r.projects, r.funding])).toEqual([
      ['宝山区', 3, 127105200],
      ['闵行区', 13, 187109143]
    ]);
    const topics = await run(
      buildCompareProjectsQuery({ ...NO_FILTERS, topics: ['医疗救助'] }, 'district', [])
    );
    expect(topics.map((r) => `${r.key} ${r.year} ${r.name}`)).toEqual([
      '宝山区 2023 医疗救助资金',
      '松江区 2021 社会救助',
      '松江区 2026 社会救助',
      '闵行区 2020 医疗救助'
    ]);
    expect(topics.map((r) => r.in_cell)).toEqual([1, 2, 2, 1]);
  });

  it('lists the largest projects of each topic and district, and counts them all', async () => {
    const all = await run(buildCompareProjectsQuery(NO_FILTERS, 'district', [], 1000));
    const one = await run(buildCompareProjectsQuery(NO_FILTERS, 'district', [], 1));
    const cells = new Map<string, Record<string, unknown>[]>();
    for (const r of all) cells.set(`${r.key} ${r.topic}`, [...(cells.get(`${r.key} ${r.topic}`) ?? []), r]);
    expect(cells.size).toBeGreaterThan(1);
    expect([...cells.values()].some((c) => c.length > 1)).toBe(true);
    // One row per cell: its largest project, with the cell's full count.
    expect(one).toHaveLength(cells.size);
    for (const r of one) {
      const cell = cells.get(`${r.key} ${r.topic}`) ?? [];
      expect(r.in_cell).toBe(cell.length);
      expect(r.project_id).toBe(cell[0]?.project_id);
      expect(Math.max(...cell.map((c) => Number(c.amount ?? -Infinity)))).toBe(Number(r.amount ?? -Infinity));
    }
  });

  it('a project page: fields exact, indicators, series', async () => {
    const [{ project_id: id } = {}] = await run({
      sql: `SELECT project_id FROM projects WHERE name = '社会救助' AND year = 2021`,
      params: []
    });
    const [p] = await run(buildProjectQuery(String(id)));
    expect(p).toMatchObject({
      name: '社会救助',
      budget_adjusted: '14392367.39',
      executed_amount: '16687069.74',
      year: 2021,
      start_date: null
    });
    expect(await run(buildProjectIndicatorsQuery(String(id)))).toHaveLength(12);
    const series = await run(buildProjectSeriesQuery(String(id)));
    expect(series.map((s) => [s.year, s.form, s.current])).toEqual([
      [2021, 'self_eval', true],
      [2026, 'target', false]
    ]);
  });
});

describe('filters in the URL', () => {
  it('round-trip through search parameters in a stable order', () => {
    const params = filtersToParams(SOME);
    expect(params.toString()).toBe(
      'year=2020&year=2021&district=%E6%9D%BE%E6%B1%9F%E5%8C%BA&district=%E9%97%B5%E8%A1%8C%E5%8C%BA&form=target&form=self_eval&topic=%E5%8C%BB%E7%96%97%E6%95%91%E5%8A%A9&topic=%E5%AE%A3%E4%BC%A0&q=%E6%95%91%E5%8A%A9&source=published'
    );
    expect(filtersFromParams(params)).toEqual({
      ...SOME,
      forms: ['self_eval', 'target'],
      districts: ['松江区', '闵行区'].sort(),
      topics: ['医疗救助', '宣传'].sort()
    });
    expect(isUnfiltered(filtersFromParams(new URLSearchParams('other=1')))).toBe(true);
  });

  it('reads the data source (数据来源) and selects local or published projects', async () => {
    expect(filtersFromParams(new URLSearchParams('source=local')).source).toBe('local');
    expect(filtersFromParams(new URLSearchParams('source=other')).source).toBeNull();
    expect(projectConditions({ ...NO_FILTERS, source: 'local' }).sql).toBe(
      'p.project_id IN (SELECT project_id FROM local_projects)'
    );
    // At build time nothing is local: everything is published.
    const [all] = await run(buildKpiQuery(NO_FILTERS));
    const [published] = await run(buildKpiQuery({ ...NO_FILTERS, source: 'published' }));
    const [local] = await run(buildKpiQuery({ ...NO_FILTERS, source: 'local' }));
    expect(published?.projects).toBe(all?.projects);
    expect(local?.projects).toBe(0);
  });

  it('applies the filter controls changed before the page’s script started', () => {
    const url: Filters = { ...NO_FILTERS, years: [2021], districts: ['松江区'] };
    expect(
      withControlChanges(url, [
        { name: 'district', value: '宝山区', checked: true },
        { name: 'year', value: '2021', checked: false },
        { name: 'form', value: 'self_eval', checked: true },
        { name: 'source', value: 'published', checked: true },
        { name: 'q', value: '救助', checked: true }
      ])
    ).toEqual({
      ...NO_FILTERS,
      districts: ['宝山区', '松江区'],
      forms: ['self_eval'],
      q: '救助',
      source: 'published'
    });
    // 全部 (an empty value) clears the data source; ticking a box already in the URL adds nothing.
    expect(
      withControlChanges({ ...url, source: 'local' }, [
        { name: 'source', value: '', checked: true },
        { name: 'district', value: '松江区', checked: true },
        { name: 'year', value: 'abc', checked: true }
      ])
    ).toEqual(url);
    expect(withControlChanges(url, [])).toEqual(url);
  });

  it('ignores values that cannot be filters', () => {
    expect(filtersFromParams(new URLSearchParams('year=abc&year=2021&form=plan'))).toEqual({
      ...NO_FILTERS,
      years: [2021]
    });
  });

  it('builds conditions with bound parameters only', () => {
    expect(projectConditions({ ...NO_FILTERS, years: [2021], q: 'x' })).toEqual({
      sql: "(p.year IN (?)) AND (contains(lower(p.name), lower(?)) OR contains(lower(coalesce(p.department, '')), lower(?)))".replace(
        /^\(p\.year IN \(\?\)\)/,
        'p.year IN (?)'
      ),
      params: [2021, 'x', 'x']
    });
  });
});

describe('queries of the import', () => {
  it('find published ids and the published projects of a series, records as the ingest writes them', async () => {
    const [rescue] = await run({
      sql: `SELECT project_id, series_id FROM projects WHERE name = '社会救助'`,
      params: []
    });
    const id = String(rescue?.project_id);
    expect(await run(buildPublishedIdsQuery([id, 'no-such-id']))).toEqual([{ project_id: id }]);
    expect(await run(buildPublishedIdsQuery([]))).toEqual([]);
    const series = await run(buildPublishedSeriesQuery([String(rescue?.series_id)]));
    expect(series.find((p) => p.project_id === id)).toMatchObject({
      executed_amount: '16687069.74',
      year: 2021,
      form: 'self_eval',
      start_date: null
    });
    expect(await run(buildPublishedSeriesQuery([]))).toEqual([]);
  });
});

describe('where the data come from, for the pages’ note', () => {
  it('names the departments with the most projects, and how many there are', async () => {
    const departments = facetsFromRows(await run(buildFacetsQuery())).department;
    expect(departments.map((d) => [d.value, d.projects])).toEqual([
      ['上海市医疗保障局', 12],
      ['上海市宝山区医疗保障局', 3],
      ['上海市松江区医疗保障局', 13],
      ['上海市闵行区医疗保障局', 13]
    ]);
    expect(describeDepartments(departments)).toBe(
      '上海市松江区医疗保障局、上海市闵行区医疗保障局、上海市医疗保障局等 4 个单位'
    );
    expect(describeDepartments(departments, 4)).toBe(
      '上海市松江区医疗保障局、上海市闵行区医疗保障局、上海市医疗保障局、上海市宝山区医疗保障局'
    );
    expect(describeDepartments([])).toBe('');
  });
});

describe('the district dimension: one place per body, also across cities', () => {
  const districts = async (runner: (q: Query) => Promise<Record<string, unknown>[]>) =>
    facetsFromRows(await runner(buildFacetsQuery())).district;

  it('is built as plain SQL: the full place, and the choice between it and the district', () => {
    expect(fullPlaceSql('p')).toBe("concat_ws('·', coalesce(p.city, p.province), p.district)");
    expect(placeSql('p', 'places.several')).toBe(
      "CASE WHEN places.several THEN concat_ws('·', coalesce(p.city, p.province), p.district) ELSE p.district END"
    );
    expect(severalPlacesSql()).toBe(
      "(SELECT count(DISTINCT coalesce(x.city, x.province, '')) > 1 FROM projects x)"
    );
    expect(projectConditions({ ...NO_FILTERS, districts: ['成都市·市级'] })).toEqual({
      sql: 'p.place IN (?)',
      params: ['成都市·市级']
    });
  });

  it('keeps the districts as they are when the data hold one city (the seeds: all 上海市)', async () => {
    expect(await districts(run)).toEqual([
      { value: '宝山区', projects: 3 },
      { value: '市级', projects: 12 },
      { value: '松江区', projects: 13 },
      { value: '闵行区', projects: 13 }
    ]);
    expect(
      await run({
        sql: `SELECT count(*) FILTER (WHERE place IS DISTINCT FROM district)::INTEGER AS renamed FROM project_summary`,
        params: []
      })
    ).toEqual([{ renamed: 0 }]);
  });

  it('names each place with its city when the data hold several; 临江县 has none known', async () => {
    expect(await districts(runSeveral)).toEqual([
      { value: '上海市·宝山区', projects: 3 },
      { value: '上海市·市级', projects: 12 },
      { value: '上海市·松江区', projects: 13 },
      { value: '上海市·闵行区', projects: 13 },
      { value: '临江县', projects: 1 },
      { value: '成都市·市级', projects: 2 }
    ]);
  });

  it('filters each 市级 to its own projects', async () => {
    const kpi = async (district: string) =>
      (await runSeveral(buildKpiQuery({ ...NO_FILTERS, districts: [district] })))[0];
    expect(await kpi('上海市·市级')).toMatchObject({
      projects: 12,
      districts: 1,
      funding_exact: '18270112.00'
    });
    expect(await kpi('成都市·市级')).toMatchObject({
      projects: 2,
      districts: 1,
      funding_exact: '9930000.00'
    });
    // The bare district names nothing once places carry their city.
    expect(await kpi('市级')).toMatchObject({ projects: 0 });
    const [all] = await runSeveral(buildKpiQuery(NO_FILTERS));
    expect(all).toMatchObject({ projects: 44, districts: 6, funding_exact: '416482227.55' });
  });

  it('charts them apart: funding by district and year, by topic, by source, and execution', async () => {
    const y2024 = { ...NO_FILTERS, years: [2024] };
    expect(await runSeveral(buildFundingByDistrictYearQuery(y2024))).toEqual([
      { district: '上海市·市级', year: 2024, amount: 18270112, amount_exact: '18270112.00', projects: 12 },
      { district: '临江县', year: 2024, amount: 1185000, amount_exact: '1185000.00', projects: 1 },
      { district: '成都市·市级', year: 2024, amount: 9930000, amount_exact: '9930000.00', projects: 2 }
    ]);
    const sources = await runSeveral(buildFundingBySourceQuery(y2024));
    expect(sources.map((r) => [r.district, r.annual, r.carryover])).toEqual([
      ['上海市·市级', 18270112, 0],
      ['临江县', 1185000, 0],
      ['成都市·市级', 9930000, 400000]
    ]);
    const topics = await runSeveral(buildFundingByTopicQuery(y2024));
    expect(new Set(topics.map((r) => r.district))).toEqual(new Set(['上海市·市级', '临江县', '成都市·市级']));
    const execution = await runSeveral(
      buildExecutionByProjectQuery({ ...NO_FILTERS, districts: ['临江县'] })
    );
    expect(execution).toEqual([
      expect.objectContaining({
        name: '农村饮水安全工程维修养护',
        district: '临江县',
        year: 2024,
        budget_exact: '1185000.00',
        executed_exact: '1123000.00',
        rate: 0.9477
      })
    ]);
    const byDistrict = await runSeveral(buildExecutionByDistrictYearQuery({ ...NO_FILTERS, years: [2024] }));
    expect(byDistrict.map((r) => [r.district, r.projects])).toEqual([['临江县', 1]]);
    const achievement = await runSeveral(buildAchievementQuery({ ...NO_FILTERS, years: [2024] }, 'district'));
    expect(achievement.map((r) => [r.key, r.total])).toEqual([
      ['上海市·市级', 192],
      ['临江县', 6],
      ['成都市·市级', 10]
    ]);
  });

  it('compares the two 市级 side by side, and gives a project page its place', async () => {
    const rows = await runSeveral(
      buildCompareKpiQuery(NO_FILTERS, 'district', ['上海市·市级', '成都市·市级'])
    );
    expect(rows.map((r) => [r.key, r.projects, r.funding, r.indicators])).toEqual([
      ['上海市·市级', 12, 18270112, 192],
      ['成都市·市级', 2, 9930000, 10]
    ]);
    const [chengdu] = await runSeveral({
      sql: `SELECT project_id FROM projects WHERE name = '医疗保障信息系统运维'`,
      params: []
    });
    const [p] = await runSeveral(buildProjectQuery(String(chengdu?.project_id)));
    expect(p).toMatchObject({ place: '成都市·市级', district: '市级', city: '成都市', province: null });
    // With one city, a project's place is its district.
    const [rescue] = await run({
      sql: `SELECT project_id FROM projects WHERE name = '社会救助' AND year = 2021`,
      params: []
    });
    const [songjiang] = await run(buildProjectQuery(String(rescue?.project_id)));
    expect(songjiang).toMatchObject({ place: '松江区', district: '松江区', city: '上海市' });
  });

  it('relabels every place when a second city joins, as an import does in the browser', async () => {
    // The browser's engine: tables that change, and project_summary made again after each change.
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    for (const t of ['projects', 'indicators', 'checks'])
      await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${path.join(dir, `${t}.parquet`)}')`);
    const places = async () => {
      await con.run(projectSummarySql());
      const r = await con.runAndReadAll(`SELECT DISTINCT place FROM project_summary ORDER BY 1`);
      return r.getRowObjectsJS().map((x) => x.place);
    };
    expect(await places()).toEqual(['宝山区', '市级', '松江区', '闵行区']);
    await con.run(
      `INSERT INTO projects SELECT * FROM read_parquet('${path.join(several, 'projects.parquet')}') WHERE city = '成都市'`
    );
    expect(await places()).toEqual([
      '上海市·宝山区',
      '上海市·市级',
      '上海市·松江区',
      '上海市·闵行区',
      '成都市·市级'
    ]);
    con.closeSync();
  });
});
