import type { EntityManager } from '@mikro-orm/postgresql';
import { Logger as WorkerLogger, runMigrations, type LogFunctionFactory } from 'graphile-worker';
import pg from 'pg';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../logger.ts';

/**
 * Every job the gateway runs, by task identifier, with its payload. The queue is graphile-worker's,
 * in the `graphile_worker` schema of the metadata database: every instance may add and run jobs,
 * and a job runs on one of them at a time.
 */
export interface JobPayloads {
  /** Delivers one `outbox_emails` row by SMTP. */
  'mail.deliver': { outboxId: string };
  /** Adds `mail.deliver` for pending mail that has no job yet (written while SMTP_URL was unset, or by an instance without it). */
  'mail.sweep': Record<string, unknown>;
  /** Adds `digest.send` for every email digest whose send time has come. */
  'digest.schedule': Record<string, unknown>;
  /** Sends one user's email digest for the period ending at `periodEnd` (ISO 8601), once. */
  'digest.send': { userId: string; periodEnd: string };
}
export type JobName = keyof JobPayloads;

export interface AddJobOptions {
  /**
   * At most one job per key: another `add` with the key is ignored while a job with it exists
   * (waiting, running or retrying), so a sweep cannot double a job.
   */
  jobKey?: string;
  maxAttempts?: number;
}

/** The part of the job queue services see (through AppDeps). */
export interface JobQueue {
  /**
   * Adds a job in `em`'s transaction: it becomes visible to the workers when the change that caused
   * it commits, and disappears with it on rollback. Outside a transaction it throws.
   */
  add<N extends JobName>(em: EntityManager, name: N, payload: JobPayloads[N], options?: AddJobOptions): Promise<void>;
  /**
   * Adds many jobs of one task in `em`'s transaction, in one statement. Each key must be new (a
   * job just created for a row just written): an existing job with the key would be replaced.
   */
  addMany<N extends JobName>(em: EntityManager, name: N, jobs: readonly ({ payload: JobPayloads[N] } & AddJobOptions)[]): Promise<void>;
  /** Jobs waiting, retrying or running (not the permanently failed ones): the queue depth. */
  depth(): Promise<number>;
}

export function createJobQueue(orm: Orm): JobQueue {
  return {
    async add(em, name, payload, options = {}) {
      if (!em.isInTransaction()) throw new Error(`The ${name} job must be added in the transaction of the change that causes it`);
      await em.execute(`select 1 from graphile_worker.add_job(?, ?::json, max_attempts => ?::int, job_key => ?::text, job_key_mode => 'unsafe_dedupe')`, [
        name,
        JSON.stringify(payload),
        options.maxAttempts ?? null,
        options.jobKey ?? null,
      ]);
    },
    async addMany(em, name, jobs) {
      if (!em.isInTransaction()) throw new Error(`The ${name} jobs must be added in the transaction of the change that causes them`);
      if (jobs.length === 0) return;
      const specs = jobs.map((job) => ({ payload: job.payload, max_attempts: job.maxAttempts ?? null, job_key: job.jobKey ?? null }));
      await em.execute(
        `select count(*) from graphile_worker.add_jobs(array(
           select row(?::text, s.payload, null, null, s.max_attempts, s.job_key, null, null)::graphile_worker.job_spec
             from json_to_recordset(?::json) as s(payload json, max_attempts int, job_key text)))`,
        [name, JSON.stringify(specs)],
      );
    },
    async depth() {
      const [row] = await orm.em
        .fork()
        .execute<{ count: string }[]>('select count(*) as count from graphile_worker.jobs where attempts < max_attempts or locked_at is not null');
      return Number(row?.count ?? 0);
    },
  };
}

/** graphile-worker's log lines through the gateway's logger; its routine chatter goes to debug. */
export function workerLogger(logger: Logger): WorkerLogger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    const fields = { jobs: { label: scope.label, workerId: scope.workerId, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId }, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  };
  return new WorkerLogger(factory);
}

/**
 * A pool for graphile-worker that the gateway owns: graphile-worker ends a pool it made itself
 * without waiting, and drops its error handlers first, so a connection closing as the database
 * stops would crash the process. This one keeps its handlers and is ended (awaited) by its owner.
 */
export interface WorkerPool {
  pool: pg.Pool;
  /** Ends the pool and waits until every connection is closed (pg's `end()` does not wait for the sockets). */
  end(): Promise<void>;
}

export function workerPool(connectionString: string, max: number, logger: Logger): WorkerPool {
  const pool = new pg.Pool({ connectionString, max });
  const open = new Map<pg.Client, Promise<void>>();
  const onError = (error: Error) => logger.warn({ err: error.message }, 'job queue connection error');
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
    open.set(
      client,
      new Promise((resolve) =>
        client.once('end', () => {
          open.delete(client);
          resolve();
        }),
      ),
    );
  });
  return {
    pool,
    async end() {
      if (!pool.ending) await pool.end();
      await Promise.all(open.values());
    },
  };
}

/** Creates or upgrades the `graphile_worker` schema (safe when several instances start at once). */
export async function migrateJobQueue(connectionString: string, logger: Logger): Promise<void> {
  const owned = workerPool(connectionString, 2, logger);
  try {
    await runMigrations({ pgPool: owned.pool, logger: workerLogger(logger) });
  } finally {
    await owned.end();
  }
}
