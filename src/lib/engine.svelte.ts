/**
 * The in-browser query engine's state, shared by the header badge, the banner and the pages. The
 * engine module is imported on first use; it starts on the first live query or when idle.
 */
import type { DbStatus } from './db';
import { dataUrl, warmUpQueries } from './live.svelte';

/** What the engine is doing; `phase` 'error' carries a Chinese message for the banner. */
export const engine: DbStatus = $state({
  phase: 'idle',
  message: '预先生成的视图（筛选时自动加载查询引擎）'
});

let watching = false;

/** Follows the engine's status (once per page load); preloads it when the browser is idle. */
export function watchEngine(preload = true): void {
  if (watching) return;
  watching = true;
  void import('./db').then((db) => {
    if (!db.webAssemblySupported()) {
      Object.assign(engine, {
        phase: 'error',
        message: '本浏览器不能运行 WebAssembly：页面上预先生成的图表与表格仍可查看，筛选与交互查询不可用。'
      });
      return;
    }
    db.onStatus((s) => Object.assign(engine, { error: undefined, ...s }));
  });
  if (!preload) return;
  const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 2000));
  idle(
    () => void import('./db').then((db) => db.initDB(dataUrl(), { warmUp: warmUpQueries }).catch(() => {})),
    { timeout: 5000 }
  );
}
