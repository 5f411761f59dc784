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

/**
 * The district a body belongs to: `上海市松江区医疗保障局` → `松江区`; a city-level body
 * (`上海市医疗保障局`) → `市级`; null when the name does not tell.
 */
export function districtOf(department: string | null): string | null {
  if (!department) return null;
  const s = compact(foldFullWidth(department));
  const county = /(?:市|^)([^市省]{1,8}?(?:区|县|旗))(?=.{0,20}(?:局|委|办|中心|厅|院|会|所|站|部)$)/.exec(s);
  if (county) return county[1] ?? null;
  if (/^(?:.{1,8}省)?.{1,8}市(?!.*[区县]).*(?:局|委|办|中心|厅|院|会|所|站|部)$/.test(s)) return '市级';
  return null;
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
