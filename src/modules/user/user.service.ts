import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '../../auth/password.ts';
import type { Principal } from '../../auth/principal.ts';
import { adminRemovalDenial, canManagePeople, isAdmin } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, conflict, DomainError, firstBadIndex, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import { containsPattern, idWindowQuery, type IdWindow } from '../../db/id-window.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { Session } from '../session/session.entity.ts';
import { Invitation } from '../invitation/invitation.entity.ts';
import { ROLES, type DatasetAccessLevel, type DatasetAccessMode, type Feature, type FeatureState, type Role, type UserStatus } from '../../authz/vocabulary.ts';
import { UserDatasetAccess, UserFeaturePermission } from './user-overrides.entity.ts';
import { User, type DigestFrequency, type Weekday } from './user.entity.ts';
import { userLoaders } from './user.loaders.ts';
import { assertSeatsLeft, lockTenant } from '../tenant/tenant.seats.ts';

export interface UserListFilter {
  search?: string | null;
  status?: UserStatus | null;
  role?: Role | null;
  /** Members of this group only (a raw id; '' stands for a malformed or foreign id and matches nothing). */
  groupId?: string | null;
}

function requireAdmin(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can manage users');
  return viewer as Principal;
}

/**
 * The SQL condition of the user list for `viewer`: the tenant; admins see everyone and search name
 * and email, others see active users only and search by name (emails are private to admins). The
 * user list and its CSV export (`exportUsers`) both use it, so the CSV has exactly the listed rows.
 */
export function userListWhere(viewer: Principal, filter: UserListFilter): FilterQuery<User> {
  const admin = isAdmin(viewer);
  if (!admin && filter.status && filter.status !== 'ACTIVE') {
    throw forbidden('Only admins can list users by status');
  }
  // Group memberships are private to admins (User.groups), so is filtering by them.
  if (!admin && filter.groupId != null) throw forbidden('Only admins can list users by group');
  const where: FilterQuery<User> & object = { tenant: viewer.tenantId };
  if (filter.role) where.role = filter.role;
  if (!admin) where.status = 'ACTIVE';
  else if (filter.status) where.status = filter.status;
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('search', 'search must be at most 200 characters');
    const pattern = containsPattern(search);
    where.$or = admin ? [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] : [{ name: { $ilike: pattern } }];
  }
  if (filter.groupId != null) {
    // A malformed id matches nothing, as a group of another tenant does (the membership row is the tenant's).
    const groupId = isUuid(filter.groupId) ? filter.groupId : null;
    Object.assign(where, {
      [raw(
        (alias) => `exists (select 1 from group_memberships gm where gm.user_id = ${alias}.id and gm.tenant_id = ${alias}.tenant_id and gm.group_id = ?)`,
        [groupId],
      )]: [],
    });
  }
  return where;
}

/** Users of the viewer's tenant, filtered in SQL (`userListWhere`), a page at a time. */
export async function listUsers(ctx: RequestScope, filter: UserListFilter, window: IdWindow): Promise<User[]> {
  const viewer = requirePerson(ctx);
  const page = idWindowQuery(window);
  const where = { ...page.where, ...(userListWhere(viewer, filter) as object) } as FilterQuery<User>;
  return ctx.em.find(User, where, { orderBy: page.orderBy, limit: page.limit });
}

/** A user of the viewer's tenant that the viewer may see; NOT_FOUND otherwise (and across tenants). */
export async function findVisibleUser(ctx: RequestScope, id: string): Promise<User> {
  const viewer = requirePerson(ctx);
  const user = isUuid(id) ? await userLoaders(ctx).byId.load(id) : null;
  if (!user || (!isAdmin(viewer) && user.status !== 'ACTIVE' && user.id !== viewer.userId)) throw notFound('User');
  return user;
}

async function loadForAdmin(ctx: RequestScope, viewer: Principal, id: string): Promise<User> {
  const user = isUuid(id) ? await ctx.em.findOne(User, { id, tenant: viewer.tenantId }) : null;
  if (!user) throw notFound('User');
  return user;
}

