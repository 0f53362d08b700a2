import type { Config } from '../config.ts';
import { pendingMigrations, type Orm } from '../db/orm.ts';
import { deriveKeys, type Keys } from '../auth/keys.ts';
import type { Logger } from '../logger.ts';
import { ResultCache } from '../query/result-cache.ts';
import type { QueryResultData } from '../query/runner.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { DataSourcePools } from '../query/pools.ts';
import { MetadataCache } from '../cache/metadata-cache.ts';

/** Process-wide dependencies, built once by `main.ts` (or the test kit) and handed to `createApp`. */
export interface AppDeps {
  config: Config;
  orm: Orm;
  keys: Keys;
  logger: Logger;
  /** Whether migrations were checked and applied; `/readyz` is 503 until then. */
  isMigrated(): Promise<boolean>;
  /** Failed sign-ins per account and per client address. */
  signInThrottle: { account: FailureThrottle; address: FailureThrottle };
  /** Connection pools of the data sources dataset queries run on; closed on shutdown. */
  dataSourcePools: DataSourcePools;
  /** Widget results kept for their dashboard's cache TTL (keyed by printed SQL and values). */
  resultCache: ResultCache<Omit<QueryResultData, 'sql' | 'cached'>>;
  /** Sessions, overrides, grants, attributes, datasets and data sources, invalidated by the database's change notices. Off until `start()`. */
  metadataCache: MetadataCache;
}

/** Closes what `createDeps` opened: the metadata cache's change feed, then the data source pools. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.metadataCache.close();
  await deps.dataSourcePools.closeAll();
}

export function createDeps(args: { config: Config; orm: Orm; secretKey: string; logger: Logger }): AppDeps {
  let migrated = false;
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
    signInThrottle: {
      account: new FailureThrottle(10, 15 * 60_000),
      address: new FailureThrottle(100, 15 * 60_000),
    },
    dataSourcePools: new DataSourcePools(args.logger, args.config.dataSourceAllow),
    resultCache: new ResultCache(500),
    metadataCache: new MetadataCache({ connectionString: args.orm.config.get('clientUrl')!, logger: args.logger }),
  };
}
