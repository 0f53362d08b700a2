import { builder } from '../../graphql/builder.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { PRINCIPAL_KINDS, type Principal } from '../../auth/principal.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { TenantRef } from '../tenant/tenant.graphql.ts';
import { GroupRef } from '../group/group.ref.ts';
import { UserAttributeValueRef } from '../attribute/attribute.graphql.ts';
import { DATASET_ACCESS_LEVELS, DATASET_ACCESS_MODES, FEATURES, FEATURE_STATES, ROLES, USER_STATUSES } from '../../authz/vocabulary.ts';
import { DIGEST_FREQUENCIES, User, WEEKDAYS } from './user.entity.ts';
import { UserRef } from './user.ref.ts';
import { userLoaders, userOverrideLoaders, type DatasetGrantRow, type FeatureSwitch } from './user.loaders.ts';
import { deactivateUser, deleteUser, findVisibleUser, listUsers, restoreUser, updateMe, updateUser } from './user.service.ts';
import { groupLoaders } from '../group/group.loaders.ts';
import { attributeLoaders } from '../attribute/attribute.loaders.ts';

export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const UserStatusEnum = builder.enumType('UserStatus', { values: USER_STATUSES });
export const PrincipalKindEnum = builder.enumType('PrincipalKind', { values: PRINCIPAL_KINDS });
export const DatasetAccessModeEnum = builder.enumType('DatasetAccessMode', { values: DATASET_ACCESS_MODES });
export const DatasetAccessLevelEnum = builder.enumType('DatasetAccessLevel', { values: DATASET_ACCESS_LEVELS });
export const FeatureEnum = builder.enumType('Feature', { values: FEATURES });
export const FeatureStateEnum = builder.enumType('FeatureState', { values: FEATURE_STATES });
export const DigestFrequencyEnum = builder.enumType('DigestFrequency', { values: DIGEST_FREQUENCIES });
export const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

const DigestSettingsRef = builder.objectRef<User>('DigestSettings').implement({
  description: 'The email digest of a user: the audit events of the period, none when there is nothing',
  authScopes: { person: true },
  fields: (t) => ({
    frequency: t.field({ type: DigestFrequencyEnum, resolve: (user) => user.digestFrequency }),
    localTime: t.string({ description: 'HH:MM in the user’s time zone', resolve: (user) => user.digestLocalTime }),
    weekday: t.field({ type: WeekdayEnum, nullable: true, description: 'The day of a WEEKLY digest', resolve: (user) => user.digestWeekday ?? null }),
  }),
});

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
    digest: t.field({ type: DigestSettingsRef, nullable: true, authScopes: privateField, resolve: (user) => user }),
    groups: t.field({
      type: [GroupRef],
      nullable: true,
      authScopes: privateField,
      resolve: (user, _args, ctx) => groupLoaders(ctx).byUserId.load(user.id),
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
      resolve: (user, _args, ctx) => userOverrideLoaders(ctx).datasetAccess.load(user.id),
    }),
    featurePermissions: t.field({
      type: [UserFeaturePermissionRef],
      nullable: true,
      authScopes: privateField,
      description: 'Every feature with its per-user state; never applies to admins',
      resolve: (user, _args, ctx) => userOverrideLoaders(ctx).featurePermissions.load(user.id),
    }),
    attributes: t.field({
      type: [UserAttributeValueRef],
      nullable: true,
      authScopes: privateField,
      description: 'Each attribute’s effective value and where it comes from, system attributes first',
      resolve: (user, _args, ctx) => attributeLoaders(ctx).ofUser.load(user.id),
    }),
  }),
});

