import type { Facts } from '../../authz/decide.ts';
import { forBoth, grantedIds, impersonatorOf, sharedFolderTree, workspaceReach, type SqlFragment, type VisibilitySubject } from '../../authz/visibility.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { placedFacts, viewerFacts } from '../folder/folder.policy.ts';
import { DashboardRow, type Dashboard } from './dashboard.entity.ts';

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
  return placedFacts(ctx, dashboard.owner.id, (loaders) => loaders.isDashboardShared.load(dashboard.id), placeOf(dashboard));
}

const placeOf = (dashboard: DashboardLike): Facts => ({
  workspace: dashboard.workspace,
  workspaceOwnerId: dashboard.workspaceOwner?.id ?? null,
  locked: dashboard.locked,
});

/**
 * The same facts without waiting, for a list row that carries its share fact (`DashboardRow`, read
 * by `listDashboards`); undefined for an entity, or while impersonating (the impersonator's share is
 * a loader's). Computed once per row and request.
 */
export function dashboardFactsNow(ctx: RequestScope, dashboard: DashboardLike): Facts | undefined {
  if (!(dashboard instanceof DashboardRow) || ctx.loaders.impersonatorShares) return undefined;
  let facts = rowFacts.get(dashboard);
  if (!facts) rowFacts.set(dashboard, (facts = viewerFacts(ctx, dashboard.owner.id, dashboard.sharedWithViewer, placeOf(dashboard))));
  return facts;
}
const rowFacts = new WeakMap<DashboardRow, Facts>();

/**
 * The `dashboard.view` row of the matrix as a predicate over `alias` (a dashboards row):
 * admins see all; others see what their workspaces reach and what is shared with them (directly
 * or through a folder). While impersonating, the impersonator must see the row as well.
 */
export function visibleDashboards(subject: VisibilitySubject, alias = 'd'): SqlFragment {
  return forBoth(subject, alias, dashboardsOf);
}

/**
 * A page of dashboards in one statement: `shared` says whether a row is shared with the viewer
 * (directly or through a folder: the `isDashboardShared` loader's answer, primed from the page) and
 * is evaluated once per row in a lateral subquery (`v`), so the viewer's grants are read once and
 * both the `dashboard.view` predicate (`visible`, the same rows as `visibleDashboards`) and the
 * row's share fact read `v.shared_with_viewer`. While a non-admin impersonates, the impersonator's
 * own predicate is ANDed as usual.
 */
export function dashboardPage(subject: VisibilitySubject, alias = 'd'): { visible: SqlFragment; shared: SqlFragment } {
  const granted = grantedIds(subject, 'DASHBOARD');
  const folders = sharedFolderTree(subject);
  const shared: SqlFragment = {
    sql: `(${alias}.id in (${granted.sql}) or coalesce(${alias}.folder_id in (${folders.sql}), false))`,
    params: [...granted.params, ...folders.params],
  };
  const own: SqlFragment =
    subject.role === 'ADMIN'
      ? { sql: `${alias}.tenant_id = ?`, params: [subject.tenantId] }
      : (() => {
          const reach = workspaceReach(subject, alias);
          return { sql: `${alias}.tenant_id = ? and (${reach.sql} or v.shared_with_viewer)`, params: [subject.tenantId, ...reach.params] };
        })();
  const impersonator = impersonatorOf(subject);
  const theirs = impersonator ? dashboardsOf(impersonator, alias) : undefined;
  return {
    visible: theirs ? { sql: `(${own.sql}) and (${theirs.sql})`, params: [...own.params, ...theirs.params] } : own,
    shared,
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
