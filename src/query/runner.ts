/**
 * Runs printed statements on a data source's pool: a read-only transaction with a statement
 * timeout, on a pooled connection (pools.ts), fetching one row more than the limit to tell whether
 * the result was truncated. It is handed the pool and the SQL; who may read, and which pool, the
 * caller decides (modules/dataset/dataset.query.ts, modules/data-source/data-source.pool.ts).
 */
import pg from 'pg';
import { DataSourceError, DomainError, isConnectionFailure } from '../errors.ts';
import type { CachedResult } from './result-cache.ts';
import type { PrintedSql } from './print.ts';
import { isStalePlan, retireStatement, statementName } from './prepared.ts';

export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export interface QueryResultData extends CachedResult {
  sql: PrintedSql;
  /** Served from the result cache. */
  cached?: boolean;
}

export interface RawResult {
  fields: { name: string; dataTypeID: number }[];
  rows: unknown[][];
}

const OID = { int8: 20, float4: 700, float8: 701, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;
const RAW_TEXT: ReadonlySet<number> = new Set([OID.int8, OID.numeric, OID.date, OID.timestamp, OID.timestamptz]);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    RAW_TEXT.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pg numeric/bigint as a JSON number when that number is exactly the value, else the string. */
export function numberOrString(text: string): number | string {
  // At most 15 significant digits always survive a double exactly (the common case, no more checks).
  if (text.length <= 15 && /^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  if (/^-?\d+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  const canonical = text
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return String(n) === (canonical === '-0' ? '0' : canonical) ? n : text;
}

function convert(value: unknown, oid: number): unknown {
  if (value === null || value === undefined) return null;
  switch (oid) {
    case OID.int8:
    case OID.numeric:
      return numberOrString(String(value));
    case OID.float4:
    case OID.float8:
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
    case OID.timestamp:
      return String(value).replace(' ', 'T');
    case OID.timestamptz:
      // The session runs in UTC, so the offset is always +00.
      return String(value).replace(' ', 'T').replace(/\+00$/, 'Z');
    default:
      return value;
  }
}

/**
 * Type parsers that hand back exactly what `runQuery` returns for each value (NULL stays null:
 * parsers never see it), for rows read through a cursor (stream.ts) rather than converted after.
 */
export const convertedTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parse = types.getTypeParser(oid, format) as (value: string) => unknown;
    return (value: string) => convert(parse(value), oid);
  }) as typeof pg.types.getTypeParser,
};

const redact = (text: string, secret: string | undefined) => (secret ? text.split(secret).join('[redacted]') : text);

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EDATASOURCEHOST',
  '28P01',
  '28000',
  '3D000',
  '53300',
  '57P03',
]);

/**
 * The failures that say the data source is configured wrong (its host is refused or unknown, its
 * user, password or database does not exist): CONFLICT, until someone changes the data source.
 * Any other connection failure is the server being unreachable for now: UNAVAILABLE.
 */
const MISCONFIGURED = new Set(['ENOTFOUND', 'EDATASOURCEHOST', '28P01', '28000', '3D000']);

/**
 * A connection failure in words that never contain the password (and reach admins only: DataSourceError):
 * UNAVAILABLE when the server cannot be reached (only the field that needed it fails), CONFLICT when
 * the data source's settings are wrong.
 */
export function connectionError(error: unknown, password: string | undefined): DomainError {
  const code = (error as { code?: string }).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ENOTFOUND: 'the host was not found',
    EAI_AGAIN: 'the host could not be resolved',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    '28P01': 'password authentication failed',
    '28000': 'the server refused the user',
    '3D000': 'the database does not exist',
    '53300': 'the server has too many connections',
    '57P01': 'the server is shutting down',
    '57P03': 'the server is starting up or shutting down',
  };
  const reason = (code && known[code]) || (error instanceof Error ? redact(error.message, password) : 'unknown error');
  return new DataSourceError(code && MISCONFIGURED.has(code) ? 'CONFLICT' : 'UNAVAILABLE', `Could not connect to the data source: ${reason}`);
}

