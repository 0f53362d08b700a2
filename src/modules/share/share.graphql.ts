import { builder } from '../../graphql/builder.ts';
import { decodeId, rawIds } from '../../graphql/ids.ts';
import { GroupRef } from '../group/group.ref.ts';
import { UserRef } from '../user/user.ref.ts';
import { GRANTEE_TYPES } from '../../authz/vocabulary.ts';
import { type Share } from './share.entity.ts';
import { SHAREABLE_TYPENAMES, share, unshare, type ShareInput } from './share.service.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { groupLoaders } from '../group/group.loaders.ts';

export const GranteeTypeEnum = builder.enumType('GranteeType', { values: GRANTEE_TYPES });

export const ShareRef = builder.objectRef<Share>('Share').implement({
  description: 'VIEW (USE for a data source) granted to a user, a group, or all users',
  authScopes: { person: true },
  fields: (t) => ({
    granteeType: t.field({ type: GranteeTypeEnum, resolve: (s) => s.granteeType }),
    user: t.field({
      type: UserRef,
      nullable: true,
      resolve: (s, _args, ctx) => (s.granteeUser ? userLoaders(ctx).byId.load(s.granteeUser.id) : null),
    }),
    group: t.field({
      type: GroupRef,
      nullable: true,
      resolve: (s, _args, ctx) => (s.granteeGroup ? groupLoaders(ctx).byId.load(s.granteeGroup.id) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
  }),
});

const ShareInputRef = builder.inputType('ShareInput', {
  fields: (t) => ({
    resourceId: t.id({ required: true, description: 'A folder, dashboard, dataset or data source' }),
    userIds: t.idList({ defaultValue: [] }),
    groupIds: t.idList({ defaultValue: [] }),
    allUsers: t.boolean({ defaultValue: false }),
  }),
});

function toInput(input: {
  resourceId: string;
  userIds?: readonly string[] | null;
  groupIds?: readonly string[] | null;
  allUsers?: boolean | null;
}): ShareInput {
  const decoded = decodeId(input.resourceId);
  return {
    type: decoded ? SHAREABLE_TYPENAMES[decoded.typename] : undefined,
    id: decoded?.id ?? '',
    userIds: rawIds(input.userIds ?? [], 'User'),
    groupIds: rawIds(input.groupIds ?? [], 'Group'),
    allUsers: input.allUsers ?? false,
  };
}

builder.mutationFields((t) => ({
  share: t.field({
    type: [ShareRef],
    nullable: true,
    authScopes: { person: true },
    description: 'Shares a resource; returns all its shares. Who may share what follows the role matrix.',
    args: { input: t.arg({ type: ShareInputRef, required: true }) },
    resolve: (_root, { input }, ctx) => share(ctx, toInput(input)),
  }),
  unshare: t.field({
    type: [ShareRef],
    nullable: true,
    authScopes: { person: true },
    description: 'Revokes shares; access ends on the grantee’s next request. Returns the remaining shares.',
    args: { input: t.arg({ type: ShareInputRef, required: true }) },
    resolve: (_root, { input }, ctx) => unshare(ctx, toInput(input)),
  }),
}));
