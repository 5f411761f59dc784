/**
 * HTML for the forms and pages publishers print to PDF, shaped like the published ones: a 财政项目
 * 支出绩效目标申报表 with merged cells and wrapped texts, a budget book's narrative page, a
 * borderless table, a page that is only a picture (a scan).
 */

/** The page style of a Word- or WPS-printed form: Noto CJK, 10.5 pt, 0.75 pt borders. */
export const STYLE = `
  body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; margin: 0; }
  h1 { font-size: 16pt; text-align: center; margin: 0 0 6pt; }
  .year { text-align: center; margin: 0 0 8pt; }
  table.form { border-collapse: collapse; width: 100%; }
  table.form td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: middle; }
  .narrow { width: 22pt; }
  .page { page-break-after: always; }
`;

/** An indicator row of the form: level 1 and 2 with their row spans (0: covered by a span above). */
export interface IndicatorRow {
  level1?: { text: string; rows: number };
  level2?: { text: string; rows: number };
  name: string;
  target: string;
}

/** The goal printed in the form; long enough to wrap in its cell. */
export const GOAL =
  '根据年度工作计划，组织相关法治培训，完成内审服务工作，开展专家咨询，完成相应政策研究课题，拟定医疗保障工作规划年度工作。';

/** The form's indicator rows: spans as the forms have them, a name that wraps in its narrow column. */
export const INDICATORS: IndicatorRow[] = [
  {
    level1: { text: '产出指标', rows: 4 },
    level2: { text: '数量指标', rows: 2 },
    name: '参保人数',
    target: '≥3340.00(人)'
  },
  { name: '组织法治培训计划完成数', target: '≥1.00(次)' },
  {
    level2: { text: '质量指标', rows: 1 },
    name: '医疗保障基金预决算和管理工作的完成率',
    target: '=100(%)'
  },
  { level2: { text: '时效指标', rows: 1 }, name: '完成及时率', target: '及时' },
  {
    level1: { text: '效益指标', rows: 1 },
    level2: { text: '社会效益指标', rows: 1 },
    name: '参与重大政策的应用性研究',
    target: '有效缓解'
  }
];

/** The form's table (no title): 6 columns, merged cells, a narrow wrapping column. */
export function formTable(indicators: IndicatorRow[] = INDICATORS, goal = GOAL): string {
  const rows = indicators
    .map((r) => {
      const l1 = r.level1 ? `<td rowspan="${r.level1.rows}">${r.level1.text}</td>` : '';
      const l2 = r.level2 ? `<td rowspan="${r.level2.rows}">${r.level2.text}</td>` : '';
      return `<tr>${l1}${l2}<td style="width:62pt">${r.name}</td><td colspan="2">${r.target}</td></tr>`;
    })
    .join('\n');
  return `<table class="form">
<tr><td>项目名称</td><td>规财法工作经费</td><td>项目性质</td><td>经常性专项业务费</td><td>项目类别</td><td>特定目标类</td></tr>
<tr><td>主管部门</td><td>上海市医疗保障局</td><td>实施单位</td><td colspan="3">上海市医疗保障局</td></tr>
<tr><td rowspan="3">项目资金 (元)</td><td>项目资金总额</td><td>11,143,200.00</td><td>年度资金申请总额</td><td colspan="2">11,143,200.00</td></tr>
<tr><td>其中：财政资金</td><td>11,143,200.00</td><td>其中：当年财政拨款</td><td colspan="2">11,143,200.00</td></tr>
<tr><td>其他资金</td><td>0.00</td><td>上年结转资金</td><td colspan="2">0.00</td></tr>
<tr><td rowspan="2" class="narrow">项目绩效目标</td><td colspan="2">项目总目标</td><td colspan="3">年度总体目标</td></tr>
<tr><td colspan="2">${goal}</td><td colspan="3">${goal}</td></tr>
<tr><td colspan="6">The annual budget is 11,143,200.00 yuan in total</td></tr>
${indicators.length ? `<tr><td class="narrow" rowspan="${indicators.length + 1}">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan="2">年度(/项目)指标值</td></tr>` : ''}
${rows}
</table>`;
}

