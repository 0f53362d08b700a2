import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../db/ids.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { User } from '../user/user.entity.ts';

/** Who (as whom) did what to which resource, with a summary of the change (secrets never). */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  properties: {
    id: p.uuid().primary().onCreate(() => uuidv7()),
    tenant: () => p.manyToOne(Tenant).deleteRule('cascade'),
    actor: () => p.manyToOne(User).nullable().deleteRule('set null'),
    impersonator: () => p.manyToOne(User).nullable().deleteRule('set null'),
    action: p.string().length(100),
    resourceType: p.string().length(50),
    resourceId: p.uuid().nullable(),
    summary: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [
    { name: 'audit_events_tenant_resource_index', properties: ['tenant', 'resourceId'] },
    { name: 'audit_events_tenant_actor_index', properties: ['tenant', 'actor'] },
  ],
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
