import { builder } from '../../graphql/builder.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { rawId } from '../../graphql/ids.ts';
import { PRINCIPAL_KINDS } from '../../auth/principal.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { TenantRef } from '../tenant/tenant.graphql.ts';
import { GroupRef } from '../group/group.graphql.ts';
import { ROLES, USER_STATUSES, User } from './user.entity.ts';
import { deactivateUser, findVisibleUser, listUsers, restoreUser, updateUser } from './user.service.ts';

export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const UserStatusEnum = builder.enumType('UserStatus', { values: USER_STATUSES });
export const PrincipalKindEnum = builder.enumType('PrincipalKind', { values: PRINCIPAL_KINDS });

/** Session payloads grant `sessionUser`, so a sign-in response can show the user it signed in. */
const privateField = (user: User) => ({ userPrivate: user.id, $granted: 'sessionUser' });

export const UserRef = builder.objectRef<User>('User');
builder.node(UserRef, {
  description: 'A person (or a public principal) of the workspace',
  authScopes: { authenticated: true, $granted: 'sessionUser' },
  isTypeOf: (value) => value instanceof User.class,
  id: { resolve: (user) => user.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    email: t.exposeString('email', { nullable: true, authScopes: privateField, description: 'Admins and the user themself' }),
    status: t.field({ type: UserStatusEnum, nullable: true, authScopes: privateField, resolve: (user) => user.status }),
    timezone: t.exposeString('timezone', { nullable: true, authScopes: privateField }),
    allowApiAccess: t.exposeBoolean('allowApiAccess', { nullable: true, authScopes: privateField }),
    allowExportData: t.exposeBoolean('allowExportData', { nullable: true, authScopes: privateField }),
    twoFactorEnabled: t.exposeBoolean('twoFactorEnabled', { nullable: true, authScopes: privateField }),
    lastActiveAt: t.field({ type: 'DateTime', nullable: true, authScopes: privateField, resolve: (user) => user.lastActiveAt }),
    createdAt: t.field({ type: 'DateTime', nullable: true, authScopes: privateField, resolve: (user) => user.createdAt }),
    groups: t.field({
      type: [GroupRef],
      nullable: true,
      authScopes: privateField,
      resolve: (user, _args, ctx) => ctx.loaders.groupsByUserId.load(user.id),
    }),
  }),
});

const ViewerRef = builder
  .objectRef<{ kind: (typeof PRINCIPAL_KINDS)[number]; userId: string; tenantId: string }>('Viewer')
  .implement({
    description: 'Who is calling, as the gateway resolved it for this request',
    authScopes: { authenticated: true },
    fields: (t) => ({
      kind: t.field({ type: PrincipalKindEnum, resolve: (v) => v.kind }),
      user: t.field({
        type: UserRef,
        resolve: async (v, _args, ctx) => (await ctx.loaders.userById.load(v.userId))!,
      }),
      tenant: t.field({
        type: TenantRef,
        resolve: (v, _args, ctx) => ctx.em.findOneOrFail(Tenant, { id: v.tenantId }),
      }),
      impersonator: t.field({
        type: UserRef,
        nullable: true,
        description: 'The person acting as `user`, while impersonating',
        resolve: () => null,
      }),
    }),
  });

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
  users: t.connection({
    type: UserRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Users of the workspace. Admins see all and search name and email; others see active users by name.',
    args: {
      search: t.arg.string(),
      status: t.arg({ type: UserStatusEnum }),
      role: t.arg({ type: RoleEnum }),
    },
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) => listUsers(ctx, { search: args.search, status: args.status, role: args.role }, window)),
  }),
  user: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findVisibleUser(ctx, rawId(args.id, 'User')),
  }),
}));

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    role: t.field({ type: RoleEnum }),
    timezone: t.string({ description: 'An IANA time zone, e.g. Europe/Paris' }),
    allowApiAccess: t.boolean(),
    allowExportData: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  updateUser: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Admins change a user’s role, name, time zone and flags; nobody changes their own role.',
    args: { input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateUser(ctx, { ...input, id: rawId(input.id, 'User') }),
  }),
  deactivateUser: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Ends the user’s sessions and sign-ins; everything they own stays theirs.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deactivateUser(ctx, rawId(args.id, 'User')),
  }),
  restoreUser: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => restoreUser(ctx, rawId(args.id, 'User')),
  }),
}));
