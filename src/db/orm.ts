import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.ts';

export type Orm = MikroORM;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** How long a request waits for a metadata database connection (a new one, or a free one of the pool). */
export const METADATA_CONNECT_TIMEOUT_MS = 5_000;

export interface OrmOptions {
  clientUrl: string;
  /** Called with every SQL statement the ORM sends; used for statement counting and tracing. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /** Given the pool when the driver makes it (the server and the test kit trace its statements: `ops/tracing.ts`). */
  onPoolCreated?: (pool: pg.Pool) => void;
}

export async function createOrm(options: OrmOptions): Promise<Orm> {
  const onQuery = options.onQuery;
  return MikroORM.init({
    entities,
    clientUrl: options.clientUrl,
    extensions: [Migrator],
    preferTs: true,
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: '!(*.d).ts',
      emit: 'ts',
      silent: true,
      snapshotOnMigrate: false,
    },
    // The job queue's schema is graphile-worker's own (migrated by it): no entity describes it.
    schemaGenerator: { ignoreSchema: ['graphile_worker'] },
    pool: { min: 0, max: options.poolMax ?? 10 },
    driverOptions: {
      // A server that does not answer (or a pool that stays full) fails the request with 503
      // UNAVAILABLE after 5 s instead of holding it (graphql/errors.ts).
      connectionTimeoutMillis: METADATA_CONNECT_TIMEOUT_MS,
      ...(options.onPoolCreated ? { onPoolCreated: options.onPoolCreated } : {}),
    },
    onQuery: onQuery
      ? (sql) => {
          onQuery(sql);
          return sql;
        }
      : (sql) => sql,
    debug: false,
    allowGlobalContext: false,
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: Orm): Promise<string[]> {
  return (await orm.migrator.getPending()).map((m) => m.name);
}
