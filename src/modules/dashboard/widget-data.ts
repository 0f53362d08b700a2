import { badInput, forbidden } from '../../errors.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';
import { compileQuery, type DatasetQueryInput, type FieldFilterInput, type QueryAccess } from '../../query/compile.ts';
import { printSelect } from '../../query/print.ts';
import type { QueryResultData } from '../../query/runner.ts';
import { authorizeDatasetRead, executeQuery } from '../dataset/dataset.query.ts';
import { datasetById } from '../dataset/dataset.service.ts';
import type { Dataset } from '../dataset/dataset.entity.ts';
import type { FieldType } from '../../query/definition.ts';
import type { Dashboard, DashboardFilter, Widget } from './dashboard.entity.ts';
import { dashboardFacts } from './dashboard.policy.ts';
import { findVisibleDashboard } from './dashboard.service.ts';
import { permittedChoices } from './filter-access.ts';
import { filterConditions, typedValues } from './filter-clamp.ts';
import { dashboardLoaders } from './dashboard.loaders.ts';
import { notePublicView } from './public-views.ts';

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

export interface FilterValueInput {
  filterId: string;
  values: readonly unknown[];
}

const OPTION_LIMIT = 200;

/** Loads the dataset and decides `widget.viewData` (the dashboard must be visible too). */
async function readableDataset(ctx: RequestScope, dashboardId: string, datasetId: string) {
  const dashboard = await findVisibleDashboard(ctx, dashboardId);
  const dataset = await datasetById(ctx, tenantIdOf(ctx), datasetId);
  if (!dataset) throw new Error(`widget of dashboard ${dashboardId} reads dataset ${datasetId}, which is not in its tenant`);
  const access = await authorizeDatasetRead(ctx, dataset, {
    action: 'widget.viewData',
    message: 'You may see this dashboard but not the data of this widget',
    through: () => dashboardFacts(ctx, dashboard),
    dashboardId: dashboard.id,
  });
  return { dashboard, dataset, access };
}

/** The type of a `model.field` of the dataset (filters are bound to one when saved). */
function fieldTypeOf(dataset: Dataset, ref: string): FieldType {
  const [model, name] = ref.split('.');
  return dataset.definition.models.find((m) => m.name === model)?.fields.find((f) => f.name === name)?.type ?? 'STRING';
}

/** What a widget's rows are read with: its dashboard and dataset, the query with the dashboard's filters, and the row-level permission. */
export interface WidgetPlan {
  dashboard: Dashboard;
  dataset: Dataset;
  input: DatasetQueryInput;
  access: QueryAccess;
  /** A filter's permitted set is empty (or the client narrowed it to nothing): no row, nothing to run. */
  empty: boolean;
}

/**
 * Decides `widget.viewData` and builds the query `Widget.data` runs: the saved query with the
 * dashboard's filters, clamped to their permissions. Exports of the widget use the same plan, so
 * a CSV has exactly the rows `Widget.data` returns.
 */
export async function widgetPlan(ctx: RequestScope, widget: Widget, values: readonly FilterValueInput[]): Promise<WidgetPlan> {
  if (!ctx.viewer) throw forbidden();
  const { dashboard, dataset, access } = await readableDataset(ctx, widget.dashboard.id, widget.dataset.id);
  const filters = await dashboardLoaders(ctx).filters.load(dashboard.id);
  const chosen = new Map<string, readonly unknown[]>();
  values.forEach((v, i) => {
    if (!filters.some((f) => f.id === v.filterId)) throw badInput(`filters[${i}].filterId`, 'Not a filter of this dashboard');
    chosen.set(v.filterId, v.values);
  });
  const saved = widget.query as DatasetQueryInput;
  const extra: FieldFilterInput[] = [];
  for (const [i, filter] of filters.entries()) {
    if (filter.dataset.id !== dataset.id) continue;
    const allowed = await permittedChoices(ctx, filter, filters, access.restricted);
    extra.push(...filterConditions(filter, fieldTypeOf(dataset, filter.field), chosen.get(filter.id), allowed, `filters[${i}].values`));
  }
  const input: DatasetQueryInput = { ...saved, filters: [...(saved.filters ?? []), ...extra.filter((f) => f.values?.length !== 0)] };
  const empty = extra.some((f) => f.operator === 'IN' && f.values?.length === 0);
  return { dashboard, dataset, input, access, empty };
}

/** `Widget.data`: the saved query with the dashboard's filters, their permissions and RLP applied. */
export async function widgetData(ctx: RequestScope, widget: Widget, values: readonly FilterValueInput[]): Promise<QueryResultData & { dataset: Dataset }> {
  const { dashboard, dataset, input, access, empty } = await widgetPlan(ctx, widget, values);
  if (empty) {
    const compiled = compileQuery(dataset, input, access);
    return {
      columns: compiled.columns,
      rows: [],
      rowCount: 0,
      truncated: false,
      sql: printSelect(compiled.select),
      missingAttributes: compiled.missingAttributes,
      dataset,
    };
  }
  const result = await executeQuery(ctx, dataset, input, access, { cacheTtlSeconds: dashboard.cacheTtlSeconds || undefined });
  notePublicView(ctx, dashboard.id, result.rowCount);
  return { ...result, dataset };
}

/**
 * `DashboardFilter.options`: the values a dropdown offers — a dataset query under RLP, restricted
 * in SQL to the permitted set, so a permitted value is offered wherever it sorts.
 */
export async function filterOptions(ctx: RequestScope, filter: DashboardFilter, search: string | null | undefined): Promise<string[]> {
  if (!ctx.viewer) throw forbidden();
  const { dashboard, dataset, access } = await readableDataset(ctx, filter.dashboard.id, filter.dataset.id);
  const filters = await dashboardLoaders(ctx).filters.load(dashboard.id);
  const allowed = await permittedChoices(ctx, filter, filters, access.restricted);
  if (search && search.length > 200) throw badInput('search', 'search must be at most 200 characters');
  const conditions: FieldFilterInput[] = search ? [{ field: filter.field, operator: 'CONTAINS', values: [search] }] : [];
  if (allowed.kind === 'VALUES') {
    const permittedValues = typedValues(fieldTypeOf(dataset, filter.field), allowed.values);
    if (permittedValues.length === 0) return [];
    conditions.push({ field: filter.field, operator: 'IN', values: permittedValues });
  }
  const input: DatasetQueryInput = {
    dimensions: [filter.field],
    // A measure makes the query group by the field: each value once.
    measures: [{ field: filter.field, aggregation: 'COUNT' }],
    filters: conditions,
    sort: [{ field: filter.field, direction: 'ASC' }],
    limit: OPTION_LIMIT,
  };
  const result = await executeQuery(ctx, dataset, input, access, { cacheTtlSeconds: dashboard.cacheTtlSeconds || undefined });
  return result.rows.map((row) => asText(row[0])).filter((v) => v !== '');
}
