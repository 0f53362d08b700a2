import { allows, assertCan, grantsDashboard } from '../../authz/policy.ts';
import { isPublicPrincipal } from '../../auth/principal.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, forbidden, notFound } from '../../errors.ts';
import { containsPattern, idWindowQuery, type IdWindow } from '../../db/id-window.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Workspace } from '../../authz/vocabulary.ts';
import { resolvePlacement } from '../folder/folder.service.ts';
import { DASHBOARD_CAPS, Dashboard, DashboardFilter, DashboardRow, type DashboardRowData, Widget } from './dashboard.entity.ts';
import { dashboardFacts, dashboardPage } from './dashboard.policy.ts';
import { dashboardLoaders } from './dashboard.loaders.ts';
import { notePublicView } from './public-views.ts';

/** A dashboard the viewer may see; NOT_FOUND otherwise, exactly like a missing id. */
export async function findVisibleDashboard(ctx: RequestScope, id: string): Promise<Dashboard> {
  if (isPublicPrincipal(ctx.viewer)) {
    // An embed or link reaches its own dashboard and listed drill-throughs; any other id is unknown to it.
    const dashboard = isUuid(id) && grantsDashboard(ctx.viewer, id) ? await dashboardLoaders(ctx).byId.load(id) : null;
    if (!dashboard) throw notFound('Dashboard');
    notePublicView(ctx, dashboard.id);
    return dashboard;
  }
  requirePerson(ctx);
  const dashboard = isUuid(id) ? await dashboardLoaders(ctx).byId.load(id) : null;
  if (!dashboard || !(await allows(ctx, 'dashboard.view', await dashboardFacts(ctx, dashboard)))) {
    throw notFound('Dashboard');
  }
  return dashboard;
}

/**
 * The most widgets and filters among the named dashboards the viewer may see, for the warehouse
 * budget; invisible ones count as empty (they answer NOT_FOUND), so the estimate reveals nothing.
 * Loads what the request's resolvers load anyway, through the same loaders.
 */
export async function dashboardSizes(ctx: RequestScope, ids: readonly string[]): Promise<{ widgets: number; filters: number }> {
  const sizes = await Promise.all(
    ids.map(async (id) => {
      const visible = await findVisibleDashboard(ctx, id).then(
        () => true,
        () => false,
      );
      if (!visible) return { widgets: 0, filters: 0 };
      const [widgets, filters] = await Promise.all([dashboardLoaders(ctx).widgets.load(id), dashboardLoaders(ctx).filters.load(id)]);
      return { widgets: widgets.length, filters: filters.length };
    }),
  );
  return { widgets: Math.max(0, ...sizes.map((s) => s.widgets)), filters: Math.max(0, ...sizes.map((s) => s.filters)) };
}

/** Dashboards the viewer may see, filtered (and searched) in SQL. */
export async function listDashboards(ctx: RequestScope, filter: { search?: string | null }, window: IdWindow): Promise<DashboardRow[]> {
  const viewer = requirePerson(ctx);
  const { visible, shared } = dashboardPage(viewer, 'd');
  const page = idWindowQuery(window);
  const where = [visible.sql];
  const params = [...visible.params];
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('search', 'search must be at most 200 characters');
    where.push('d.title ilike ?');
    params.push(containsPattern(search));
  }
  if (window.after) {
    where.push('d.id > ?');
    params.push(window.after);
  }
  if (window.before) {
    where.push('d.id < ?');
    params.push(window.before);
  }
  // The page's share facts come with it (the viewer's own; an impersonator's are loaded as usual).
  // The subject comes along, so that the rows' fields are decided without waiting (`allowsNow`).
  const [rows] = await Promise.all([
    ctx.em.execute<DashboardRowData[]>(
      `select d.*, v.shared_with_viewer from dashboards d cross join lateral (select ${shared.sql} as shared_with_viewer offset 0) v
        where ${where.join(' and ')} order by d.id ${page.orderBy.id} limit ?`,
      [...shared.params, ...params, page.limit],
    ),
    ctx.loaders.subject(),
  ]);
  return rows.map((row) => {
    ctx.loaders.isDashboardShared.prime(row.id, row.shared_with_viewer);
    return new DashboardRow(row);
  });
}

function validateTitle(title: string, field = 'input.title'): string {
  const trimmed = title.trim();
  if (trimmed.length === 0 || trimmed.length > 300) throw badInput(field, 'Title must be 1 to 300 characters');
  return trimmed;
}

