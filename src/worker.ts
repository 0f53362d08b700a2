import { startJobRunner, type JobRunnerOptions, type Schedule, type TaskHandlers } from './jobs/runner.ts';
import { DIGEST_SCHEDULES, digestTasks } from './modules/digest/digest.tasks.ts';
import { mailTasks, smtpTransport } from './modules/outbox/outbox.delivery.ts';
import type { AppDeps } from './scope/deps.ts';

/** Every minute, pending mail without a job gets one (graphile-worker fires each schedule once across instances). */
const MAIL_SCHEDULES: Schedule[] = [{ identifier: 'mail.sweep', task: 'mail.sweep', match: '* * * * *', jobKey: 'mail.sweep', maxAttempts: 1 }];

export interface GatewayWorker {
  /** Stops taking jobs and waits for the running ones (graphile-worker aborts them after 5 s). */
  stop(): Promise<void>;
}

export type WorkerOptions = Pick<JobRunnerOptions, 'concurrency' | 'pollIntervalMs'> & {
  /** Whether this worker fires the recurring schedules (mail sweep, digest scheduler); default true. */
  schedules?: boolean;
};

/**
 * The gateway's background jobs, run in the server process on the shared job queue: mail delivery
 * and the email digests when SMTP_URL is set. Returns null when there is nothing to run; mail then
 * stays in the outbox, and no digest is written (it would only wait there).
 */
export async function startWorker(deps: AppDeps, options: WorkerOptions = {}): Promise<GatewayWorker | null> {
  const { config, logger } = deps;
  if (!config.smtpUrl) {
    logger.info('SMTP_URL is not set: outgoing mail stays in the outbox_emails table');
    return null;
  }
  const transport = smtpTransport(config.smtpUrl);
  const handlers: TaskHandlers = { ...mailTasks(deps, transport), ...digestTasks(deps) };
  let runner;
  try {
    runner = await startJobRunner(handlers, {
      connectionString: deps.orm.config.get('clientUrl')!,
      logger,
      concurrency: options.concurrency,
      pollIntervalMs: options.pollIntervalMs,
      schedules: options.schedules === false ? [] : [...MAIL_SCHEDULES, ...DIGEST_SCHEDULES],
    });
    // Mail written while no instance delivered (SMTP_URL unset, or by the CLI) is sent now, not in a minute.
    await runner.addJob('mail.sweep', {}, { jobKey: 'mail.sweep' });
  } catch (error) {
    await runner?.stop();
    transport.close();
    throw error;
  }
  logger.info({ smtp: transport.describe(), from: config.mailFrom, maxAttempts: config.mailMaxAttempts }, 'mail delivery by SMTP is on');
  const started = runner;
  return {
    async stop() {
      await started.stop();
      transport.close();
    },
  };
}