/**
 * Whether `target` may stop being an active admin, checked inside the transaction that changes it
 * and under a lock on the tenant's row: two admins demoting or deactivating each other at once are
 * serialized here, and the second sees the first's committed change (each statement of a
 * read-committed transaction reads the latest commits). The viewer must still be an active admin.
 */
async function guardAdminRemoval(em: EntityManager, viewer: Principal, target: { id: string; role: Role; status: string }): Promise<void> {
  if (target.role !== 'ADMIN') {
    const denial = adminRemovalDenial(viewer, target, { activeAdminCount: 2 });
    if (denial) throw new DomainError('CONFLICT', denial);
    return;
  }
  // `no key update` conflicts only with itself (and stronger locks), not with the key-share locks
  // that inserts referencing the tenant take.
  await em.execute('select 1 from tenants where id = ? for no key update', [viewer.tenantId]);
  const [admins] = await em.execute<{ count: string; viewer_is_admin: boolean | null }[]>(
    `select count(*) as count, bool_or(id = ?) as viewer_is_admin
       from users where tenant_id = ? and role = 'ADMIN' and status = 'ACTIVE'`,
    [viewer.userId, viewer.tenantId],
  );
  if (!admins?.viewer_is_admin) throw forbidden('Only admins can manage users');
  const denial = adminRemovalDenial(viewer, target, { activeAdminCount: Number(admins.count) });
  if (denial) throw new DomainError('CONFLICT', denial);
}

export function validateTimezone(timezone: string, field: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return timezone;
  } catch {
    throw badInput(field, `"${timezone}" is not an IANA time zone`);
  }
}

export function validateNewPassword(password: string, field: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(field, `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw badInput(field, `The password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

export function validateName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw badInput(field, 'name must be 1 to 200 characters');
  return trimmed;
}

export interface UpdateUserInput {
  id: string;
  name?: string | null;
  role?: Role | null;
  timezone?: string | null;
  allowApiAccess?: boolean | null;
  allowExportData?: boolean | null;
  datasetAccessMode?: DatasetAccessMode | null;
  /** Replaces the list. Raw dataset ids ('' stands for a malformed global id). */
  datasetAccess?: readonly { datasetId: string; level?: DatasetAccessLevel | null }[] | null;
  /** Only the listed features change; DEFAULT removes the switch. */
  featurePermissions?: readonly { feature: Feature; state: FeatureState }[] | null;
}

const MAX_DATASET_ACCESS = 500;
type DatasetGrant = { datasetId: string; level: DatasetAccessLevel };

/**
 * Validates per-user overrides (PRODUCT.md §4): never on one's own account, never for an admin
 * (or a user this very call makes one); listed datasets must be datasets of the tenant.
 */
async function validateOverrides(ctx: RequestScope, viewer: Principal, user: User, input: UpdateUserInput): Promise<DatasetGrant[] | undefined> {
  const given = (['datasetAccessMode', 'datasetAccess', 'featurePermissions'] as const).find((key) => input[key] != null);
  if (!given) return undefined;
  if (user.id === viewer.userId) throw forbidden('You cannot change your own permissions');
  if ((input.role ?? user.role) === 'ADMIN') throw badInput(`input.${given}`, 'Per-user overrides never apply to admins');
  const features = input.featurePermissions ?? [];
  const firstFeature = new Map<Feature, number>();
  features.forEach(({ feature }, i) => {
    if (firstFeature.has(feature)) throw badInput(`input.featurePermissions[${i}].feature`, `${feature} is listed twice`);
    firstFeature.set(feature, i);
  });
  if (!input.datasetAccess) return undefined;
  const ids = input.datasetAccess.map((entry) => entry.datasetId);
  if (ids.length > MAX_DATASET_ACCESS) throw badInput('input.datasetAccess', `At most ${MAX_DATASET_ACCESS} datasets`);
  const field = (i: number) => `input.datasetAccess[${i}].datasetId`;
  const malformed = firstBadIndex(ids, isUuid);
  if (malformed >= 0) throw badInput(field(malformed), 'Not a dataset id');
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) throw badInput(field(repeated), 'This dataset is listed twice');
  const rows = ids.length ? await ctx.em.execute<{ id: string }[]>('select id from datasets where tenant_id = ? and id in (?)', [viewer.tenantId, ids]) : [];
  const found = new Set(rows.map((row) => row.id));
  const missing = firstBadIndex(ids, (id) => found.has(id));
  if (missing >= 0) throw badInput(field(missing), 'No such dataset in this workspace');
  return input.datasetAccess.map((entry) => ({ datasetId: entry.datasetId, level: entry.level ?? 'READ' }));
}

