/**
 * Personal data: names after contact labels and every phone number are removed from what is
 * published, and no figure beside them is touched.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPersonal, redactRecord, type RedactionTally } from '../../../src/lib/ingest/personal';
import { ingestSources, type SourceFile } from '../../../src/lib/ingest/pipeline';
import { manifest, parseSeed, rawSources, sha256 } from '../../helpers/seeds';

const removed = (text: string) => redactPersonal(text).text;

describe('redactPersonal', () => {
  it('removes a value a personal label introduces with a colon, label and all', () => {
    expect(redactPersonal('填报单位负责人：张志权')).toEqual({ text: '', removed: 1 });
    expect(redactPersonal('联系人： 瞿文佳，联系电话：54135092')).toEqual({ text: '', removed: 2 });
    expect(redactPersonal('项目负责人：刘国荣 其他')).toEqual({ text: '其他', removed: 1 });
    expect(redactPersonal('请致电15618532550咨询')).toEqual({ text: '请咨询', removed: 1 });
  });

  it('removes names after 联系人 / 负责人 / 填报人 / 经办人 with or without a colon or space', () => {
    expect(redactPersonal('联系人张三')).toEqual({ text: '', removed: 1 });
    expect(removed('联系人 张三')).toBe('');
    expect(removed('由联系人张三负责')).toBe('由负责');
    expect(removed('本项目负责人为王五，经办人赵六。')).toBe('本项目。');
    expect(removed('由项目负责人王五，统筹协调')).toBe('由项目统筹协调');
    expect(removed('填报人李四，填报日期2019年12月31日')).toBe('填报日期2019年12月31日');
    expect(removed('项目负责人王科长负责协调')).toBe('负责协调');
    expect(removed('联系人欧阳小明、')).toBe('');
  });

  it('removes a name after 请联系 or between 请与 and 联系, with its lead-in', () => {
    expect(removed('咨询请联系钱七')).toBe('');
    expect(removed('如有疑问，可联系孙八老师。')).toBe('');
    expect(removed('详情请与钱七联系。')).toBe('');
  });

  it('removes the contact clause and keeps the sentence before it', () => {
    // The rule: each name or number goes with its label or lead-in; a comma after it goes too,
    // as does a comma before it at the end of a sentence, and a full stop after a sentence that
    // held nothing else.
    expect(redactPersonal('本项目由区医保中心实施。咨询请联系钱七，电话021-54135000。')).toEqual({
      text: '本项目由区医保中心实施。',
      removed: 2
    });
    expect(removed('资金11143200元，联系人张三，电话：54135092，用于医疗救助。')).toBe(
      '资金11143200元，用于医疗救助。'
    );
    expect(removed('按时完成，联系人张三。')).toBe('按时完成。');
    expect(removed('由医保中心实施（联系人：张三，电话54135092）。')).toBe('由医保中心实施。');
  });

  it('leaves words that only contain a contact label', () => {
    for (const text of [
      '医保经办人满意率',
      '满足经办人员日常使用率',
      '负责人制度健全',
      '联系人数',
      '项目负责人是否到位',
      '加强与高校联系',
      '联系黄浦区医保局'
    ])
      expect(redactPersonal(text)).toEqual({ text, removed: 0 });
  });

  it('removes every phone number, with or without a label, area code, +86, spaces or extension', () => {
    const cases: [string, string, number][] = [
      ['电话021-54135000。', '', 1],
      ['联系电话：54135092', '', 1],
      ['(021)64120013', '', 1],
      ['（021）64120013', '', 1],
      ['热线0571-8888 1234', '', 1],
      ['手机 +86 156 1853 2550，收到', '收到', 1],
      ['+8615618532550', '', 1],
      ['15618532550', '', 1],
      ['156-1853-2550', '', 1],
      ['电话：021-54135000 转 8012', '', 1],
      ['021-54135000-8012', '', 1],
      ['电话：54135092、54135093或64120013', '', 3],
      ['传真：5413 5099', '', 1],
      ['Tel: 021 5413 5000', '', 1],
      ['拨打 6412 0013 咨询', '咨询', 1],
      ['联系方式：54135092。', '', 1],
      ['已通知，54135092。', '已通知。', 1]
    ];
    for (const [text, want, n] of cases)
      expect(redactPersonal(text), text).toEqual({ text: want, removed: n });
  });

  it('keeps amounts, dates, years, percentages and document numbers', () => {
    for (const text of [
      '年度资金 11143200.00 元',
      '11,143,200.00',
      '11143200',
      '54135092',
      '资金54135092，',
      '预算为54135092。',
      '54135092元',
      '共54135092人次',
      '≥54135092',
      '执行率95.5%，得分9.55',
      '13500000000元',
      '13500000000.00',
      '20230101',
      '2023年1月1日至2023-12-31',
      '沪医保〔2020〕12号',
      '（2023年度）',
      '拨打12345热线'
    ])
      expect(redactPersonal(text), text).toEqual({ text, removed: 0 });
  });
});

describe('redactRecord', () => {
  it('counts what it removes and leaves ids, file names and figures alone', () => {
    const tally: RedactionTally = { removed: 0 };
    const record = {
      project_id: '54135092-01',
      source_file: '000_54135092.txt',
      series_id: 's-201901015413',
      annual_amount: '54135092.00',
      target_text: '54135092',
      goal: '保障运行。咨询请联系钱七，电话021-54135000。',
      outcome: null
    };
    const out = redactRecord(record, tally);
    expect(out).toEqual({ ...record, goal: '保障运行。' });
    expect(tally.removed).toBe(2);
    // Untouched records are returned as they are (no copy).
    expect(redactRecord({ name: '社会救助' }, tally)).toEqual({ name: '社会救助' });
    expect(tally.removed).toBe(2);
  });
});

describe('the ingest', () => {
  const file = (name: string, text: string): SourceFile => {
    const bytes = new TextEncoder().encode(text);
    return { file: name, bytes, sha256: sha256(bytes) };
  };

  it('removes a contact written into a goal, and reports how many items it removed', async () => {
    // 000's 社会救助: its 年度总体目标 (line 17) with a contact sentence appended.
    const files = rawSources().map((f) => {
      if (!f.file.startsWith('000')) return f;
      const lines = new TextDecoder().decode(f.bytes).split('\n');
      expect(lines[16]).toContain('转变为即时救助。');
      lines[16] = (lines[16] as string).replace(
        '转变为即时救助。',
        '转变为即时救助。咨询请联系钱七，电话021-54135000。'
      );
      return file(f.file, lines.join('\n'));
    });
    const { dataset, report } = await ingestSources(files, manifest());
    const rescue = dataset.projects.find((p) => p.name === '社会救助' && p.year === 2026);
    expect(rescue?.goal).toBe(parseSeed('000').projects.find((p) => p.name === '社会救助')?.goal);
    expect(rescue?.goal?.endsWith('将有条件的事后救助逐步转变为即时救助。')).toBe(true);
    expect(JSON.stringify({ dataset, report })).not.toMatch(/钱七|54135000/);
    expect(report.sources.map((s) => [s.file.slice(0, 3), s.redactions])).toEqual([
      ['000', 2],
      ['001', 0],
      // 002 states 项目负责人 / 联系人 / 联系电话 and a 填表人 line in each of its 13 forms' parts.
      ['002', 130],
      ['003', 0],
      ['004', 0]
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzz: random Chinese sentences with names, phone numbers and figures in them.

const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '钱',
  '孙',
  '周',
  '吴',
  '郑',
  '陈',
  '刘',
  '瞿',
  '骆',
  '潘',
  '欧阳',
  '司马'
];
const GIVEN = [...'三四五六七伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚文佳俊怡萍辉蕾'];
const FILLER = [
  '坚持城乡统筹推进',
  '实现城乡救助标准一体化',
  '确保救助公平公正',
  '改进救助支付和结算方式',
  '有效缓解就医负担',
  '本项目由区医疗保障局组织实施',
  '提高服务对象满意度',
  '按时完成年度工作任务',
  '加强使用管理',
  '做好政策宣传',
  '保障服务器正常运行',
  '落实互助帮困制度',
  '维护社会稳定'
];
const SEPARATORS = ['，', '。', '；', '、', ' ', '　'];

/** A piece of a sentence: text, and whether it may touch its neighbours without a separator. */
interface Piece {
  kind: 'filler' | 'keep' | 'personal';
  text: string;
  /** Names and numbers in it (personal pieces). */
  secrets: string[];
  joinBefore: boolean;
  joinAfter: boolean;
}

