import { mergeFacts } from '../../authz/decide.ts';
import { assertCan } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { DomainError, badInput, notFound } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { compileQuery } from '../../query/compile.ts';
import { parseQueryInput } from '../../query/query-input.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Dataset } from '../dataset/dataset.entity.ts';
import { DASHBOARD_CAPS, DashboardFilter, Widget, type Dashboard } from './dashboard.entity.ts';
import { type FilterType } from '../../query/filter-permissions/filter-type.ts';
import { datasetFacts } from '../dataset/dataset.policy.ts';
import { dashboardFacts } from './dashboard.policy.ts';
import { findVisibleDashboard } from './dashboard.service.ts';
import { permissionFieldsToSave } from './filter-permission-save.ts';

/**
 * Changing a dashboard's content needs `dashboard.editContent` (with the facts of the dataset
 * involved) and, to build from a dataset, `dataset.explore` on it.
 */
async function authorizeContent(ctx: RequestScope, dashboard: Dashboard, datasetId: string, field: string): Promise<Dataset> {
  const dataset = isUuid(datasetId) ? await ctx.em.findOne(Dataset, { id: datasetId, tenant: requirePerson(ctx).tenantId }) : null;
  if (!dataset) throw badInput(field, 'No such dataset');
  const data = await datasetFacts(ctx, dataset);
  await assertCan(ctx, 'dataset.explore', data).catch(() => {
    throw badInput(field, 'No such dataset');
  });
  await assertCan(ctx, 'dashboard.editContent', mergeFacts(await dashboardFacts(ctx, dashboard), data));
  return dataset;
}

function fieldOf(dataset: Dataset, ref: string, field: string): string {
  const [model, name, ...rest] = ref.split('.');
  const found = rest.length === 0 && dataset.definition.models.find((m) => m.name === model)?.fields.some((f) => f.name === name);
  if (!found) throw badInput(field, `"${ref}" is not a field of dataset ${dataset.name} (use model.field)`);
  return ref;
}

function widgetTitle(raw: string): string {
  const title = raw.trim();
  if (title.length === 0 || title.length > 300) throw badInput('input.title', 'Title must be 1 to 300 characters');
  return title;
}

/** A widget's saved query, checked against its dataset as the compiler will read it (errors name `input.query…`). */
function widgetQuery(dataset: Dataset, raw: unknown): Record<string, unknown> {
  if (JSON.stringify(raw ?? null).length > 20_000) throw badInput('input.query', 'query is too large');
  const query = parseQueryInput(raw, 'input.query');
  try {
    compileQuery(dataset, query, { restricted: false });
  } catch (error) {
    if (error instanceof DomainError && error.field?.startsWith('input')) {
      throw new DomainError(error.code, error.message, error.field.replace(/^input/, 'input.query'));
    }
    throw error;
  }
  return query as Record<string, unknown>;
}

export async function addWidget(ctx: RequestScope, input: { dashboardId: string; title: string; datasetId: string; query?: unknown }): Promise<Widget> {
  const dashboard = await findVisibleDashboard(ctx, input.dashboardId);
  const dataset = await authorizeContent(ctx, dashboard, input.datasetId, 'input.datasetId');
  const title = widgetTitle(input.title);
  const query = widgetQuery(dataset, input.query);
  const position = await ctx.em.count(Widget, { dashboard: dashboard.id });
  if (position >= DASHBOARD_CAPS.widgets) throw badInput('input.dashboardId', `A dashboard holds at most ${DASHBOARD_CAPS.widgets} widgets`);
  const widget = ctx.em.create(Widget, {
    tenant: requirePerson(ctx).tenantId,
    dashboard: dashboard.id,
    dataset: dataset.id,
    owner: requirePerson(ctx).userId,
    title,
    query,
    position,
  });
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'widget.create',
    resourceType: 'WIDGET',
    resourceId: widget.id,
    summary: { dashboardId: dashboard.id, title },
  });
  await ctx.em.flush();
  return widget;
}

