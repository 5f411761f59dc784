/**
 * The SQL page's first line of defence: a pure check that a text is one read-only statement.
 * String literals, quoted identifiers and comments are skipped, so `SELECT 'DROP TABLE x'` passes
 * and `SELECT 1; DROP TABLE x` does not. The database layer checks again with DuckDB's own parser
 * and runs the statement in a transaction it rolls back (see `runReadOnlySql` in `src/lib/db`).
 */

/** The outcome of the check: the statement to run (without a trailing `;`), or why it is refused. */
export type GuardResult =
  | {
      ok: true;
      /** The statement, without a trailing `;` or comment. */
      sql: string;
      /** Its first word, upper case. */
      keyword: string;
      /** What DuckDB's serializer must accept as a SELECT: the statement, or after EXPLAIN [ANALYZE]. */
      query: string;
    }
  | { ok: false; reason: string };

/** Words a read-only statement may start with. */
export const READ_ONLY_STARTS = [
  'SELECT',
  'WITH',
  'VALUES',
  'FROM',
  'TABLE',
  'DESCRIBE',
  'SHOW',
  'SUMMARIZE',
  'EXPLAIN'
] as const;

/** Words that write, attach, load, configure or control a transaction: refused anywhere. */
export const FORBIDDEN_WORDS = [
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'TRUNCATE',
  'CREATE',
  'DROP',
  'ALTER',
  'RENAME',
  'ATTACH',
  'DETACH',
  'USE',
  'COPY',
  'EXPORT',
  'IMPORT',
  'INSTALL',
  'LOAD',
  'FORCE',
  'PRAGMA',
  'SET',
  'RESET',
  'CALL',
  'EXECUTE',
  'PREPARE',
  'DEALLOCATE',
  'CHECKPOINT',
  'VACUUM',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
  'TRANSACTION',
  'GRANT',
  'REVOKE',
  'SECRET'
] as const;

/**
 * Table functions that read files or URLs, or run SQL given as text: the SQL page queries the
 * site's own tables only.
 */
const FORBIDDEN_FUNCTION = /^(?:read_\w+|\w+_scan|glob|parquet_\w+|sniff_csv|query|query_table|getenv)$/i;

const FORBIDDEN = new Set<string>(FORBIDDEN_WORDS);
const STARTS = new Set<string>(READ_ONLY_STARTS);

/** A piece of the statement outside literals and comments: a word, a `;`, a `(` or other text. */
interface Token {
  kind: 'word' | 'semicolon' | 'open' | 'close' | 'other';
  text: string;
  /** Offset just after the token in the SQL text. */
  end: number;
}

/**
 * Splits SQL into the tokens that matter here, skipping '…' strings (with '' escapes, and E'…'
 * with backslash escapes), $tag$…$tag$ strings, "…" identifiers, -- and nested block comments.
 * Returns a reason when a literal or comment is not closed.
 */
export function tokenize(sql: string): { tokens: Token[] } | { error: string } {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (ch === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return { error: '注释 /* … */ 没有结束' };
    } else if (ch === "'" || ((ch === 'E' || ch === 'e') && next === "'")) {
      const escapes = ch !== "'";
      i += escapes ? 2 : 1;
      let closed = false;
      while (i < n) {
        const c = sql[i];
        if (escapes && c === '\\') i += 2;
        else if (c === "'" && sql[i + 1] === "'") i += 2;
        else if (c === "'") {
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return { error: '字符串没有结束（缺少单引号）' };
      tokens.push({ kind: 'other', text: "''", end: i });
    } else if (ch === '"') {
      const end = findClosingQuote(sql, i + 1);
      if (end === -1) return { error: '带引号的名称没有结束（缺少双引号）' };
      i = end + 1;
      tokens.push({ kind: 'other', text: '""', end: i });
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = (/^\$[A-Za-z_]*\$/.exec(sql.slice(i)) as RegExpExecArray)[0];
      const end = sql.indexOf(tag, i + tag.length);
      if (end === -1) return { error: `字符串 ${tag}…${tag} 没有结束` };
      i = end + tag.length;
      tokens.push({ kind: 'other', text: "''", end: i });
    } else if (/[A-Za-z_\u0080-\uFFFF]/.test(ch)) {
      const m = /^[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_$\u0080-\uFFFF]*/.exec(sql.slice(i)) as RegExpExecArray;
      i += m[0].length;
      tokens.push({ kind: 'word', text: m[0], end: i });
    } else if (ch === ';') {
      i++;
      tokens.push({ kind: 'semicolon', text: ';', end: i });
    } else if (ch === '(') {
      i++;
      tokens.push({ kind: 'open', text: '(', end: i });
    } else if (ch === ')') {
      i++;
      tokens.push({ kind: 'close', text: ')', end: i });
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      i++;
      tokens.push({ kind: 'other', text: ch, end: i });
    }
  }
  return { tokens };
}

function findClosingQuote(sql: string, from: number): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') i += 2;
    else if (sql[i] === '"') return i;
    else i++;
  }
  return -1;
}

