import { builder } from '../../graphql/builder.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { rawId, rawIds } from '../../graphql/ids.ts';
import { UserRef } from '../user/user.ref.ts';
import { Group } from './group.entity.ts';
import { GroupRef } from './group.ref.ts';
import { addGroupMembers, createGroup, findGroup, listGroupMembers, listGroups, removeGroupMembers } from './group.service.ts';
import { groupLoaders } from './group.loaders.ts';

builder.node(GroupRef, {
  description: 'A set of users; shares, attribute values and filter permissions can name it',
  authScopes: { person: true },
  isTypeOf: (value) => value instanceof Group.class,
  id: { resolve: (group) => group.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    memberCount: t.int({ resolve: (group, _args, ctx) => groupLoaders(ctx).memberCount.load(group.id) }),
    members: t.connection({
      type: UserRef,
      nullable: true,
      authScopes: { managePeople: true },
      resolve: (group, args, ctx) => idConnection(args, (window) => listGroupMembers(ctx, group.id, window)),
    }),
  }),
});

const CreateGroupInput = builder.inputType('CreateGroupInput', {
  fields: (t) => ({ name: t.string({ required: true }) }),
});
const GroupMembersInput = builder.inputType('GroupMembersInput', {
  fields: (t) => ({
    groupId: t.id({ required: true }),
    userIds: t.idList({ required: true }),
  }),
});

builder.queryFields((t) => ({
  groups: t.connection({
    type: GroupRef,
    nullable: true,
    authScopes: { person: true },
    resolve: (_root, args, ctx) => idConnection(args, (window) => listGroups(ctx, window)),
  }),
  group: t.field({
    type: GroupRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findGroup(ctx, rawId(args.id, 'Group')),
  }),
}));

const membersInput = (input: { groupId: string; userIds: readonly string[] }) => ({
  groupId: rawId(input.groupId, 'Group'),
  userIds: rawIds(input.userIds, 'User'),
});

builder.mutationFields((t) => ({
  createGroup: t.field({
    type: GroupRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: CreateGroupInput, required: true }) },
    resolve: (_root, { input }, ctx) => createGroup(ctx, input),
  }),
  addGroupMembers: t.field({
    type: GroupRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: GroupMembersInput, required: true }) },
    resolve: (_root, { input }, ctx) => addGroupMembers(ctx, membersInput(input)),
  }),
  removeGroupMembers: t.field({
    type: GroupRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: GroupMembersInput, required: true }) },
    resolve: (_root, { input }, ctx) => removeGroupMembers(ctx, membersInput(input)),
  }),
}));
