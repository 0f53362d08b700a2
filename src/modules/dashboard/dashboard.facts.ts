import type { Facts } from '../../authz/decide.ts';
import type { RequestScope } from '../../scope/scope.ts';
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
export async function dashboardFacts(ctx: RequestScope, dashboard: DashboardLike): Promise<Facts> {
  const impersonator = ctx.loaders.impersonatorShares;
  const [shared, impersonatorShared] = await Promise.all([
    ctx.loaders.isDashboardShared.load(dashboard.id),
    impersonator?.isDashboardShared.load(dashboard.id),
  ]);
  const place = { workspace: dashboard.workspace, workspaceOwnerId: dashboard.workspaceOwner?.id ?? null, locked: dashboard.locked };
  const facts: Facts = { shared, owner: dashboard.owner.id === ctx.viewer?.userId, ...place };
  if (impersonator) facts.impersonatorFacts = { shared: impersonatorShared === true, owner: dashboard.owner.id === ctx.viewer?.impersonatorId, ...place };
  return facts;
}