const digits = (min: number, max: number) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min - 1, maxLength: max - 1 })
    )
    .map(([a, rest]) => `${a}${rest.join('')}`);
const landline8 = fc
  .tuple(
    fc.integer({ min: 2, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 })
  )
  .map(([a, rest]) => `${a}${rest.join('')}`)
  .filter((n) => !/^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(n));
const mobile = fc
  .tuple(
    fc.constantFrom('13', '15', '17', '18', '19'),
    digits(9, 9),
    fc.constantFrom('', '+86', '+86 ', '86-')
  )
  .chain(([head, rest, prefix]) => {
    const n = `${head}${rest}`;
    return fc
      .constantFrom(
        n,
        `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
        `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`
      )
      .map((form) => `${prefix}${form}`);
  });
const withArea = fc
  .tuple(fc.constantFrom('021', '010', '0571', '0755', '025'), landline8)
  .chain(([area, n]) =>
    fc.constantFrom(
      `${area}-${n}`,
      `(${area})${n}`,
      `（${area}）${n}`,
      `${area}-${n.slice(0, 4)} ${n.slice(4)}`,
      `${area} ${n}`
    )
  );
const extension = fc.constantFrom('', '', '转8012', ' 转 8012', '-8012', '分机 601');

const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));
const namePiece: fc.Arbitrary<Piece> = fc
  .tuple(
    name,
    fc.constantFrom(
      '联系人',
      '联系人 ',
      '联系人：',
      '负责人',
      '负责人为',
      '项目负责人：',
      '填报人',
      '填报人 ',
      '经办人',
      '经办人：',
      '咨询请联系',
      '请联系',
      '可联系'
    )
  )
  .map(([n, lead]) => ({
    kind: 'personal',
    text: lead + n,
    secrets: [n],
    joinBefore: true,
    joinAfter: false
  }));
const verbNamePiece: fc.Arbitrary<Piece> = name.map((n) => ({
  kind: 'personal',
  text: `请与${n}联系`,
  secrets: [n],
  joinBefore: true,
  joinAfter: false
}));

const labelled: fc.Arbitrary<Piece> = fc
  .tuple(
    fc.constantFrom('电话', '联系电话', '手机', '座机', '传真', 'Tel', '致电', '拨打', '咨询电话'),
    fc.constantFrom('', '：', ':', ' ', '： '),
    fc.array(fc.tuple(fc.oneof(mobile, withArea, landline8), extension), { minLength: 1, maxLength: 3 })
  )
  .map(([label, sep, numbers]) => {
    const texts = numbers.map(([n, ext]) => n + ext);
    return {
      kind: 'personal',
      text: label + sep + texts.join('、'),
      secrets: texts,
      joinBefore: true,
      joinAfter: true
    };
  });
const unlabelled: fc.Arbitrary<Piece> = fc.tuple(fc.oneof(mobile, withArea), extension).map(([n, ext]) => ({
  kind: 'personal',
  text: n + ext,
  secrets: [n + ext],
  joinBefore: true,
  joinAfter: true
}));
// A bare 8-digit landline is only one when it stands apart: punctuation or spaces around it.
const bare: fc.Arbitrary<Piece> = landline8.map((n) => ({
  kind: 'personal',
  text: n,
  secrets: [n],
  joinBefore: false,
  joinAfter: false
}));

const year = fc.integer({ min: 2015, max: 2030 });
const month = fc.integer({ min: 1, max: 12 });
const day = fc.integer({ min: 1, max: 28 });
const pad = (n: number) => String(n).padStart(2, '0');
const grouped = (n: string) => n.replace(/\B(?=(\d{3})+$)/g, ',');
const keepText = fc.oneof(
  fc.tuple(digits(1, 10), fc.integer({ min: 0, max: 99 })).map(([n, f]) => `${grouped(n)}.${pad(f)}元`),
  fc.tuple(digits(1, 10), fc.integer({ min: 0, max: 99 })).map(([n, f]) => `${n}.${pad(f)}`),
  fc.tuple(digits(1, 6), fc.integer({ min: 0, max: 99 })).map(([n, f]) => `${n}.${pad(f)}万元`),
  digits(1, 11).map((n) => `${n}元`),
  fc
    .tuple(fc.constantFrom('资金', '预算：', '合计', '年度资金总额', '补助资金为'), digits(1, 10))
    .map(([w, n]) => w + n),
  digits(1, 10).map((n) => `≥${n}`),
  digits(1, 9).map((n) => `${n}人次`),
  digits(1, 3).map((n) => `${n}.5%`),
  digits(1, 3).map((n) => `${n}%`),
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}年${m}月${d}日`),
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  fc.tuple(year, month, day).map(([y, m, d]) => `${y}${pad(m)}${pad(d)}`),
  year.map((y) => `${y}年度`),
  fc
    .tuple(fc.constantFrom('沪医保', '闵医保发', '松财预'), year, fc.integer({ min: 1, max: 99 }))
    .map(([org, y, n]) => `${org}〔${y}〕${n}号`)
);
const keep: fc.Arbitrary<Piece> = keepText.map((text) => ({
  kind: 'keep',
  text,
  secrets: [],
  // Figures touch only words: a digit against a digit would make another number.
  joinBefore: /^\D/.test(text),
  joinAfter: /\D$/.test(text)
}));
const filler: fc.Arbitrary<Piece> = fc
  .constantFrom(...FILLER)
  .map((text) => ({ kind: 'filler', text, secrets: [], joinBefore: true, joinAfter: true }));

/** A sentence of pieces, each pair joined directly where both allow it (and one is words), else by punctuation. */
const sentence = fc
  .array(fc.oneof(filler, filler, keep, keep, namePiece, verbNamePiece, labelled, unlabelled, bare), {
    minLength: 1,
    maxLength: 10
  })
  .chain((pieces) =>
    fc
      .array(fc.constantFrom(...SEPARATORS, '', ''), { minLength: pieces.length, maxLength: pieces.length })
      .map((seps) => {
        let text = '';
        pieces.forEach((p, i) => {
          const prev = pieces[i - 1];
          const direct =
            prev && prev.joinAfter && p.joinBefore && (prev.kind === 'filler' || p.kind === 'filler');
          if (prev) text += direct ? (seps[i] as string) : (seps[i] as string) || '，';
          text += p.text;
        });
        return { pieces, text: `${text}。` };
      })
  );

const RUNS = Number(process.env.FUZZ_RUNS ?? 500) * 4;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);

