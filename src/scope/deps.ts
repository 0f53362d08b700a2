import type { Config } from '../config.ts';
import { pendingMigrations, type Orm } from '../db/orm.ts';
import { deriveKeys, type Keys } from '../auth/keys.ts';
import type { Logger } from '../logger.ts';
import { ResultCache, type CachedResult } from '../query/result-cache.ts';
import { QueryRateLimit, SignInThrottle } from '../auth/throttle.ts';
import { DataSourceConcurrency } from '../query/concurrency.ts';
import type { RawRows } from '../query/runner.ts';
import { DataSourcePools } from '../query/pools.ts';
import { MetadataCache } from '../cache/metadata-cache.ts';
import { createMetrics, type Metrics } from '../ops/metrics.ts';
import { createJobQueue, type JobQueue } from '../jobs/queue.ts';

/** Process-wide dependencies, built once by `main.ts` (or the test kit) and handed to `createApp`. */
export interface AppDeps {
  config: Config;
  orm: Orm;
  keys: Keys;
  logger: Logger;
  /** Whether migrations were checked and applied; `/readyz` is 503 until then. */
  isMigrated(): Promise<boolean>;
  /**
   * Set once, on SIGTERM (`main.ts`): from then on `/readyz` answers 503 and new GraphQL requests
   * 503 UNAVAILABLE, while the requests already running finish.
   */
  lifecycle: { draining: boolean };
  /** Sign-in attempts per account and per client address, shared through the database. */
  signInThrottle: SignInThrottle;
  /** Connection pools of the data sources dataset queries run on; closed on shutdown. */
  dataSourcePools: DataSourcePools;
  /** Warehouse statements running and waiting per data source (concurrency limit, bounded queue). */
  dataSourceConcurrency: DataSourceConcurrency;
  /** Identical statements running now, by result cache key: a second caller waits for the first's rows. */
  inFlightQueries: Map<string, Promise<RawRows>>;
  /** Warehouse statements per principal and minute, shared through the database. */
  queryRateLimit: QueryRateLimit;
  /** Widget results kept for their dashboard's cache TTL (keyed by printed SQL and values). */
  resultCache: ResultCache<CachedResult>;
  /** Sessions, overrides, grants, attributes, datasets and data sources, invalidated by the database's change notices. Off until `start()`. */
  metadataCache: MetadataCache;
  /** This app's Prometheus registry and the `tessera_*` metrics counted on the request path (`GET /metrics`). */
  metrics: Metrics;
  /** The job queue in the metadata database (graphile-worker): services add jobs in their transaction. */
  jobs: JobQueue;
}

/** Closes what `createDeps` opened: the metadata cache's change feed, the throttle's pool, then the data source pools. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.metadataCache.close();
  await deps.signInThrottle.close();
  await deps.dataSourcePools.closeAll();
}

export function createDeps(args: { config: Config; orm: Orm; secretKey: string; logger: Logger }): AppDeps {
  let migrated = false;
  const signInThrottle = new SignInThrottle({ connectionString: args.orm.config.get('clientUrl')!, limits: args.config.signInLimits });
  const limits = args.config.warehouse;
  const dataSourcePools = new DataSourcePools(args.logger, args.config.dataSourceAllow, {
    maxPools: limits.maxPools,
    idleMs: limits.poolIdleMs,
    maxConnections: limits.concurrency,
  });
  const dataSourceConcurrency = new DataSourceConcurrency({ concurrency: limits.concurrency, queueMax: limits.queueMax, maxWaitMs: limits.queueWaitMs });
  const resultCache = new ResultCache<CachedResult>(500, { maxBytes: limits.resultCacheMaxBytes });
  const metadataCache = new MetadataCache({
    connectionString: args.orm.config.get('clientUrl')!,
    logger: args.logger,
    heartbeatMs: args.config.metadataHeartbeatMs,
  });
  const jobs = createJobQueue(args.orm);
  return {
    config: args.config,
    orm: args.orm,
    keys: deriveKeys(args.secretKey),
    logger: args.logger,
    async isMigrated() {
      await args.orm.em.fork().execute('select 1');
      if (!migrated) migrated = (await pendingMigrations(args.orm)).length === 0;
      return migrated;
    },
    lifecycle: { draining: false },
    signInThrottle,
    dataSourcePools,
    dataSourceConcurrency,
    inFlightQueries: new Map(),
    queryRateLimit: new QueryRateLimit(signInThrottle.pool, limits.queriesPerMinute),
    resultCache,
    metadataCache,
    metrics: createMetrics({
      orm: args.orm,
      metadataCache,
      resultCache,
      dataSourcePools,
      dataSourceConcurrency,
      signInThrottle,
      queueDepth: () => jobs.depth(),
    }),
    jobs,
  };
}
