/**
 * The five real seed documents, parsed as the ingest parses them: the facts the data contract
 * and the issue promise, checked on the records themselves.
 */
import { describe, expect, it } from 'vitest';
import { sumMoney } from '../../../src/lib/schema/money';
import { indicatorsOf, parseSeed, projectNamed } from '../../helpers/seeds';

describe('every seed file', () => {
  it.each([
    ['000', 'markdown', 'target', 2026, '松江区', 6],
    ['001', 'text', 'target', 2023, '宝山区', 3],
    ['002', 'tsv', 'target', 2020, '闵行区', 13],
    ['003', 'tsv', 'target', 2024, '市级', 12],
    ['004', 'text', 'self_eval', 2021, '松江区', 7]
  ] as const)('%s is %s, %s, %i, %s, with %i projects', (id, layout, form, year, district, projects) => {
    const s = parseSeed(id);
    expect(s.layout).toBe(layout);
    expect(s.form).toBe(form);
    expect(s.year).toBe(year);
    expect(s.district).toBe(district);
    expect(s.projects).toHaveLength(projects);
  });

  it('sums the annual amounts exactly', () => {
    expect(sumMoney(parseSeed('000').projects.map((p) => p.annual_amount))).toBe('33706066.00');
    expect(sumMoney(parseSeed('001').projects.map((p) => p.annual_amount))).toBe('127105200.00');
    expect(sumMoney(parseSeed('002').projects.map((p) => p.annual_amount))).toBe('187109143.00');
    expect(sumMoney(parseSeed('003').projects.map((p) => p.annual_amount))).toBe('18270112.00');
    const se = parseSeed('004').projects;
    expect(sumMoney(se.map((p) => p.budget_adjusted))).toBe('39176706.55');
    expect(sumMoney(se.map((p) => p.executed_amount))).toBe('40872251.16');
  });

  it('keeps no contact person or phone number', () => {
    const all = ['000', '001', '002', '003', '004'].map((id) => parseSeed(id as '000'));
    const json = JSON.stringify(all);
    for (const secret of [
      '瞿文佳',
      '54135092',
      '15618532550',
      '汤帅',
      '54135061',
      '潘晓鸣',
      '骆俊怡',
      '张志权',
      '刘国荣'
    ])
      expect(json).not.toContain(secret);
  });

  it('gives every indicator a name, and a level 1 from the closed vocabulary', () => {
    for (const id of ['000', '001', '002', '003', '004'] as const) {
      for (const i of parseSeed(id).indicators) {
        expect(i.name.length).toBeGreaterThan(0);
        expect(['产出指标', '效益指标', '满意度指标', '成本指标']).toContain(i.level1);
      }
    }
  });
});

describe('000 松江区 2026 (Markdown, shifted rows)', () => {
  const s = parseSeed('000');

  it('reads 医疗补助 with its sources of funds', () => {
    const p = projectNamed(s, '医疗补助');
    expect(p.annual_amount).toBe('18730000.00');
    expect(p.fiscal_amount).toBe('18700000.00');
    expect(p.carryover_amount).toBe('0.00');
    expect(p.other_amount).toBe('30000.00');
    expect(p.project_total).toBeNull();
    expect(indicatorsOf(s, p.project_id)).toHaveLength(5);
  });

  it('reads 社会救助, whose rows are shifted one column right and left', () => {
    const p = projectNamed(s, '社会救助');
    expect(p.annual_amount).toBe('11143200.00');
    expect(p.department).toBe('上海市松江区医疗保障局');
    expect(p.implementing_unit).toBe('上海市松江区医疗保险事务中心');
    expect(p.nature).toBe('其他经常性项目');
    expect(p.category).toBe('其他运转类');
    expect(p.start_date).toBe('2026-01-01');
    expect(p.end_date).toBe('2026-12-31');
    expect(p.goal).toMatch(/^坚持城乡统筹推进/);
    expect(p.long_term_goal).toBeNull();
    const inds = indicatorsOf(s, p.project_id);
    expect(inds).toHaveLength(8);
    const timely = inds.find((i) => i.name === '医疗救助给付及时率');
    expect(timely).toMatchObject({
      level1: '产出指标',
      level2: '时效指标',
      target_op: '=',
      target_value: 100,
      target_unit: '%'
    });
    const satisfaction = inds[7];
    expect(satisfaction).toMatchObject({
      name: '医疗救助对象对经办便捷程度的满意度',
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      target_op: '>=',
      target_value: 90,
      target_unit: '%',
      source_line: 26
    });
  });

  it('reads 非编人力成本 ≤172.42(万元) as 1724200 元', () => {
    const p = projectNamed(s, '编外人员工作经费');
    const cost = indicatorsOf(s, p.project_id).find((i) => i.name === '非编人力成本');
    expect(cost).toMatchObject({
      level1: '成本指标',
      level2: '经济成本指标',
      target_text: '≤172.42(万元)',
      target_op: '<=',
      target_value: 1724200,
      target_unit: '元'
    });
  });
});

