/**
 * The pages of a department's budget book (部门预算) that come before its forms: a cover, a 目录,
 * narrative sections and two budget tables that are not forms. The prose is made up and generic;
 * the budget tables add up the projects' own amounts, so the book is consistent with its forms.
 */
import type { Money } from '../../../src/lib/schema/records';
import { TableBuilder, type FormTable, type ProjectRecords } from './layout';
import { amount, sumMoney } from './printed';

/** A narrative section: a heading and its paragraphs. */
export interface BookSection {
  heading: string;
  paragraphs: string[];
}

/** A budget table of the book: its title and grid (not a form: no project, no indicators). */
export interface BookTable {
  title: string;
  table: FormTable;
}

/** What a budget book prints before its forms. */
export interface BookFrontMatter {
  cover: string[];
  contents: string[];
  sections: BookSection[];
  tables: BookTable[];
}

function sections(department: string, year: number): BookSection[] {
  return [
    {
      heading: '一、部门主要职能',
      paragraphs: [
        `${department}是本级人民政府的工作部门，贯彻落实党中央、国务院和市委、市政府关于本领域工作的方针政策和决策部署，在履行职责过程中坚持和加强党的集中统一领导。`,
        '主要职责是：拟订本领域发展规划、政策措施并组织实施；组织制定相关管理办法和标准规范；负责相关资金的预算编制、执行监督和绩效管理；指导所属单位开展业务经办和公共服务工作。',
        '完成本级党委、政府交办的其他任务，并根据经济社会发展需要，做好职能转变和服务优化工作，推进政务服务“一网通办”和数据共享。'
      ]
    },
    {
      heading: '二、部门机构设置',
      paragraphs: [
        `${department}内设办公室、规划财务科、业务管理科、监督检查科等职能科室，下设事业单位若干个，负责具体业务的经办和技术支撑工作。`,
        `纳入${year}年部门预算编制范围的单位包括部门本级及所属事业单位，各单位均为独立核算单位，按照规定编制和执行本单位预算。`
      ]
    },
    {
      heading: '三、部门预算编制说明',
      paragraphs: [
        `${year}年部门预算按照“量入为出、收支平衡、保障重点、注重绩效”的原则编制，坚持过紧日子的要求，从严控制一般性支出，优先保障基本民生和重点项目支出。`,
        '收入预算主要为一般公共预算拨款收入和上年结转资金；支出预算分为基本支出和项目支出，基本支出用于保障机构正常运转，项目支出用于完成特定工作任务和事业发展目标。',
        '项目支出均已按要求编报绩效目标，绩效目标与预算同步编制、同步审核、同步批复，预算执行中开展绩效运行监控，年度终了开展绩效自评，评价结果作为以后年度预算安排的重要依据。',
        '机关运行经费、“三公”经费等按照有关规定公开，具体情况见部门预算表。'
      ]
    }
  ];
}

function incomeAndSpending(projects: readonly ProjectRecords[], basic: Money): FormTable {
  const sum = (pick: (r: ProjectRecords) => Money | null) => sumMoney(projects.map((r) => pick(r) ?? '0.00'));
  const fiscal = sum((r) => r.project.fiscal_amount ?? r.project.annual_amount);
  const carryover = sum((r) => r.project.carryover_amount);
  const other = sum((r) => r.project.other_amount);
  const projectSpending = sumMoney([fiscal, carryover, other]);
  const total = sumMoney([projectSpending, basic]);
  const money = (m: Money) => amount(m, 'grouped');
  return new TableBuilder(4)
    .row({ text: '收入', cs: 2 }, { text: '支出', cs: 2 })
    .row('项目', '预算数', '项目', '预算数')
    .row('一、一般公共预算拨款收入', money(sumMoney([fiscal, basic])), '一、基本支出', money(basic))
    .row('二、上年结转', money(carryover), '二、项目支出', money(projectSpending))
    .row('三、其他收入', money(other), '', '')
    .row('收入总计', money(total), '支出总计', money(total))
    .table([34, 16, 34, 16]);
}

function projectSpending(projects: readonly ProjectRecords[]): FormTable {
  const b = new TableBuilder(4).row('序号', '项目名称', '项目类别', '预算数');
  projects.forEach((r, i) =>
    b.row(
      String(i + 1),
      r.project.name,
      r.project.category ?? '',
      amount(r.project.annual_amount ?? r.project.budget_adjusted, 'grouped')
    )
  );
  return b.table([8, 52, 20, 20]);
}

/** The pages before the forms of a department's budget book for these projects. */
export function bookFrontMatter(
  department: string,
  year: number,
  projects: readonly ProjectRecords[]
): BookFrontMatter {
  const secs = sections(department, year);
  return {
    cover: [`${department}`, `${year}年度部门预算`],
    contents: [
      ...secs.map((s) => s.heading),
      '四、部门预算表',
      '    1. 收支预算总表',
      '    2. 项目支出预算表',
      '五、项目绩效目标'
    ],
    sections: secs,
    tables: [
      { title: `${department}${year}年收支预算总表`, table: incomeAndSpending(projects, '3256800.00') },
      { title: `${department}${year}年项目支出预算表`, table: projectSpending(projects) }
    ]
  };
}
