import type { Principal } from '../auth/principal.ts';
import { subjectLoader } from '../authz/subject.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loader, memo, once } from './memo.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';
import { GRANTEE_MATCH, granteeParams, grantedIds, impersonatorOf, sharedFolderTree, type SqlFragment, type VisibilitySubject } from '../authz/visibility.ts';

/** The kinds of resources shares name (the share entity's vocabulary, read from where it is used here). */
type ShareResourceType = Parameters<typeof grantedIds>[1];

/**
 * What is shared with one person (the viewer, or an impersonator as themselves): each a constant
 * number of statements per request, however many resources a page decides about.
 */
function shareLoaders(em: () => EntityManager, person: VisibilitySubject | null, metadata: RequestMetadata) {
  const tenant = person?.tenantId ?? '00000000-0000-0000-0000-000000000000';
  const ids = async (fragment: SqlFragment) =>
    new Set((await em().execute<{ id: string }[]>(`select x.id from (${fragment.sql}) as x(id)`, fragment.params)).map((r) => r.id));
  /** Dataset and data source grants are few and usually needed together: one statement for both, kept in the metadata cache. */
  const dataGrants = once(() =>
    metadata.read(`grants:${person?.userId}`, async () => {
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
    }),
  );
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

/**
 * The principal's own facts that every decision needs: what is shared with them (and with an
 * impersonator as themselves) and their subject. Built with the scope, because `authz/` reads
 * them from it; loaders of a module's own rows live in that module (`<noun>.loaders.ts`).
 * `em` is asked for only when a loader reads the database (a warm request may never fork one).
 */
export function createLoaders(em: () => EntityManager, viewer: Principal | null, metadata: RequestMetadata) {
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
