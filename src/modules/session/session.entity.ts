import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../db/ids.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { User } from '../user/user.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

/** A signed session token names one of these rows; revoking the row ends the token at once. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  // Changes notify the metadata cache (a new session changes nothing cached).
  triggers: metadataTriggers({ events: ['update', 'delete'] }),
  properties: {
    id: p.uuid().primary().onCreate(() => uuidv7()),
    tenant: () => p.manyToOne(Tenant).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    /** Set while impersonating: the person acting as `user`. */
    impersonator: () => p.manyToOne(User).nullable().deleteRule('cascade'),
  },
});
export type Session = InferEntity<typeof Session>;