/** A whole page: the form's title, its year, the table. */
export function formPage(table = formTable()): string {
  return `<h1>财政项目支出绩效目标申报表</h1><p class="year">(2026年度)</p>${table}`;
}

/** An HTML document of the given pages' bodies. */
export function html(...pages: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${pages
    .map((p, i) => (i < pages.length - 1 ? `<div class="page">${p}</div>` : `<div>${p}</div>`))
    .join('')}</body></html>`;
}

/** A budget book's narrative page: a heading and paragraphs. */
export const NARRATIVE = `<h1>第一部分 部门概况</h1>
<p>一、主要职能</p>
<p>上海市医疗保障局是市政府直属机构，贯彻落实党中央关于医疗保障工作的方针政策和决策部署，在履行职责过程中坚持和加强党对医疗保障工作的集中统一领导。</p>
<p>二、机构设置</p>`;

/** A borderless table (no rulings): columns from alignment, a wrapped cell with its label centred beside it. */
export const BORDERLESS = `<p>表1 项目支出预算表</p>
<table style="border-collapse:collapse">
<tr><td style="padding:4pt 10pt">项目名称</td><td style="padding:4pt 10pt">金额(元)</td><td style="padding:4pt 10pt">说明</td></tr>
<tr><td style="padding:4pt 10pt">规财法工作经费</td><td style="padding:4pt 10pt">645,000.00</td><td style="padding:4pt 10pt">法治培训</td></tr>
<tr><td style="padding:4pt 10pt;vertical-align:middle">信息系统运维</td><td style="padding:4pt 10pt;vertical-align:middle">1,200.50</td><td style="padding:4pt 10pt;width:70pt">医保信息系统日常运行维护和安全保障</td></tr>
<tr><td style="padding:4pt 10pt">合计</td><td style="padding:4pt 10pt">646,200.50</td><td style="padding:4pt 10pt">无</td></tr>
</table>
<p>注：本表金额单位为元。</p>`;

/** A page that is only a picture of text (a canvas prints as an image): what a scan looks like. */
export const SCAN = `<canvas id="c" width="600" height="300" style="width:400pt;height:200pt"></canvas>
<script>
  const ctx = document.getElementById('c').getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 600, 300);
  ctx.fillStyle = '#000'; ctx.font = '24px sans-serif'; ctx.fillText('财政项目支出绩效目标申报表', 40, 80);
  ctx.strokeRect(40, 120, 500, 120);
</script>`;

/** A 项目支出绩效自评表 in the national template (财预〔2020〕10号): amounts in 万元, scores, a deviation reason. */
export const SELF_EVAL = `<h1>项目支出绩效自评表</h1><p class="year">（2021年度）</p>
<table class="form">
<tr><td colspan="2">项目名称</td><td colspan="8">医疗救助资金</td></tr>
<tr><td colspan="2">主管部门</td><td colspan="3">上海市松江区医疗保障局</td><td colspan="2">实施单位</td><td colspan="3">上海市松江区医疗保障局</td></tr>
<tr><td colspan="2" rowspan="3">项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td colspan="2">得分</td></tr>
<tr><td>年度资金总额</td><td>1,114.32</td><td>1,114.32</td><td>1,052.60</td><td>10</td><td>94.46%</td><td colspan="2">9.45</td></tr>
<tr><td>其中：当年财政拨款</td><td>1,114.32</td><td>1,114.32</td><td>1,052.60</td><td>—</td><td>—</td><td colspan="2">—</td></tr>
<tr><td rowspan="2" class="narrow">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td colspan="2" style="width:90pt">偏差原因分析及改进措施</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>救助人次</td><td>≥3340.00(人)</td><td>3125人</td><td>20</td><td>18.5</td><td colspan="2">部分对象年内迁出本区，救助人次少于预期；下一年度加强动态管理。</td></tr>
<tr><td colspan="8">总分</td><td colspan="2">93.45</td></tr>
</table>`;
