/**
 * Runs compiled dataset queries on the dataset's data source: a read-only transaction with a
 * statement timeout, on a pooled connection (pools.ts), fetching one row more than the limit to
 * tell whether the result was truncated. `exploreDataset` is the GraphQL path (explore right,
 * RLP for restricted viewers); `executeQuery` is the pipeline other paths (widgets, exports,
 * embeds) call with the access they computed.
 */
import pg from 'pg';
import { decryptSecret } from '../auth/secret-box.ts';
import { assertCan } from '../authz/policy.ts';
import { DataSourceError, DomainError, notFound } from '../errors.ts';
import type { Dataset } from '../modules/dataset/dataset.entity.ts';
import { dataSourceRow, type DataSourceRow } from '../modules/data-source/data-source.rows.ts';
import { datasetFacts } from '../modules/dataset/dataset.access.ts';
import type { RequestScope, ScopeParts } from '../scope/scope.ts';
import { compileQuery, type CompiledQuery, type DatasetQueryInput, type QueryAccess } from './compile.ts';
import { deepFreeze } from '../cache/metadata-cache.ts';
import { printSelect, type PrintedSql } from './print.ts';
import { assertSchemasAllowed } from './schema-allowlist.ts';
import { chargeWarehouseQuery } from './budget.ts';
import { resultCacheKey, type CachedResult } from './result-cache.ts';
import { isStalePlan, retireStatement, statementName } from './prepared.ts';
import { isRestricted } from './rlp.ts';
import { attributeLoaders } from '../modules/attribute/attribute.loaders.ts';

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
  const canonical = text.replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
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

const redact = (text: string, secret: string | undefined) => (secret ? text.split(secret).join('[redacted]') : text);

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EDATASOURCEHOST', '28P01', '28000', '3D000', '53300', '57P03']);

/** A connection failure in words that never contain the password (and reach admins only: DataSourceError). */
function connectionError(error: unknown, password: string | undefined): DomainError {
  const code = (error as { code?: string }).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused',
    ENOTFOUND: 'the host was not found',
    EAI_AGAIN: 'the host could not be resolved',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    '28P01': 'password authentication failed',
    '28000': 'the server refused the user',
    '3D000': 'the database does not exist',
    '53300': 'the server has too many connections',
    '57P03': 'the server is starting up or shutting down',
  };
  const reason = (code && known[code]) || (error instanceof Error ? redact(error.message, password) : 'unknown error');
  return new DataSourceError('CONFLICT', `Could not connect to the data source: ${reason}`);
}

