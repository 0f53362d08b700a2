import { assertCan } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { notFound } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { datasetFacts } from '../dataset/dataset.policy.ts';
import { Dataset } from '../dataset/dataset.entity.ts';
import { DashboardFilter, type Dashboard } from './dashboard.entity.ts';
import { dashboardFacts } from './dashboard.policy.ts';
import { findVisibleDashboard } from './dashboard.service.ts';
import { permissionFieldsToSave } from './filter-permission-save.ts';

/** A filter of a dashboard the viewer may see; NOT_FOUND otherwise, like a missing id. */
async function findVisibleFilter(ctx: RequestScope, id: string) {
  const filter = isUuid(id) && ctx.viewer ? await ctx.em.findOne(DashboardFilter, { id, tenant: ctx.viewer.tenantId }) : null;
  if (!filter) throw notFound('Dashboard filter');
  const dashboard = await findVisibleDashboard(ctx, filter.dashboard.id).catch(() => {
    throw notFound('Dashboard filter');
  });
  return { filter, dashboard };
}

/** `dashboard.editContent` with the facts of the filter's dataset (the lock included); to change it, also `dataset.explore`. */
async function authorize(ctx: RequestScope, filter: DashboardFilter, dashboard: Dashboard, explore: boolean): Promise<void> {
  const dataset = await ctx.em.findOneOrFail(Dataset, { id: filter.dataset.id, tenant: requirePerson(ctx).tenantId });
  const data = await datasetFacts(ctx, dataset);
  if (explore) await assertCan(ctx, 'dataset.explore', data, 'You may not build on the dataset of this filter');
  await assertCan(ctx, 'dashboard.editContent', { ...(await dashboardFacts(ctx, dashboard)), ...data });
}

/**
 * Label and permission code; the same checks as adding a filter (`dashboard.editContent` with the
 * dataset's facts, the lock, `dataset.explore`, and the admin rule for query entries).
 * `permissions` absent keeps the code, null or blank removes it.
 */
export async function updateDashboardFilter(
  ctx: RequestScope,
  input: { id: string; label?: string | null; permissions?: string | null },
): Promise<DashboardFilter> {
  const { filter, dashboard } = await findVisibleFilter(ctx, input.id);
  await authorize(ctx, filter, dashboard, true);
  const changed: string[] = [];
  if (input.label !== undefined && input.label !== null) {
    filter.label = input.label.trim().slice(0, 200);
    changed.push('label');
  }
  if (input.permissions !== undefined) {
    Object.assign(filter, await permissionFieldsToSave(ctx, input.permissions, filter.type, 'input.permissions', filter));
    changed.push('permissions');
  }
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'dashboardFilter.update',
    resourceType: 'DASHBOARD_FILTER',
    resourceId: filter.id,
    summary: { dashboardId: dashboard.id, changed },
  });
  await ctx.em.flush();
  return filter;
}

/** Removing needs the right to change the dashboard's content (as for widgets), not to explore the dataset. */
export async function deleteDashboardFilter(ctx: RequestScope, id: string): Promise<boolean> {
  const { filter, dashboard } = await findVisibleFilter(ctx, id);
  await authorize(ctx, filter, dashboard, false);
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'dashboardFilter.delete',
    resourceType: 'DASHBOARD_FILTER',
    resourceId: filter.id,
    summary: { dashboardId: dashboard.id, field: filter.field },
  });
  ctx.em.remove(filter);
  await ctx.em.flush();
  return true;
}
