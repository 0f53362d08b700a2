import { isUuid } from '../../db/ids.ts';
import { builder } from '../../graphql/builder.ts';
import { encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { ATTRIBUTE_TYPES, type EffectiveValue } from '../../query/attributes.ts';
import { GroupRef } from '../group/group.ref.ts';
import {
  createUserAttribute,
  deleteUserAttribute,
  listUserAttributes,
  setGroupAttributeValue,
  setUserAttributeValue,
  updateUserAttribute,
  type GroupValueView,
} from './attribute.service.ts';
import { isSystemName, type AttributeEntry, type AttributeInfo } from './effective.ts';
import { groupLoaders } from '../group/group.loaders.ts';
import { attributeLoaders } from './attribute.loaders.ts';

export const AttributeTypeEnum = builder.enumType('AttributeType', { values: ATTRIBUTE_TYPES });
export const UserAttributeModeEnum = builder.enumType('UserAttributeMode', {
  description: 'INHERIT: the union of the user’s groups (ALL if any says ALL); MANUAL: an explicit list; ALL: no restriction',
  values: ['INHERIT', 'MANUAL', 'ALL'] as const,
});
export const AttributeSourceEnum = builder.enumType('AttributeSource', {
  description: 'Where an effective value came from',
  values: ['SYSTEM', 'MANUAL', 'USER_ALL', 'GROUPS', 'TOKEN'] as const,
});

export const UserAttributeRef = builder.objectRef<AttributeInfo>('UserAttribute').implement({
  description: 'A user attribute of the workspace; system attributes (h_…) are built in and cannot be changed',
  authScopes: { person: true },
  fields: (t) => ({
    id: t.id({ resolve: (a) => encodeGlobalID('UserAttribute', a.id) }),
    name: t.exposeString('name'),
    type: t.field({ type: AttributeTypeEnum, resolve: (a) => a.type }),
    system: t.exposeBoolean('system'),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'null for system attributes', resolve: (a) => a.createdAt }),
  }),
});

const EffectiveAttributeValueRef = builder.objectRef<EffectiveValue>('EffectiveAttributeValue').implement({
  description: 'What a row-level permission rule on the attribute sees: ALL (no restriction), a list, or missing (no rows)',
  authScopes: { person: true },
  fields: (t) => ({
    all: t.boolean({ resolve: (v) => v.kind === 'ALL' }),
    values: t.field({
      type: ['JSON'],
      nullable: true,
      description: 'The values (possibly none); null when all or missing',
      resolve: (v) => (v.kind === 'VALUES' ? v.values : null),
    }),
    missing: t.boolean({ resolve: (v) => v.kind === 'MISSING' }),
  }),
});

export const UserAttributeValueRef = builder.objectRef<AttributeEntry>('UserAttributeValue').implement({
  description: 'One attribute of one user: the user’s own setting and the effective value',
  authScopes: { person: true },
  fields: (t) => ({
    attribute: t.field({ type: UserAttributeRef, resolve: (e) => e.attribute }),
    mode: t.field({
      type: UserAttributeModeEnum,
      nullable: true,
      description: 'The user’s own setting; null for system attributes',
      resolve: (e) => e.mode,
    }),
    effective: t.field({ type: EffectiveAttributeValueRef, resolve: (e) => e.effective }),
    source: t.field({
      type: AttributeSourceEnum,
      nullable: true,
      description: 'null when the value is missing',
      resolve: (e) => (e.effective.kind === 'MISSING' ? null : e.effective.source),
    }),
  }),
});

const GroupAttributeValueRef = builder.objectRef<GroupValueView>('GroupAttributeValue').implement({
  description: 'What a group sets for an attribute: ALL or a list; neither when it sets nothing',
  authScopes: { managePeople: true },
  fields: (t) => ({
    group: t.field({ type: GroupRef, resolve: async (v, _args, ctx) => (await groupLoaders(ctx).byId.load(v.groupId))! }),
    attribute: t.field({ type: UserAttributeRef, resolve: (v) => v.attribute }),
    all: t.exposeBoolean('all'),
    values: t.field({ type: ['JSON'], nullable: true, description: 'null when all, or when the group sets nothing', resolve: (v) => v.values }),
  }),
});

