import type { Facts } from '../../authz/decide.ts';
import type { Context } from '../../http/context.ts';
import type { Dashboard } from './dashboard.entity.ts';

type DashboardLike = Pick<Dashboard, 'id' | 'workspace' | 'locked'> & {
  owner: { id: string };
  folder?: { id: string } | null;
  workspaceOwner?: { id: string } | null;
};

/** Matrix facts about a dashboard for the viewer; shared also through any ancestor folder. */
export async function dashboardFacts(ctx: Context, dashboard: DashboardLike): Promise<Facts> {
  return {
    shared: await ctx.loaders.isDashboardShared.load(dashboard.id),
    owner: dashboard.owner.id === ctx.viewer?.userId,
    workspace: dashboard.workspace,
    workspaceOwnerId: dashboard.workspaceOwner?.id ?? null,
    locked: dashboard.locked,
  };
}