const sortGrants = (grants: DatasetGrant[]) => [...grants].sort((a, b) => a.datasetId.localeCompare(b.datasetId));

/**
 * Writes the overrides in the caller's transaction and returns what changed, for the audit
 * summary (before/after).
 */
async function writeOverrides(em: EntityManager, user: User, grants: DatasetGrant[] | undefined, input: UpdateUserInput) {
  const changes: Record<string, unknown> = {};
  const where = { user: user.id, tenant: user.tenant.id };
  if (grants) {
    const before = sortGrants((await em.find(UserDatasetAccess, where)).map((row) => ({ datasetId: row.dataset.id, level: row.level })));
    const after = sortGrants(grants);
    if (JSON.stringify(before) !== JSON.stringify(after)) changes.datasetAccess = { before, after };
    await em.nativeDelete(UserDatasetAccess, where);
    for (const grant of grants) em.create(UserDatasetAccess, { ...where, dataset: grant.datasetId, level: grant.level });
  }
  const features = input.featurePermissions ?? [];
  if (features.length > 0) {
    const existing = new Map((await em.find(UserFeaturePermission, where)).map((row) => [row.feature, row.state]));
    const changed: Record<string, { before: FeatureState; after: FeatureState }> = {};
    for (const { feature, state } of features) {
      const before = existing.get(feature) ?? 'DEFAULT';
      if (before !== state) changed[feature] = { before, after: state };
    }
    if (Object.keys(changed).length > 0) changes.featurePermissions = changed;
    await em.nativeDelete(UserFeaturePermission, { ...where, feature: { $in: features.map((f) => f.feature) } });
    for (const { feature, state } of features) {
      if (state !== 'DEFAULT') em.create(UserFeaturePermission, { ...where, feature, state });
    }
  }
  return changes;
}

export async function updateUser(ctx: RequestScope, input: UpdateUserInput): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, input.id);
  if (user.status === 'PUBLIC') throw badInput('input.id', 'Public principals cannot be edited');
  const name = input.name != null ? validateName(input.name, 'input.name') : undefined;
  const timezone = input.timezone != null ? validateTimezone(input.timezone, 'input.timezone') : undefined;
  const roleChange = input.role != null && input.role !== user.role ? input.role : undefined;
  if (roleChange) {
    if (!ROLES.includes(roleChange)) throw badInput('input.role', 'Unknown role');
    if (user.id === viewer.userId) throw forbidden('You cannot change your own role');
  }
  if (user.id === viewer.userId) {
    // PRODUCT.md §9: nobody changes their own flags (admins included); name and time zone are fine.
    if (input.allowApiAccess != null && input.allowApiAccess !== user.allowApiAccess) throw forbidden('You cannot change your own API access');
    if (input.allowExportData != null && input.allowExportData !== user.allowExportData) throw forbidden('You cannot change your own export permission');
  }
  const grants = await validateOverrides(ctx, viewer, user, input);
  const before = {
    name: user.name,
    role: user.role,
    timezone: user.timezone,
    allowApiAccess: user.allowApiAccess,
    allowExportData: user.allowExportData,
    datasetAccessMode: user.datasetAccessMode,
  };
  if (name !== undefined) user.name = name;
  if (timezone !== undefined) user.timezone = timezone;
  if (roleChange) user.role = roleChange;
  if (input.allowApiAccess != null) user.allowApiAccess = input.allowApiAccess;
  // Only meaningful for viewers and explorers (analysts and admins always export); stored for all.
  if (input.allowExportData != null) user.allowExportData = input.allowExportData;
  if (input.datasetAccessMode != null) user.datasetAccessMode = input.datasetAccessMode;
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const after = user[key as keyof typeof before];
    if (after !== value) changes[key] = { before: value, after };
  }
  const demotesAdmin = roleChange !== undefined && before.role === 'ADMIN';
  const write = () =>
    ctx.em.transactional(async (em) => {
      if (demotesAdmin) await guardAdminRemoval(em, viewer, { id: user.id, role: 'ADMIN', status: user.status });
      Object.assign(changes, await writeOverrides(em, user, grants, input));
      if (Object.keys(changes).length > 0) recordAudit(em, viewer, { action: 'user.update', resourceType: 'USER', resourceId: user.id, summary: changes });
    });
  await withUniqueGuard(write, () => conflict('The user’s permissions changed meanwhile; try again'));
  return user;
}