describe('001 宝山区 2023 (PDF text, cells wrapped over lines)', () => {
  const s = parseSeed('001');

  it('joins a project name wrapped over two lines', () => {
    expect(s.projects.map((p) => p.name)).toEqual([
      '市民社区医疗互助帮困计划资金',
      '医疗救助资金',
      '医保网络运行维护'
    ]);
  });

  it('reads 医保网络运行维护', () => {
    const p = projectNamed(s, '医保网络运行维护');
    expect(p.implementing_unit).toBe('上海市宝山区医疗保险事务中心');
    expect(p.annual_amount).toBe('110200.00');
    expect(p.project_total).toBe('110200.00');
    expect(p.carryover_amount).toBeNull();
    expect(p.category).toBe('经常性项目');
    expect(p.start_date).toBe('2023-01-01');
  });

  it('splits the goal printed twice in two columns', () => {
    const p = projectNamed(s, '医疗救助资金');
    expect(p.long_term_goal).toBe(p.goal);
    expect(p.goal).toMatch(/^严格依据规定标准发放救助资金.*做到“应救尽救”。$/);
  });

  it('joins a target wrapped over three lines and keeps <10 次 as one value', () => {
    const p = projectNamed(s, '医疗救助资金');
    const inds = indicatorsOf(s, p.project_id);
    expect(inds[0]).toMatchObject({
      name: '医疗救助对象规模人次',
      target_text: '符合救助条件的对象按规定纳入救助范围',
      target_value: null
    });
    const first = indicatorsOf(s, projectNamed(s, '市民社区医疗互助帮困计划资金').project_id);
    expect(first.at(-1)).toMatchObject({
      name: '全年来信来访有效投诉人次',
      target_text: '<10 次',
      target_op: '<',
      target_value: 10,
      target_unit: '次'
    });
  });

  it('files 成本指标 under 产出指标 (older template) as level 1 成本指标, keeping the source words', () => {
    const p = projectNamed(s, '市民社区医疗互助帮困计划资金');
    const cost = indicatorsOf(s, p.project_id).find((i) => i.name === '支出方向符合度');
    expect(cost).toMatchObject({
      level1: '成本指标',
      level2: null,
      level1_raw: '产出指标',
      level2_raw: '成本指标'
    });
  });

  it('warns of headings with no indicator under them rather than dropping them silently', () => {
    const empty = s.warnings.filter((w) => w.code === 'heading-without-rows').map((w) => w.line);
    expect(empty).toEqual([494, 501, 511, 516]);
  });
});