builder.objectField(GroupRef, 'attributeValues', (t) =>
  t.field({
    type: [GroupAttributeValueRef],
    nullable: true,
    authScopes: { managePeople: true },
    description: 'The attributes this group sets (admins only)',
    resolve: (group, _args, ctx) => attributeLoaders(ctx).ofGroup.load(group.id),
  }),
);

const CreateUserAttributeInput = builder.inputType('CreateUserAttributeInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'a-z, 0-9 and _, starting with a letter, at most 63; not h_…' }),
    type: t.field({ type: AttributeTypeEnum, required: true }),
  }),
});
const UpdateUserAttributeInput = builder.inputType('UpdateUserAttributeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ description: 'Refused while a permission rule uses the attribute' }),
    type: t.field({ type: AttributeTypeEnum, description: 'Refused while values are set or a permission rule uses the attribute' }),
  }),
});
const SetUserAttributeValueInput = builder.inputType('SetUserAttributeValueInput', {
  fields: (t) => ({
    userId: t.id({ required: true }),
    attribute: t.string({ required: true, description: 'The attribute’s name' }),
    mode: t.field({ type: UserAttributeModeEnum, required: true }),
    values: t.field({
      type: ['JSON'],
      description: 'MANUAL only (required there; [] means nothing): at most 1000 values of the attribute’s type',
    }),
  }),
});
const SetGroupAttributeValueInput = builder.inputType('SetGroupAttributeValueInput', {
  fields: (t) => ({
    groupId: t.id({ required: true }),
    attribute: t.string({ required: true, description: 'The attribute’s name' }),
    all: t.boolean({ defaultValue: false, description: 'ALL: no restriction for the group’s members' }),
    values: t.field({
      type: ['JSON'],
      description: 'The group’s list ([] means nothing); with all false and no values, the group stops setting the attribute',
    }),
  }),
});

/** A system attribute's global id carries its name; the service refuses it by that name. */
const attributeId = (globalId: string) => rawId(globalId, 'UserAttribute', (id) => isUuid(id) || isSystemName(id));

builder.queryFields((t) => ({
  userAttributes: t.field({
    type: [UserAttributeRef],
    nullable: true,
    authScopes: { person: true },
    description: 'The workspace’s user attributes, system attributes first',
    resolve: (_root, _args, ctx) => listUserAttributes(ctx),
  }),
}));

builder.mutationFields((t) => ({
  createUserAttribute: t.field({
    type: UserAttributeRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: CreateUserAttributeInput, required: true }) },
    resolve: (_root, { input }, ctx) => createUserAttribute(ctx, input),
  }),
  updateUserAttribute: t.field({
    type: UserAttributeRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: UpdateUserAttributeInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateUserAttribute(ctx, { ...input, id: attributeId(input.id) }),
  }),
  deleteUserAttribute: t.id({
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Deletes the attribute and every value of it; CONFLICT, naming them, while permission rules use it',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => encodeGlobalID('UserAttribute', await deleteUserAttribute(ctx, attributeId(args.id))),
  }),
  setUserAttributeValue: t.field({
    type: UserAttributeValueRef,
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Sets a user’s own mode and values for an attribute; returns the resulting effective value',
    args: { input: t.arg({ type: SetUserAttributeValueInput, required: true }) },
    resolve: (_root, { input }, ctx) => setUserAttributeValue(ctx, { ...input, userId: rawId(input.userId, 'User') }),
  }),
  setGroupAttributeValue: t.field({
    type: GroupAttributeValueRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: SetGroupAttributeValueInput, required: true }) },
    resolve: (_root, { input }, ctx) => setGroupAttributeValue(ctx, { ...input, groupId: rawId(input.groupId, 'Group') }),
  }),
}));
