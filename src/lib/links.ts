/** Links between the site's pages, as the current build publishes them. */
import { base } from '$app/paths';
import { page } from '$app/state';
import { projectPath } from './url';

/** The href of a project's page (call while rendering a component). */
export function projectHref(id: unknown): string {
  return projectPath(base, id, page.data.projectPages ?? 'static');
}