/** Deactivation keeps everything the user owns and ends their sessions at once. */
export async function deactivateUser(ctx: RequestScope, id: string): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, id);
  if (user.status === 'DEACTIVATED') return user;
  if (user.status === 'PUBLIC') throw badInput('id', 'Public principals cannot be deactivated');
  const before = user.status;
  await ctx.em.transactional(async (em) => {
    await guardAdminRemoval(em, viewer, user);
    user.status = 'DEACTIVATED';
    // Their own sessions and the ones in which they impersonate someone.
    await em.nativeUpdate(Session, { $or: [{ user: user.id }, { impersonator: user.id }], revokedAt: null }, { revokedAt: new Date() });
    await em.nativeUpdate(Invitation, { user: user.id, acceptedAt: null, revokedAt: null }, { revokedAt: new Date() });
    recordAudit(em, viewer, { action: 'user.deactivate', resourceType: 'USER', resourceId: user.id, summary: { status: { before, after: user.status } } });
  });
  return user;
}

/**
 * Restores a deactivated user: ACTIVE if they had set a password, otherwise PENDING again. Either
 * takes a paid seat, so the tenant's seat limit applies (checked under the tenant lock).
 */
export async function restoreUser(ctx: RequestScope, id: string): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, id);
  if (user.status !== 'DEACTIVATED') throw new DomainError('CONFLICT', 'Only deactivated users can be restored');
  await ctx.em.populate(user, ['passwordHash']);
  await ctx.em.transactional(async (em) => {
    const tenant = await lockTenant(em, viewer.tenantId);
    await assertSeatsLeft(em, tenant, 1, 'id', 'CONFLICT');
    user.status = user.passwordHash ? 'ACTIVE' : 'PENDING';
    recordAudit(em, viewer, {
      action: 'user.restore',
      resourceType: 'USER',
      resourceId: user.id,
      summary: { status: { before: 'DEACTIVATED', after: user.status } },
    });
  });
  return user;
}

/**
 * What a user owns, by table and column (PRODUCT.md §9): `deleteUser` moves each to the transfer
 * target. `workspace_owner_id` is a personal workspace: its folders and dashboards move into the
 * target's personal workspace. Identifiers come from this list only.
 */
const OWNED: readonly { key: string; table: string; column: string }[] = [
  { key: 'folders', table: 'folders', column: 'owner_id' },
  { key: 'personalFolders', table: 'folders', column: 'workspace_owner_id' },
  { key: 'dashboards', table: 'dashboards', column: 'owner_id' },
  { key: 'personalDashboards', table: 'dashboards', column: 'workspace_owner_id' },
  { key: 'widgets', table: 'widgets', column: 'owner_id' },
  { key: 'datasets', table: 'datasets', column: 'owner_id' },
  { key: 'dataSources', table: 'data_sources', column: 'owner_id' },
  { key: 'shareableLinks', table: 'shareable_links', column: 'created_by_id' },
];

/** How many rows of each kind `userId` owns, in one statement. */
async function countOwned(em: EntityManager, tenantId: string, userId: string): Promise<Record<string, number>> {
  const parts = OWNED.map(({ key, table, column }) => `(select count(*) from "${table}" where tenant_id = ? and "${column}" = ?) as "${key}"`);
  const [row] = await em.execute<Record<string, string>[]>(
    `select ${parts.join(', ')}`,
    OWNED.flatMap(() => [tenantId, userId]),
  );
  return Object.fromEntries(OWNED.map(({ key }) => [key, Number(row?.[key] ?? 0)]));
}

