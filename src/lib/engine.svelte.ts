/**
 * The pages' query engine's state, shared by the header badge, the banner and the pages. The
 * engine module is imported on first use; it starts on the first live query or when idle (not on
 * the SQL page, which runs its own).
 */
import type { DbStatus } from './db';
import { webAssemblySupported } from './db/support';
import { dataUrl, warmUpQueries } from './live.svelte';

/** What the engine is doing; `phase` 'error' carries a Chinese message for the banner. */
export const engine: DbStatus = $state({
  phase: 'idle',
  message: '预先生成的视图（筛选时自动加载查询引擎）'
});

/** The banner's sentence when the browser has no WebAssembly at all. */
export const NO_WEBASSEMBLY =
  '本浏览器不能运行 WebAssembly：页面上预先生成的图表与表格仍可查看，筛选与交互查询不可用。';

let watching = false;
let preloading = false;

/** Follows the engine's status (once per page load). */
export function watchEngine(): void {
  if (watching) return;
  watching = true;
  if (!webAssemblySupported()) {
    Object.assign(engine, { phase: 'error', message: NO_WEBASSEMBLY });
    return;
  }
  void import('./db').then((db) => db.onStatus((s) => Object.assign(engine, { error: undefined, ...s })));
}

/** Starts the engine when the browser is idle (once per page load). */
export function preloadEngine(): void {
  if (preloading || !webAssemblySupported()) return;
  preloading = true;
  const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 2000));
  idle(
    () => void import('./db').then((db) => db.initDB(dataUrl(), { warmUp: warmUpQueries }).catch(() => {})),
    { timeout: 5000 }
  );
}
