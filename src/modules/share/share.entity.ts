import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { GRANTEE_TYPES, SHARE_RESOURCE_TYPES } from '../../authz/vocabulary.ts';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { Group } from '../group/group.entity.ts';
import { User } from '../user/user.entity.ts';

/**
 * VIEW on a folder, dashboard or dataset, or USE on a data source, for a user, a group or all
 * users of the tenant. `granteeKey` (user id, group id or 'all') makes a grant unique per resource.
 */
export const Share = defineEntity({
  name: 'Share',
  tableName: 'shares',
  extends: TenantMetadata,
  properties: {
    resourceType: p.enum(SHARE_RESOURCE_TYPES),
    resourceId: p.uuid().index(),
    granteeType: p.enum(GRANTEE_TYPES),
    granteeUser: () => p.manyToOne(User).nullable().deleteRule('cascade'),
    granteeGroup: () => p.manyToOne(Group).nullable().deleteRule('cascade'),
    granteeKey: p.string().length(36),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
  },
  uniques: [{ name: 'shares_resource_grantee_unique', properties: ['resourceId', 'granteeKey'] }],
  indexes: [{ name: 'shares_tenant_grantee_index', properties: ['tenant', 'granteeKey', 'resourceType'] }],
});
export type Share = InferEntity<typeof Share>;