/**
 * Checks that `sql` is a single read-only statement (SELECT, WITH … SELECT, VALUES, FROM, TABLE,
 * DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) and names nothing that writes, attaches or loads.
 * The reason is a Chinese sentence for the auditor.
 */
export function checkReadOnlySql(sql: string): GuardResult {
  const lexed = tokenize(sql);
  if ('error' in lexed) return { ok: false, reason: `无法解析：${lexed.error}。` };
  const { tokens } = lexed;
  // Statements separated by `;` (empty ones, e.g. a trailing `;`, do not count).
  const statements: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'semicolon') statements.push([]);
    else (statements[statements.length - 1] as Token[]).push(t);
  }
  const nonEmpty = statements.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) return { ok: false, reason: '请输入一条查询语句（SELECT …）。' };
  if (nonEmpty.length > 1)
    return {
      ok: false,
      reason: `一次只能执行一条语句，这里有 ${nonEmpty.length} 条（以分号分隔）。`
    };
  const statement = nonEmpty[0] as Token[];
  const first = statement[0] as Token;
  const keyword = first.text.toUpperCase();
  if (first.kind !== 'word' || !STARTS.has(keyword))
    return {
      ok: false,
      reason: `只允许只读查询：语句须以 ${READ_ONLY_STARTS.join('、')} 开头，这里是“${first.text}”。`
    };
  // Balanced parentheses: the database layer runs the statement as a subquery, `(…)`, which a
  // stray `)` must not be able to close.
  let depth = 0;
  for (const t of statement) {
    depth += t.kind === 'open' ? 1 : t.kind === 'close' ? -1 : 0;
    if (depth < 0) return { ok: false, reason: '括号不配对：多了一个“)”。' };
  }
  if (depth > 0) return { ok: false, reason: '括号不配对：缺少“)”。' };
  for (let k = 0; k < statement.length; k++) {
    const t = statement[k] as Token;
    if (t.kind !== 'word') continue;
    const word = t.text.toUpperCase();
    if (FORBIDDEN.has(word))
      return {
        ok: false,
        reason: `只允许只读查询：语句中含有 ${word}，本页不能修改、附加、导出或载入任何数据。`
      };
    if (statement[k + 1]?.kind === 'open' && FORBIDDEN_FUNCTION.test(t.text))
      return {
        ok: false,
        reason: `只允许查询看板的表：不能调用 ${t.text}() 读取文件、网址或执行其他语句。`
      };
  }
  // The statement up to its last token: no trailing `;` or comment, so that it can be wrapped.
  const last = statement[statement.length - 1] as Token;
  let from = 0;
  if (keyword === 'EXPLAIN') {
    const second = statement[1];
    from = second?.kind === 'word' && second.text.toUpperCase() === 'ANALYZE' ? second.end : first.end;
  }
  return { ok: true, sql: sql.slice(0, last.end).trim(), keyword, query: sql.slice(from, last.end).trim() };
}