/** What the data source said about a statement, as the domain error a client can act on. */
function statementError(error: unknown, timeoutMs: number, password: string | undefined): unknown {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? redact(error.message, password) : '';
  if (code === '57014' || message === 'Query read timeout') {
    return new DomainError('QUERY_TIMEOUT', `The query ran longer than ${timeoutMs / 1000} s and was cancelled`);
  }
  if (code?.startsWith('22')) return new DataSourceError('BAD_USER_INPUT', `The data source refused a value: ${message}`, 'input');
  if (code && ['42P01', '42703', '42883', '42804', '42501', '3F000'].includes(code)) {
    return new DataSourceError('CONFLICT', `The data source does not match the dataset definition: ${message}`);
  }
  if (code?.startsWith('08') || code?.startsWith('57P')) return connectionError(error, password);
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
    await client.query(
      `select set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('search_path', 'pg_catalog', true)`,
      [String(timeoutMs)],
    );
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

/**
 * The pool of one of the tenant's data sources, and its password (to keep it out of error
 * messages), decrypted only when a pool is made or an error is worded.
 */
async function loadRow(ctx: ScopeParts<'em' | 'metadata'>, dataSourceId: string, tenantId: string): Promise<DataSourceRow> {
  const row = await dataSourceRow(ctx, tenantId, dataSourceId);
  if (!row) throw notFound('Data source');
  return row;
}

function dataSourcePool(ctx: Pick<RequestScope, 'deps'>, row: DataSourceRow) {
  let plain: string | undefined;
  const password = () => (plain ??= decryptSecret(ctx.deps.keys.encryptionKey, row.password_ciphertext, row.id));
  const target = {
    id: row.id, updatedAt: new Date(row.updated_at), host: row.host, port: row.port, database: row.database, username: row.username,
    sslMode: row.ssl_mode, caCertificate: row.ca_certificate,
  };
  return { pool: ctx.deps.dataSourcePools.get(target, password), password };
}

/** The pool of one of the tenant's data sources by id, and its password (to keep it out of error messages). */
export async function dataSourcePoolById(ctx: ScopeParts<'em' | 'deps' | 'metadata'>, dataSourceId: string, tenantId: string) {
  return dataSourcePool(ctx, await loadRow(ctx, dataSourceId, tenantId));
}

/** Runs one printed statement read-only on a data source of the tenant (no permission check). */
export async function runOnDataSource(
  ctx: ScopeParts<'em' | 'deps' | 'metadata'>,
  target: { dataSourceId: string; tenantId: string },
  sql: PrintedSql,
  options: { timeoutMs?: number } = {},
): Promise<RawResult> {
  const { pool, password } = await dataSourcePoolById(ctx, target.dataSourceId, target.tenantId);
  return runReadOnly(pool, sql, { ...options, password });
}

const UNRESTRICTED = {};
const RESTRICTED_WITHOUT_ATTRIBUTES = {};
const COMPILED_PER_VIEWER = 200;
/**
 * Compiled and printed queries by dataset object, then attributes object, then versions and input.
 * Both objects are shared, frozen values of the metadata cache (a dataset entity per version, a
 * viewer's attributes until they change), so a viewer's repeated query compiles once and a change
 * to the rules or the attributes makes new objects that miss. The data source's version is in the
 * key because the schema allowlist is checked here. Objects made for one request (mutations, cache
 * off) miss too, and are forgotten with the request.
 */
const compiledQueries = new WeakMap<object, WeakMap<object, Map<string, { compiled: CompiledQuery; sql: PrintedSql }>>>();

/** Changes whenever the data source is edited (host, credentials, TLS, schemas): part of every cache key. */
const dataSourceVersion = (row: DataSourceRow) => `${new Date(row.updated_at).getTime()}:${row.schemas.join(',')}`;

function compileAndPrint(dataset: Dataset, source: DataSourceRow, input: DatasetQueryInput, access: QueryAccess) {
  // Only an explicit "not restricted" compiles without the rules; anything else (no access information
  // included) gets them: never the unrestricted entry for a caller that said nothing (fail closed).
  const unrestricted = access?.restricted === false;
  const viewerKey = unrestricted ? UNRESTRICTED : (access?.attributes ?? RESTRICTED_WITHOUT_ATTRIBUTES);
  let byViewer = compiledQueries.get(dataset);
  if (!byViewer) compiledQueries.set(dataset, (byViewer = new WeakMap()));
  let byInput = byViewer.get(viewerKey);
  if (!byInput) byViewer.set(viewerKey, (byInput = new Map()));
  const inputKey = `${dataset.version}:${dataSourceVersion(source)}:${JSON.stringify(input)}`;
  const known = byInput.get(inputKey);
  if (known) return known;
  const compiled = compileQuery(dataset, input, unrestricted ? access : { restricted: true, attributes: access?.attributes });
  assertSchemasAllowed(compiled.select, source.schemas);
  const entry = deepFreeze({ compiled, sql: printSelect(compiled.select) });
  if (byInput.size >= COMPILED_PER_VIEWER) byInput.delete(byInput.keys().next().value!);
  byInput.set(inputKey, entry);
  return entry;
}

/**
 * The pipeline: compile (with `access` for row-level permission), check the data source's schema
 * allowlist, print, run on the dataset's data source, convert values. No permission check here:
 * callers decide who may read. With `cacheTtlSeconds`, results are shared for that long between
 * requests whose data source version, printed SQL and bound values are identical — the row-level
 * predicates and their values are part of both, so no one is ever served rows computed for someone
 * else's permissions, nor rows of a data source since re-pointed.
 */
export async function executeQuery(
  ctx: ScopeParts<'em' | 'deps' | 'logger' | 'metadata'>,
  dataset: Dataset,
  input: DatasetQueryInput,
  access: QueryAccess,
  options: { timeoutMs?: number; cacheTtlSeconds?: number } = {},
): Promise<QueryResultData> {
  const dataSourceId = dataset.dataSource.id;
  const source = await loadRow(ctx, dataSourceId, dataset.tenant.id);
  const { compiled, sql } = compileAndPrint(dataset, source, input, access);
  const cacheKey = options.cacheTtlSeconds ? resultCacheKey(dataSourceId, dataSourceVersion(source), dataset.version, sql) : undefined;
  const cached = cacheKey ? ctx.deps.resultCache.get(cacheKey) : undefined;
  if (cached) return { ...cached, sql, cached: true };
  chargeWarehouseQuery(ctx);
  const started = performance.now();
  const { pool, password } = dataSourcePool(ctx, source);
  const raw = await runReadOnly(pool, sql, { timeoutMs: options.timeoutMs, password });
  const truncated = raw.rows.length > compiled.limit;
  const rows = (truncated ? raw.rows.slice(0, compiled.limit) : raw.rows).map((r) => r.map((value, i) => convert(value, raw.fields[i]!.dataTypeID)));
  // Checked on the process logger first: the request's own logger is made only when something is logged.
  if (ctx.deps.logger.isLevelEnabled('debug')) {
    ctx.logger.debug({ datasetId: dataset.id, ms: Math.round(performance.now() - started), rows: rows.length, truncated }, 'dataset query');
  }
  const result = { columns: compiled.columns, rows, rowCount: rows.length, truncated, sql, missingAttributes: compiled.missingAttributes };
  if (cacheKey) ctx.deps.resultCache.set(cacheKey, result, options.cacheTtlSeconds! * 1000);
  return { ...result, cached: false };
}


/** `Dataset.query`: needs `dataset.explore`; restricted viewers get the dataset's rules. */
export async function exploreDataset(ctx: RequestScope, dataset: Dataset, input: DatasetQueryInput): Promise<QueryResultData> {
  const facts = await datasetFacts(ctx, dataset);
  await assertCan(ctx, 'dataset.explore', facts, 'You may not explore this dataset');
  const viewer = ctx.viewer!;
  const restricted = isRestricted(viewer, facts);
  const attributes = restricted && dataset.permissionRules.length > 0 ? await attributeLoaders(ctx).effective() : undefined;
  return executeQuery(ctx, dataset, input, { restricted, attributes });
}
