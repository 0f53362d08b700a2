import type { Principal } from '../auth/principal.ts';
import { subjectLoader } from '../authz/subject.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loader, memo, once } from './memo.ts';
import { User } from '../modules/user/user.entity.ts';
import { Group, GroupMembership } from '../modules/group/group.entity.ts';
import { Share, type ShareResourceType } from '../modules/share/share.entity.ts';
import { Folder } from '../modules/folder/folder.entity.ts';
import { Dashboard, DashboardFilter, Widget } from '../modules/dashboard/dashboard.entity.ts';
import { loadGroupValues, type GroupValueView } from '../modules/attribute/attribute.service.ts';
import { loadAttributeEntries, type AttributeEntry } from '../modules/attribute/effective.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';
import { loadEffectiveAttributes } from '../modules/attribute/effective.ts';
import type { EffectiveAttributes } from '../query/attributes.ts';
import { GRANTEE_MATCH, granteeParams, grantedIds, impersonatorOf, sharedFolderTree, visibleFolders, type SqlFragment, type VisibilitySubject } from '../authz/visibility.ts';

/**
 * What is shared with one person (the viewer, or an impersonator as themselves): each a constant
 * number of statements per request, however many resources a page decides about.
 */
function shareLoaders(em: () => EntityManager, person: VisibilitySubject | null, metadata: RequestMetadata) {
  const tenant = person?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  const ids = async (fragment: SqlFragment) =>
    new Set((await em().execute<{ id: string }[]>(`select x.id from (${fragment.sql}) as x(id)`, fragment.params)).map((r) => r.id));
  /** Dataset and data source grants are few and usually needed together: one statement for both, kept in the metadata cache. */
  const dataGrants = once(() => metadata.read(`grants:${person?.userId}`, async () => {
    const rows = person
      ? await em().execute<{ resource_type: 'DATASET' | 'DATA_SOURCE'; resource_id: string }[]>(
          `select s.resource_type, s.resource_id from shares s
            where s.tenant_id = ? and s.resource_type in ('DATASET', 'DATA_SOURCE') and ${GRANTEE_MATCH}`,
          [tenant, ...granteeParams(person)],
        )
      : [];
    const grants = { DATASET: new Set<string>(), DATA_SOURCE: new Set<string>() };
    for (const row of rows) grants[row.resource_type].add(row.resource_id);
    return grants;
  }));
  return {
    /**
     * Whether a dashboard is shared with the person, directly or through any ancestor folder: one
     * statement for a page, and one promise per dashboard so that a page's decisions settle together.
     */
    isDashboardShared: new Loader<string, boolean>(async (dashboardIds) => {
      if (!person) return dashboardIds.map(() => false);
      const rows = await em().execute<{ start_id: string }[]>(
        `with recursive up as (
           select d.id as start_id, d.id from dashboards d where d.tenant_id = ? and d.id in (?)
           union all
           select d.id, d.folder_id from dashboards d where d.tenant_id = ? and d.id in (?) and d.folder_id is not null
           union all
           select u.start_id, f.parent_id from folders f join up u on f.id = u.id where f.parent_id is not null
         ) select distinct up.start_id from up join shares s on s.resource_id = up.id
           where s.tenant_id = ? and ${GRANTEE_MATCH}`,
        [tenant, [...dashboardIds], tenant, [...dashboardIds], tenant, ...granteeParams(person)],
      );
      const shared = new Set(rows.map((r) => r.start_id));
      return dashboardIds.map((id) => shared.has(id));
    }),
    /** Whether a folder or one of its ancestors is shared with the person; batched. */
    isFolderTreeShared: new Loader<string, boolean>(async (folderIds) => {
      if (!person) return folderIds.map(() => false);
      const rows = await em().execute<{ start_id: string }[]>(
        `with recursive up as (
           select f.id as start_id, f.id, f.parent_id from folders f where f.tenant_id = ? and f.id in (?)
           union all
           select u.start_id, p.id, p.parent_id from folders p join up u on p.id = u.parent_id
         ) select distinct up.start_id from up join shares s on s.resource_id = up.id
           where s.tenant_id = ? and ${GRANTEE_MATCH}`,
        [tenant, [...folderIds], tenant, ...granteeParams(person)],
      );
      const shared = new Set(rows.map((r) => r.start_id));
      return folderIds.map((id) => shared.has(id));
    }),
    /**
     * Ids of resources of one type shared with the person (directly, via a group, or All users),
     * one statement per type per request. For FOLDER it is the whole shared tree.
     */
    sharedIds: memo(async (type: ShareResourceType): Promise<ReadonlySet<string>> => {
      if (!person) return new Set();
      if (type === 'DATASET' || type === 'DATA_SOURCE') return (await dataGrants())[type];
      return ids(type === 'FOLDER' ? sharedFolderTree(person) : grantedIds(person, type));
    }),
  };
}

