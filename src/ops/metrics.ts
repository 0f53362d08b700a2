/**
 * The gateway's Prometheus registry, one per app (tests run several apps in one process, so the
 * global default registry is never used). Request and operation histograms are filled by the
 * yoga Prometheus plugin (src/http/observability.ts); the `tessera_*` metrics are read here.
 *
 * Instrumentation stays cheap: the caches, pools and throttle count events in plain numbers,
 * read only when Prometheus scrapes (`collect`), and the few counters incremented on the request
 * path are prom-client counters with bounded labels.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type pg from 'pg';
import type { SignInThrottle } from '../auth/throttle.ts';
import type { MetadataCache } from '../cache/metadata-cache.ts';
import type { Orm } from '../db/orm.ts';
import type { DataSourceConcurrency } from '../query/concurrency.ts';
import type { DataSourcePools } from '../query/pools.ts';
import type { ResultCache } from '../query/result-cache.ts';
import { inSpan, statementText } from './tracing.ts';

/** The label value of everything past a label's bound. */
export const OTHER = 'other';

/**
 * Values of a label that clients or tenants choose (operation names, data source ids): the
 * first `max` distinct values keep their own series, later ones are reported as `other`, so the
 * number of series stays bounded whatever is sent. `untrustedMax` bounds the share that callers
 * without a principal may claim, so that anonymous requests cannot use up the names.
 */
export class BoundedLabel {
  private readonly known = new Set<string>();
  private readonly max: number;
  private readonly untrustedMax: number;

  constructor(max: number, untrustedMax = max) {
    this.max = max;
    this.untrustedMax = untrustedMax;
  }

  of(value: string, trusted = true): string {
    if (this.known.has(value)) return value;
    if (this.known.size >= (trusted ? this.max : this.untrustedMax)) return OTHER;
    this.known.add(value);
    return value;
  }
}

/** The codes of PRODUCT.md §10 (and graphql-yoga's own for malformed requests); anything else counts as `OTHER`. */
const ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

/** Seconds; warehouse statements run up to the 15 s statement timeout. */
const WAREHOUSE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export interface Metrics {
  registry: Registry;
  /** Operation names as label values: at most 100 (20 of them first seen without a principal). */
  operationNames: BoundedLabel;
  /** Data source ids as label values: at most 200. */
  dataSourceIds: BoundedLabel;
  /** `tessera_warehouse_query_duration_seconds{data_source, outcome}`. */
  warehouseQueries: Histogram<'data_source' | 'outcome'>;
  /** `tessera_warehouse_queries_shared_total`: statements not run because an identical one was in flight. */
  warehouseQueriesShared: Counter;
  /** `tessera_rate_limited_total{limit}`: requests refused by a rate limit other than the sign-in throttle. */
  rateLimited: Counter<'limit'>;
  /** Counts the errors of one GraphQL response by code. */
  countErrors(errors: readonly { extensions?: Record<string, unknown> }[]): void;
}

