// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ProjectPages } from '$lib/url';

declare global {
  interface ImportMetaEnv {
    /** 'off' builds the benchmark's baseline: pages prerendered without data (see live.svelte.ts). */
    readonly VITE_PRERENDER_DATA?: string;
  }

  namespace App {
    // interface Error {}
    // interface Locals {}
    interface PageData {
      /** How project pages are published (set by the root layout at build time). */
      projectPages?: ProjectPages;
    }
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
