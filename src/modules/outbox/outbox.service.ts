import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppDeps } from '../../scope/deps.ts';
import { uuidv7 } from '../../db/ids.ts';
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
  await enqueueDeliveries(em, deps, [mail.id]);
  return mail;
}

/**
 * Many mails in the caller's transaction, in batched statements (rows and, with SMTP, their
 * delivery jobs), as `enqueueEmail` writes one: the rows are inserted at once, not flushed.
 */
export async function enqueueEmails(em: EntityManager, deps: AppDeps, messages: readonly EmailMessage[], batchSize = 1000): Promise<void> {
  const now = new Date();
  const rows = messages.map((message) => ({
    id: uuidv7(),
    createdAt: now,
    tenant: message.tenantId,
    toAddress: message.to,
    subject: message.subject.slice(0, 300),
    body: message.body,
    attempts: 0,
  }));
  for (let i = 0; i < rows.length; i += batchSize) await em.insertMany(OutboxEmail, rows.slice(i, i + batchSize));
  await enqueueDeliveries(
    em,
    deps,
    rows.map((row) => row.id),
  );
}

/** The delivery jobs of outbox rows, when SMTP is configured; many in one statement. */
async function enqueueDeliveries(em: EntityManager, deps: AppDeps, outboxIds: readonly string[]): Promise<void> {
  if (!deps.config.smtpUrl || outboxIds.length === 0) return;
  const options = (id: string) => ({ jobKey: MAIL_JOB_KEY_PREFIX + id, maxAttempts: deps.config.mailMaxAttempts });
  if (outboxIds.length === 1) {
    await deps.jobs.add(em, 'mail.deliver', { outboxId: outboxIds[0]! }, options(outboxIds[0]!));
    return;
  }
  await deps.jobs.addMany(
    em,
    'mail.deliver',
    outboxIds.map((id) => ({ payload: { outboxId: id }, ...options(id) })),
  );
}
