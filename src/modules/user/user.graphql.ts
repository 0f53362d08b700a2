import DataLoader from 'dataloader';
import { builder } from '../../graphql/builder.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { PRINCIPAL_KINDS, type Principal } from '../../auth/principal.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { TenantRef } from '../tenant/tenant.graphql.ts';
import { GroupRef } from '../group/group.graphql.ts';
import { UserAttributeValueRef } from '../attribute/attribute.graphql.ts';
import { DATASET_ACCESS_LEVELS, FEATURES, FEATURE_STATES, type DatasetAccessLevel, type Feature, type FeatureState } from './user-overrides.entity.ts';
import { DATASET_ACCESS_MODES, ROLES, USER_STATUSES, User } from './user.entity.ts';
import { deactivateUser, findVisibleUser, listUsers, restoreUser, updateUser } from './user.service.ts';

export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const UserStatusEnum = builder.enumType('UserStatus', { values: USER_STATUSES });
export const PrincipalKindEnum = builder.enumType('PrincipalKind', { values: PRINCIPAL_KINDS });
export const DatasetAccessModeEnum = builder.enumType('DatasetAccessMode', { values: DATASET_ACCESS_MODES });
export const DatasetAccessLevelEnum = builder.enumType('DatasetAccessLevel', { values: DATASET_ACCESS_LEVELS });
export const FeatureEnum = builder.enumType('Feature', { values: FEATURES });
export const FeatureStateEnum = builder.enumType('FeatureState', { values: FEATURE_STATES });

interface DatasetGrantRow { userId: string; datasetId: string; name: string; level: DatasetAccessLevel }
interface FeatureSwitch { feature: Feature; state: FeatureState }

/**
 * Per-request batch loaders for the overrides of a page of users. Datasets are read from their
 * table directly (id and name only), bound to the viewer's tenant.
 */
const overrideLoaders = new WeakMap<RequestScope, ReturnType<typeof createOverrideLoaders>>();
function createOverrideLoaders(ctx: RequestScope) {
  const tenant = ctx.viewer?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  return {
    datasetAccess: new DataLoader<string, DatasetGrantRow[]>(async (userIds) => {
      const rows = await ctx.em.execute<{ user_id: string; dataset_id: string; name: string; level: DatasetAccessLevel }[]>(
        `select a.user_id, d.id as dataset_id, d.name, a.level
           from user_dataset_access a join datasets d on d.id = a.dataset_id and d.tenant_id = a.tenant_id
          where a.tenant_id = ? and a.user_id in (?) order by d.name_key, d.id`,
        [tenant, [...userIds]],
      );
      const byUser = new Map<string, DatasetGrantRow[]>(userIds.map((id) => [id, []]));
      for (const r of rows) byUser.get(r.user_id)?.push({ userId: r.user_id, datasetId: r.dataset_id, name: r.name, level: r.level });
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    featurePermissions: new DataLoader<string, FeatureSwitch[]>(async (userIds) => {
      const rows = await ctx.em.execute<{ user_id: string; feature: Feature; state: FeatureState }[]>(
        'select user_id, feature, state from user_feature_permissions where tenant_id = ? and user_id in (?)',
        [tenant, [...userIds]],
      );
      const states = new Map(rows.map((r) => [`${r.user_id}:${r.feature}`, r.state]));
      return userIds.map((id) => FEATURES.map((feature) => ({ feature, state: states.get(`${id}:${feature}`) ?? 'DEFAULT' })));
    }),
  };
}
function overridesOf(ctx: RequestScope) {
  let loaders = overrideLoaders.get(ctx);
  if (!loaders) overrideLoaders.set(ctx, (loaders = createOverrideLoaders(ctx)));
  return loaders;
}

const DatasetSummaryRef = builder.objectRef<{ datasetId: string; name: string }>('DatasetSummary').implement({
  description: 'A dataset named by a user’s dataset access list: its global id and name',
  authScopes: { person: true },
  fields: (t) => ({
    id: t.id({ resolve: (d) => encodeGlobalID('Dataset', d.datasetId) }),
    name: t.exposeString('name'),
  }),
});

const UserDatasetAccessRef = builder.objectRef<DatasetGrantRow>('UserDatasetAccess').implement({
  description: 'A dataset listed in a user’s BLACKLIST or WHITELIST, with its level',
  authScopes: { person: true },
  fields: (t) => ({
    dataset: t.field({ type: DatasetSummaryRef, resolve: (row) => row }),
    level: t.field({ type: DatasetAccessLevelEnum, resolve: (row) => row.level }),
  }),
});

const UserFeaturePermissionRef = builder.objectRef<FeatureSwitch>('UserFeaturePermission').implement({
  description: 'A per-user feature switch; DEFAULT means the role matrix decides',
  authScopes: { person: true },
  fields: (t) => ({
    feature: t.field({ type: FeatureEnum, resolve: (row) => row.feature }),
    state: t.field({ type: FeatureStateEnum, resolve: (row) => row.state }),
  }),
});

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
    datasetAccessMode: t.field({
      type: DatasetAccessModeEnum,
      nullable: true,
      authScopes: privateField,
      description: 'FULL (the role matrix decides), BLACKLIST or WHITELIST of `datasetAccess`; never applies to admins',
      resolve: (user) => user.datasetAccessMode,
    }),
    datasetAccess: t.field({
      type: [UserDatasetAccessRef],
      nullable: true,
      authScopes: privateField,
      resolve: (user, _args, ctx) => overridesOf(ctx).datasetAccess.load(user.id),
    }),
    featurePermissions: t.field({
      type: [UserFeaturePermissionRef],
      nullable: true,
      authScopes: privateField,
      description: 'Every feature with its per-user state; never applies to admins',
      resolve: (user, _args, ctx) => overridesOf(ctx).featurePermissions.load(user.id),
    }),
    attributes: t.field({
      type: [UserAttributeValueRef],
      nullable: true,
      authScopes: privateField,
      description: 'Each attribute’s effective value and where it comes from, system attributes first',
      resolve: (user, _args, ctx) => ctx.loaders.userAttributes.load(user.id),
    }),
  }),
});

