import type { Facts } from '../../authz/decide.ts';
import { forBoth, grantedIds, sharedFolderTree, workspaceReach, type SqlFragment, type VisibilitySubject } from '../../authz/visibility.ts';
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
