import DataLoader from 'dataloader';
import type { Viewer } from '../auth/principal.ts';
import { subjectLoader } from '../authz/subject.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/user/user.entity.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';
import { Share, type ShareResourceType } from '../modules/share/share.entity.ts';
import { grantedIds, sharedFolderTree, type SqlFragment } from '../authz/visibility.ts';

/** Request-scoped batch loaders. Every one is bound to the viewer's tenant. */
/** Memoises one promise per key for the request. */
function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}

export function createLoaders(em: EntityManager, viewer: Viewer | null) {
  const tenant = viewer?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  const ids = async (fragment: SqlFragment) =>
    new Set((await em.execute<{ id: string }[]>(`select x.id from (${fragment.sql}) as x(id)`, fragment.params)).map((r) => r.id));
  return {
    /**
     * Ids of resources of one type shared with the viewer (directly, via a group, or All users),
     * one statement per type per request. For FOLDER it is the whole shared tree.
     */
    sharedIds: memo(async (type: ShareResourceType): Promise<ReadonlySet<string>> => {
      if (!viewer) return new Set();
      return ids(type === 'FOLDER' ? sharedFolderTree(viewer) : grantedIds(viewer, type));
    }),
    /** The viewer with per-user overrides, loaded once per request on first use. */
    subject: subjectLoader(em, viewer),
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
    sharesByResourceId: new DataLoader<string, Share[]>(async (resourceIds) => {
      const rows = await em.find(Share, { tenant, resourceId: { $in: [...resourceIds] } }, { orderBy: { id: 'asc' } });
      const byResource = new Map<string, Share[]>(resourceIds.map((id) => [id, []]));
      for (const row of rows) byResource.get(row.resourceId)?.push(row);
      return resourceIds.map((id) => byResource.get(id) ?? []);
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
