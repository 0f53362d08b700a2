import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/user/user.entity.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';

/** Request-scoped batch loaders. Every one is bound to the viewer's tenant. */
export function createLoaders(em: EntityManager, tenantId: string | undefined) {
  const tenant = tenantId ?? '00000000-0000-0000-0000-000000000000';
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const rows = await em.find(User, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    groupById: new DataLoader<string, Group | null>(async (ids) => {
      const rows = await em.find(Group, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    groupsByUserId: new DataLoader<string, Group[]>(async (userIds) => {
      const memberships = await em.find(
        GroupMembership,
        { user: { $in: [...userIds] }, tenant },
        { populate: ['group'], orderBy: { group: { nameKey: 'asc' } } },
      );
      const byUser = new Map<string, Group[]>(userIds.map((id) => [id, []]));
      for (const membership of memberships) byUser.get(membership.user.id)?.push(membership.group);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    memberCountByGroupId: new DataLoader<string, number>(async (groupIds) => {
      const rows = await em.execute<{ group_id: string; count: string }[]>(
        'select group_id, count(*) as count from group_memberships where tenant_id = ? and group_id in (?) group by group_id',
        [tenant, [...groupIds]],
      );
      const counts = new Map(rows.map((row) => [row.group_id, Number(row.count)]));
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
