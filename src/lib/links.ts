/** Links between the site's pages, as the current build publishes them. */
import { base } from '$app/paths';
import { page } from '$app/state';
import { isLocalProject } from './local.svelte';
import { projectPath } from './url';

/**
 * The href of a project's page (call while rendering a component): `local/?id=…` for a project
 * imported in this browser; for a published one its prerendered page, or `project/?id=…` when the
 * build has more projects than it prerenders pages for.
 */
export function projectHref(id: unknown): string {
  if (isLocalProject(id)) return `${base}/local/?id=${encodeURIComponent(String(id))}`;
  return projectPath(base, id, page.data.projectPages ?? 'static');
}
