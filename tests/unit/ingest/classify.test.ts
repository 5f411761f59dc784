import { describe, expect, it } from 'vitest';
import { classifyTopic, districtOf, seriesCore } from '../../../src/lib/ingest/classify';
import { ingestSources } from '../../../src/lib/ingest/pipeline';
import { manifest, rawSources } from '../../helpers/seeds';

const { dataset } = await ingestSources(rawSources(), manifest());

describe('topic of every seed project', () => {
  const topics = Object.fromEntries(
    dataset.projects.map((p) => [`${p.district} ${p.year} ${p.name}`, p.topic])
  );

  it('is sensible for all 41, in one vocabulary across districts', () => {
    expect(topics).toEqual({
      '松江区 2026 社会救助': '医疗救助',
      '松江区 2026 免申即享运维费': '信息化运维',
      '松江区 2026 医疗补助': '医疗补助',
      '松江区 2026 辅助业务管理与支持': '综合管理',
      '松江区 2026 宣传与推广': '宣传',
      '松江区 2026 编外人员工作经费': '人员经费',
      '宝山区 2023 市民社区医疗互助帮困计划资金': '互助帮困',
      '宝山区 2023 医疗救助资金': '医疗救助',
      '宝山区 2023 医保网络运行维护': '信息化运维',
      '闵行区 2020 城乡居民医保资金区本级财政筹集资金': '参保补贴',
      '闵行区 2020 党建工作经费': '党建与队伍',
      '闵行区 2020 法律顾问费': '法律与监管',
      '闵行区 2020 服务窗口业务': '综合管理',
      '闵行区 2020 老年护理': '护理',
      '闵行区 2020 市民社区医疗互助帮困经费': '互助帮困',
      '闵行区 2020 统筹城乡居保工作经费': '综合管理',
      '闵行区 2020 武警医疗经费': '医疗补助',
      '闵行区 2020 信息系统、网络运维管理': '信息化运维',
      '闵行区 2020 医保监督管理': '法律与监管',
      '闵行区 2020 医保信息系统': '信息化运维',
      '闵行区 2020 医疗救助': '医疗救助',
      '闵行区 2020 政府购买辅助服务': '人员经费',
      '市级 2024 规财法工作经费': '法律与监管',
      '市级 2024 组织人事专项': '党建与队伍',
      '市级 2024 重要文档和数据安全管理工作': '综合管理',
      '市级 2024 政务公开、政务信息': '宣传',
      '市级 2024 少儿学生基本医疗保障工作专项': '待遇保障',
      '市级 2024 待遇保障专项经费': '待遇保障',
      '市级 2024 医保统计和信息专项经费': '信息化运维',
      '市级 2024 队伍建设专项': '党建与队伍',
      '市级 2024 机关服务管理费': '综合管理',
      '市级 2024 医药管理服务专项经费': '医药管理',
      '市级 2024 医药价格和招标采购管理': '医药管理',
      '市级 2024 基金监管工作经费': '法律与监管',
      '松江区 2021 设备购置': '综合管理',
      '松江区 2021 业务培训': '党建与队伍',
      '松江区 2021 宣传与推广': '宣传',
      '松江区 2021 医疗补助': '医疗补助',
      '松江区 2021 社会救助': '医疗救助',
      '松江区 2021 辅助业务管理与支持': '综合管理',
      '松江区 2021 网络信息系统运行与维护': '信息化运维'
    });
  });

  it('lets 医疗救助 and 互助帮困 be compared across 宝山, 闵行 and 松江', () => {
    const districtsOf = (topic: string) =>
      [...new Set(dataset.projects.filter((p) => p.topic === topic).map((p) => p.district))].sort();
    expect(districtsOf('医疗救助')).toEqual(['宝山区', '松江区', '闵行区']);
    expect(districtsOf('互助帮困')).toEqual(['宝山区', '闵行区']);
  });
});

describe('districtOf and seriesCore', () => {
  it.each([
    ['上海市松江区医疗保障局', '松江区'],
    ['上海市医疗保障局', '市级'],
    ['浙江省杭州市西湖区医疗保障局', '西湖区'],
    ['河北省医疗保障局', '省级'],
    ['四川省成都市郫都区财政局', '郫都区'],
    ['临江县水利局', '临江县'],
    ['上海市城市管理行政执法局', '市级'],
    [null, null]
  ])('%s → %s', (dep, district) => {
    expect(districtOf(dep)).toBe(district);
  });

  it('keeps the core of a name across years', () => {
    expect(seriesCore('医疗救助资金')).toBe(seriesCore('医疗救助'));
    expect(seriesCore('免申即享运维费')).toBe('免申即享运维');
    expect(classifyTopic('医保宣传专项经费')).toBe('宣传');
  });
});
