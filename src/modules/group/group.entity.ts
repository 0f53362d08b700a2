import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

export const Group = defineEntity({
  name: 'Group',
  tableName: 'groups',
  extends: TenantMetadata,
  properties: {
    name: p.string().length(200),
    /** Lower-cased name: group names are unique per tenant regardless of case. */
    nameKey: p.string().length(200),
  },
  uniques: [{ name: 'groups_tenant_name_key_unique', properties: ['tenant', 'nameKey'] }],
});
export type Group = InferEntity<typeof Group>;

export const GroupMembership = defineEntity({
  name: 'GroupMembership',
  tableName: 'group_memberships',
  extends: TenantMetadata,
  properties: {
    group: () => p.manyToOne(Group).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
  },
  uniques: [{ name: 'group_memberships_group_user_unique', properties: ['group', 'user'] }],
});
export type GroupMembership = InferEntity<typeof GroupMembership>;
