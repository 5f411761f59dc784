/** The whole ingest as a function: manifest, duplicates, missing files, fatal errors. */
import { describe, expect, it } from 'vitest';
import { IngestError, parseDocument } from '../../../src/lib/ingest/document';
import {
  IngestFailure,
  describeRefusal,
  ingestSources,
  type SourceFile
} from '../../../src/lib/ingest/pipeline';
import { parseManifest } from '../../../src/lib/ingest/manifest';
import { ingestAudit } from '../../../src/lib/audit';
import { manifest, rawSources, sha256 } from '../../helpers/seeds';

const file = (name: string, text: string): SourceFile => {
  const bytes = new TextEncoder().encode(text);
  return { file: name, bytes, sha256: sha256(bytes) };
};

async function failureOf(run: () => Promise<unknown>): Promise<IngestFailure> {
  try {
    await run();
  } catch (e) {
    if (e instanceof IngestFailure) return e;
    throw e;
  }
  throw new Error('expected an IngestFailure');
}

const { dataset, report } = await ingestSources(rawSources(), manifest(), { audit: ingestAudit });

describe('ingestSources over the seeds', () => {
  it('yields 41 projects and 425 indicators, with a report per file', () => {
    expect(dataset.projects).toHaveLength(41);
    expect(dataset.indicators).toHaveLength(425);
    expect(report.sources.map((s) => [s.file.slice(0, 3), s.layout, s.projects, s.indicators])).toEqual([
      ['000', 'markdown', 6, 37],
      ['001', 'text', 3, 23],
      ['002', 'tsv', 13, 90],
      ['003', 'tsv', 12, 192],
      ['004', 'text', 7, 83]
    ]);
    expect(report.totals).toMatchObject({ sources: 5, projects: 41, indicators: 425, warnings: 6 });
    expect(dataset.sources.map((s) => s.sha256)).toEqual(rawSources().map((s) => s.sha256));
  });

  it('reports every warning with its file and line', () => {
    for (const s of report.sources)
      for (const w of s.warnings) {
        expect(w.file).toBe(s.file);
        expect(w.line).toBeGreaterThan(0);
      }
  });

  it('is deterministic', async () => {
    const again = await ingestSources(rawSources(), manifest(), { audit: ingestAudit });
    expect(JSON.stringify(again)).toBe(JSON.stringify({ dataset, report }));
  });
});

