/**
 * Runs the SQL of a filter permission entry (`ds_id` + `query`, PRODUCT.md §6) on a data source.
 * The text was written by an admin, yet it runs for every viewer the entry applies to, so:
 *
 * - it is sent as a subquery of our own SELECT over the extended protocol (Parse/Bind/Execute),
 *   which PostgreSQL refuses for more than one statement; the subquery admits only a query
 *   (no SET, PREPARE, LISTEN, data-modifying WITH, ...);
 * - inside `BEGIN READ ONLY` with a local statement timeout, time zone and search path;
 * - the connection is then closed instead of going back to the pool: a SELECT can still change
 *   its session (`set_config(..., false)`, session advisory locks, ...), and nothing of that may
 *   reach the next query on that pool;
 * - at most MAX_PERMISSION_VALUES rows are read (a filter value list is bounded anyway).
 */
import type pg from 'pg';
import { QUERY_LIMITS } from './compile.ts';

export const PERMISSION_QUERY_TIMEOUT_MS = 5_000;
export const MAX_PERMISSION_VALUES = QUERY_LIMITS.maxListValues;

const BOOL = 16;
// Values are compared as text with what the filter offers: every type but booleans as PostgreSQL prints it.
const asText = (value: string) => value;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number) => (oid === BOOL ? (value: string) => value === 't' : asText)) as typeof pg.types.getTypeParser,
};

export class PermissionQueryError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'PermissionQueryError';
    this.code = code;
  }
}

/**
 * The statement actually sent. Trailing semicolons are dropped (a habit, not a second statement);
 * the closing line break ends a trailing `--` comment.
 */
export function permissionStatement(sqlText: string): string {
  const body = sqlText.replace(/[\s;]+$/, '');
  return `select * from (\n${body}\n) as permitted limit ${MAX_PERMISSION_VALUES + 1}`;
}

export interface PermissionQueryResult {
  /** The first column of each row. */
  values: unknown[];
  /** More rows came back than MAX_PERMISSION_VALUES; only that many are kept. */
  truncated: boolean;
}

/** Runs one permission query on a data source's pool (`password` only words errors). No permission check here. */
export async function runPermissionQuery(
  lease: { pool: pg.Pool; password: () => string },
  sqlText: string,
  params: readonly unknown[],
): Promise<PermissionQueryResult> {
  const { pool, password } = lease;
  const redact = (text: string) => {
    let secret: string | undefined;
    try {
      secret = password();
    } catch {
      secret = undefined;
    }
    return secret ? text.split(secret).join('[redacted]') : text;
  };
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new PermissionQueryError(`could not connect: ${redact(error instanceof Error ? error.message : String(error))}`, (error as { code?: string }).code);
  }
  const onError = () => {};
  client.on('error', onError);
  try {
    await client.query('begin transaction read only');
    await client.query(`select set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('search_path', 'pg_catalog', true)`, [
      String(PERMISSION_QUERY_TIMEOUT_MS),
    ]);
    const result = await client.query({
      text: permissionStatement(sqlText),
      values: [...params],
      rowMode: 'array',
      types,
      // Parse/Bind/Execute even without parameters: the simple protocol would run several statements.
      queryMode: 'extended',
      query_timeout: PERMISSION_QUERY_TIMEOUT_MS + 5_000,
    } as pg.QueryArrayConfig);
    await client.query('commit');
    const rows = result.rows as unknown[][];
    const truncated = rows.length > MAX_PERMISSION_VALUES;
    return { values: rows.slice(0, MAX_PERMISSION_VALUES).map((row) => row[0]), truncated };
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new PermissionQueryError(redact(error instanceof Error ? error.message : String(error)), code);
  } finally {
    client.off('error', onError);
    // Destroyed, never reused: whatever the statement changed in its session ends with it.
    client.release(true);
  }
}
