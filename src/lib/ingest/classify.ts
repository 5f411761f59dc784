/**
 * What the forms do not say but comparisons need: the district of a body, a topic shared across
 * districts, and a series key that follows one project across years and forms.
 */
import { compact, foldFullWidth } from './text';

/** Topics, in the order rules are tried; the last one catches the rest. */
export const TOPICS = [
  '互助帮困',
  '医疗救助',
  '护理',
  '参保补贴',
  '医疗补助',
  '待遇保障',
  '医药管理',
  '宣传',
  '信息化运维',
  '人员经费',
  '党建与队伍',
  '法律与监管',
  '综合管理'
] as const;
/** A topic of the shared vocabulary. */
export type Topic = (typeof TOPICS)[number];

const TOPIC_RULES: readonly [RegExp, Topic][] = [
  [/互助帮困|帮困/, '互助帮困'],
  [/医疗救助|社会救助|救助/, '医疗救助'],
  [/护理|长护/, '护理'],
  [/筹集|筹资|缴费补贴|参保补贴|参保资助/, '参保补贴'],
  [/医疗补助|医疗经费|医疗费|大病补助/, '医疗补助'],
  [/待遇|基本医疗保障/, '待遇保障'],
  [/医药|药品|耗材|招标采购|招采|价格/, '医药管理'],
  [/宣传|推广|政务公开|信息公开|政务信息/, '宣传'],
  [/信息系统|信息化|信息|网络|运维|软件|系统维护/, '信息化运维'],
  [/编外人员|人员经费|雇员|辅助服务|人力|工资|劳务/, '人员经费'],
  [/党建|党员|组织人事|人事|队伍|培训|团建/, '党建与队伍'],
  [/法律|法务|监管|监督|规财法|稽核|审计|执法/, '法律与监管']
];

/** The topic of a project, from its name: the same vocabulary for every district. */
export function classifyTopic(name: string): Topic {
  const key = compact(name);
  for (const [re, topic] of TOPIC_RULES) if (re.test(key)) return topic;
  return '综合管理';
}

/** Where a body sits: its province, city and county (district), each null where its name does not say. */
export interface Region {
  province: string | null;
  city: string | null;
  county: string | null;
  /**
   * The contract's `district`: the county or district (`松江区`, `临江县`); `市级` for a city-level
   * body (`上海市医疗保障局`), `省级` for a provincial one; null when the name does not tell.
   */
  district: string | null;
}

const NO_REGION: Region = Object.freeze({ province: null, city: null, county: null, district: null });
const MUNICIPALITY = /^(?:北京|天津|上海|重庆)市/;
const PROVINCE = /^[^省市县区]{2,8}?(?:省|自治区|特别行政区)/;
const CITY = /^[^省市县区]{2,9}?(?:市|自治州|地区|盟)/;
const COUNTY = /^[^省市县区]{1,9}?(?:区|县|旗|市)/;
// What a body's own name ends with, after its place.
const BODY_END = /(?:局|委员会|委|办公室|办|中心|厅|院|会|所|站|部|处|队|馆|校|政府|社|室|组|司)$/;
// Words ending in 市 or 区 that begin a body's name rather than name a place (城市管理局, 社区…).
const NOT_A_PLACE =
  /^(?:城市|都市|超市|社区|园区|街区|小区|景区|城区|市区|郊区|山区|老区|牧区|辖区|片区|开发区管理)/;

/**
 * Where a body sits, from its name: `上海市松江区医疗保障局` → 上海市 / 上海市 / 松江区 (district
 * 松江区); `上海市医疗保障局` → 上海市 / 上海市 / — (市级); `四川省成都市郫都区财政局` → 四川省 /
 * 成都市 / 郫都区; `临江县水利局` → — / — / 临江县. A place is taken only when a body's name still
 * follows it, so `上海市城市管理行政执法局` is city-level, not a county called 城市.
 */
export function regionOf(department: string | null): Region {
  if (!department) return NO_REGION;
  let rest = compact(foldFullWidth(department));
  if (!BODY_END.test(rest)) return NO_REGION;
  const take = (re: RegExp): string | null => {
    const m = re.exec(rest);
    if (!m || NOT_A_PLACE.test(rest)) return null;
    const after = rest.slice(m[0].length);
    if (!after || !BODY_END.test(after)) return null;
    rest = after;
    return m[0];
  };
  let province: string | null = null;
  let city: string | null = null;
  const municipality = take(MUNICIPALITY);
  if (municipality) province = city = municipality;
  else {
    province = take(PROVINCE);
    city = take(CITY);
  }
  const county = take(COUNTY);
  const district = county ?? (city ? '市级' : province ? '省级' : null);
  return { province, city, county, district };
}

/**
 * The district a body belongs to: `上海市松江区医疗保障局` → `松江区`; a city-level body
 * (`上海市医疗保障局`) → `市级`; null when the name does not tell.
 */
export function districtOf(department: string | null): string | null {
  return regionOf(department).district;
}

/** The core of a project name for following it across years: suffixes like 经费/资金 dropped. */
export function seriesCore(name: string): string {
  let key = compact(foldFullWidth(name)).replace(/[、，,。.·（）()【】[\]《》"“”'‘’:：;；-]/g, '');
  for (let i = 0; i < 3; i++) {
    const next = key.replace(/(?:专项经费|工作经费|专项资金|专项|经费|资金|费用|费|项目)$/, '');
    if (next === key || next.length < 2) break;
    key = next;
  }
  return key;
}

/** A short, stable hash of a string (cyrb53), as hex: works the same in Node and browsers. */
export function shortHash(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The series of a project: one body (its department, else its district) and the core of its name. */
export function seriesIdOf(body: string, name: string): string {
  return `s-${shortHash(`${compact(body)}|${seriesCore(name)}`).slice(0, 12)}`;
}
