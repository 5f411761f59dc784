/**
 * The data contract (version 1, see README "数据字典"): every Parquet file the ingest writes, its
 * columns, their DuckDB types and their meaning. The ingest writer, the site's data dictionary,
 * the CSV exports and the contract tests all read this one list.
 */

/** DuckDB column types used by the contract. */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'SMALLINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'DECIMAL(18,2)';

/** One column: its name, type and a one-line meaning in Chinese and English. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly doc: string;
}

/** One Parquet file of the contract. */
export interface TableSpec {
  readonly name: TableName;
  readonly title: string;
  readonly doc: string;
  readonly columns: readonly ColumnSpec[];
  /** Sort order of the rows in the Parquet file (the browser reader relies on it). */
  readonly orderBy: readonly string[];
}

/** Version of the data contract; bump together with the README's data dictionary. */
export const CONTRACT_VERSION = 2;

/** Names of the tables, in the order they are listed to users. */
export const TABLE_NAMES = [
  'projects',
  'indicators',
  'budget_lines',
  'safeguards',
  'sources',
  'checks'
] as const;
/** A table of the contract. */
export type TableName = (typeof TABLE_NAMES)[number];

const c = (name: string, type: ColumnType, doc: string): ColumnSpec => ({ name, type, doc });
const MONEY = 'DECIMAL(18,2)';

