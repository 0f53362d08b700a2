import { Group, GroupMembership } from './group.entity.ts';
import { Loader, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

/** Groups of the caller's tenant, one statement per page for each. */
export const groupLoaders = perRequest((scope: Pick<RequestScope, 'em' | 'viewer'>) => {
  const tenant = tenantIdOf(scope);
  return {
    byId: new Loader<string, Group | null>(async (ids) => {
      const rows = await scope.em.find(Group, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    byUserId: new Loader<string, Group[]>(async (userIds) => {
      const memberships = await scope.em.find(
        GroupMembership,
        { user: { $in: [...userIds] }, tenant },
        { populate: ['group'], orderBy: { group: { nameKey: 'asc' } } },
      );
      const byUser = new Map<string, Group[]>(userIds.map((id) => [id, []]));
      for (const membership of memberships) byUser.get(membership.user.id)?.push(membership.group);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    memberCount: new Loader<string, number>(async (groupIds) => {
      const rows = await scope.em.execute<{ group_id: string; count: string }[]>(
        'select group_id, count(*) as count from group_memberships where tenant_id = ? and group_id in (?) group by group_id',
        [tenant, [...groupIds]],
      );
      const counts = new Map(rows.map((row) => [row.group_id, Number(row.count)]));
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
});
