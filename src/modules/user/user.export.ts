/**
 * The rows of the admins' user list as a CSV export (`exportUsers`, PRODUCT.md §9): the same SQL
 * condition as `users(search, status, role, groupId)` (`userListWhere`), the same order (by id),
 * read again when the download is fetched, for the principal it is bound to.
 */
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { DomainError, forbidden } from '../../errors.ts';
import type { RequestScope } from '../../scope/scope.ts';
import type { UserExportFilter } from '../export/export.entity.ts';
import { User } from './user.entity.ts';
import { userListWhere, type UserListFilter } from './user.service.ts';

/** The most rows a user export has; a bigger list fails the download (narrow the search). */
export const USER_EXPORT_MAX_ROWS = 100_000;

export const USER_EXPORT_COLUMNS = ['name', 'email', 'role', 'status', 'groups', 'two_factor_enabled', 'last_active_at', 'created_at'] as const;

export function assertMayExportUsers(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can export users');
  return viewer as Principal;
}

/**
 * Decides the export for the current principal (admins only) and checks the filter as the list
 * would (a search over 200 characters, …), without reading any row.
 */
export function prepareUsersExport(ctx: Pick<RequestScope, 'viewer'>, filter: UserExportFilter): void {
  const viewer = assertMayExportUsers(ctx.viewer);
  userListWhere(viewer, filter as UserListFilter);
}

/**
 * The rows of the export, one array per user in `USER_EXPORT_COLUMNS` order, in two statements:
 * the users (the list's condition, by id, at most `USER_EXPORT_MAX_ROWS`) and the tenant's group
 * memberships, names joined with "; " in name order (as `User.groups`).
 */
export async function userExportRows(ctx: Pick<RequestScope, 'viewer' | 'em'>, filter: UserExportFilter): Promise<unknown[][]> {
  const viewer = assertMayExportUsers(ctx.viewer);
  const where = userListWhere(viewer, filter as UserListFilter);
  const users = await ctx.em
    .createQueryBuilder(User, 'u')
    .select(['id', 'name', 'email', 'role', 'status', 'twoFactorEnabled', 'lastActiveAt', 'createdAt'])
    .where(where as object)
    .orderBy({ id: 'asc' })
    .limit(USER_EXPORT_MAX_ROWS + 1)
    .execute<
      { id: string; name: string; email: string; role: string; status: string; twoFactorEnabled: boolean; lastActiveAt: Date | null; createdAt: Date }[]
    >('all', true);
  if (users.length > USER_EXPORT_MAX_ROWS) {
    throw new DomainError('BAD_USER_INPUT', `The export has more than ${USER_EXPORT_MAX_ROWS} users; narrow the search`, 'input.search');
  }
  const memberships = await ctx.em.execute<{ user_id: string; names: string }[]>(
    `select gm.user_id, string_agg(g.name, '; ' order by g.name_key, g.id) as names
       from group_memberships gm join groups g on g.id = gm.group_id and g.tenant_id = gm.tenant_id
      where gm.tenant_id = ? group by gm.user_id`,
    [viewer.tenantId],
  );
  const groups = new Map(memberships.map((row) => [row.user_id, row.names]));
  return users.map((u) => [
    u.name,
    u.email,
    u.role,
    u.status,
    groups.get(u.id) ?? '',
    u.twoFactorEnabled,
    u.lastActiveAt ? new Date(u.lastActiveAt) : null,
    new Date(u.createdAt),
  ]);
}
