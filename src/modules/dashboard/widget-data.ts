import { assertCan } from '../../authz/policy.ts';
import { badInput, forbidden } from '../../errors.ts';
import type { Context } from '../../http/context.ts';
import { compileQuery, type DatasetQueryInput, type FieldFilterInput } from '../../query/compile.ts';
import { printSelect } from '../../query/print.ts';
import { evaluatePermissionCode, effectivePermission, type FilterPermissionResult } from '../../query/filter-permissions/index.ts';
import { isRestricted } from '../../query/rlp.ts';
import { executeQuery, runOnDataSource, type QueryResultData } from '../../query/runner.ts';
import { datasetFacts } from '../dataset/dataset.access.ts';
import { datasetById } from '../dataset/dataset.service.ts';
import type { Dataset } from '../dataset/dataset.entity.ts';
import type { DashboardFilter, Widget } from './dashboard.entity.ts';
import { dashboardFacts } from './dashboard.facts.ts';
import { findVisibleDashboard } from './dashboard.service.ts';

export interface FilterValueInput {
  filterId: string;
  values: readonly unknown[];
}

const OPTION_LIMIT = 200;

/** Loads the dataset and decides `widget.viewData` (the dashboard must be visible too). */
async function readableDataset(ctx: Context, dashboardId: string, datasetId: string) {
  const dashboard = await findVisibleDashboard(ctx, dashboardId);
  const dataset = await datasetById(ctx, ctx.viewer!.tenantId, datasetId);
  if (!dataset) throw new Error(`widget of dashboard ${dashboardId} reads dataset ${datasetId}, which is not in its tenant`);
  const facts = await datasetFacts(ctx, dataset);
  await assertCan(ctx, 'widget.viewData', { ...(await dashboardFacts(ctx, dashboard)), ...facts }, 'You may see this dashboard but not the data of this widget');
  const viewer = ctx.viewer!;
  const restricted = isRestricted(viewer, facts);
  const attributes = restricted && dataset.permissionRules.length > 0 ? await ctx.loaders.attributes() : undefined;
  return { dashboard, dataset, access: { restricted, attributes } };
}

/**
 * What a filter's permission code lets the viewer choose (PRODUCT.md §6); child code beats parent.
 * Like row-level permission, it restricts only restricted principals (not admins, nor analysts
 * with the data source shared).
 */
function permitted(ctx: Context, filter: DashboardFilter, all: readonly DashboardFilter[], restricted: boolean): Promise<FilterPermissionResult> {
  if (!restricted) return Promise.resolve({ kind: 'UNRESTRICTED' });
  // Once per filter and request: every widget of the dashboard asks, and `ds_id` entries are
  // warehouse queries (a dashboard of 50 widgets would run each one 50 times).
  let byFilter = permittedPerRequest.get(ctx);
  if (!byFilter) permittedPerRequest.set(ctx, (byFilter = new Map()));
  let result = byFilter.get(filter.id);
  if (!result) byFilter.set(filter.id, (result = evaluatePermitted(ctx, filter, all)));
  return result;
}
const permittedPerRequest = new WeakMap<Context, Map<string, Promise<FilterPermissionResult>>>();

async function evaluatePermitted(ctx: Context, filter: DashboardFilter, all: readonly DashboardFilter[]): Promise<FilterPermissionResult> {
  const parent = filter.parent ? all.find((f) => f.id === filter.parent!.id) : undefined;
  const code = effectivePermission(filter.permissions, parent?.permissions);
  if (!code) return { kind: 'UNRESTRICTED' };
  const viewer = ctx.viewer!;
  const [email, groups] = await Promise.all([
    viewer.email ?? ctx.loaders.userById.load(viewer.userId).then((user) => user!.email),
    ctx.loaders.groupsByUserId.load(viewer.userId),
  ]);
  return evaluatePermissionCode(code, {
    filterType: filter.type,
    viewer: { email, groups: groups.map((g) => g.name) },
    // `ds_id` queries run with the same checks as any query: the viewer must be allowed to use that data source.
    runQuery: async (dsId, text, params) => {
      const shared = await ctx.loaders.sharedIds('DATA_SOURCE');
      await assertCan(ctx, 'dataSource.use', { dataSourceShared: shared.has(dsId) });
      const raw = await runOnDataSource(ctx, { dataSourceId: dsId, tenantId: viewer.tenantId }, { text, values: [...params] });
      return raw.rows.map((row) => row[0]);
    },
  }).catch(() => ({ kind: 'VALUES', values: [] }) as FilterPermissionResult);
}

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The filter condition a widget gets: the client's choice, clamped to what the viewer may choose. */
function clamp(filter: DashboardFilter, chosen: readonly unknown[] | undefined, allowed: FilterPermissionResult, field: string): FieldFilterInput | undefined {
  if (filter.type === 'DATE') {
    const [from, to] = (chosen ?? []).map(asText);
    let min = from || undefined;
    let max = to || undefined;
    if (allowed.kind === 'VALUES') return { field: filter.field, operator: 'IN', values: [] };
    if (allowed.kind === 'DATE_RANGE') {
      if (allowed.min && (!min || min < allowed.min)) min = allowed.min;
      if (allowed.max && (!max || max > allowed.max)) max = allowed.max;
    }
    if (min && max) return { field: filter.field, operator: 'BETWEEN', values: [min, max] };
    if (min) return { field: filter.field, operator: 'GTE', values: [min] };
    if (max) return { field: filter.field, operator: 'LTE', values: [max] };
    return undefined;
  }
  if (chosen && chosen.length > 1000) throw badInput(field, 'At most 1000 values per filter');
  if (allowed.kind === 'VALUES') {
    const permittedSet = new Set(allowed.values.map(asText));
    const values = chosen && chosen.length > 0 ? chosen.filter((v) => permittedSet.has(asText(v))) : [...permittedSet];
    return { field: filter.field, operator: 'IN', values };
  }
  if (!chosen || chosen.length === 0) return undefined;
  return { field: filter.field, operator: 'IN', values: [...chosen] };
}