describe('random sentences with names, phone numbers and figures', () => {
  it(`lose every name and number and keep every figure (FUZZ_SEED=${SEED} to replay)`, () => {
    console.log(`personal.test.ts fuzz: FUZZ_SEED=${SEED}, ${RUNS} runs`);
    fc.assert(
      fc.property(sentence, ({ pieces, text }) => {
        const r = redactPersonal(text);
        const secrets = pieces.flatMap((p) => p.secrets);
        expect(r.removed, text).toBe(secrets.length);
        // Every figure is there, whole and in order; what is left once they are taken out has
        // no digit, and no name.
        let rest = r.text;
        let at = 0;
        for (const p of pieces.filter((x) => x.kind === 'keep')) {
          const i = rest.indexOf(p.text, at);
          expect(i, `“${p.text}” lost from “${text}” → “${r.text}”`).toBeGreaterThanOrEqual(0);
          rest = rest.slice(0, i) + '｜' + rest.slice(i + p.text.length);
          at = i + 1;
        }
        expect(rest, `a number left in “${text}” → “${r.text}”`).not.toMatch(/\d/);
        for (const p of pieces.filter((x) => x.kind === 'personal'))
          for (const s of p.secrets) expect(rest.includes(s), `“${s}” left in “${r.text}”`).toBe(false);
      }),
      { numRuns: RUNS, seed: SEED }
    );
  });
});
