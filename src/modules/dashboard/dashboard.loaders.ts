import { Dashboard, DashboardFilter, Widget } from './dashboard.entity.ts';
import { Loader, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

/** Dashboards, and the widgets and filters of each, one statement per page for each. */
export const dashboardLoaders = perRequest((scope: Pick<RequestScope, 'em' | 'viewer'>) => {
  const tenant = tenantIdOf(scope);
  return {
    byId: new Loader<string, Dashboard | null>(async (ids) => {
      const rows = await scope.em.find(Dashboard, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    widgets: new Loader<string, Widget[]>(async (ids) => {
      const rows = await scope.em.find(Widget, { dashboard: { $in: [...ids] }, tenant }, { orderBy: { position: 'asc', id: 'asc' } });
      const by = new Map<string, Widget[]>(ids.map((id) => [id, []]));
      for (const row of rows) by.get(row.dashboard.id)?.push(row);
      return ids.map((id) => by.get(id) ?? []);
    }),
    filters: new Loader<string, DashboardFilter[]>(async (ids) => {
      const rows = await scope.em.find(DashboardFilter, { dashboard: { $in: [...ids] }, tenant }, { orderBy: { id: 'asc' } });
      const by = new Map<string, DashboardFilter[]>(ids.map((id) => [id, []]));
      for (const row of rows) by.get(row.dashboard.id)?.push(row);
      return ids.map((id) => by.get(id) ?? []);
    }),
  };
});
