import { parseCronItems, run, type Runner, type TaskList } from 'graphile-worker';
import type { Logger } from '../logger.ts';
import { workerLogger, workerPool, type JobName, type JobPayloads } from './queue.ts';

export interface Schedule {
  /** Names the schedule in graphile-worker's `known_crontabs`. */
  identifier: string;
  task: JobName;
  /** A cron pattern, e.g. `* * * * *`. */
  match: string;
  /** A job is added only if none with this key is waiting. */
  jobKey?: string;
  maxAttempts?: number;
}

/** What a task knows of the job it runs. */
export interface JobRun {
  id: string;
  /** 1 on the first run; equal to `maxAttempts` on the last. */
  attempt: number;
  maxAttempts: number;
}

/** A task succeeds by returning; throwing schedules a retry (exponential backoff: e^attempt seconds) until the last attempt. */
export type TaskHandlers = { [N in JobName]?: (payload: JobPayloads[N], job: JobRun) => Promise<void> };

export interface JobRunnerOptions {
  connectionString: string;
  logger: Logger;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** How often the queue is read for jobs due (retries, schedules); new jobs arrive by LISTEN/NOTIFY at once. */
  pollIntervalMs?: number;
  /** Recurring jobs; each fires once per due time across all instances (graphile-worker's cron). */
  schedules?: Schedule[];
}

export interface JobRunner {
  /** Adds a job outside any transaction (the worker's own housekeeping, such as a sweep at start). */
  addJob<N extends JobName>(name: N, payload: JobPayloads[N], options?: { jobKey?: string }): Promise<void>;
  /** Stops taking jobs, lets the running ones finish, closes the worker's connections. */
  stop(): Promise<void>;
}

/** Runs `handlers` on the job queue until `stop()`; the process's signals stay the gateway's. */
export async function startJobRunner(handlers: TaskHandlers, options: JobRunnerOptions): Promise<JobRunner> {
  const taskList: TaskList = {};
  for (const [name, handler] of Object.entries(handlers) as [JobName, (payload: unknown, job: JobRun) => Promise<void>][]) {
    taskList[name] = async (payload, helpers) => {
      await handler(payload, { id: helpers.job.id, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
    };
  }
  const concurrency = options.concurrency ?? 2;
  const owned = workerPool(options.connectionString, concurrency + 2, options.logger);
  let runner: Runner;
  try {
    runner = await run({
      pgPool: owned.pool,
      concurrency,
      pollInterval: options.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      // Batched (even with no delay), a job's completion or failure is flushed when the pool stops;
      // unbatched, a job that finished during `stop()` could stay locked (and run again hours later).
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      logger: workerLogger(options.logger),
      taskList,
      // Given even when empty: without it, graphile-worker reads a `crontab` file.
      parsedCronItems: parseCronItems(
        (options.schedules ?? []).map((s) => ({
          identifier: s.identifier,
          task: s.task,
          match: s.match,
          options: { backfillPeriod: 0, jobKey: s.jobKey, maxAttempts: s.maxAttempts },
        })),
      ),
    });
  } catch (error) {
    await owned.end();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    async addJob(name, payload, addOptions = {}) {
      // JobPayloads types the payload; graphile-worker's own typing of it is not declared.
      await runner.addJob(name, payload as never, { jobKey: addOptions.jobKey });
    },
    stop() {
      stopped ??= runner.stop().finally(() => owned.end());
      return stopped;
    },
  };
}