export async function createDashboard(ctx: RequestScope, input: { title: string; folderId?: string | null; workspace?: Workspace | null }): Promise<Dashboard> {
  const title = validateTitle(input.title);
  const place = await resolvePlacement(ctx, input, 'input.folderId');
  await assertCan(ctx, 'dashboard.create', { workspace: place.workspace, workspaceOwnerId: place.workspaceOwnerId });
  const viewer = requirePerson(ctx);
  const dashboard = ctx.em.create(Dashboard, {
    tenant: viewer.tenantId,
    title,
    folder: place.folder,
    workspace: place.workspace,
    workspaceOwner: place.workspaceOwnerId,
    owner: viewer.userId,
  });
  recordAudit(ctx.em, viewer, {
    action: 'dashboard.create',
    resourceType: 'DASHBOARD',
    resourceId: dashboard.id,
    summary: { title, workspace: place.workspace },
  });
  await ctx.em.flush();
  return dashboard;
}

export interface UpdateDashboardInput {
  id: string;
  title?: string | null;
  description?: string | null;
  cacheTtlSeconds?: number | null;
  drillThroughEnabled?: boolean | null;
  crossFilterEnabled?: boolean | null;
}

/** Title and description need `dashboard.editInfo`; cache and interaction switches `dashboard.settings`. */
export async function updateDashboard(ctx: RequestScope, input: UpdateDashboardInput): Promise<Dashboard> {
  const dashboard = await findVisibleDashboard(ctx, input.id);
  const facts = await dashboardFacts(ctx, dashboard);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const set = <K extends 'title' | 'description' | 'cacheTtlSeconds' | 'drillThroughEnabled' | 'crossFilterEnabled'>(key: K, value: Dashboard[K]) => {
    if (dashboard[key] !== value) changes[key] = { before: dashboard[key], after: value };
    dashboard[key] = value;
  };
  if (input.title != null || input.description != null) {
    await assertCan(ctx, 'dashboard.editInfo', facts);
    if (input.title != null) set('title', validateTitle(input.title));
    if (input.description != null) {
      if (input.description.length > 5000) throw badInput('input.description', 'Description must be at most 5000 characters');
      set('description', input.description);
    }
  }
  if (input.cacheTtlSeconds != null || input.drillThroughEnabled != null || input.crossFilterEnabled != null) {
    await assertCan(ctx, 'dashboard.settings', facts);
    if (input.cacheTtlSeconds != null) {
      if (!Number.isInteger(input.cacheTtlSeconds) || input.cacheTtlSeconds < 0 || input.cacheTtlSeconds > 86_400) {
        throw badInput('input.cacheTtlSeconds', 'cacheTtlSeconds must be between 0 and 86400');
      }
      set('cacheTtlSeconds', input.cacheTtlSeconds);
    }
    if (input.drillThroughEnabled != null) set('drillThroughEnabled', input.drillThroughEnabled);
    if (input.crossFilterEnabled != null) set('crossFilterEnabled', input.crossFilterEnabled);
  }
  recordAudit(ctx.em, requirePerson(ctx), { action: 'dashboard.update', resourceType: 'DASHBOARD', resourceId: dashboard.id, summary: changes });
  await ctx.em.flush();
  return dashboard;
}

export async function setLocked(ctx: RequestScope, id: string, locked: boolean): Promise<Dashboard> {
  const dashboard = await findVisibleDashboard(ctx, id);
  await assertCan(ctx, 'dashboard.lock', await dashboardFacts(ctx, dashboard));
  dashboard.locked = locked;
  recordAudit(ctx.em, requirePerson(ctx), { action: locked ? 'dashboard.lock' : 'dashboard.unlock', resourceType: 'DASHBOARD', resourceId: dashboard.id });
  await ctx.em.flush();
  return dashboard;
}

/**
 * Copy and move need their action both where the dashboard is and where it goes; a move is also
 * refused on a locked dashboard (but for its owner and admins), and a moved dashboard only ever
 * lands in its own owner's personal workspace: taken into someone else's, its owner could at
 * best look at it (PRODUCT.md §3), admins included.
 */
async function placementFor(
  ctx: RequestScope,
  dashboard: Dashboard,
  input: { folderId?: string | null; workspace?: Workspace | null },
  action: 'dashboard.copyMove' | 'dashboard.move',
) {
  await assertCan(ctx, action, await dashboardFacts(ctx, dashboard));
  const place = await resolvePlacement(ctx, input, 'input.folderId');
  await assertCan(ctx, action, { workspace: place.workspace, workspaceOwnerId: place.workspaceOwnerId });
  if (action === 'dashboard.move' && place.workspace === 'PERSONAL' && place.workspaceOwnerId !== dashboard.owner.id) {
    throw forbidden('A dashboard can be moved only into its owner’s personal workspace');
  }
  return place;
}

