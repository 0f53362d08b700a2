import nodemailer from 'nodemailer';
import { isUuid } from '../../db/ids.ts';
import type { TaskHandlers } from '../../jobs/runner.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { OutboxEmail } from './outbox.entity.ts';
import { MAIL_JOB_KEY_PREFIX } from './outbox.service.ts';

/** The sweep reads this many pending mails per run, oldest first. */
const SWEEP_BATCH = 500;
const MAX_ERROR_LENGTH = 1000;

/** Sends one message; throws with the SMTP server's answer (or the connection error) when it is not accepted. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
  /** Where mail goes, for the log: scheme, host and port, never credentials. */
  describe(): string;
}

export function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  const secrets = [url.password, decodeURIComponent(url.password), url.username, decodeURIComponent(url.username)].filter((s) => s.length >= 3);
  return {
    async send(message) {
      try {
        await transporter.sendMail(message);
      } catch (error) {
        // The answer of the server is kept; a credential echoed in it is not.
        let text = error instanceof Error ? error.message : String(error);
        for (const secret of secrets) text = text.replaceAll(secret, '[redacted]');
        throw new Error(text.slice(0, MAX_ERROR_LENGTH), { cause: error });
      }
    },
    close() {
      transporter.close();
    },
    describe() {
      return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
    },
  };
}

/**
 * `mail.deliver` sends one outbox row and marks it sent; a failure is recorded on the row and
 * retried by the queue, and after the last attempt the row is marked failed. `mail.sweep` gives a
 * job to pending rows that have none.
 */
export function mailTasks(deps: AppDeps, transport: MailTransport): TaskHandlers {
  const { logger, config } = deps;
  return {
    async 'mail.deliver'(payload, job) {
      const outboxId = payload.outboxId;
      if (typeof outboxId !== 'string' || !isUuid(outboxId)) {
        logger.error({ jobId: job.id }, 'mail.deliver job without a valid outboxId: dropped');
        return;
      }
      const em = deps.orm.em.fork();
      // Sent, failed, or gone with its tenant meanwhile: nothing to do.
      const mail = await em.findOne(OutboxEmail, { id: outboxId, sentAt: null, failedAt: null });
      if (!mail) return;
      try {
        await transport.send({ from: config.mailFrom, to: mail.toAddress, subject: mail.subject, text: mail.body });
      } catch (error) {
        const lastError = error instanceof Error ? error.message : String(error);
        const final = job.attempt >= job.maxAttempts;
        mail.attempts += 1;
        mail.lastError = lastError;
        if (final) mail.failedAt = new Date();
        await em.flush();
        const fields = { outboxId, attempt: job.attempt, maxAttempts: job.maxAttempts, error: lastError };
        if (final) {
          logger.warn(fields, 'mail delivery failed on the last attempt: marked failed');
          return;
        }
        logger.warn(fields, 'mail delivery failed: retrying later');
        throw error;
      }
      mail.attempts += 1;
      mail.sentAt = new Date();
      await em.flush();
      logger.info({ outboxId, attempt: job.attempt }, 'mail sent');
    },
    async 'mail.sweep'() {
      const em = deps.orm.em.fork();
      const added = await em.transactional(async (tx) => {
        const rows = await tx.execute<{ id: string }[]>(
          `select o.id from outbox_emails o
            where o.sent_at is null and o.failed_at is null
              and not exists (select 1 from graphile_worker.jobs j where j.key = ? || o.id::text)
            order by o.created_at
            limit ?`,
          [MAIL_JOB_KEY_PREFIX, SWEEP_BATCH],
        );
        for (const row of rows) {
          await deps.jobs.add(tx, 'mail.deliver', { outboxId: row.id }, { jobKey: MAIL_JOB_KEY_PREFIX + row.id, maxAttempts: config.mailMaxAttempts });
        }
        return rows.length;
      });
      if (added > 0) logger.info({ count: added }, 'pending mail given to the delivery queue');
    },
  };
}