describe('defined outcomes for awkward inputs', () => {
  const seeds = rawSources();
  const m = manifest();

  it('imports the same source twice only once, with a warning', async () => {
    const copy = { ...(seeds[0] as SourceFile), file: 'copy-of-000.txt' };
    const { dataset, report } = await ingestSources([...seeds, copy], m);
    expect(dataset.projects).toHaveLength(41);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        file: 'copy-of-000.txt',
        code: 'duplicate-source',
        message: expect.stringContaining('000_5da2509ae1f89920.txt')
      })
    );
  });

  it('refuses a manifest row that names a missing file, and ingests the rest', async () => {
    const { dataset, report } = await ingestSources(seeds.slice(1), m);
    expect(dataset.projects).toHaveLength(35);
    expect(report.refused).toEqual([
      { file: 'data/sources.csv', line: 2, page: null, reason: '登记的文件 000_5da2509ae1f89920.txt 不存在' }
    ]);
    expect(report.totals.refused).toBe(1);
  });

  it('with strict, fails the whole run on the same row', async () => {
    const e = await failureOf(() => ingestSources(seeds.slice(1), m, { strict: true }));
    expect(e.message).toBe('data/sources.csv:2: 登记的文件 000_5da2509ae1f89920.txt 不存在');
  });

  it('imports a file without a manifest row from what it says, with a warning', async () => {
    const seed000 = seeds[0] as SourceFile;
    const extra = {
      ...seed000,
      file: 'new.txt',
      bytes: new Uint8Array([...seed000.bytes, 0x0a]),
      sha256: 'x'.repeat(64)
    };
    const { dataset, report } = await ingestSources([...seeds, extra], m);
    expect(dataset.projects).toHaveLength(47);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ file: 'new.txt', code: 'not-in-manifest' })
    );
  });

  it('refuses an unrecognisable document, naming file and line, and publishes the others', async () => {
    const notes = file('notes.txt', '\n\n会议纪要\n今天讨论了预算。\n');
    const { dataset, report } = await ingestSources([...seeds, notes], m);
    expect(dataset.projects).toHaveLength(41);
    expect(report.sources.map((s) => s.file)).not.toContain('notes.txt');
    expect(report.refused.map(describeRefusal)).toEqual([
      'notes.txt:3: 无法识别表格类型：未找到“绩效目标申报表”或“绩效自评表”的标题'
    ]);
  });

  it('fails on a project without a name or without an amount', () => {
    const noName =
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | | 项目性质 | 其他经常性项目 |\n| 主管部门 | 上海市松江区医疗保障局 | | |\n| 项目资金 (元) | 项目资金总额 | 年度资金申请总额 | 100.00 |\n';
    expect(() => parseDocument({ file: 'a.md', text: noName, sourceId: 'a' })).toThrowError(
      new IngestError('a.md', 3, '项目名称为空；这个项目（第 1–5 行）未导入', null, { from: 1, to: 5 })
    );
    const noAmount =
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | 宣传 |\n| 主管部门 | 上海市松江区医疗保障局 |\n| 项目资金 (元) | 项目资金总额 | 年度资金申请总额 | |\n';
    expect(() => parseDocument({ file: 'b.md', text: noAmount, sourceId: 'b' })).toThrowError(
      /^b\.md:1: 项目“宣传”没有金额/
    );
  });

  it('with strict, collects every refusal of a run before failing', async () => {
    const e = await failureOf(() =>
      ingestSources(
        [file('a.txt', '无标题'), file('b.txt', '也无标题')],
        { entries: [], problems: [] },
        { strict: true }
      )
    );
    expect(e.refused.map((x) => x.file)).toEqual(['a.txt', 'b.txt']);
  });

  it('refuses one project of a document and keeps the others', async () => {
    const good =
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | 宣传与推广 |\n| 主管部门 | 上海市松江区医疗保障局 |\n| 年度资金申请总额 | 100.00 |\n';
    const noAmount =
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | 宣传 |\n| 主管部门 | 上海市松江区医疗保障局 |\n| 年度资金申请总额 | |\n';
    const { dataset, report } = await ingestSources(
      [file('mixed.md', good + noAmount + good.replace('宣传与推广', '法律服务'))],
      {
        entries: [],
        problems: []
      }
    );
    expect(dataset.projects.map((p) => p.name)).toEqual(['宣传与推广', '法律服务']);
    expect(report.refused.map(describeRefusal)).toEqual([
      'mixed.md:6: 项目“宣传”没有金额（年度资金申请总额 / 全年预算数均为空）；这个项目（第 6–10 行）未导入'
    ]);
  });

  it('keeps two projects with the same name in one file, with a warning', async () => {
    const one =
      '财政项目支出绩效目标申报表\n(2026年度)\n| 项目名称 | 宣传与推广 |\n| 主管部门 | 上海市松江区医疗保障局 |\n| 年度资金申请总额 | 100.00 |\n';
    const { dataset, report } = await ingestSources([file('twice.md', one + one)], {
      entries: [],
      problems: []
    });
    expect(dataset.projects.map((p) => p.project_id)).toHaveLength(2);
    expect(new Set(dataset.projects.map((p) => p.project_id)).size).toBe(2);
    expect(report.sources[0]?.warnings).toContainEqual(
      expect.objectContaining({ code: 'duplicate-project-name', line: 6 })
    );
  });

  it('warns about a negative amount with file and line, and the audit reports it naming the field', async () => {
    // Three seeds with a minus sign typed in: 000 社会救助's 年度资金申请总额 (line 12), 004's
    // funds table 全年执行数 of 设备购置 (line 17), 002's first itemised budget line (line 54).
    const edits: Record<string, [number, string, string]> = {
      '000': [12, '| 11,143,200.00 |', '| -11,143,200.00 |'],
      '004': [17, ' 60,000 ', ' -60,000 '],
      '002': [54, '\t93808.00\t', '\t-93808.00\t']
    };
    const files = rawSources().map((f) => {
      const edit = edits[f.file.slice(0, 3)];
      if (!edit) return f;
      const [line, from, to] = edit;
      const lines = new TextDecoder().decode(f.bytes).split('\n');
      expect(lines[line - 1]).toContain(from);
      lines[line - 1] = (lines[line - 1] as string).replace(from, to);
      return file(f.file, lines.join('\n'));
    });
    const { dataset, report } = await ingestSources(files, manifest(), { audit: ingestAudit });
    const negative = report.sources.flatMap((s) => s.warnings.filter((w) => w.code === 'negative-amount'));
    expect(negative.map((w) => [w.file.slice(0, 3), w.line, w.message])).toEqual([
      ['000', 12, '“年度资金申请总额”为负数（-11143200.00 元），已照原表读入'],
      ['002', 54, '明细金额为负数（-93808.00 元），已照原表读入'],
      ['004', 17, '资金表“全年执行数”为负数（-60000.00 元），已照原表读入']
    ]);
    const name = (id: string) => dataset.projects.find((p) => p.project_id === id)?.name;
    const found = dataset.checks.filter((c) => c.rule === 'negative-amount');
    expect(found.map((c) => [name(c.project_id), c.severity, c.expected, c.actual, c.message])).toEqual([
      [
        '社会救助',
        'error',
        0,
        -11143200,
        '「社会救助」“年度资金总额”为负数（-11,143,200.00 元），金额不应小于零，请核对原表'
      ],
      [
        '城乡居民医保资金区本级财政筹集资金',
        'error',
        0,
        -93808,
        '「城乡居民医保资金区本级财政筹集资金」项目构成分解第 1 项“缴费补贴本级财政筹”的明细金额为负数（-93,808.00 元），金额不应小于零，请核对原表'
      ],
      [
        '设备购置',
        'error',
        0,
        -60000,
        '「设备购置」“全年执行数”为负数（-60,000.00 元），金额不应小于零，请核对原表'
      ]
    ]);
  });

  it('warns when the document disagrees with the manifest, and believes the document', () => {
    const text =
      '财政项目支出绩效目标申报表\n(2025年度)\n| 项目名称 | 宣传 |\n| 主管部门 | 上海市宝山区医疗保障局 |\n| 年度资金申请总额 | 100.00 |\n';
    const entry = {
      file: 'x.md',
      form: 'target' as const,
      year: 2026,
      district: '松江区',
      department: '上海市松江区医疗保障局'
    };
    const parsed = parseDocument({ file: 'x.md', text, sourceId: 'x', manifest: entry });
    expect(parsed.projects[0]).toMatchObject({
      year: 2025,
      district: '宝山区',
      department: '上海市宝山区医疗保障局'
    });
    expect(
      parsed.warnings
        .map((w) => w.code)
        .filter((c) => c.startsWith('manifest'))
        .sort()
    ).toEqual(['manifest-department', 'manifest-district', 'manifest-year']);
    expect(parsed.warnings).toContainEqual(expect.objectContaining({ code: 'no-indicator-table', line: 1 }));
  });
});

