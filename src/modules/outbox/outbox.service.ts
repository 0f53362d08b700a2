import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppDeps } from '../../scope/deps.ts';
import { OutboxEmail } from './outbox.entity.ts';

export interface EmailMessage {
  tenantId: string | null;
  to: string;
  subject: string;
  body: string;
}

/** One delivery job per mail: the job key is this prefix and the outbox row's id. */
export const MAIL_JOB_KEY_PREFIX = 'mail.deliver:';

/**
 * Queues a mail in the caller's transaction, so it is sent only if the change commits. With SMTP
 * configured, its delivery job is added in the same transaction: nothing is lost if the process
 * stops right after the commit, and nothing is sent if the change rolls back. Without SMTP the row
 * stays in the outbox (the sweep gives it a job once an instance with SMTP runs).
 */
export async function enqueueEmail(em: EntityManager, deps: AppDeps, message: EmailMessage): Promise<OutboxEmail> {
  const mail = em.create(OutboxEmail, {
    tenant: message.tenantId,
    toAddress: message.to,
    subject: message.subject.slice(0, 300),
    body: message.body,
  });
  if (deps.config.smtpUrl) {
    await deps.jobs.add(em, 'mail.deliver', { outboxId: mail.id }, { jobKey: MAIL_JOB_KEY_PREFIX + mail.id, maxAttempts: deps.config.mailMaxAttempts });
  }
  return mail;
}
