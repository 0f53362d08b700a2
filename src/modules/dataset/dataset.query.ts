/**
 * Reading a dataset's rows, once for every path (`Dataset.query`, widget data, filter options):
 * decide (the matrix, then whether row-level permission restricts the viewer, then their
 * attributes), compile and print (cached), check the data source's schema allowlist, charge the
 * warehouse budget, run on the data source's pool, and share results between requests when asked.
 */
import { mergeFacts, type Facts } from '../../authz/decide.ts';
import type { Action } from '../../authz/matrix.ts';
import { assertCan, grantsDashboard } from '../../authz/policy.ts';
import { isPublicPrincipal, type Principal, type PublicPrincipal } from '../../auth/principal.ts';
import { DomainError, forbidden } from '../../errors.ts';
import { staticAttributes } from '../../query/rlp.ts';
import { deepFreeze } from '../../cache/metadata-cache.ts';
import { measureWarehouseQuery } from '../../ops/metrics.ts';
import { chargeWarehouseQuery } from '../../query/budget.ts';
import { compileQuery, type CompiledQuery, type DatasetQueryInput, type QueryAccess, type RowLimits } from '../../query/compile.ts';
import { printSelect, type PrintedSql } from '../../query/print.ts';
import { resultCacheKey } from '../../query/result-cache.ts';
import { isRestricted } from '../../query/rlp.ts';
import { runQuery, type PoolLease, type QueryResultData, type RawRows } from '../../query/runner.ts';
import { assertSchemasAllowed } from '../../query/schema-allowlist.ts';
import { dataSourcePool, dataSourceVersion, loadDataSourceRow } from '../data-source/data-source.pool.ts';
import type { DataSourceRow } from '../data-source/data-source.rows.ts';
import { requirePerson, type RequestScope, type ScopeParts } from '../../scope/scope.ts';
import { attributeLoaders } from '../attribute/attribute.loaders.ts';
import type { Dataset } from './dataset.entity.ts';
import { datasetFacts } from './dataset.policy.ts';

/**
 * Decides a read of the dataset's rows with `action` (the dataset's facts, merged with those of
 * what it is read through, such as a widget's dashboard), and the row-level permission it runs
 * under: restricted viewers get the dataset's rules, with their attributes when there are rules.
 */
export async function authorizeDatasetRead(
  ctx: RequestScope,
  dataset: Dataset,
  check: { action: Action; message: string; through?: () => Promise<Facts>; dashboardId?: string },
): Promise<QueryAccess> {
  if (isPublicPrincipal(ctx.viewer)) {
    // Embeds and links read widget data of their own dashboards only, never a dataset directly.
    if (check.action !== 'widget.viewData' || check.dashboardId === undefined || !grantsDashboard(ctx.viewer, check.dashboardId)) {
      throw forbidden(check.message);
    }
    return publicAccess(ctx.viewer, dataset.id);
  }
  const facts = await datasetFacts(ctx, dataset);
  await assertCan(ctx, check.action, check.through ? mergeFacts(await check.through(), facts) : facts, check.message);
  const restricted = isRestricted(requirePerson(ctx), facts);
  const attributes = restricted && dataset.permissionRules.length > 0 ? await attributeLoaders(ctx).effective() : undefined;
  return { restricted, attributes };
}

const PUBLIC_ACCESS_KEPT = 1000;
/**
 * The access of embed and link principals by content (their attributes and the rules for one
 * dataset), so that the same token's repeated reads share one frozen attributes object and hit the
 * compiled-query cache below. Always restricted: PUBLIC principals are (PRODUCT.md §5).
 */
const publicAccesses = new Map<string, QueryAccess>();

