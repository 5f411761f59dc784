/** Links between the site's pages, as the current build publishes them. */
import { base } from '$app/paths';
import { page } from '$app/state';
import { isLocalProject } from './local.svelte';
import { projectPath } from './url';

/**
 * The href of a project's page (call while rendering a component): its prerendered page, or
 * `project/?id=…`, which queries it in the browser, for a project imported in this browser and
 * for every project of a build with more projects than it prerenders pages for.
 */
export function projectHref(id: unknown): string {
  return projectPath(base, id, isLocalProject(id) ? 'query' : (page.data.projectPages ?? 'static'));
}
