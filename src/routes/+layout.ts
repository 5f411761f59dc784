// Every page is prerendered to static HTML; the site runs from any static host.
export const prerender = true;
export const trailingSlash = 'always';
