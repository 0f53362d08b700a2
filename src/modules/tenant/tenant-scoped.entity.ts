import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../../db/base.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';
import { Tenant } from './tenant.entity.ts';

/** Deleting a tenant deletes everything it owns. */
export const tenantRelation = () => p.manyToOne(Tenant).deleteRule('cascade');

/** A row that belongs to one tenant. */
export const TenantScoped = defineEntity({
  name: 'TenantScoped',
  abstract: true,
  extends: BaseEntity,
  properties: {
    tenant: tenantRelation,
  },
});

/**
 * A tenant's row that the metadata cache holds (src/cache/metadata-cache.ts): each committed
 * change notifies it.
 */
export const TenantMetadata = defineEntity({
  name: 'TenantMetadata',
  abstract: true,
  extends: TenantScoped,
  triggers: metadataTriggers(),
  properties: {},
});