const ViewerRef = builder
  .objectRef<Pick<Principal, 'kind' | 'userId' | 'tenantId' | 'impersonatorId'>>('Viewer')
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
        resolve: (v, _args, ctx) => (v.impersonatorId ? ctx.loaders.userById.load(v.impersonatorId) : null),
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

const DatasetAccessInput = builder.inputType('DatasetAccessInput', {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    level: t.field({ type: DatasetAccessLevelEnum, defaultValue: 'READ' }),
  }),
});
const FeaturePermissionInput = builder.inputType('FeaturePermissionInput', {
  fields: (t) => ({
    feature: t.field({ type: FeatureEnum, required: true }),
    state: t.field({ type: FeatureStateEnum, required: true }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    role: t.field({ type: RoleEnum }),
    timezone: t.string({ description: 'An IANA time zone, e.g. Europe/Paris' }),
    allowApiAccess: t.boolean(),
    allowExportData: t.boolean({ description: 'Only meaningful for viewers and explorers' }),
    datasetAccessMode: t.field({ type: DatasetAccessModeEnum, description: 'Not for admins, nor on one’s own account' }),
    datasetAccess: t.field({ type: [DatasetAccessInput], description: 'Replaces the list of datasets for BLACKLIST / WHITELIST' }),
    featurePermissions: t.field({ type: [FeaturePermissionInput], description: 'Only the listed features change; DEFAULT removes the switch' }),
  }),
});

builder.mutationFields((t) => ({
  updateUser: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { managePeople: true },
    description:
      'Admins change a user’s role, name, time zone, flags and per-user overrides; nobody changes their own role or ' +
      'overrides, and overrides never apply to admins.',
    args: { input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateUser(ctx, {
        ...input,
        id: rawId(input.id, 'User'),
        datasetAccess: input.datasetAccess?.map((entry) => ({ datasetId: rawId(entry.datasetId, 'Dataset'), level: entry.level })),
      }),
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
