import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/** Invitation tokens are stored as SHA-256 digests only; the clear token exists once, in the response. */
export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'invitations',
  extends: TenantScoped,
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    invitedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    tokenHash: p.string().length(64).unique(),
    message: p.text().nullable(),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type Invitation = InferEntity<typeof Invitation>;
