/**
 * What a dashboard filter's permission code lets the viewer choose (PRODUCT.md §6), evaluated
 * once per filter and request. `ds_id` + `query` entries run with the data source's credentials
 * on the authority of the admin who saved them (never on the viewer's: a VIEWER has no data
 * source), and only while the stored code still holds exactly the entries that admin saved.
 */
import { perRequest } from '../../scope/memo.ts';
import { type RequestScope } from '../../scope/scope.ts';
import { isPublicPrincipal } from '../../auth/principal.ts';
import { forbidden, WarehouseBusyError } from '../../errors.ts';
import {
  compileFilterPermissions,
  evaluateFilterPermission,
  FilterPermissionError,
  queriesApproved,
  type FilterPermissionProgram,
  type FilterPermissionResult,
} from '../../query/filter-permissions/index.ts';
import { MAX_PERMISSION_VALUES, runPermissionQuery } from '../../query/permission-query.ts';
import { measureWarehouseQuery } from '../../ops/metrics.ts';
import { chargeWarehouseQuery } from '../../query/budget.ts';
import { dataSourcePoolById } from '../data-source/data-source.pool.ts';
import type { DashboardFilter } from './dashboard.entity.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { groupLoaders } from '../group/group.loaders.ts';

const UNRESTRICTED: FilterPermissionResult = { kind: 'UNRESTRICTED' };
const DENY: FilterPermissionResult = { kind: 'VALUES', values: [] };
const hasCode = (f: DashboardFilter | undefined): f is DashboardFilter => !!f?.permissions && f.permissions.trim() !== '';

/** Per request: the dashboard's widgets all ask about the same filters. */
const evaluated = perRequest((_scope: RequestScope) => new Map<string, Promise<FilterPermissionResult>>());

/**
 * Child code beats parent code. Like row-level permission, it restricts only restricted
 * principals (not admins, nor analysts with the data source shared).
 */
export function permittedChoices(
  ctx: RequestScope,
  filter: DashboardFilter,
  all: readonly DashboardFilter[],
  restricted: boolean,
): Promise<FilterPermissionResult> {
  if (!restricted) return Promise.resolve(UNRESTRICTED);
  const byFilter = evaluated(ctx);
  let result = byFilter.get(filter.id);
  if (!result) byFilter.set(filter.id, (result = evaluate(ctx, filter, all)));
  return result;
}

async function evaluate(ctx: RequestScope, filter: DashboardFilter, all: readonly DashboardFilter[]): Promise<FilterPermissionResult> {
  const parent = filter.parent ? all.find((f) => f.id === filter.parent!.id) : undefined;
  const governing = hasCode(filter) ? filter : hasCode(parent) ? parent : undefined;
  if (!governing) return UNRESTRICTED;
  const log = { filterId: filter.id, codeOf: governing.id };
  let program: FilterPermissionProgram;
  try {
    program = compileFilterPermissions(governing.permissions!, filter.type);
  } catch (error) {
    if (!(error instanceof FilterPermissionError)) throw error;
    ctx.logger.warn({ ...log, line: error.line, reason: error.reason }, 'stored filter permission code is invalid; the filter permits nothing');
    return DENY;
  }
  const approved = queriesApproved(program, { savedRole: governing.queriesSavedRole ?? null, digest: governing.queriesDigest ?? null });
  const viewer = ctx.viewer;
  if (!viewer) throw forbidden();
  // An embed or link principal is no user of the workspace: no `if_user` or `if_group` entry matches it (only `else`).
  const [email, groups] = isPublicPrincipal(viewer)
    ? ['', []]
    : await Promise.all([
        viewer.email ??
          userLoaders(ctx)
            .byId.load(viewer.userId)
            .then((user) => user!.email),
        groupLoaders(ctx).byUserId.load(viewer.userId),
      ]);
  const result = await evaluateFilterPermission(program, {
    filterType: filter.type,
    viewer: { email, groups: groups.map((g) => g.name) },
    runQuery: async (dsId, text, params, line) => {
      if (!approved) {
        ctx.logger.warn({ ...log, line }, 'filter permission query awaits an admin’s save; it yields no values');
        return [];
      }
      chargeWarehouseQuery(ctx);
      const lease = await dataSourcePoolById(ctx, dsId, viewer.tenantId);
      // A slot of the data source like any statement; a busy one fails the filter with UNAVAILABLE (below).
      const ran = await ctx.deps.dataSourceConcurrency.run(dsId, () =>
        measureWarehouseQuery(ctx.deps.metrics, dsId, text, () => runPermissionQuery(lease, text, params)),
      );
      if (ran.truncated)
        ctx.logger.warn(
          { ...log, line, kept: MAX_PERMISSION_VALUES },
          'filter permission query returned more values than a filter takes; the rest are ignored',
        );
      return ran.values;
    },
    failsEvaluation: (error) => error instanceof WarehouseBusyError,
    onQueryError: (line, error) =>
      ctx.logger.warn(
        { ...log, line, code: (error as { code?: string }).code, reason: error instanceof Error ? error.message : String(error) },
        'filter permission query failed; it yields no values',
      ),
  });
  if (result.kind === 'VALUES' && result.values.length > MAX_PERMISSION_VALUES) {
    ctx.logger.warn({ ...log, kept: MAX_PERMISSION_VALUES }, 'filter permission permits more values than a filter takes; the rest are ignored');
    return { kind: 'VALUES', values: result.values.slice(0, MAX_PERMISSION_VALUES) };
  }
  return result;
}