export async function moveDashboard(ctx: RequestScope, input: { id: string; folderId?: string | null; workspace?: Workspace | null }): Promise<Dashboard> {
  const dashboard = await findVisibleDashboard(ctx, input.id);
  const place = await placementFor(ctx, dashboard, input, 'dashboard.move');
  const from = { folderId: dashboard.folder?.id ?? null, workspace: dashboard.workspace };
  dashboard.folder = place.folder;
  dashboard.workspace = place.workspace;
  dashboard.workspaceOwner = place.workspaceOwnerId as never;
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'dashboard.move',
    resourceType: 'DASHBOARD',
    resourceId: dashboard.id,
    summary: { from, to: { folderId: place.folder?.id ?? null, workspace: place.workspace } },
  });
  await ctx.em.flush();
  return dashboard;
}

/** A copy (widgets and filters included) owned by the viewer, unlocked. */
export async function copyDashboard(ctx: RequestScope, input: { id: string; folderId?: string | null; workspace?: Workspace | null }): Promise<Dashboard> {
  const source = await findVisibleDashboard(ctx, input.id);
  const place = await placementFor(ctx, source, input, 'dashboard.copyMove');
  const viewer = requirePerson(ctx);
  const [widgets, filters] = await Promise.all([
    ctx.em.find(Widget, { dashboard: source.id }, { orderBy: { position: 'asc', id: 'asc' } }),
    ctx.em.find(DashboardFilter, { dashboard: source.id }, { orderBy: { id: 'asc' } }),
  ]);
  if (widgets.length > DASHBOARD_CAPS.widgets)
    throw badInput('input.id', `A dashboard holds at most ${DASHBOARD_CAPS.widgets} widgets; this one has ${widgets.length}`);
  if (filters.length > DASHBOARD_CAPS.filters)
    throw badInput('input.id', `A dashboard holds at most ${DASHBOARD_CAPS.filters} filters; this one has ${filters.length}`);
  const copy = ctx.em.create(Dashboard, {
    tenant: viewer.tenantId,
    title: `${source.title} (copy)`.slice(0, 300),
    description: source.description,
    folder: place.folder,
    workspace: place.workspace,
    workspaceOwner: place.workspaceOwnerId,
    owner: viewer.userId,
    cacheTtlSeconds: source.cacheTtlSeconds,
    drillThroughEnabled: source.drillThroughEnabled,
    crossFilterEnabled: source.crossFilterEnabled,
  });
  for (const w of widgets) {
    ctx.em.create(Widget, {
      tenant: viewer.tenantId,
      dashboard: copy,
      dataset: w.dataset.id,
      owner: viewer.userId,
      title: w.title,
      query: w.query,
      position: w.position,
    });
  }
  for (const f of filters) {
    ctx.em.create(DashboardFilter, {
      tenant: viewer.tenantId,
      dashboard: copy,
      dataset: f.dataset.id,
      type: f.type,
      label: f.label,
      field: f.field,
      permissions: f.permissions,
      // The code is copied unchanged, so whoever saved its query entries still vouches for them.
      queriesSavedBy: f.queriesSavedBy?.id ?? null,
      queriesSavedRole: f.queriesSavedRole ?? null,
      queriesDigest: f.queriesDigest ?? null,
    });
  }
  recordAudit(ctx.em, viewer, {
    action: 'dashboard.copy',
    resourceType: 'DASHBOARD',
    resourceId: copy.id,
    summary: { from: source.id, workspace: place.workspace },
  });
  await ctx.em.flush();
  return copy;
}

export async function deleteDashboard(ctx: RequestScope, id: string): Promise<boolean> {
  const dashboard = await findVisibleDashboard(ctx, id);
  // editInfo is lock-guarded: a locked dashboard is deleted only by its owner or an admin.
  await assertCan(ctx, 'dashboard.editInfo', await dashboardFacts(ctx, dashboard));
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'dashboard.delete',
    resourceType: 'DASHBOARD',
    resourceId: dashboard.id,
    summary: { title: dashboard.title },
  });
  ctx.em.remove(dashboard);
  await ctx.em.flush();
  return true;
}