describe('002 闵行区 2020 (tab-separated, three-part template)', () => {
  const s = parseSeed('002');

  it('takes the department the document does not name from the manifest', () => {
    expect(new Set(s.projects.map((p) => p.department))).toEqual(new Set(['上海市闵行区医疗保障局']));
  });

  it('reads 医疗救助: fiscal split by level and 34 budget lines summing to the annual amount', () => {
    const p = projectNamed(s, '医疗救助');
    expect(p.annual_amount).toBe('23940000.00');
    expect(p.fiscal_superior).toBe('15740000.00');
    expect(p.fiscal_local).toBe('8200000.00');
    expect(p.fiscal_subordinate).toBe('0.00');
    expect(p.category).toBe('经常性项目');
    const lines = s.budget_lines.filter((b) => b.project_id === p.project_id);
    expect(lines).toHaveLength(34);
    expect(sumMoney(lines.map((l) => l.amount))).toBe('23940000.00');
    expect(lines[0]).toMatchObject({
      content: '救助区级政',
      detail: '救助区级政策虹',
      amount: '20979.00',
      unit_price: '20979.00',
      quantity: 1,
      note: '年度项目',
      source_line: 811
    });
  });

  it('reads 市民社区医疗互助帮困经费 with its 7 budget lines', () => {
    const p = projectNamed(s, '市民社区医疗互助帮困经费');
    expect(p.annual_amount).toBe('158952064.00');
    expect(p.fiscal_superior).toBe('107170000.00');
    const lines = s.budget_lines.filter((b) => b.project_id === p.project_id);
    expect(lines).toHaveLength(7);
    expect(sumMoney(lines.map((l) => l.amount))).toBe('158952064.00');
  });

  it('maps the 2020 words to the vocabulary and keeps them raw', () => {
    const p = projectNamed(s, '城乡居民医保资金区本级财政筹集资金');
    const inds = indicatorsOf(s, p.project_id);
    expect(inds[0]).toMatchObject({
      name: '卡册发放',
      level1: '产出指标',
      level2: '数量指标',
      level1_raw: '产出目标',
      level2_raw: '数量',
      basis: '工作计划',
      target_text: null
    });
    expect(inds[5]).toMatchObject({
      name: '长效管理',
      level1: '效益指标',
      level2: '可持续影响指标',
      level2_raw: '长效管理',
      basis: '行业标准'
    });
    expect(inds[6]).toMatchObject({
      name: '参保人员',
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      level1_raw: '影响力目标',
      level2_raw: '满意度',
      basis: '历史标准'
    });
  });

  it('reads targets and bases that later rows shift', () => {
    const p = projectNamed(s, '政府购买辅助服务');
    const inds = indicatorsOf(s, p.project_id);
    expect(inds.map((i) => [i.name, i.target_text, i.basis])).toEqual([
      ['雇员工作完成率', '=100.00%', '单位工作计划'],
      [
        '按照使用政府雇员额度（指标）完成购买辅助人员',
        '=100.00%',
        '《闵行区政府雇员额度调整通知单》（闵编外[2018]25号）'
      ],
      ['雇员考核合格率', '=100.00%', '单位工作计划'],
      ['雇员工作完成及时性', '及时', '工作计划'],
      ['雇员工资发放及时性', '及时', '单位工作计划'],
      ['单位整体效能', '提升', '单位工作计划'],
      ['用工单位职工满意度', '≥90.00%', '单位工作计划']
    ]);
  });

  it('reads the safeguards with their ticked stages and leaves empty rows out', () => {
    const p = projectNamed(s, '城乡居民医保资金区本级财政筹集资金');
    const rows = s.safeguards.filter((g) => g.project_id === p.project_id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      kind: '项目管理制度',
      at_planning: false,
      at_implementation: true,
      at_completion: false,
      source_line: 65
    });
    expect(rows[1]).toMatchObject({ kind: '财务管理制度', document: '上海市医疗保险事务中心操' });
    const law = s.safeguards.filter((g) => g.project_id === projectNamed(s, '法律顾问费').project_id);
    expect(law).toEqual([
      expect.objectContaining({
        document: '闵行区政府外聘政府法律顾问工作办法',
        measures: '文件规定',
        at_planning: true,
        at_implementation: true,
        at_completion: true
      })
    ]);
  });

  it('counts 90 indicators and no warning', () => {
    expect(s.indicators).toHaveLength(90);
    expect(s.warnings).toEqual([]);
  });
});

describe('003 市级 2024 (tab-separated, headings displaced by page breaks)', () => {
  const s = parseSeed('003');

  it('reads 待遇保障专项经费: 15 indicators, the last a name ending in 指标', () => {
    const p = projectNamed(s, '待遇保障专项经费');
    const inds = indicatorsOf(s, p.project_id);
    expect(inds).toHaveLength(15);
    expect(inds.at(-1)).toMatchObject({
      name: '管理人员满意度指标',
      level1: '满意度指标',
      target_text: '≥90.00 (%)',
      target_value: 90
    });
    // 数量指标 under 成本指标 after a page break: the level 1 follows the level 2
    expect(inds[2]).toMatchObject({
      name: '职工基本医疗保险调研相关工作完成率',
      level1: '产出指标',
      level2: '数量指标'
    });
  });

  it('puts a heading that landed below its rows back over them', () => {
    const p = projectNamed(s, '规财法工作经费');
    const inds = indicatorsOf(s, p.project_id);
    expect(inds.find((i) => i.name === '社会人员节约率')).toMatchObject({
      level1: '成本指标',
      level2: '社会成本指标'
    });
    for (const name of ['组织法治培训计划完成数', '聘请法律顾问数量', '内审服务工作计划完成数'])
      expect(inds.find((i) => i.name === name)).toMatchObject({ level1: '产出指标', level2: '数量指标' });
    const team = indicatorsOf(s, projectNamed(s, '队伍建设专项').project_id);
    expect(team.find((i) => i.name === '购买党建纪检团建相关书籍报刊及时率')).toMatchObject({
      level2: '时效指标'
    });
    expect(team.find((i) => i.name === '队伍建设情况')).toMatchObject({
      level1: '效益指标',
      level2: '社会效益指标'
    });
    expect(s.warnings.map((w) => [w.line, w.code])).toEqual([
      [25, 'heading-after-page-break'],
      [260, 'heading-after-page-break']
    ]);
  });

  it('names the city-level body', () => {
    expect(s.projects.every((p) => p.department === '上海市医疗保障局' && p.district === '市级')).toBe(true);
    expect(s.indicators).toHaveLength(192);
  });
});

