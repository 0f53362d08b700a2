import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../db/ids.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  // Changes notify the metadata cache.
  triggers: metadataTriggers({ tenantColumn: 'id' }),
  properties: {
    id: p.uuid().primary().onCreate(() => uuidv7()),
    slug: p.string().length(63).unique(),
    name: p.string().length(200),
    invitationTtlDays: p.integer().default(7),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Tenant = InferEntity<typeof Tenant>;
