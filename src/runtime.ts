import type { Config } from './config.ts';
import { resolveDatabase, type ResolvedDatabase } from './db/database.ts';
import { createOrm, migrate, type Orm } from './db/orm.ts';
import { traceMetadataStatements } from './ops/tracing.ts';
import { migrateJobQueue } from './jobs/queue.ts';
import { closeDeps, createDeps, type AppDeps } from './scope/deps.ts';
import type { Logger } from './logger.ts';

export interface Runtime {
  db: ResolvedDatabase;
  orm: Orm;
  deps: AppDeps;
  /** Closes the data source pools and the pool, then stops the embedded database if this process started it. */
  close(): Promise<void>;
}

/** Database (external or embedded), ORM and migrations (ours, then the job queue's): what both the server and the CLI need. */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const db = await resolveDatabase(config, logger);
  let orm: Orm | undefined;
  try {
    orm = await createOrm({ clientUrl: db.url, onPoolCreated: traceMetadataStatements(db.url) });
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    // The job queue's own schema (graphile_worker), after ours.
    await migrateJobQueue(db.url, logger);
  } catch (error) {
    await orm?.close(true).catch(() => {});
    await db.stop().catch(() => {});
    throw error;
  }
  const opened = orm;
  const deps = createDeps({ config, orm: opened, secretKey: db.secretKey, logger });
  return {
    db,
    orm: opened,
    deps,
    async close() {
      await closeDeps(deps);
      await opened.close(true);
      await db.stop();
    },
  };
}
