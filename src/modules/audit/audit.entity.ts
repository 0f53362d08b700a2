import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/** Who (as whom) did what to which resource, with a summary of the change (secrets never). */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  extends: TenantScoped,
  properties: {
    actor: () => p.manyToOne(User).nullable().deleteRule('set null'),
    impersonator: () => p.manyToOne(User).nullable().deleteRule('set null'),
    action: p.string().length(100),
    resourceType: p.string().length(50),
    resourceId: p.uuid().nullable(),
    summary: p.json<Record<string, unknown>>(),
  },
  indexes: [
    { name: 'audit_events_tenant_resource_index', properties: ['tenant', 'resourceId'] },
    { name: 'audit_events_tenant_actor_index', properties: ['tenant', 'actor'] },
    // The email digest reads a tenant's events of a period.
    { name: 'audit_events_tenant_created_at_index', properties: ['tenant', 'createdAt'] },
  ],
});
export type AuditEvent = InferEntity<typeof AuditEvent>;
