import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '../../auth/principal.ts';
import { adminRemovalDenial, canManagePeople, isAdmin, isPerson } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, DomainError, forbidden, notFound } from '../../errors.ts';
import { containsPattern, idWindowQuery, type IdWindow } from '../../graphql/pagination.ts';
import type { ServiceContext } from '../service-context.ts';
import { Session } from '../session/session.entity.ts';
import { Invitation } from '../invitation/invitation.entity.ts';
import { ROLES, User, type Role, type UserStatus } from './user.entity.ts';

export interface UserListFilter {
  search?: string | null;
  status?: UserStatus | null;
  role?: Role | null;
}

function requirePerson(viewer: Viewer | null): Viewer {
  if (!isPerson(viewer)) throw forbidden();
  return viewer;
}

function requireAdmin(viewer: Viewer | null): Viewer {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can manage users');
  return viewer as Viewer;
}

/**
 * Users of the viewer's tenant, filtered in SQL. Admins see everyone and search name and email;
 * others see active users only and search by name (emails are private to admins).
 */
export async function listUsers(ctx: ServiceContext, filter: UserListFilter, window: IdWindow): Promise<User[]> {
  const viewer = requirePerson(ctx.viewer);
  const admin = isAdmin(viewer);
  if (!admin && filter.status && filter.status !== 'ACTIVE') {
    throw forbidden('Only admins can list users by status');
  }
  const page = idWindowQuery(window);
  const where: FilterQuery<User> = { ...page.where, tenant: viewer.tenantId };
  if (filter.role) where.role = filter.role;
  if (!admin) where.status = 'ACTIVE';
  else if (filter.status) where.status = filter.status;
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('search', 'search must be at most 200 characters');
    const pattern = containsPattern(search);
    where.$or = admin ? [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }] : [{ name: { $ilike: pattern } }];
  }
  return ctx.em.find(User, where, { orderBy: page.orderBy, limit: page.limit });
}

/** A user of the viewer's tenant that the viewer may see; NOT_FOUND otherwise (and across tenants). */
export async function findVisibleUser(ctx: ServiceContext & { loaders: { userById: { load(id: string): Promise<User | null> } } }, id: string): Promise<User> {
  const viewer = requirePerson(ctx.viewer);
  const user = isUuid(id) ? await ctx.loaders.userById.load(id) : null;
  if (!user || (!isAdmin(viewer) && user.status !== 'ACTIVE' && user.id !== viewer.userId)) throw notFound('User');
  return user;
}

async function loadForAdmin(ctx: ServiceContext, viewer: Viewer, id: string): Promise<User> {
  const user = isUuid(id) ? await ctx.em.findOne(User, { id, tenant: viewer.tenantId }) : null;
  if (!user) throw notFound('User');
  return user;
}

export async function countActiveAdmins(ctx: ServiceContext, tenantId: string): Promise<number> {
  return ctx.em.count(User, { tenant: tenantId, role: 'ADMIN', status: 'ACTIVE' });
}

async function guardAdminRemoval(ctx: ServiceContext, viewer: Viewer, target: User): Promise<void> {
  const facts = { activeAdminCount: target.role === 'ADMIN' ? await countActiveAdmins(ctx, viewer.tenantId) : 2 };
  const denial = adminRemovalDenial(viewer, target, facts);
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
}

export async function updateUser(ctx: ServiceContext, input: UpdateUserInput): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, input.id);
  if (user.status === 'PUBLIC') throw badInput('input.id', 'Public principals cannot be edited');
  if (input.name != null) user.name = validateName(input.name, 'input.name');
  if (input.timezone != null) user.timezone = validateTimezone(input.timezone, 'input.timezone');
  if (input.role != null && input.role !== user.role) {
    if (!ROLES.includes(input.role)) throw badInput('input.role', 'Unknown role');
    if (user.id === viewer.userId) throw forbidden('You cannot change your own role');
    if (user.role === 'ADMIN') await guardAdminRemoval(ctx, viewer, user);
    user.role = input.role;
  }
  if (input.allowApiAccess != null) user.allowApiAccess = input.allowApiAccess;
  if (input.allowExportData != null) user.allowExportData = input.allowExportData;
  await ctx.em.flush();
  return user;
}

/** Deactivation keeps everything the user owns and ends their sessions at once. */
export async function deactivateUser(ctx: ServiceContext, id: string): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, id);
  if (user.status === 'DEACTIVATED') return user;
  if (user.status === 'PUBLIC') throw badInput('id', 'Public principals cannot be deactivated');
  await guardAdminRemoval(ctx, viewer, user);
  await ctx.em.transactional(async (em) => {
    user.status = 'DEACTIVATED';
    await em.nativeUpdate(Session, { user: user.id, revokedAt: null }, { revokedAt: new Date() });
    await em.nativeUpdate(Invitation, { user: user.id, acceptedAt: null, revokedAt: null }, { revokedAt: new Date() });
  });
  return user;
}

/** Restores a deactivated user: ACTIVE if they had set a password, otherwise PENDING again. */
export async function restoreUser(ctx: ServiceContext, id: string): Promise<User> {
  const viewer = requireAdmin(ctx.viewer);
  const user = await loadForAdmin(ctx, viewer, id);
  if (user.status !== 'DEACTIVATED') throw new DomainError('CONFLICT', 'Only deactivated users can be restored');
  await ctx.em.populate(user, ['passwordHash']);
  user.status = user.passwordHash ? 'ACTIVE' : 'PENDING';
  await ctx.em.flush();
  return user;
}
