/**
 * No personal data is published. The form readers drop the fields and rows that a personal label
 * introduces (联系人, 联系电话 …); as a safety net every text that reaches a record or a warning
 * goes through `redactPersonal`, which removes (not masks) contact names and phone numbers.
 *
 * What is removed, each as one item:
 * - a name after 联系人 / 负责人 / 填报人 / 填表人 / 经办人 / 审核人 (with 项目, 填报单位, 单位 or
 *   财务 before it), with a colon (`联系人：瞿文佳`: everything up to the next space or punctuation,
 *   as any personal label's value), a space, 为 / 是, or nothing (`联系人张三`), the label included;
 *   without a colon the name must start with a common surname (so 经办人满意率, 负责人制度 stay)
 *   and is the surname and one or two more characters, or the surname and a title (王科长);
 * - a name after 请联系 / 可联系 (with 咨询 or 如有疑问 before it) or between 请与 and 联系;
 * - every phone number: after a phone label (电话, 联系电话, 手机, 座机, 传真, 热线, Tel, 致电,
 *   拨打 …) in any form, the label included, with further numbers joined by 、 / 或; and without a
 *   label an 11-digit mobile (+86 and spaces or dashes allowed), a landline with its area code
 *   (`021-54135000`, `(021)64120013`, `0571-8888 1234`), or a bare 8-digit landline starting 2–9;
 *   each with its extension (`转 8012`, `-8012`, `分机 8012`).
 * What is not: a number that is part of a larger one or a decimal (`11,143,200.00`), is followed by
 * a unit or another Chinese character (`11143200元`, `54135092人次`), follows a money or quantity
 * word or a comparison (`资金 54135092`, `≥54135092`), or reads as a date (`20230101`); years,
 * percentages, document numbers (`沪医保〔2020〕12号`). A text that is only a number (a money field,
 * a value cell) is a figure and is never touched: money is parsed from the source text before any
 * redaction, and the records' figures are whole-number strings.
 * Punctuation left dangling is tidied: `…实施。咨询请联系钱七，电话021-54135000。` → `…实施。`, and
 * `资金11143200元，联系人张三，用于…` → `资金11143200元，用于…`.
 */
import { personalLabels } from './vocabulary';

/** What redaction did to one text. */
export interface Redacted {
  /** The text without its personal data. */
  text: string;
  /** How many names and phone numbers were removed. */
  removed: number;
}

/** A running count of removals, shared by the calls for one source. */
export interface RedactionTally {
  removed: number;
}

// Common surnames (single and compound). Left out: those that mostly begin ordinary words after
// 负责人 / 联系人 (和, 应, 全, 成, 时, 明, 文, 安, 常, 向, 关, 包, 单, 路, 项, 连, 费, 商, 党 …).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝舒阮柯纪梅童凌毕裴霍涂苗谷盛曲翁冉骆蓝辛靳管柴鲍华喻祁蒲房滕屈饶解牟艾尤穆卓缪褚娄窦戚岑卜冷晏卫米柏瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄丛仲虞敖巩佘邝芦麦';
const COMPOUND_SURNAMES = '欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|轩辕';
// Characters that end a name rather than continue it (what follows a name in these forms).
const NAME_STOP =
  '的负联电手等和及与或同先女老在是对于为已将要会可需签确审核批报送提交主科处局经任办室部咨询请致拨打座传热号码转分邮地址责填表人员式，';
const TITLE = '(?:同志|老师|先生|女士|主任|科长|处长|局长|经理|书记)';
const NAME = `(?:${COMPOUND_SURNAMES}|[${SURNAMES}])(?:${TITLE}|[^\\P{Script=Han}${NAME_STOP}]{1,2}${TITLE}?)`;

// 项目 / 填报单位 … before the label go with it where they begin a clause (not in 本项目负责人).
const PERSON_LABEL =
  '(?:(?<=^|[\\s，,；;。、：:（(])(?:项目|填报单位|单位|财务))?(?:联系人|负责人|填报人|填表人|经办人|审核人)';
/** 联系人张三, 负责人：张三, 负责人为张三 (a colon's value is taken whole by LABELLED). */
const NAMED = new RegExp(`${PERSON_LABEL}(?:[ \\t\\u3000]*|为|是)${NAME}`, 'gu');
/** 咨询请联系钱七, 可联系钱七老师, 请与钱七联系. */
const CONTACT_VERB = new RegExp(
  `(?:(?:如有疑问|如需咨询|咨询|详情)[，,]?\\s*)?(?:(?:请|可|可以|敬请|欢迎)联系\\s*${NAME}|(?:请|可)与\\s*${NAME}\\s*联系)`,
  'gu'
);

