/**
 * Published forms re-created from their records, as grids of cells with spans: the records the
 * ingest reads out of a form in, the form as its template lays it out back. Pure; `html.ts` prints
 * the grids, `xlsx.ts` writes them as workbooks and `text.ts` renders them as parser input.
 */
import type { ParsedSource } from '../../../src/lib/ingest/document';
import type { ProjectRecord } from '../../../src/lib/schema/records';
import type { FormGrid, FormOptions, FormTemplate, ProjectRecords } from './layout';
import { currentTargetForm } from './templates/current';
import { nationalSelfEvalForm, shanghaiSelfEvalForm } from './templates/selfEval';
import { target2020Form } from './templates/template2020';

export type {
  FormCell,
  FormGrid,
  FormOptions,
  FormPart,
  FormTable,
  FormTemplate,
  ProjectRecords
} from './layout';

const BUILDERS: Record<FormTemplate, (r: ProjectRecords, o?: FormOptions) => FormGrid> = {
  current: currentTargetForm,
  '2020': target2020Form,
  'shanghai-self-eval': shanghaiSelfEvalForm,
  'national-self-eval': nationalSelfEvalForm
};

/** The form of one project in a template. */
export function buildForm(
  records: ProjectRecords,
  template: FormTemplate,
  options: FormOptions = {}
): FormGrid {
  return BUILDERS[template](records, options);
}

/** The records of a parsed source, one bundle per project, in the source's order. */
export function projectRecords(
  source: Pick<ParsedSource, 'projects' | 'indicators' | 'budget_lines' | 'safeguards'>
): ProjectRecords[] {
  return source.projects.map((project) => ({
    project,
    indicators: source.indicators.filter((i) => i.project_id === project.project_id),
    budget_lines: source.budget_lines.filter((l) => l.project_id === project.project_id),
    safeguards: source.safeguards.filter((s) => s.project_id === project.project_id)
  }));
}

/** The template a project's form was published in: Shanghai's self-evaluation, the 2020 or the current declaration. */
export function templateOf(project: ProjectRecord): FormTemplate {
  if (project.form === 'self_eval') return 'shanghai-self-eval';
  return project.year <= 2020 ? '2020' : 'current';
}

/** Every project's form of a parsed source, each in its own template (or the one given). */
export function buildForms(
  source: Pick<ParsedSource, 'projects' | 'indicators' | 'budget_lines' | 'safeguards'>,
  options: FormOptions & { template?: FormTemplate } = {}
): FormGrid[] {
  return projectRecords(source).map((r) => buildForm(r, options.template ?? templateOf(r.project), options));
}