/** `Widget.data`: the saved query with the dashboard's filters, their permissions and RLP applied. */
export async function widgetData(ctx: Context, widget: Widget, values: readonly FilterValueInput[]): Promise<QueryResultData & { dataset: Dataset }> {
  if (!ctx.viewer) throw forbidden();
  const { dashboard, dataset, access } = await readableDataset(ctx, widget.dashboard.id, widget.dataset.id);
  const filters = await ctx.loaders.filtersByDashboardId.load(dashboard.id);
  const chosen = new Map<string, readonly unknown[]>();
  values.forEach((v, i) => {
    if (!filters.some((f) => f.id === v.filterId)) throw badInput(`filters[${i}].filterId`, 'Not a filter of this dashboard');
    chosen.set(v.filterId, v.values);
  });
  const saved = widget.query as DatasetQueryInput;
  const extra: FieldFilterInput[] = [];
  for (const [i, filter] of filters.entries()) {
    if (filter.dataset.id !== dataset.id) continue;
    const condition = clamp(filter, chosen.get(filter.id), await permitted(ctx, filter, filters, access.restricted), `filters[${i}].values`);
    if (condition) extra.push(condition);
  }
  const input: DatasetQueryInput = { ...saved, filters: [...(saved.filters ?? []), ...extra.filter((f) => f.values?.length !== 0)] };
  if (extra.some((f) => f.operator === 'IN' && f.values?.length === 0)) {
    // A filter whose permitted set is empty (or that the client narrowed to nothing) admits no row.
    const compiled = compileQuery(dataset, input, access);
    return { columns: compiled.columns, rows: [], rowCount: 0, truncated: false, sql: printSelect(compiled.select), missingAttributes: compiled.missingAttributes, dataset };
  }
  const result = await executeQuery(ctx, dataset, input, access, { cacheTtlSeconds: dashboard.cacheTtlSeconds || undefined });
  return { ...result, dataset };
}

/** `DashboardFilter.options`: the values a dropdown offers — a dataset query under RLP, clamped to the permitted set. */
export async function filterOptions(ctx: Context, filter: DashboardFilter, search: string | null | undefined): Promise<string[]> {
  if (!ctx.viewer) throw forbidden();
  const { dashboard, dataset, access } = await readableDataset(ctx, filter.dashboard.id, filter.dataset.id);
  const filters = await ctx.loaders.filtersByDashboardId.load(dashboard.id);
  const allowed = await permitted(ctx, filter, filters, access.restricted);
  if (search && search.length > 200) throw badInput('search', 'search must be at most 200 characters');
  const input: DatasetQueryInput = {
    dimensions: [filter.field],
    // A measure makes the query group by the field: each value once.
    measures: [{ field: filter.field, aggregation: 'COUNT' }],
    filters: search ? [{ field: filter.field, operator: 'CONTAINS', values: [search] }] : [],
    sort: [{ field: filter.field, direction: 'ASC' }],
    limit: OPTION_LIMIT,
  };
  const result = await executeQuery(ctx, dataset, input, access, { cacheTtlSeconds: dashboard.cacheTtlSeconds || undefined });
  const offered = result.rows.map((row) => asText(row[0])).filter((v) => v !== '');
  if (allowed.kind !== 'VALUES') return offered;
  const permittedSet = new Set(allowed.values.map(asText));
  return offered.filter((v) => permittedSet.has(v));
}