/** `em` is asked for only when a loader reads the database (a warm request may never fork one). */
export function createLoaders(em: () => EntityManager, viewer: Principal | null, metadata: RequestMetadata) {
  const tenant = viewer?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  const impersonator = viewer ? impersonatorOf(viewer) : undefined;
  return {
    ...shareLoaders(em, viewer, metadata),
    /**
     * The same, for a non-admin impersonator as themselves (their own id and groups): what they
     * could see bounds what the viewer sees (PRODUCT.md §1). Absent otherwise.
     */
    impersonatorShares: impersonator ? shareLoaders(em, impersonator, metadata) : undefined,
    /** The viewer with per-user overrides, loaded once per request on first use. */
    subject: subjectLoader(em, viewer, metadata),
    /**
     * The viewer's effective user attributes (PRODUCT.md §5), for row-level permission and filter
     * permissions; once per request, and from the metadata cache when it may serve.
     */
    attributes: once((): Promise<EffectiveAttributes> => {
      if (!viewer) throw new Error('no viewer');
      return metadata.read(`attributes:${viewer.userId}:${viewer.role}:${viewer.email ?? ''}`, async () => {
        const email = viewer.email ?? (await em().findOne(User, { id: viewer.userId, tenant }))?.email;
        if (email === undefined) throw new Error(`viewer ${viewer.userId} not found in their tenant`);
        return loadEffectiveAttributes(em(), { tenantId: viewer.tenantId, userId: viewer.userId, email, role: viewer.role });
      });
    }),
    userById: new Loader<string, User | null>(async (ids) => {
      const rows = await em().find(User, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    groupById: new Loader<string, Group | null>(async (ids) => {
      const rows = await em().find(Group, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    groupsByUserId: new Loader<string, Group[]>(async (userIds) => {
      const memberships = await em().find(
        GroupMembership,
        { user: { $in: [...userIds] }, tenant },
        { populate: ['group'], orderBy: { group: { nameKey: 'asc' } } },
      );
      const byUser = new Map<string, Group[]>(userIds.map((id) => [id, []]));
      for (const membership of memberships) byUser.get(membership.user.id)?.push(membership.group);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    sharesByResourceId: new Loader<string, Share[]>(async (resourceIds) => {
      const rows = await em().find(Share, { tenant, resourceId: { $in: [...resourceIds] } }, { orderBy: { id: 'asc' } });
      const byResource = new Map<string, Share[]>(resourceIds.map((id) => [id, []]));
      for (const row of rows) byResource.get(row.resourceId)?.push(row);
      return resourceIds.map((id) => byResource.get(id) ?? []);
    }),
    dashboardById: new Loader<string, Dashboard | null>(async (ids) => {
      const rows = await em().find(Dashboard, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    widgetsByDashboardId: new Loader<string, Widget[]>(async (ids) => {
      const rows = await em().find(Widget, { dashboard: { $in: [...ids] }, tenant }, { orderBy: { position: 'asc', id: 'asc' } });
      const by = new Map<string, Widget[]>(ids.map((id) => [id, []]));
      for (const row of rows) by.get(row.dashboard.id)?.push(row);
      return ids.map((id) => by.get(id) ?? []);
    }),
    filtersByDashboardId: new Loader<string, DashboardFilter[]>(async (ids) => {
      const rows = await em().find(DashboardFilter, { dashboard: { $in: [...ids] }, tenant }, { orderBy: { id: 'asc' } });
      const by = new Map<string, DashboardFilter[]>(ids.map((id) => [id, []]));
      for (const row of rows) by.get(row.dashboard.id)?.push(row);
      return ids.map((id) => by.get(id) ?? []);
    }),
    folderById: new Loader<string, Folder | null>(async (ids) => {
      const rows = await em().find(Folder, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * Each folder's chain from the top of its workspace down to itself, as far up as the viewer
     * may see: it stops below the first ancestor the viewer cannot see (a folder shared on its
     * own never names the folders above it). One statement per page.
     */
    folderChainById: new Loader<string, { id: string; name: string }[]>(async (ids) => {
      if (!viewer) return ids.map(() => []);
      const visible = visibleFolders(viewer, 'v');
      const rows = await em().execute<{ start_id: string; id: string; name: string; visible: boolean }[]>(
        `with recursive chain as (
           select f.id as start_id, f.id, f.parent_id, f.name, 0 as depth from folders f where f.tenant_id = ? and f.id in (?)
           union all
           select c.start_id, p.id, p.parent_id, p.name, c.depth + 1 from folders p join chain c on p.id = c.parent_id
         ) select c.start_id, c.id, c.name, exists (select 1 from folders v where v.id = c.id and ${visible.sql}) as visible
             from chain c order by c.start_id, c.depth asc`,
        [tenant, [...ids], ...visible.params],
      );
      const chains = new Map<string, { id: string; name: string }[]>(ids.map((id) => [id, []]));
      const stopped = new Set<string>();
      for (const row of rows) {
        if (stopped.has(row.start_id)) continue;
        if (!row.visible) stopped.add(row.start_id);
        else chains.get(row.start_id)?.unshift({ id: row.id, name: row.name });
      }
      return ids.map((id) => chains.get(id) ?? []);
    }),
    /** Every attribute of each user with its effective value (`User.attributes`): one statement per page. */
    userAttributes: new Loader<string, AttributeEntry[]>(async (userIds) =>
      viewer ? loadAttributeEntries(em(), tenant, userIds) : userIds.map(() => []),
    ),
    /** What each group sets (`Group.attributeValues`): one statement per page. */
    groupAttributeValues: new Loader<string, GroupValueView[]>(async (groupIds) =>
      viewer ? loadGroupValues(em(), tenant, groupIds) : groupIds.map(() => []),
    ),
    memberCountByGroupId: new Loader<string, number>(async (groupIds) => {
      const rows = await em().execute<{ group_id: string; count: string }[]>(
        'select group_id, count(*) as count from group_memberships where tenant_id = ? and group_id in (?) group by group_id',
        [tenant, [...groupIds]],
      );
      const counts = new Map(rows.map((row) => [row.group_id, Number(row.count)]));
      return groupIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