const EXTENSION_BODY = '\\s*(?:转|分机|ext\\.?|EXT\\.?|-)\\s*\\d{1,5}(?!\\d)';
const EXTENSION = `(?:${EXTENSION_BODY})?`;
// Grouped 3-4-4 only with the same separator twice: `159 27689392` is a figure and a landline.
const MOBILE_BODY = '(?:\\+?86[- ]?)?1[3-9]\\d(?:\\d{8}|-\\d{4}-\\d{4}| \\d{4} \\d{4})';
const AREA_BODY = '(?:\\+86[-\\s]?\\d{2,3}|[(（]0\\d{2,3}[)）]|0\\d{2,3})[-\\s]?\\d{3,4}[-\\s]?\\d{4}';
const LOCAL_BODY = '[2-9]\\d{2,3}[-\\s]?\\d{4}';
/** Any phone number where a label says it is one: mobile, with area code, or local (7–8 digits). */
const ANY_BODY = `(?:${MOBILE_BODY}|${AREA_BODY}|${LOCAL_BODY})`;
const ANY_NUMBER = `${ANY_BODY}${EXTENSION}`;
const PHONE_LABEL =
  '(?:联系电话|办公电话|咨询电话|服务电话|固定电话|移动电话|电话号码|联系方式|电话|手机号码|手机号|手机|座机|传真|热线|致电|拨打|Tel|TEL|tel|Phone|phone)';
/** A unit after a number, which makes it a figure (not 本 or 项: 本项目 may follow a number). */
const UNIT =
  '(?:[元万亿千百%％‰]|人次|人|户|次|个|件|家|名|台|套|份|天|年|月|日|米|吨|张|册|条|所|辆|笔|例|床|平方|公里|小时)';
/** A date written as eight digits (20230101), which no rule takes for a phone number unless labelled. */
const NOT_DATE = '(?!(?:19|20)\\d\\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])(?!\\d))';
/** 电话：021-54135000 转 8012、54135093 (the label and every number joined to it). */
const LABELLED_PHONE = new RegExp(
  `${PHONE_LABEL}\\s*[:：]?\\s*(?<![\\d.])${ANY_NUMBER}` +
    // Further numbers joined to it, each standing apart (not a figure: `电话…，2000000人次`).
    `(?:\\s*[、/或和,，]\\s*${NOT_DATE}${ANY_BODY}(?:${EXTENSION_BODY}|(?!\\d|[.．]\\d|\\s*${UNIT})))*` +
    '(?!\\d|[.．]\\d|\\s*[元万亿千百%％‰])',
  'gu'
);
// Without a label, a number must stand apart: no digit, decimal point or separator against it.
const BEFORE_FREE = '(?<![\\d.+＋\\-])';
const UNIT_AFTER = '(?!\\d|[.．]\\d|\\s*[元万亿千百%％‰])';
const MOBILE = new RegExp(`${BEFORE_FREE}${MOBILE_BODY}${EXTENSION}${UNIT_AFTER}`, 'g');
const AREA = new RegExp(`${BEFORE_FREE}${AREA_BODY}${EXTENSION}${UNIT_AFTER}`, 'g');
/**
 * A bare 8-digit landline: not after a money or quantity word or a comparison, not a date, and not
 * followed by a decimal, a letter, a Chinese character (`54135092元`, `54135092人次`) or, after a
 * space, a unit (`54135092 元`); a word after a space does not join it (`54135092 详见附件`).
 */
const BARE_LANDLINE = new RegExp(
  `(?<!(?:(?:金额|资金|预算|拨款|经费|合计|总额|总计|支出|收入|费用|投入|补助|补贴|人数|数量)(?:为|是|达|达到|约|共|计)?|共|计|约|达|[≥≤=<>＞＜≧≦¥￥])\\s*[:：]?\\s*)` +
    `${BEFORE_FREE}${NOT_DATE}[2-9]\\d{7}${EXTENSION}` +
    '(?![.．]\\d|\\d|\\s*[A-Za-z%％‰]|[^\\P{Script=Han}转分]|\\s+(?:[元万亿千百]|人次|人|户|次|个|件|家|名|项|台|套|份|天))',
  'gu'
);