/** Every table of the contract, keyed by name. */
export const TABLES: Record<TableName, TableSpec> = {
  projects: {
    name: 'projects',
    title: '项目',
    doc: '每个项目每张表一行：申报表或自评表',
    orderBy: ['year', 'district', 'source_file', 'source_line'],
    columns: [
      c('project_id', 'VARCHAR', '项目编号：同一来源文件多次导入保持不变'),
      c('source_file', 'VARCHAR', '来源文件名（data/raw/ 下）'),
      c('source_line', 'INTEGER', '该项目表格在来源文件中开始的行号（从 1 起）'),
      c('form', 'VARCHAR', '表格类型：target（绩效目标申报表）或 self_eval（绩效自评表）'),
      c('year', 'SMALLINT', '预算年度'),
      c('district', 'VARCHAR', '区县（松江区、宝山区、临江县……）；市级单位为“市级”，省级单位为“省级”'),
      c('department', 'VARCHAR', '主管部门'),
      c('implementing_unit', 'VARCHAR', '实施单位'),
      c('name', 'VARCHAR', '项目名称'),
      c('nature', 'VARCHAR', '项目性质（原文）'),
      c('category', 'VARCHAR', '项目类别（原文；2020 年表为勾选项）'),
      c('series_id', 'VARCHAR', '同一单位同一项目跨年度、跨表格的系列编号'),
      c('topic', 'VARCHAR', '主题分类（各区统一口径，便于同类比较）'),
      c('start_date', 'DATE', '计划开始日期 / 起始日期'),
      c('end_date', 'DATE', '计划完成日期 / 结束日期'),
      c('goal', 'VARCHAR', '年度总体目标 / 年度绩效目标 / 预算目标'),
      c('long_term_goal', 'VARCHAR', '项目总目标'),
      c('outcome', 'VARCHAR', '自评表：实际完成情况'),
      c('project_total', MONEY, '项目资金总额 / 项目总预算（元）'),
      c(
        'annual_amount',
        MONEY,
        '申报表：年度资金申请总额 / 当年预算；自评表：年度资金总额的全年预算数（元）'
      ),
      c('fiscal_amount', MONEY, '当年财政拨款 / 财政拨款（元）'),
      c('carryover_amount', MONEY, '上年结转资金（元）'),
      c('other_amount', MONEY, '其他资金（元）'),
      c('fiscal_superior', MONEY, '上级财政拨款（元）'),
      c('fiscal_local', MONEY, '本级财政安排（元）'),
      c('fiscal_subordinate', MONEY, '下级财政配套（元）'),
      c('budget_initial', MONEY, '自评表：年初预算数（元）'),
      c('budget_adjusted', MONEY, '自评表：全年预算数（元）'),
      c('executed_amount', MONEY, '自评表：全年执行数（元）'),
      c('execution_rate', 'DOUBLE', '自评表：执行率（原表所报，小数：0.5 即 50%）'),
      c('execution_weight', 'DOUBLE', '自评表：预算执行率的分值'),
      c('execution_score', 'DOUBLE', '自评表：预算执行率的得分'),
      c('total_score', 'DOUBLE', '自评表：总分'),
      c('province', 'VARCHAR', '主管部门所在省级行政区（上海市、四川省……；不明为 NULL）'),
      c('city', 'VARCHAR', '所在市（直辖市同省级，如上海市；不明为 NULL）'),
      c('county', 'VARCHAR', '所在区县（松江区、临江县……；市级、省级单位为 NULL）'),
      c(
        'source_page',
        'SMALLINT',
        'PDF 的页码或工作簿的工作表序号（从 1 起）；文本来源为 NULL。此时 source_line 为该页（表）内的行号'
      )
    ]
  },
  indicators: {
    name: 'indicators',
    title: '绩效指标',
    doc: '每个三级指标一行',
    orderBy: ['project_id', 'seq'],
    columns: [
      c('indicator_id', 'VARCHAR', '指标编号'),
      c('project_id', 'VARCHAR', '所属项目'),
      c('seq', 'SMALLINT', '在项目内的顺序（从 1 起）'),
      c('level1', 'VARCHAR', '一级指标（统一口径）'),
      c('level2', 'VARCHAR', '二级指标（统一口径）'),
      c('level1_raw', 'VARCHAR', '一级指标（原文）'),
      c('level2_raw', 'VARCHAR', '二级指标（原文）'),
      c('name', 'VARCHAR', '三级指标'),
      c('target_text', 'VARCHAR', '年度指标值（原文）；表中为空则为 NULL'),
      c('target_op', 'VARCHAR', '比较符：>=、<=、=、>、<；定性指标或未写比较符为 NULL'),
      c('target_value', 'DOUBLE', '指标值数值（基本单位：12万 → 120000；172.42(万元) → 1724200）'),
      c('target_unit', 'VARCHAR', '单位：%、人、次、元……；无单位为 NULL'),
      c('actual_text', 'VARCHAR', '自评表：实际完成值（原文）'),
      c('actual_value', 'DOUBLE', '自评表：实际完成值数值（基本单位）'),
      c('actual_unit', 'VARCHAR', '自评表：实际完成值单位'),
      c('weight', 'DOUBLE', '自评表：分值'),
      c('score', 'DOUBLE', '自评表：得分'),
      c('deviation', 'VARCHAR', '偏差原因分析及改进措施'),
      c('basis', 'VARCHAR', '2020 年表：备注列（工作计划、管理目标、行业标准、历史标准……）'),
      c(
        'achieved',
        'BOOLEAN',
        '是否达成：得分等于分值；否则按实际值与指标值比较；否则定性实际值等于指标值；否则 NULL'
      ),
      c('source_line', 'INTEGER', '来源文件中的行号'),
      c('source_page', 'SMALLINT', 'PDF 页码或工作表序号；文本来源为 NULL')
    ]
  },
  budget_lines: {
    name: 'budget_lines',
    title: '项目构成分解',
    doc: '2020 年表的项目构成分解（明细预算）',
    orderBy: ['project_id', 'seq'],
    columns: [
      c('project_id', 'VARCHAR', '所属项目'),
      c('seq', 'SMALLINT', '顺序（从 1 起）'),
      c('content', 'VARCHAR', '项目内容'),
      c('detail', 'VARCHAR', '项目明细'),
      c('amount', MONEY, '明细金额（元）'),
      c('unit_price', MONEY, '单价（元）'),
      c('quantity', 'DOUBLE', '数量'),
      c('note', 'VARCHAR', '备注'),
      c('source_file', 'VARCHAR', '来源文件名'),
      c('source_line', 'INTEGER', '来源文件中的行号'),
      c('source_page', 'SMALLINT', 'PDF 页码或工作表序号；文本来源为 NULL')
    ]
  },
  safeguards: {
    name: 'safeguards',
    title: '制度保障',
    doc: '2020 年表的制度保障：管理制度及其适用阶段',
    orderBy: ['project_id', 'seq'],
    columns: [
      c('project_id', 'VARCHAR', '所属项目'),
      c('seq', 'SMALLINT', '顺序（从 1 起）'),
      c('kind', 'VARCHAR', '项目管理制度 / 预算管理制度 / 财务管理制度'),
      c('document', 'VARCHAR', '文件名称'),
      c('measures', 'VARCHAR', '具体措施'),
      c('at_planning', 'BOOLEAN', '立项和计划阶段（勾选为 true，× 或空框为 false，未标注为 NULL）'),
      c('at_implementation', 'BOOLEAN', '实施阶段'),
      c('at_completion', 'BOOLEAN', '收尾和完成阶段'),
      c('source_file', 'VARCHAR', '来源文件名'),
      c('source_line', 'INTEGER', '来源文件中的行号'),
      c('source_page', 'SMALLINT', 'PDF 页码或工作表序号；文本来源为 NULL')
    ]
  },
  sources: {
    name: 'sources',
    title: '来源文件',
    doc: '每个来源文件一行',
    orderBy: ['source_file'],
    columns: [
      c('source_file', 'VARCHAR', '来源文件名'),
      c('sha256', 'VARCHAR', '文件内容的 SHA-256'),
      c('layout', 'VARCHAR', '识别出的版式：文本导出为 markdown、tsv、text；原件为 pdf、xlsx、xls'),
      c('form', 'VARCHAR', '表格类型'),
      c('year', 'SMALLINT', '预算年度'),
      c('district', 'VARCHAR', '区县 / 市级 / 省级'),
      c('department', 'VARCHAR', '主管部门'),
      c('projects', 'INTEGER', '项目数'),
      c('indicators', 'INTEGER', '指标数'),
      c('warnings', 'INTEGER', '警告数'),
      c('pages', 'INTEGER', 'PDF 的页数或工作簿的工作表数；文本来源为 NULL'),
      c('title', 'VARCHAR', '文件标题（清单 data/sources.csv 的 title 列）'),
      c('url', 'VARCHAR', '原始发布地址（清单的 url 列；未登记为 NULL）')
    ]
  },
  checks: {
    name: 'checks',
    title: '审计发现',
    doc: '审计规则的发现：金额勾稽、评分复核、目标质量、跨年一致性',
    orderBy: ['project_id', 'rule', 'indicator_id', 'message'],
    columns: [
      c('rule', 'VARCHAR', '规则编号'),
      c('severity', 'VARCHAR', '严重程度：error、warning、info'),
      c('project_id', 'VARCHAR', '所涉项目'),
      c('indicator_id', 'VARCHAR', '所涉指标（可为空）'),
      c('message', 'VARCHAR', '中文说明'),
      c('expected', 'DOUBLE', '应有数'),
      c('actual', 'DOUBLE', '实际数')
    ]
  }
};

/** The money columns (`DECIMAL(18,2)` yuan) of a table, in contract order. */
export function moneyColumns(table: TableName): string[] {
  return TABLES[table].columns.filter((col) => col.type === MONEY).map((col) => col.name);
}

/** Column names of a table, in contract order. */
export function columnNames(table: TableName): string[] {
  return TABLES[table].columns.map((col) => col.name);
}
