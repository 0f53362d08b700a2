import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ATTRIBUTE_TYPES, type AttributeScalar } from '../../query/attributes.ts';
import { Group } from '../group/group.entity.ts';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/** A tenant's user attribute (PRODUCT.md §5). System attributes (`h_*`) are not rows. */
export const UserAttribute = defineEntity({
  name: 'UserAttribute',
  tableName: 'user_attributes',
  extends: TenantMetadata,
  properties: {
    /** `[a-z][a-z0-9_]*`, so the unique index is case-insensitive by construction. */
    name: p.string().length(63),
    type: p.enum(ATTRIBUTE_TYPES),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'user_attributes_tenant_name_unique', properties: ['tenant', 'name'] }],
});
export type UserAttribute = InferEntity<typeof UserAttribute>;

/**
 * What a group sets for an attribute: ALL, or a list (possibly empty: "nothing"). A group that
 * sets nothing has no row.
 */
export const GroupAttributeValue = defineEntity({
  name: 'GroupAttributeValue',
  tableName: 'group_attribute_values',
  extends: TenantMetadata,
  properties: {
    group: () => p.manyToOne(Group).deleteRule('cascade'),
    attribute: () => p.manyToOne(UserAttribute).deleteRule('cascade').index(),
    /** `all` is an SQL keyword; the column name spares raw SQL the quoting. */
    all: p.boolean().fieldName('all_values').default(false),
    /** Typed per the attribute's type; empty when `all`. */
    values: p.json<AttributeScalar[]>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'group_attribute_values_group_attribute_unique', properties: ['group', 'attribute'] }],
});
export type GroupAttributeValue = InferEntity<typeof GroupAttributeValue>;

export const USER_VALUE_MODES = ['MANUAL', 'ALL'] as const;
export type UserValueMode = (typeof USER_VALUE_MODES)[number];

/** A user's own setting for an attribute; INHERIT (from the user's groups) is the absence of a row. */
export const UserAttributeValue = defineEntity({
  name: 'UserAttributeValue',
  tableName: 'user_attribute_values',
  extends: TenantMetadata,
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade'),
    attribute: () => p.manyToOne(UserAttribute).deleteRule('cascade').index(),
    mode: p.enum(USER_VALUE_MODES),
    /** MANUAL: the list (empty means "nothing"); ALL: empty. */
    values: p.json<AttributeScalar[]>(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'user_attribute_values_user_attribute_unique', properties: ['user', 'attribute'] }],
});
export type UserAttributeValue = InferEntity<typeof UserAttributeValue>;