describe('004 松江区 2021 self-evaluation (PDF text, labels split one character per line)', () => {
  const s = parseSeed('004');

  it('reads 社会救助: funds, execution and scores', () => {
    const p = projectNamed(s, '社会救助');
    expect(p).toMatchObject({
      form: 'self_eval',
      budget_initial: '14392367.39',
      budget_adjusted: '14392367.39',
      annual_amount: '14392367.39',
      executed_amount: '16687069.74',
      execution_rate: 1.1595,
      execution_weight: 10,
      execution_score: 10,
      total_score: 90
    });
    const count = indicatorsOf(s, p.project_id).find((i) => i.name === '救助人数');
    expect(count).toMatchObject({
      target_op: '>=',
      target_value: 120000,
      actual_value: 122500,
      achieved: true
    });
  });

  it('reads 设备购置: a missed target with its deviation', () => {
    const p = projectNamed(s, '设备购置');
    expect(p.total_score).toBe(85);
    expect(p.implementing_unit).toBe('上海市松江区医疗保险事务中心');
    const bought = indicatorsOf(s, p.project_id).find((i) => i.name === '购置数量');
    expect(bought).toMatchObject({
      target_op: '=',
      target_value: 4,
      actual_value: 1,
      weight: 10,
      score: 5,
      achieved: false
    });
    expect(bought?.deviation).toMatch(/^由于实行电子医保卡/);
    expect(bought?.deviation).toBe(
      '由于实行电子医保卡等原困，线下医保卡制作数量下降，除购置批量制卡机1台以外，停购其他制卡机'
    );
  });

  it('separates a deviation from the next indicator name', () => {
    const inds = indicatorsOf(s, projectNamed(s, '设备购置').project_id);
    expect(inds.map((i) => i.name)).toEqual([
      '购置数量',
      '设备检验合格率',
      '设备购置安装到位及时性',
      '运转能力饱和率',
      '设备利用率',
      '设备共享率',
      '长效管理制度健全性',
      '使用者满意度'
    ]);
    expect(inds[4]?.deviation).toBe('线下医保卡制作数量下降，设备利用率相比年度指标减少');
    const publicity = indicatorsOf(s, projectNamed(s, '宣传与推广').project_id);
    expect(publicity.slice(0, 3).map((i) => [i.name, i.deviation])).toEqual([
      ['宣传内容更新率', '宣传内容还需及时更新'],
      ['宣传地区覆盖率', '由于宣传模式单一，覆盖率不及预期'],
      ['宣传人群覆盖率', '由于宣传模式单一，覆盖率不及预期']
    ]);
  });

  it('gives every self-evaluation indicator scores that add up to the total', () => {
    for (const p of s.projects) {
      const inds = indicatorsOf(s, p.project_id);
      const sum = inds.reduce((acc, i) => acc + (i.score ?? 0), 0) + (p.execution_score ?? 0);
      expect(Math.round(sum * 100) / 100).toBe(p.total_score);
      for (const i of inds) expect(i.weight).not.toBeNull();
    }
  });

  it('splits 预算目标 and 实际完成情况 when they differ', () => {
    const p = projectNamed(s, '辅助业务管理与支持');
    expect(p.goal).toBe('完善医保经办服务流程');
    expect(p.outcome).toBe('完善医保经办服务流程，完成年度医保任务，完善医保管理，确实保障参保人员医保权利');
  });

  it('reads 1668.71万 against a target in the unit the name gives', () => {
    const i = indicatorsOf(s, projectNamed(s, '社会救助').project_id).find(
      (x) => x.name === '补助资金数量（万元）'
    );
    expect(i).toMatchObject({
      target_value: 10000000,
      target_unit: '元',
      actual_value: 16687100,
      achieved: true
    });
  });
});

describe('project records', () => {
  it('give 41 projects unique ids and a series linking 松江区 2021 and 2026', () => {
    const all = ['000', '001', '002', '003', '004'].flatMap((id) => parseSeed(id as '000').projects);
    expect(all).toHaveLength(41);
    expect(new Set(all.map((p) => p.project_id)).size).toBe(41);
    const a = projectNamed(parseSeed('004'), '宣传与推广');
    const b = projectNamed(parseSeed('000'), '宣传与推广');
    expect(a.series_id).toBe(b.series_id);
    expect(projectNamed(parseSeed('004'), '社会救助').series_id).not.toBe(a.series_id);
  });
});
