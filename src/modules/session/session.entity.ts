import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

/** A signed session token names one of these rows; revoking the row ends the token at once. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  extends: TenantScoped,
  // Changes notify the metadata cache (a new session changes nothing cached).
  triggers: metadataTriggers({ events: ['update', 'delete'] }),
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    /** Set while impersonating: the person acting as `user`. */
    impersonator: () => p.manyToOne(User).nullable().deleteRule('cascade'),
    /** Opened without a second factor in a tenant that requires one: good for enrolling only. */
    enrollmentOnly: p.boolean().default(false),
  },
});
export type Session = InferEntity<typeof Session>;
