import type { Facts } from '../../authz/decide.ts';
import { forBoth, grantedIds, impersonatorOf, sharedFolderTree, workspaceReach, type SqlFragment, type VisibilitySubject } from '../../authz/visibility.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { placedFacts } from '../folder/folder.policy.ts';
import type { Dashboard } from './dashboard.entity.ts';

type DashboardLike = Pick<Dashboard, 'id' | 'workspace' | 'locked'> & {
  owner: { id: string };
  folder?: { id: string } | null;
  workspaceOwner?: { id: string } | null;
};

/**
 * Matrix facts about a dashboard for the viewer; shared also through any ancestor folder. While a
 * non-admin impersonates, the impersonator's own facts come along (`impersonatorFacts`).
 */
export function dashboardFacts(ctx: RequestScope, dashboard: DashboardLike): Promise<Facts> {
  const place = { workspace: dashboard.workspace, workspaceOwnerId: dashboard.workspaceOwner?.id ?? null, locked: dashboard.locked };
  return placedFacts(ctx, dashboard.owner.id, (loaders) => loaders.isDashboardShared.load(dashboard.id), place);
}

/**
 * The `dashboard.view` row of the matrix as a predicate over `alias` (a dashboards row):
 * admins see all; others see what their workspaces reach and what is shared with them (directly
 * or through a folder). While impersonating, the impersonator must see the row as well.
 */
export function visibleDashboards(subject: VisibilitySubject, alias = 'd'): SqlFragment {
  return forBoth(subject, alias, dashboardsOf);
}

/**
 * A page of dashboards in one statement: the viewer's dashboard grants and shared folder tree are
 * evaluated once, as two CTEs (`with`), and both the `dashboard.view` predicate (`visible`, the same
 * rows as `visibleDashboards`) and a boolean column saying whether each row is shared with the
 * viewer (`shared`: the `isDashboardShared` loader's answer, primed from the page) read them. While a
 * non-admin impersonates, the impersonator's own predicate is ANDed as usual.
 */
export function dashboardPage(subject: VisibilitySubject, alias = 'd'): { with: SqlFragment; visible: SqlFragment; shared: SqlFragment } {
  const granted = grantedIds(subject, 'DASHBOARD');
  const folders = sharedFolderTree(subject);
  const shared = `(${alias}.id in (select resource_id from page_granted) or coalesce(${alias}.folder_id in (select id from page_folders), false))`;
  const own: SqlFragment =
    subject.role === 'ADMIN'
      ? { sql: `${alias}.tenant_id = ?`, params: [subject.tenantId] }
      : (() => {
          const reach = workspaceReach(subject, alias);
          return { sql: `${alias}.tenant_id = ? and (${reach.sql} or ${shared})`, params: [subject.tenantId, ...reach.params] };
        })();
  const impersonator = impersonatorOf(subject);
  const theirs = impersonator ? dashboardsOf(impersonator, alias) : undefined;
  return {
    with: { sql: `with page_granted as (${granted.sql}), page_folders as (${folders.sql})`, params: [...granted.params, ...folders.params] },
    visible: theirs ? { sql: `(${own.sql}) and (${theirs.sql})`, params: [...own.params, ...theirs.params] } : own,
    shared: { sql: shared, params: [] },
  };
}

function dashboardsOf(subject: VisibilitySubject, alias: string): SqlFragment {
  if (subject.role === 'ADMIN') return { sql: `${alias}.tenant_id = ?`, params: [subject.tenantId] };
  const reach = workspaceReach(subject, alias);
  const granted = grantedIds(subject, 'DASHBOARD');
  const folders = sharedFolderTree(subject);
  return {
    sql: `${alias}.tenant_id = ? and (
            ${reach.sql}
            or ${alias}.id in (${granted.sql})
            or ${alias}.folder_id in (${folders.sql}))`,
    params: [subject.tenantId, ...reach.params, ...granted.params, ...folders.params],
  };
}
