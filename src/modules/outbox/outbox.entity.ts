import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.ts';
import { Tenant } from '../tenant/tenant.entity.ts';

/** Mail is written here in the same transaction as the change that caused it, then delivered. */
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
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    sentAt: p.datetime().nullable(),
  },
});
export type OutboxEmail = InferEntity<typeof OutboxEmail>;
