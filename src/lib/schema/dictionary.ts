/** The data dictionary as Markdown, from the schema: README.md carries it verbatim. */
import { CONTRACT_VERSION, TABLES, TABLE_NAMES } from './tables';

/** Markers around the dictionary in README.md. */
export const DICTIONARY_MARKERS = ['<!-- data-dictionary:start -->', '<!-- data-dictionary:end -->'] as const;

/** Every Parquet file of the contract with its columns, types and meaning, as Markdown tables. */
export function dictionaryMarkdown(): string {
  const parts = [
    `数据契约 v${CONTRACT_VERSION}。金额为 \`DECIMAL(18,2)\` 元（精确到分）；比率为小数（0.5 即 50%）；\`NULL\` 表示原表未填写，不表示零。`,
    'v2 在 v1 之后新增列（单位所在的省、市、区县；PDF 与工作簿来源的页码 `source_page`；来源文件的页数、标题与原始发布地址），v1 的列、顺序与含义不变。'
  ];
  for (const name of TABLE_NAMES) {
    const t = TABLES[name];
    parts.push(`#### \`${name}.parquet\`：${t.title}（${t.doc}）`);
    const rows = t.columns.map((c) => `| \`${c.name}\` | ${c.type} | ${c.doc} |`);
    parts.push(['| 列 | 类型 | 含义 |', '|---|---|---|', ...rows].join('\n'));
  }
  return parts.join('\n\n');
}