/** What the data source said about a statement, as the domain error a client can act on. */
export function statementError(error: unknown, timeoutMs: number, password: string | undefined): unknown {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? redact(error.message, password) : '';
  if (code === '57014' || message === 'Query read timeout') {
    return new DomainError('QUERY_TIMEOUT', `The query ran longer than ${timeoutMs / 1000} s and was cancelled`);
  }
  if (code?.startsWith('22')) return new DataSourceError('BAD_USER_INPUT', `The data source refused a value: ${message}`, 'input');
  if (code && ['42P01', '42703', '42883', '42804', '42501', '3F000'].includes(code)) {
    return new DataSourceError('CONFLICT', `The data source does not match the dataset definition: ${message}`);
  }
  if (code?.startsWith('08') || code?.startsWith('57P') || isConnectionFailure(error)) return connectionError(error, password);
  return error;
}

/**
 * Runs one statement in a read-only transaction (UTC, `search_path` pg_catalog, statement timeout
 * `timeoutMs`) and returns rows as arrays. Timeouts are QUERY_TIMEOUT; connection failures say why
 * without the password.
 */
export async function runReadOnly(
  pool: pg.Pool,
  sql: PrintedSql,
  options: { timeoutMs?: number; password?: string | (() => string) } = {},
): Promise<RawResult> {
  // Only an error's wording needs the password (to take it out).
  const secret = (): string | undefined => (typeof options.password === 'function' ? options.password() : options.password);
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS));
  if (timeoutMs === DEFAULT_STATEMENT_TIMEOUT_MS) {
    // The pool's sessions are already read-only, UTC, pg_catalog-only, with this timeout: one round trip.
    try {
      const name = statementName(sql);
      const config = { text: sql.text, values: sql.values, rowMode: 'array', types, query_timeout: timeoutMs + 5_000 };
      const run = (named: boolean) => pool.query((named ? { ...config, name } : config) as pg.QueryArrayConfig);
      // A table that changed shape under a prepared statement: once more, unprepared, and a new name from now on.
      const result = await run(name !== undefined).catch((error: unknown) => {
        if (name === undefined || !isStalePlan(error)) throw error;
        retireStatement(sql);
        return run(false);
      });
      return { fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows: result.rows };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && CONNECTION_FAILURES.has(code)) throw connectionError(error, secret());
      if (error instanceof Error && error.message.startsWith('timeout exceeded when trying to connect')) throw connectionError(error, secret());
      throw statementError(error, timeoutMs, secret());
    }
  }
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw connectionError(error, secret());
  }
  let broken: Error | undefined;
  // A connection lost between statements emits 'error' on the client: note it, never crash.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('begin transaction read only');
    await client.query(`select set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('search_path', 'pg_catalog', true)`, [
      String(timeoutMs),
    ]);
    const config = { text: sql.text, values: sql.values, rowMode: 'array', types, query_timeout: timeoutMs + 5_000 };
    const result = await client.query(config as pg.QueryArrayConfig);
    await client.query('commit');
    return { fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows: result.rows };
  } catch (error) {
    await client.query('rollback').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
    });
    if (error instanceof Error && error.message === 'Query read timeout') broken = error;
    throw statementError(error, timeoutMs, secret());
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** A pool to run on, and the password its connections use (to keep it out of error messages). */
export interface PoolLease {
  pool: pg.Pool;
  password?: string | (() => string);
}

/** What `runQuery` returns: at most `limit` converted rows, and whether more existed. */
export interface RawRows {
  rows: unknown[][];
  truncated: boolean;
}

/**
 * Runs a compiled query's printed SQL (which asks for one row more than `limit`): at most `limit`
 * rows, values converted for JSON, and whether more rows existed.
 */
export async function runQuery(lease: PoolLease, sql: PrintedSql, limit: number, options: { timeoutMs?: number } = {}): Promise<RawRows> {
  const raw = await runReadOnly(lease.pool, sql, { timeoutMs: options.timeoutMs, password: lease.password });
  const truncated = raw.rows.length > limit;
  const rows = (truncated ? raw.rows.slice(0, limit) : raw.rows).map((r) => r.map((value, i) => convert(value, raw.fields[i]!.dataTypeID)));
  return { rows, truncated };
}