export interface MetricSources {
  orm: Orm;
  metadataCache: MetadataCache;
  resultCache: Pick<ResultCache<unknown>, 'hits' | 'misses' | 'size' | 'bytes' | 'evictions'>;
  dataSourcePools: DataSourcePools;
  dataSourceConcurrency: DataSourceConcurrency;
  signInThrottle: SignInThrottle;
  /** Jobs waiting in the queue; `tessera_job_queue_depth` is reported only when given. */
  queueDepth?: (() => Promise<number>) | undefined;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const { metadataCache, resultCache, dataSourcePools, dataSourceConcurrency, signInThrottle } = sources;
  new Counter({
    name: 'tessera_metadata_cache_reads_total',
    help: 'Metadata reads by result: hit (served from the cache), miss (loaded and stored), bypass (the change feed was down: read from the database)',
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, metadataCache.hits);
      this.inc({ result: 'miss' }, metadataCache.misses);
      this.inc({ result: 'bypass' }, metadataCache.bypassed);
    },
  });
  new Gauge({
    name: 'tessera_metadata_cache_feed_connected',
    help: '1 while the metadata change feed (LISTEN tessera_metadata) is connected and the cache serves reads, else 0',
    registers,
    collect() {
      this.set(metadataCache.active ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tessera_metadata_cache_entries',
    help: 'Entries held by the metadata cache, over all tenants',
    registers,
    collect() {
      this.set(metadataCache.size);
    },
  });
  new Counter({
    name: 'tessera_result_cache_reads_total',
    help: 'Widget result cache lookups by result (hit, miss)',
    labelNames: ['result'],
    registers,
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, resultCache.hits);
      this.inc({ result: 'miss' }, resultCache.misses);
    },
  });
  new Gauge({
    name: 'tessera_result_cache_entries',
    help: 'Results held by the widget result cache (at most 500)',
    registers,
    collect() {
      this.set(resultCache.size);
    },
  });
  new Gauge({
    name: 'tessera_result_cache_bytes',
    help: 'Approximate size of the results held by the widget result cache (their JSON length), bounded by TESSERA_RESULT_CACHE_MAX_MB',
    registers,
    collect() {
      this.set(resultCache.bytes);
    },
  });
  new Counter({
    name: 'tessera_result_cache_evictions_total',
    help: 'Results dropped from the widget result cache before their TTL to stay within its bounds (entries, bytes)',
    registers,
    collect() {
      this.reset();
      this.inc(resultCache.evictions);
    },
  });
  new Counter({
    name: 'tessera_sign_in_throttled_total',
    help: 'Sign-in attempts refused with RATE_LIMITED, by the limit that refused them (account, address)',
    labelNames: ['limit'],
    registers,
    collect() {
      this.reset();
      this.inc({ limit: 'account' }, signInThrottle.throttled.account);
      this.inc({ limit: 'address' }, signInThrottle.throttled.address);
    },
  });

  const dataSourceIds = new BoundedLabel(200);
  new Gauge({
    name: 'tessera_data_source_pool_connections',
    help: 'Connections of each data source pool, by state (in_use, idle)',
    labelNames: ['data_source', 'state'],
    registers,
    collect() {
      this.reset();
      for (const pool of dataSourcePools.stats()) {
        const data_source = dataSourceIds.of(pool.dataSourceId);
        this.inc({ data_source, state: 'in_use' }, pool.total - pool.idle);
        this.inc({ data_source, state: 'idle' }, pool.idle);
      }
    },
  });
  new Gauge({
    name: 'tessera_data_source_pool_waiting',
    help: 'Queries waiting for a connection of each data source pool (at most 10 connections each)',
    labelNames: ['data_source'],
    registers,
    collect() {
      this.reset();
      for (const pool of dataSourcePools.stats()) this.inc({ data_source: dataSourceIds.of(pool.dataSourceId) }, pool.waiting);
    },
  });

  new Gauge({
    name: 'tessera_warehouse_queries_in_progress',
    help: 'Warehouse statements of each data source running (state=running, at most TESSERA_WAREHOUSE_CONCURRENCY) and waiting for a slot (state=queued)',
    labelNames: ['data_source', 'state'],
    registers,
    collect() {
      this.reset();
      for (const lane of dataSourceConcurrency.stats()) {
        const data_source = dataSourceIds.of(lane.dataSourceId);
        this.inc({ data_source, state: 'running' }, lane.running);
        this.inc({ data_source, state: 'queued' }, lane.queued);
      }
    },
  });
  new Counter({
    name: 'tessera_warehouse_queries_refused_total',
    help: 'Warehouse statements refused with UNAVAILABLE before running, by reason (queue_full, queue_timeout)',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      this.inc({ reason: 'queue_full' }, dataSourceConcurrency.refused.queue_full);
      this.inc({ reason: 'queue_timeout' }, dataSourceConcurrency.refused.queue_timeout);
    },
  });
  new Gauge({
    name: 'tessera_data_source_pools',
    help: 'Data source pools open in this process (at most TESSERA_DATA_SOURCE_POOLS_MAX while any is idle)',
    registers,
    collect() {
      this.set(dataSourcePools.size);
    },
  });
  new Counter({
    name: 'tessera_data_source_pools_closed_total',
    help: 'Data source pools closed, by reason (evicted: over the cap, idle: unused for 5 minutes)',
    labelNames: ['reason'],
    registers,
    collect() {
      this.reset();
      this.inc({ reason: 'evicted' }, dataSourcePools.closedPools.evicted);
      this.inc({ reason: 'idle' }, dataSourcePools.closedPools.idle);
    },
  });

  // The metadata database pool is made by the ORM on its first connection.
  const metadataPool = async (): Promise<pg.Pool | undefined> => {
    try {
      return (await sources.orm.em.getConnection().getNativeClient()) as pg.Pool;
    } catch {
      return undefined;
    }
  };
  new Gauge({
    name: 'tessera_metadata_pool_connections',
    help: 'Connections of the metadata database pool, by state (in_use, idle)',
    labelNames: ['state'],
    registers,
    async collect() {
      const pool = await metadataPool();
      this.reset();
      if (!pool) return;
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
    },
  });
  new Gauge({
    name: 'tessera_metadata_pool_waiting',
    help: 'Requests waiting for a connection of the metadata database pool',
    registers,
    async collect() {
      const pool = await metadataPool();
      this.set(pool?.waitingCount ?? 0);
    },
  });

  const queueDepth = sources.queueDepth;
  if (queueDepth) {
    new Gauge({
      name: 'tessera_job_queue_depth',
      help: 'Jobs waiting in the queue',
      registers,
      async collect() {
        this.set(await queueDepth());
      },
    });
  }

  const warehouseQueries = new Histogram({
    name: 'tessera_warehouse_query_duration_seconds',
    help: 'Warehouse statements run on data sources (dataset queries, widget data, filter permission queries), by data source and outcome (ok, timeout, error); _count is the number of statements',
    labelNames: ['data_source', 'outcome'],
    buckets: WAREHOUSE_BUCKETS,
    registers,
  });
  const warehouseQueriesShared = new Counter({
    name: 'tessera_warehouse_queries_shared_total',
    help: 'Warehouse statements not run because an identical one (same data source, dataset version, SQL and values) was already running: its rows were shared',
    registers,
  });
  const rateLimited = new Counter({
    name: 'tessera_rate_limited_total',
    help: 'Requests refused with RATE_LIMITED by a rate limit other than the sign-in throttle, by limit',
    labelNames: ['limit'],
    registers,
  });
  const errors = new Counter({
    name: 'tessera_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code',
    labelNames: ['code'],
    registers,
  });

  return {
    registry,
    operationNames: new BoundedLabel(100, 20),
    dataSourceIds,
    warehouseQueries,
    warehouseQueriesShared,
    rateLimited,
    countErrors(list) {
      for (const error of list) {
        const code = error.extensions?.code;
        errors.inc({ code: typeof code === 'string' && ERROR_CODES.has(code) ? code : 'OTHER' });
      }
    },
  };
}

/**
 * Runs one warehouse statement under `tessera_warehouse_query_duration_seconds` and, in a traced
 * request, a span of its own (statement text, data source id; never the bound values).
 */
export async function measureWarehouseQuery<T>(metrics: Metrics, dataSourceId: string, statement: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome = 'error';
  try {
    const result = await inSpan(
      'warehouse query',
      { 'db.system.name': 'postgresql', 'db.query.text': statementText(statement), 'tessera.data_source.id': dataSourceId },
      run,
    );
    outcome = 'ok';
    return result;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'QUERY_TIMEOUT' || code === '57014') outcome = 'timeout';
    throw error;
  } finally {
    metrics.warehouseQueries.observe({ data_source: metrics.dataSourceIds.of(dataSourceId), outcome }, (performance.now() - started) / 1000);
  }
}