/**
 * The checks of addWidget: content rights on the dashboard (lock included) with the facts of the
 * widget's dataset, which the editor must be able to explore; the query is checked against it.
 */
export async function updateWidget(ctx: RequestScope, input: { id: string; title?: string | null; query?: unknown }): Promise<Widget> {
  const widget = await findVisibleWidget(ctx, input.id);
  const dashboard = await findVisibleDashboard(ctx, widget.dashboard.id);
  const dataset = await ctx.em.findOneOrFail(Dataset, { id: widget.dataset.id, tenant: requirePerson(ctx).tenantId });
  const data = await datasetFacts(ctx, dataset);
  await assertCan(ctx, 'dataset.explore', data);
  await assertCan(ctx, 'dashboard.editContent', { ...(await dashboardFacts(ctx, dashboard)), ...data });
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  if (input.title != null) {
    const title = widgetTitle(input.title);
    if (title !== widget.title) changes.title = { before: widget.title, after: title };
    widget.title = title;
  }
  if (input.query != null) {
    const query = widgetQuery(dataset, input.query);
    if (JSON.stringify(query) !== JSON.stringify(widget.query)) changes.query = { before: widget.query, after: query };
    widget.query = query;
  }
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'widget.update',
    resourceType: 'WIDGET',
    resourceId: widget.id,
    summary: { dashboardId: dashboard.id, ...changes },
  });
  await ctx.em.flush();
  return widget;
}

/** A widget on a dashboard the viewer may see; NOT_FOUND otherwise. */
export async function findVisibleWidget(ctx: RequestScope, id: string): Promise<Widget> {
  const widget = isUuid(id) && ctx.viewer ? await ctx.em.findOne(Widget, { id, tenant: ctx.viewer.tenantId }) : null;
  if (!widget) throw notFound('Widget');
  await findVisibleDashboard(ctx, widget.dashboard.id).catch(() => {
    throw notFound('Widget');
  });
  return widget;
}

export async function deleteWidget(ctx: RequestScope, id: string): Promise<boolean> {
  const widget = await findVisibleWidget(ctx, id);
  const dashboard = await findVisibleDashboard(ctx, widget.dashboard.id);
  // Removing needs the right to change the dashboard's content, not to explore the dataset.
  const dataset = await ctx.em.findOneOrFail(Dataset, { id: widget.dataset.id });
  await assertCan(ctx, 'dashboard.editContent', mergeFacts(await dashboardFacts(ctx, dashboard), await datasetFacts(ctx, dataset)));
  recordAudit(ctx.em, requirePerson(ctx), { action: 'widget.delete', resourceType: 'WIDGET', resourceId: widget.id, summary: { dashboardId: dashboard.id } });
  ctx.em.remove(widget);
  await ctx.em.flush();
  return true;
}

export async function addDashboardFilter(
  ctx: RequestScope,
  input: { dashboardId: string; type: FilterType; field: string; datasetId: string; label?: string | null; permissions?: string | null },
): Promise<DashboardFilter> {
  const dashboard = await findVisibleDashboard(ctx, input.dashboardId);
  const dataset = await authorizeContent(ctx, dashboard, input.datasetId, 'input.datasetId');
  const field = fieldOf(dataset, input.field, 'input.field');
  if ((await ctx.em.count(DashboardFilter, { dashboard: dashboard.id })) >= DASHBOARD_CAPS.filters)
    throw badInput('input.dashboardId', `A dashboard holds at most ${DASHBOARD_CAPS.filters} filters`);
  const saved = await permissionFieldsToSave(ctx, input.permissions, input.type, 'input.permissions');
  const filter = ctx.em.create(DashboardFilter, {
    tenant: requirePerson(ctx).tenantId,
    dashboard: dashboard.id,
    dataset: dataset.id,
    type: input.type,
    label: input.label?.trim().slice(0, 200) ?? '',
    field,
    ...saved,
  });
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'dashboardFilter.create',
    resourceType: 'DASHBOARD_FILTER',
    resourceId: filter.id,
    summary: { dashboardId: dashboard.id, field, type: input.type },
  });
  await ctx.em.flush();
  return filter;
}
