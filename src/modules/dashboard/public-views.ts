/**
 * Who saw what (PRODUCT.md §7): every dashboard an EMBED or SHARE_LINK principal reads is recorded
 * in the audit log as `dashboard.view`, with the key or link, the partner's `embed_user_id`, and the
 * rows its widgets returned, at most once a minute per principal and dashboard. Reads are noted
 * during the request and written when its execution is done, in one transaction per dashboard.
 */
import type { Plugin } from 'graphql-yoga';
import { isPublicPrincipal, type PublicPrincipal } from '../../auth/principal.ts';
import { uuidv7 } from '../../db/ids.ts';
import { perRequest } from '../../scope/memo.ts';
import type { RequestScope } from '../../scope/scope.ts';

export const VIEW_AUDIT_INTERVAL_SECONDS = 60;

/** Per request: dashboard id → rows returned by its widgets' data. */
const viewsOf = perRequest((_scope: RequestScope) => new Map<string, { rows: number }>());

/** Notes that a public principal read this dashboard (and `rows` more rows of it); nothing for people. */
export function notePublicView(ctx: RequestScope, dashboardId: string, rows = 0): void {
  if (!isPublicPrincipal(ctx.viewer)) return;
  const views = viewsOf(ctx);
  const seen = views.get(dashboardId);
  if (seen) seen.rows += rows;
  else views.set(dashboardId, { rows });
}

/** Who the principal is, for the log and for "once a minute per principal": the key or link, and the partner's user. */
function principalKey(viewer: PublicPrincipal): string {
  return `${viewer.kind}:${viewer.grant.sourceId}:${viewer.grant.embedUserId ?? ''}`;
}

/**
 * Writes one event unless an instance wrote one for this principal and dashboard within the
 * interval. The transaction-scoped advisory lock serialises instances deciding about the same pair,
 * so two concurrent requests never both write.
 */
async function recordView(ctx: RequestScope, viewer: PublicPrincipal, dashboardId: string, rows: number): Promise<void> {
  const principal = principalKey(viewer);
  const summary = {
    principal: viewer.kind,
    ...(viewer.kind === 'EMBED' ? { embedKeyId: viewer.grant.sourceId } : { shareableLinkId: viewer.grant.sourceId }),
    ...(viewer.grant.embedUserId !== undefined ? { embedUserId: viewer.grant.embedUserId } : {}),
    rows,
    viewer: principal,
  };
  await ctx.deps.orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`dashboard.view:${dashboardId}:${principal}`]);
    await em.execute(
      `insert into audit_events (id, tenant_id, actor_id, impersonator_id, action, resource_type, resource_id, summary, created_at)
       select ?, ?, null, null, 'dashboard.view', 'DASHBOARD', ?, ?::jsonb, now()
        where not exists (
          select 1 from audit_events
           where tenant_id = ? and resource_id = ? and action = 'dashboard.view' and summary->>'viewer' = ?
             and created_at > now() - make_interval(secs => ?))`,
      [uuidv7(), viewer.tenantId, dashboardId, JSON.stringify(summary), viewer.tenantId, dashboardId, principal, VIEW_AUDIT_INTERVAL_SECONDS],
    );
  });
}

/** Each gateway instance's last write per principal and dashboard: most reads within the interval need no statement at all. */
const recordedBy = new WeakMap<object, Map<string, number>>();
const RECENT_KEPT = 10_000;

/** The envelop plugin that writes a request's noted views once its execution is done. */
export function usePublicViewAudit(): Plugin<RequestScope> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as RequestScope;
      if (!isPublicPrincipal(ctx.viewer)) return;
      const viewer = ctx.viewer;
      const recentlyRecorded = recordedBy.get(ctx.deps) ?? new Map<string, number>();
      recordedBy.set(ctx.deps, recentlyRecorded);
      return {
        async onExecuteDone() {
          const views = viewsOf(ctx);
          const now = Date.now();
          for (const [dashboardId, { rows }] of views) {
            const key = `${viewer.tenantId}:${dashboardId}:${principalKey(viewer)}`;
            const last = recentlyRecorded.get(key);
            if (last !== undefined && now - last < VIEW_AUDIT_INTERVAL_SECONDS * 1000) continue;
            try {
              await recordView(ctx, viewer, dashboardId, rows);
              if (recentlyRecorded.size >= RECENT_KEPT) recentlyRecorded.delete(recentlyRecorded.keys().next().value!);
              recentlyRecorded.set(key, now);
            } catch (error) {
              // The read itself succeeded; a failure to log it is the operator's to see, not the partner's.
              ctx.logger.error({ err: error, dashboardId }, 'could not record a dashboard view in the audit log');
            }
          }
        },
      };
    },
  };
}