function publicAccess(viewer: PublicPrincipal, datasetId: string): QueryAccess {
  const extraRules = viewer.grant.rowRules.filter((r) => r.datasetId === datasetId).map((r) => r.rule);
  const key = JSON.stringify([viewer.tenantId, viewer.grant.attributes, extraRules]);
  let access = publicAccesses.get(key);
  if (!access) {
    access = deepFreeze({ restricted: true, attributes: staticAttributes(viewer.grant.attributes, 'TOKEN'), extraRules });
    if (publicAccesses.size >= PUBLIC_ACCESS_KEPT) publicAccesses.delete(publicAccesses.keys().next().value!);
    publicAccesses.set(key, access);
  }
  return access;
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

function compileAndPrint(dataset: Dataset, source: DataSourceRow, input: DatasetQueryInput, access: QueryAccess) {
  // Only an explicit "not restricted" compiles without the rules; anything else (no access information
  // included) gets them: never the unrestricted entry for a caller that said nothing (fail closed).
  const unrestricted = access?.restricted === false;
  const viewerKey = unrestricted ? UNRESTRICTED : (access?.attributes ?? RESTRICTED_WITHOUT_ATTRIBUTES);
  let byViewer = compiledQueries.get(dataset);
  if (!byViewer) compiledQueries.set(dataset, (byViewer = new WeakMap()));
  let byInput = byViewer.get(viewerKey);
  if (!byInput) byViewer.set(viewerKey, (byInput = new Map()));
  const extraRules = unrestricted ? undefined : access?.extraRules;
  const inputKey = `${dataset.version}:${dataSourceVersion(source)}:${JSON.stringify(input)}:${extraRules?.length ? JSON.stringify(extraRules) : ''}`;
  const known = byInput.get(inputKey);
  if (known) return known;
  const compiled = compileQuery(dataset, input, unrestricted ? access : { restricted: true, attributes: access?.attributes, extraRules });
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
 *
 * Warehouse load (docs/operations.md, "Warehouse workload protection"): an identical statement
 * already running in this process (same key, whatever the TTL) is joined rather than run again;
 * a statement that does run counts against the principal's rate limit (cache hits and joins do
 * not), then waits for a slot of its data source (UNAVAILABLE when the queue is full or the wait
 * too long).
 */
export async function executeQuery(
  ctx: ScopeParts<'em' | 'deps' | 'logger' | 'metadata'> & { viewer?: Principal | null },
  dataset: Dataset,
  input: DatasetQueryInput,
  access: QueryAccess,
  options: { timeoutMs?: number; cacheTtlSeconds?: number } = {},
): Promise<QueryResultData> {
  const dataSourceId = dataset.dataSource.id;
  const source = await loadDataSourceRow(ctx, dataSourceId, dataset.tenant.id);
  const { compiled, sql } = compileAndPrint(dataset, source, input, access);
  const cacheKey = resultCacheKey(dataSourceId, dataSourceVersion(source), dataset.version, sql);
  const cached = options.cacheTtlSeconds ? ctx.deps.resultCache.get(cacheKey) : undefined;
  if (cached) return { ...cached, sql, cached: true };
  chargeWarehouseQuery(ctx);
  const flightKey = `${cacheKey}:${options.timeoutMs ?? ''}`;
  const inFlight = ctx.deps.inFlightQueries;
  const lead = (): Promise<RawRows> => {
    const started = performance.now();
    const flight = admitWarehouseStatement(ctx, { dataSourceId, tenantId: dataset.tenant.id })
      .then((release) =>
        measureWarehouseQuery(ctx.deps.metrics, dataSourceId, sql.text, () =>
          runQuery(dataSourcePool(ctx, source), sql, compiled.limit, { timeoutMs: options.timeoutMs }),
        ).finally(release),
      )
      .then((raw) => {
        // Checked on the process logger first: the request's own logger is made only when something is logged.
        if (ctx.deps.logger.isLevelEnabled('debug')) {
          ctx.logger.debug(
            { datasetId: dataset.id, ms: Math.round(performance.now() - started), rows: raw.rows.length, truncated: raw.truncated },
            'dataset query',
          );
        }
        return raw;
      })
      .finally(() => {
        if (inFlight.get(flightKey) === flight) inFlight.delete(flightKey);
      });
    inFlight.set(flightKey, flight);
    return flight;
  };
  const joined = inFlight.get(flightKey);
  let raw: RawRows;
  if (!joined) raw = await lead();
  else {
    ctx.deps.metrics.warehouseQueriesShared.inc();
    try {
      raw = await joined;
    } catch (error) {
      // The first caller's own rate limit is no answer for this one: it runs the statement itself.
      if (!(error instanceof DomainError && error.code === 'RATE_LIMITED')) throw error;
      raw = await (inFlight.get(flightKey) ?? lead());
    }
  }
  const { rows, truncated } = raw;
  const result = { columns: compiled.columns, rows, rowCount: rows.length, truncated, sql, missingAttributes: compiled.missingAttributes };
  if (options.cacheTtlSeconds) ctx.deps.resultCache.set(cacheKey, result, options.cacheTtlSeconds * 1000);
  return { ...result, cached: false };
}

/**
 * A warehouse statement's admission: it counts against the principal's rate limit, then takes a
 * slot of its data source, which is its until `release` is called (a query: when it has run; an
 * export: when its cursor closes). RATE_LIMITED or UNAVAILABLE (`WarehouseBusyError`), with
 * `retryAfterSeconds`, otherwise.
 */
export async function admitWarehouseStatement(
  ctx: ScopeParts<'deps'> & { viewer?: Principal | null },
  target: { dataSourceId: string; tenantId: string },
): Promise<() => void> {
  await ctx.deps.queryRateLimit.consume(principalKey(ctx.viewer ?? null, target.tenantId), () => ctx.deps.metrics.rateLimited.inc({ limit: 'dataset_query' }));
  return ctx.deps.dataSourceConcurrency.acquire(target.dataSourceId);
}

/**
 * Whose rate limit a statement counts against: the tenant and the person (an impersonator
 * counts as themself), the embed key and the partner's end user, or the shareable link.
 */
function principalKey(viewer: Principal | null, tenantId: string): string {
  if (!viewer) return `${tenantId}\u0000none`;
  if (viewer.kind === 'EMBED') return `${viewer.tenantId}\u0000embed\u0000${viewer.userId}\u0000${viewer.grant?.embedUserId ?? ''}`;
  if (viewer.kind === 'SHARE_LINK') return `${viewer.tenantId}\u0000link\u0000${viewer.userId}`;
  return `${viewer.tenantId}\u0000user\u0000${viewer.impersonatorId ?? viewer.userId}`;
}

/**
 * The same pipeline up to the pool, for a statement read through a cursor (exports): compiled
 * with `limits` instead of the query limits (never cached: exports are rare and their limits
 * differ), the same row-level permission (fail closed), the schema allowlist, printed, and the
 * data source's pool. No permission check here either.
 */
export async function prepareDatasetStream(
  ctx: ScopeParts<'em' | 'deps' | 'metadata'>,
  dataset: Dataset,
  input: DatasetQueryInput,
  access: QueryAccess,
  limits: RowLimits,
): Promise<{ compiled: CompiledQuery; sql: PrintedSql; lease: PoolLease; dataSourceId: string; tenantId: string }> {
  const source = await loadDataSourceRow(ctx, dataset.dataSource.id, dataset.tenant.id);
  const unrestricted = access?.restricted === false;
  const compiled = compileQuery(dataset, input, unrestricted ? access : { restricted: true, attributes: access?.attributes }, limits);
  assertSchemasAllowed(compiled.select, source.schemas);
  chargeWarehouseQuery(ctx);
  return {
    compiled,
    sql: printSelect(compiled.select),
    lease: dataSourcePool(ctx, source),
    dataSourceId: dataset.dataSource.id,
    tenantId: dataset.tenant.id,
  };
}

/** `Dataset.query`: needs `dataset.explore`; restricted viewers get the dataset's rules. */
export async function exploreDataset(ctx: RequestScope, dataset: Dataset, input: DatasetQueryInput): Promise<QueryResultData> {
  const access = await authorizeDatasetRead(ctx, dataset, { action: 'dataset.explore', message: 'You may not explore this dataset' });
  return executeQuery(ctx, dataset, input, access);
}
