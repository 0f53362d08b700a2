import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.ts';
import { Tenant } from '../tenant/tenant.entity.ts';

/**
 * Mail is written here in the same transaction as the change that caused it, then delivered by the
 * `mail.deliver` job when SMTP_URL is set. A row is pending until `sentAt` or `failedAt` is set.
 */
export const OutboxEmail = defineEntity({
  name: 'OutboxEmail',
  tableName: 'outbox_emails',
  extends: BaseEntity,
  properties: {
    /** None for mail that belongs to no tenant. */
    tenant: () => p.manyToOne(Tenant).nullable().deleteRule('cascade'),
    toAddress: p.string().length(320),
    subject: p.string().length(300),
    body: p.text(),
    /** Delivery attempts made so far. */
    attempts: p.integer().default(0),
    /** The last delivery error (the SMTP server's answer or the connection error), without credentials. */
    lastError: p.text().nullable(),
    sentAt: p.datetime().nullable(),
    /** Set when the last attempt failed: the mail is not retried any more. */
    failedAt: p.datetime().nullable(),
  },
  // The delivery sweep reads the pending rows only; sent mail stays in the table as a record.
  indexes: [
    {
      name: 'outbox_emails_pending_index',
      expression: 'create index "outbox_emails_pending_index" on "outbox_emails" ("created_at") where "sent_at" is null and "failed_at" is null',
    },
  ],
});
export type OutboxEmail = InferEntity<typeof OutboxEmail>;
