// A project's page, prerendered for every project of the published data (up to PROJECT_PAGES
// projects; beyond that the site links to project/?id=…, which queries in the browser).
import { error } from '@sveltejs/kit';
import { buildProjectIdsQuery } from '$lib/queries/project';
import { runQuery } from '$lib/server/duckdb';
import { projectPagesMode } from '$lib/server/pages';
import { prerenderCharts, prerenderViews } from '$lib/server/prerender';
import { projectCharts, projectQueries } from '$lib/views/project';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = async () => {
  if ((await projectPagesMode()) === 'query') return [];
  const rows = await runQuery(buildProjectIdsQuery());
  return rows.map((r) => ({ id: String(r.project_id) }));
};

export const load: PageServerLoad = async ({ params }) => {
  const views = await prerenderViews(projectQueries(params.id));
  if (views.project.length === 0) error(404, `没有编号为 ${params.id} 的项目`);
  return { views, svgs: prerenderCharts(projectCharts(views)) };
};
