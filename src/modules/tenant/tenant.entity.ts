import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  extends: BaseEntity,
  // Changes notify the metadata cache.
  triggers: metadataTriggers({ tenantColumn: 'id' }),
  properties: {
    slug: p.string().length(63).unique(),
    name: p.string().length(200),
    /** How long an invitation link works (`TenantSettings.invitationExpiryDays`). */
    invitationTtlDays: p.integer().default(7),
    /** At most this many paid seats (PENDING and ACTIVE users); null: no limit. */
    seatLimit: p.integer().nullable(),
    /** Members must sign in with a second factor; one without it gets an enrollment-only session (PRODUCT.md §9). */
    requireTwoFactor: p.boolean().default(false),
  },
});
export type Tenant = InferEntity<typeof Tenant>;
