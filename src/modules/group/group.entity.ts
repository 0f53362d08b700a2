import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../db/ids.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { User } from '../user/user.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

export const Group = defineEntity({
  name: 'Group',
  tableName: 'groups',
  // Changes notify the metadata cache.
  triggers: metadataTriggers(),
  properties: {
    id: p.uuid().primary().onCreate(() => uuidv7()),
    tenant: () => p.manyToOne(Tenant).deleteRule('cascade'),
    name: p.string().length(200),
    /** Lower-cased name: group names are unique per tenant regardless of case. */
    nameKey: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'groups_tenant_name_key_unique', properties: ['tenant', 'nameKey'] }],
});
export type Group = InferEntity<typeof Group>;

export const GroupMembership = defineEntity({
  name: 'GroupMembership',
  tableName: 'group_memberships',
  // Changes notify the metadata cache.
  triggers: metadataTriggers(),
  properties: {
    id: p.uuid().primary().onCreate(() => uuidv7()),
    tenant: () => p.manyToOne(Tenant).deleteRule('cascade'),
    group: () => p.manyToOne(Group).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'group_memberships_group_user_unique', properties: ['group', 'user'] }],
});
export type GroupMembership = InferEntity<typeof GroupMembership>;
