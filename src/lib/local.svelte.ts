/**
 * Records imported in this browser: kept for the session (sessionStorage of this tab, cleared when
 * it closes), joined with the published data in the browser's DuckDB, and audited with it. Only
 * plain records are stored; nothing is sent anywhere.
 */
import { browser } from '$app/environment';
import { base } from '$app/paths';
import type { FileAnalysis } from './local/analyse';
import {
  dependantsOf,
  importConflicts,
  projectIdsOf,
  type LocalImport,
  type LocalLayer
} from './local/merge';
import { isUnfiltered, type Filters } from './queries/filters';
import { buildPublishedIdsQuery } from './queries/local';

/** Where the imports are kept, and what the page says about it. */
export const STORAGE_KEY = 'budget-dashboard:local-imports:v1';
/** A sentence for the UI: where local records live and for how long. */
export const STORAGE_NOTE =
  '导入的记录只保存在本浏览器标签页的会话存储（sessionStorage）中：刷新或在本标签页内换页仍在，关闭标签页即清除；不会上传到任何地方。';

/** The session's imports, the layer last loaded into DuckDB, and a storage problem if any. */
export const local: { imports: LocalImport[]; layer: LocalLayer | null; storageError: string | null } =
  $state({ imports: [], layer: null, storageError: null });

function load(): LocalImport[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as LocalImport[]) : [];
  } catch {
    return [];
  }
}

let version = 0;
let synced = 0;
let sync: Promise<void> = Promise.resolve();

if (browser) {
  local.imports = load();
  // Imports kept from earlier in the session are loaded into DuckDB with the first query.
  if (local.imports.length) version = 1;
}

function persist(): void {
  try {
    if (local.imports.length) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(local.imports));
    else sessionStorage.removeItem(STORAGE_KEY);
    local.storageError = null;
  } catch {
    local.storageError = '会话存储空间不足：导入的记录在本页有效，但刷新或换页后会丢失。';
  }
}

const dataUrl = () => `${base}/data`;

/** Changes whenever the session's imports change: answers given before are out of date. */
export function localVersion(): number {
  return version;
}

/**
 * Loads the session's imports into the browser's DuckDB (the `local_*` tables) with their audit
 * findings, if they changed since the last time. Every live query waits for it.
 */
export function syncLocal(): Promise<void> {
  if (synced === version) return sync;
  const target = version;
  const imports = $state.snapshot(local.imports) as LocalImport[];
  sync = sync
    .catch(() => {})
    .then(async () => {
      const db = await import('./db');
      local.layer = await db.setImports(imports, dataUrl());
      synced = target;
    });
  return sync;
}

let idCache: { imports: LocalImport[]; ids: Set<string> } | null = null;

/** Ids of the projects imported in this browser. */
export function localProjectIds(): Set<string> {
  if (idCache?.imports !== local.imports)
    idCache = { imports: local.imports, ids: projectIdsOf(local.imports) };
  return idCache.ids;
}

/** True when the project was imported in this browser (not published). */
export function isLocalProject(id: unknown): boolean {
  return typeof id === 'string' && localProjectIds().has(id);
}

/** True when a page can show its prerendered figures: no filter, and nothing imported. */
export function showsPrerendered(f: Filters): boolean {
  return isUnfiltered(f) && local.imports.length === 0;
}

/**
 * Adds an analysed file's records for the session. Returns why it cannot be added (already
 * published, already imported, rows pointing at unknown projects), or nothing when it was added.
 */
export async function addImport(a: FileAnalysis): Promise<string[]> {
  if (!a.ok) return a.errors.map((e) => `${e.file}:${e.line}: ${e.message}`);
  const db = await import('./db');
  const ids = a.dataset.projects.map((p) => p.project_id);
  const rows = await db.query(buildPublishedIdsQuery(ids), dataUrl());
  const problems = importConflicts(
    a,
    local.imports,
    rows.map((r) => String(r.project_id))
  );
  if (problems.length) return problems;
  const before = local.imports;
  local.imports = [
    ...local.imports,
    {
      file: a.file,
      sha256: a.sha256,
      kind: a.kind,
      // A timestamp for the list, not reactive state.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      addedAt: new Date().toISOString(),
      dataset: a.dataset,
      warnings: a.warnings
    }
  ];
  version++;
  persist();
  try {
    await syncLocal();
  } catch (e) {
    // Not loaded into DuckDB: not added.
    local.imports = before;
    version++;
    persist();
    await syncLocal().catch(() => {});
    throw e;
  }
  return [];
}

/** Removes an import (and its records) from the session; refuses while other imports refer to it. */
export async function removeImport(file: string): Promise<string[]> {
  const gone = local.imports.find((i) => i.file === file);
  if (!gone) return [];
  const dependants = dependantsOf(gone, local.imports);
  if (dependants.length) return [`请先移除引用其项目的文件：${dependants.map((d) => d.file).join('、')}`];
  local.imports = local.imports.filter((i) => i !== gone);
  version++;
  persist();
  await syncLocal();
  return [];
}