const LABELS = personalLabels().sort((a, b) => b.length - a.length);
const isPhoneLabel = (label: string) => /电话|手机|方式/.test(label);
/** A person label with a colon, and its value up to the next space, punctuation or digit. */
const LABELLED_PERSON = new RegExp(
  `(?:${LABELS.filter((l) => !isPhoneLabel(l)).join('|')})\\s*[:：]\\s*[^\\s\\d，,；;。、|()（）]+`,
  'g'
);
/** A phone label with a colon, and its value up to the next space or punctuation, whatever its form. */
const LABELLED_OTHER = new RegExp(
  `(?:${LABELS.filter(isPhoneLabel).join('|')})\\s*[:：]\\s*[^\\s，,；;。|]+`,
  'g'
);

const MAYBE_PERSONAL =
  /联系|负责人|填[报表]人|经办人|审核人|电话|手机|座机|传真|热线|致电|拨打|tel|phone|\d{7}|\d{3,4}[-\s)）]\d{3,4}/i;
/** A text that is only a number: a figure (a money field, a value cell), never a bare landline. */
const FIGURE = /^\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$/;
// A Unicode noncharacter, never in a source's text: it stands for a removed item until `tidy`.
const MARK = '\uFDD0';

/** The text with every name and phone number removed, and how many there were. */
export function redactPersonal(text: string): Redacted {
  // The common case: no label, no long digit run.
  if (!MAYBE_PERSONAL.test(text)) return { text, removed: 0 };
  let removed = 0;
  let out = text.replaceAll(MARK, '');
  const mark = (re: RegExp, count: (m: string) => number = () => 1) => {
    out = out.replace(re, (m) => {
      removed += count(m);
      return MARK;
    });
  };
  mark(LABELLED_PHONE, (m) => 1 + (m.match(/\s*[、/或和,，]\s*(?=[+(（\d])/g)?.length ?? 0));
  mark(CONTACT_VERB);
  mark(NAMED);
  mark(LABELLED_PERSON);
  mark(LABELLED_OTHER);
  mark(MOBILE);
  mark(AREA);
  if (!FIGURE.test(text)) mark(BARE_LANDLINE);
  return { text: removed ? tidy(out) : text, removed };
}

/** The text redacted, its removals added to `tally`. */
export function redactCounted(text: string, tally: RedactionTally): string {
  const r = redactPersonal(text);
  tally.removed += r.removed;
  return r.text;
}

/** Fields never redacted: ids and file names are not personal, and a hex id may hold 8 digits in a row. */
const NOT_TEXT = new Set(['project_id', 'indicator_id', 'series_id', 'source_file']);

/** Every text field of a record, redacted; removals are added to `tally`. */
export function redactRecord<T extends object>(record: T, tally: RedactionTally = { removed: 0 }): T {
  let out: Record<string, unknown> | null = null;
  const fields = record as Record<string, unknown>;
  for (const k in fields) {
    const v = fields[k];
    if (typeof v !== 'string' || NOT_TEXT.has(k)) continue;
    const r = redactPersonal(v);
    // Copied only when something is removed (rarely): records are many.
    if (r.removed) {
      tally.removed += r.removed;
      (out ??= { ...record } as Record<string, unknown>)[k] = r.text;
    }
  }
  return (out ?? record) as T;
}

/** Removes the marks of removed items with the punctuation and spaces they leave dangling. */
function tidy(text: string): string {
  let s = text;
  let before: string;
  do {
    before = s;
    // A clause of its own takes its comma: `A，\0，B` → `A，B`; `\0，\0` → nothing.
    s = s.replace(/\uFDD0[ \t\u3000]*[，,、；;：:]/g, MARK);
    // A clause at the end of a sentence takes the comma before it: `A，\0。` → `A。`.
    s = s.replace(/[，,、；;][ \t\u3000]*(\uFDD0+)(?=[ \t\u3000]*(?:[。！？!?]|$))/g, '$1');
    // Brackets around nothing but removed items go too: `（\0）`.
    s = s.replace(/[（(][ \t\u3000]*(\uFDD0+)[ \t\u3000]*[)）]/g, '$1');
    // A whole sentence of removed items goes with its full stop: `A。\0。` → `A。`.
    s = s.replace(/(^|[。！？!?\n])([ \t\u3000]*\uFDD0+[ \t\u3000]*)[。！？!?]/g, '$1$2');
  } while (s !== before);
  return s
    .replace(/([^\s\uFDD0])[ \t\u3000]*\uFDD0+[ \t\u3000]*(?=[^\s\uFDD0])/g, (m, c: string) =>
      /[ \t\u3000]/.test(m.slice(1)) ? `${c} ` : c
    )
    .replace(/[ \t\u3000]*\uFDD0+[ \t\u3000]*/g, '');
}