const ViewerRef = builder.objectRef<Pick<Principal, 'kind' | 'userId' | 'tenantId' | 'impersonatorId' | 'enrollmentOnly'>>('Viewer').implement({
  description: 'Who is calling, as the gateway resolved it for this request',
  authScopes: { signedIn: true },
  fields: (t) => ({
    kind: t.field({ type: PrincipalKindEnum, resolve: (v) => v.kind }),
    enrollmentOnly: t.boolean({
      description:
        'True for a session opened without a second factor in a workspace that requires one: it may only enroll (enrollTwoFactor, ' +
        'confirmTwoFactor), read the viewer and sign out',
      resolve: (v) => v.enrollmentOnly === true,
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      // An enrollment-only session is no person, but it shows its own user (as a sign-in response does).
      grantScopes: (v) => (v.enrollmentOnly ? ['sessionUser'] : []),
      description: 'The signed-in user; null for embed and share-link principals, which are no user of the workspace',
      resolve: async (v, _args, ctx) => (v.kind === 'EMBED' || v.kind === 'SHARE_LINK' ? null : (await userLoaders(ctx).byId.load(v.userId))!),
    }),
    tenant: t.field({
      type: TenantRef,
      resolve: (v, _args, ctx) => ctx.em.findOneOrFail(Tenant, { id: v.tenantId }),
    }),
    impersonator: t.field({
      type: UserRef,
      nullable: true,
      description: 'The person acting as `user`, while impersonating',
      resolve: (v, _args, ctx) => (v.impersonatorId ? userLoaders(ctx).byId.load(v.impersonatorId) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    authScopes: { signedIn: true },
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
      groupId: t.arg.id({ description: 'Members of this group only' }),
    },
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) =>
        listUsers(
          ctx,
          { search: args.search, status: args.status, role: args.role, groupId: args.groupId != null ? rawId(args.groupId, 'Group') : null },
          window,
        ),
      ),
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

const DigestInput = builder.inputType('DigestInput', {
  fields: (t) => ({
    frequency: t.field({ type: DigestFrequencyEnum, description: 'Omitted: DAILY when the digest was OFF, otherwise unchanged' }),
    localTime: t.string({ description: 'HH:MM, 00:00 to 23:59, in your time zone (default 08:00)' }),
    weekday: t.field({ type: WeekdayEnum, description: 'WEEKLY only (default MONDAY)' }),
  }),
});

const UpdateMeInput = builder.inputType('UpdateMeInput', {
  fields: (t) => ({
    name: t.string(),
    timezone: t.string({ description: 'An IANA time zone, e.g. Europe/Paris' }),
    password: t.string({ description: 'A new password (at least 12 characters); needs `currentPassword`; ends your other sessions' }),
    currentPassword: t.string(),
    digest: t.field({ type: DigestInput }),
  }),
});

const DeleteUserInput = builder.inputType('DeleteUserInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    transferOwnershipTo: t.id({ description: 'An active user who receives everything the deleted user owns; required when they own anything' }),
  }),
});

const OwnershipTransferRef = builder.objectRef<Record<string, number>>('OwnershipTransfer').implement({
  description: 'How many rows of each kind moved to the transfer target',
  authScopes: { managePeople: true },
  fields: (t) => ({
    folders: t.int({ resolve: (m) => m.folders ?? 0 }),
    personalFolders: t.int({ description: 'Folders of the personal workspace, now in the target’s', resolve: (m) => m.personalFolders ?? 0 }),
    dashboards: t.int({ resolve: (m) => m.dashboards ?? 0 }),
    personalDashboards: t.int({ description: 'Dashboards of the personal workspace, now in the target’s', resolve: (m) => m.personalDashboards ?? 0 }),
    widgets: t.int({ resolve: (m) => m.widgets ?? 0 }),
    datasets: t.int({ resolve: (m) => m.datasets ?? 0 }),
    dataSources: t.int({ resolve: (m) => m.dataSources ?? 0 }),
    shareableLinks: t.int({ description: 'Shareable links they created, now the target’s to manage', resolve: (m) => m.shareableLinks ?? 0 }),
  }),
});

const DeleteUserPayload = builder
  .objectRef<{ deletedUserId: string; transferredTo: User | null; moved: Record<string, number> }>('DeleteUserPayload')
  .implement({
    authScopes: { managePeople: true },
    fields: (t) => ({
      deletedUserId: t.id({ resolve: (p) => encodeGlobalID('User', p.deletedUserId) }),
      transferredTo: t.field({ type: UserRef, nullable: true, resolve: (p) => p.transferredTo }),
      moved: t.field({ type: OwnershipTransferRef, resolve: (p) => p.moved }),
    }),
  });

builder.mutationFields((t) => ({
  updateMe: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { person: true },
    description:
      'Your own name, time zone, password and digest settings. Role, groups, flags, attributes and status are changed by an admin, never by yourself.',
    args: { input: t.arg({ type: UpdateMeInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateMe(ctx, input),
  }),
  deleteUser: t.field({
    type: DeleteUserPayload,
    nullable: true,
    authScopes: { managePeople: true },
    description:
      'Deletes a user for good, moving everything they own to `transferOwnershipTo` in the same transaction. Never yourself nor the last active admin.',
    args: { input: t.arg({ type: DeleteUserInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      deleteUser(ctx, {
        id: rawId(input.id, 'User'),
        transferOwnershipTo: input.transferOwnershipTo != null ? rawId(input.transferOwnershipTo, 'User') : null,
      }),
  }),
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