/**
 * Deletes a user for good (admins). Whatever they own (folders, dashboards, widgets, datasets,
 * data sources, the shareable links they created, their personal workspace's contents) moves to `transferOwnershipTo`, an ACTIVE
 * person of the tenant, in the same transaction; without anything owned no target is needed.
 * Their sessions, invitations, group memberships, overrides, attribute values and the shares
 * granted to them go with them; audit events keep their history with the actor emptied.
 */
export async function deleteUser(
  ctx: RequestScope,
  input: { id: string; transferOwnershipTo?: string | null },
): Promise<{ deletedUserId: string; transferredTo: User | null; moved: Record<string, number> }> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, input.id);
  if (user.id === viewer.userId) throw conflict('You cannot delete your own account');
  if (user.status === 'PUBLIC') throw badInput('input.id', 'Public principals are removed with their link or embed key');
  const targetId = input.transferOwnershipTo ?? null;
  if (targetId !== null) {
    if (!isUuid(targetId)) throw badInput('input.transferOwnershipTo', 'Not a user id');
    if (targetId === user.id) throw badInput('input.transferOwnershipTo', 'Ownership must go to someone other than the user deleted');
  }
  const result = await ctx.em.transactional(async (em) => {
    // The tenant lock serializes this with the last-admin checks; the user row lock with any
    // other change to this user (a concurrent delete finds nothing afterwards).
    await guardAdminRemoval(em, viewer, user);
    const [locked] = await em.execute<{ id: string; role: Role; status: UserStatus; email: string }[]>(
      'select id, role, status, email from users where id = ? and tenant_id = ? for update',
      [user.id, viewer.tenantId],
    );
    if (!locked) throw notFound('User');
    let target: { id: string } | undefined;
    if (targetId !== null) {
      [target] = await em.execute<{ id: string }[]>(`select id from users where id = ? and tenant_id = ? and status = 'ACTIVE' for share`, [
        targetId,
        viewer.tenantId,
      ]);
      if (!target) throw badInput('input.transferOwnershipTo', 'Ownership goes to an active user of this workspace');
    }
    const owned = await countOwned(em, viewer.tenantId, user.id);
    const total = Object.values(owned).reduce((sum, n) => sum + n, 0);
    if (total > 0 && !target) {
      const what = Object.entries(owned)
        .filter(([, n]) => n > 0)
        .map(([key, n]) => `${n} ${key}`)
        .join(', ');
      throw badInput('input.transferOwnershipTo', `This user owns ${what}: name an active user to transfer them to`);
    }
    if (target) {
      for (const { table, column } of OWNED) {
        await em.execute(`update "${table}" set "${column}" = ? where tenant_id = ? and "${column}" = ?`, [target.id, viewer.tenantId, user.id]);
      }
    }
    recordAudit(em, viewer, {
      action: 'user.delete',
      resourceType: 'USER',
      resourceId: user.id,
      summary: { email: locked.email, role: locked.role, status: locked.status, transferredTo: target?.id ?? null, moved: owned },
    });
    await em.flush();
    await em.execute('delete from users where id = ? and tenant_id = ?', [user.id, viewer.tenantId]);
    return { target, owned };
  });
  ctx.em.getUnitOfWork().unsetIdentity(user);
  ctx.logger.info({ userId: user.id, tenantId: viewer.tenantId, transferredTo: result.target?.id }, 'user deleted');
  const transferredTo = result.target ? await ctx.em.findOne(User, { id: result.target.id, tenant: viewer.tenantId }) : null;
  return { deletedUserId: user.id, transferredTo, moved: result.owned };
}

export interface DigestInput {
  frequency?: DigestFrequency | null;
  /** HH:MM, 00:00 to 23:59, in the user's time zone */
  localTime?: string | null;
  weekday?: Weekday | null;
}

