/** Example queries of the SQL page: questions auditors ask, over the site's tables. */

/** An example: a title, what it answers, and its SQL. */
export interface SqlExample {
  title: string;
  description: string;
  sql: string;
}

/** The examples, in the order the page lists them. */
export const SQL_EXAMPLES: readonly SqlExample[] = [
  {
    title: '各区各年度执行率',
    description: '自评表的全年预算数、全年执行数，按金额加权的执行率（%）',
    sql: `SELECT district AS 区, year AS 年度, count(*) AS 项目数,
  sum(budget_adjusted) AS 全年预算数_元,
  sum(executed_amount) AS 全年执行数_元,
  round(100 * sum(executed_amount) / sum(budget_adjusted), 2) AS 执行率_百分比
FROM projects
WHERE form = 'self_eval'
GROUP BY district, year
ORDER BY year, district`
  },
  {
    title: '未达成的指标及原因',
    description: '自评未达成的三级指标：指标值、实际完成值、得分与偏差原因',
    sql: `SELECT p.district AS 区, p.year AS 年度, p.name AS 项目, i.name AS 指标,
  i.target_text AS 指标值, i.actual_text AS 实际完成值,
  i.score AS 得分, i.weight AS 分值, i.deviation AS 偏差原因
FROM indicators i JOIN projects p ON p.project_id = i.project_id
WHERE i.achieved = false
ORDER BY p.year, p.district, p.name, i.seq`
  },
  {
    title: '审计发现按规则统计',
    description: '每条审计规则的发现数，按严重程度',
    sql: `SELECT rule AS 规则, severity AS 严重程度, count(*) AS 发现数
FROM checks
GROUP BY rule, severity
ORDER BY 发现数 DESC, 规则`
  },
  {
    title: '本地导入的项目',
    description: '本次会话在本浏览器导入、尚未发布的项目',
    sql: `SELECT project_id, district AS 区, year AS 年度, form AS 表格, name AS 项目,
  annual_amount AS 年度资金_元, executed_amount AS 全年执行数_元, total_score AS 总分
FROM projects
WHERE project_id IN (SELECT project_id FROM local_projects)
ORDER BY year, district, name`
  }
];