describe('parseManifest', () => {
  it('reads the real manifest', () => {
    const { entries, problems } = manifest();
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.file.slice(0, 3), e.form, e.year, e.district])).toEqual([
      ['000', 'target', 2026, '松江区'],
      ['001', 'target', 2023, '宝山区'],
      ['002', 'target', 2020, '闵行区'],
      ['003', 'target', 2024, '市级'],
      ['004', 'self_eval', 2021, '松江区']
    ]);
  });

  it('reads the optional columns: title, the original address, where the body sits', () => {
    const { entries, problems, notes } = parseManifest(
      'file,form,year,district,department,title,url,province,city,county\n' +
        'a.pdf,self_eval,2024,临江县,临江县水利局,临江县2024年项目支出绩效自评表,https://example.gov.cn/a.pdf,某某省,某某市,临江县\n' +
        'b.pdf,target,2024,,,,javascript:alert(1),,,\n'
    );
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({
      title: '临江县2024年项目支出绩效自评表',
      url: 'https://example.gov.cn/a.pdf',
      province: '某某省',
      city: '某某市',
      county: '临江县'
    });
    // Only a web address is kept as a link; anything else is left out, with a note.
    expect(entries[1]).toMatchObject({ url: null, title: null, province: null });
    expect(notes).toEqual([{ line: 3, message: '地址“javascript:alert(1)”不是 http(s) 网址，未记录' }]);
  });

  it('reports bad rows with their line', () => {
    const { problems } = parseManifest(
      'file,form,year,district,department\na.txt,plan,20x6,松江区,\na.txt,target,2026,,\n'
    );
    expect(problems).toEqual([
      { line: 2, message: '未知的表格类型“plan”（应为 target 或 self_eval）' },
      { line: 2, message: '年度“20x6”不是四位数字' },
      { line: 3, message: '文件 a.txt 已在第 2 行登记' }
    ]);
  });
});