export interface UpdateMeInput {
  name?: string | null;
  timezone?: string | null;
  password?: string | null;
  currentPassword?: string | null;
  digest?: DigestInput | null;
}

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The digest settings after `input`: turning it on defaults to DAILY at 08:00; WEEKLY needs a day (MONDAY by default). */
function nextDigest(user: User, input: DigestInput): { digestFrequency: DigestFrequency; digestLocalTime: string; digestWeekday: Weekday | null } {
  if (input.localTime != null && !LOCAL_TIME.test(input.localTime)) throw badInput('input.digest.localTime', 'Give the local time as HH:MM, 00:00 to 23:59');
  const frequency = input.frequency ?? (user.digestFrequency === 'OFF' ? 'DAILY' : user.digestFrequency);
  if (input.weekday != null && frequency !== 'WEEKLY') throw badInput('input.digest.weekday', 'A weekday applies to WEEKLY digests only');
  return {
    digestFrequency: frequency,
    digestLocalTime: input.localTime ?? user.digestLocalTime ?? '08:00',
    digestWeekday: frequency === 'WEEKLY' ? (input.weekday ?? user.digestWeekday ?? 'MONDAY') : null,
  };
}

/**
 * A person changes their own name, time zone, password and digest settings (PRODUCT.md §9). A new
 * password needs the current one (throttled like a sign-in) and ends every other session of the
 * user, and the impersonations they started; the calling session stays. Never while impersonating.
 */
export async function updateMe(ctx: RequestScope, input: UpdateMeInput): Promise<User> {
  const viewer = requirePerson(ctx);
  if (viewer.impersonatorId) throw forbidden('Your own account cannot be changed while impersonating someone');
  const name = input.name != null ? validateName(input.name, 'input.name') : undefined;
  const timezone = input.timezone != null ? validateTimezone(input.timezone, 'input.timezone') : undefined;
  const password = input.password != null ? validateNewPassword(input.password, 'input.password') : undefined;
  if (password === undefined && input.currentPassword != null) throw badInput('input.password', 'Give the new password with the current one');
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId, tenant: viewer.tenantId }, { populate: ['passwordHash'] });
  const digest = input.digest ? nextDigest(user, input.digest) : undefined;
  let passwordHash: string | undefined;
  if (password !== undefined) {
    if (!input.currentPassword) throw badInput('input.currentPassword', 'Give your current password to set a new one');
    if (input.currentPassword.length > MAX_PASSWORD_LENGTH) throw badInput('input.currentPassword', 'Password is too long');
    const attempt = await ctx.deps.signInThrottle.attempt(`${viewer.tenantSlug}\u0000${user.email}`, ctx.clientAddress);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw badInput('input.currentPassword', 'The current password is wrong');
    await attempt.succeeded();
    passwordHash = await hashPassword(password);
  }
  const before = {
    name: user.name,
    timezone: user.timezone,
    digestFrequency: user.digestFrequency,
    digestLocalTime: user.digestLocalTime,
    digestWeekday: user.digestWeekday,
  };
  if (name !== undefined) user.name = name;
  if (timezone !== undefined) user.timezone = timezone;
  if (digest) {
    // Turned on now: the first digest covers what happens from now on, not the day before.
    if (user.digestFrequency === 'OFF' && digest.digestFrequency !== 'OFF') user.digestCoveredUntil = new Date();
    Object.assign(user, digest);
  }
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) {
    const after = user[key as keyof typeof before];
    if (after !== value) changes[key] = { before: value, after };
  }
  await ctx.em.transactional(async (em) => {
    if (passwordHash !== undefined) {
      user.passwordHash = passwordHash;
      changes.password = 'changed';
      const others = { revokedAt: null, ...(viewer.sessionId ? { id: { $ne: viewer.sessionId } } : {}) };
      const ended = await em.nativeUpdate(Session, { $or: [{ user: user.id }, { impersonator: user.id }], ...others }, { revokedAt: new Date() });
      changes.sessionsEnded = ended;
    }
    if (Object.keys(changes).length > 0) recordAudit(em, viewer, { action: 'user.updateMe', resourceType: 'USER', resourceId: user.id, summary: changes });
  });
  return user;
}
