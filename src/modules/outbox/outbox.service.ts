import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEmail } from './outbox.entity.ts';

export interface EmailMessage {
  tenantId: string | null;
  to: string;
  subject: string;
  body: string;
}

/** Queues a mail in the caller's unit of work, so it is sent only if the change commits. */
export function enqueueEmail(em: EntityManager, message: EmailMessage): OutboxEmail {
  return em.create(OutboxEmail, {
    tenant: message.tenantId,
    toAddress: message.to,
    subject: message.subject.slice(0, 300),
    body: message.body,
  });
}
