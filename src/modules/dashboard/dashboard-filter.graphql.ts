import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { DashboardFilterRef } from './dashboard.graphql.ts';
import { dashboardFacts } from './dashboard.policy.ts';
import { deleteDashboardFilter, updateDashboardFilter } from './dashboard-filter.service.ts';
import { permissionNotices } from './filter-permission-save.ts';
import { dashboardLoaders } from './dashboard.loaders.ts';

const FilterPermissionNotice = builder.objectRef<{ line: number; message: string }>('FilterPermissionNotice').implement({
  description: 'A line of a filter’s permission code that does not take effect, and why',
  authScopes: { person: true },
  fields: (t) => ({
    line: t.exposeInt('line'),
    message: t.exposeString('message'),
  }),
});

builder.objectField(DashboardFilterRef, 'permissionNotices', (t) =>
  t.field({
    type: [FilterPermissionNotice],
    nullable: true,
    description:
      'For those who may edit the dashboard: entries of the permission code that do not take effect (e.g. ds_id + query entries awaiting an admin’s save), with their lines',
    authScopes: async (f, _args, ctx) => {
      const dashboard = (await dashboardLoaders(ctx).byId.load(f.dashboard.id))!;
      return { allowed: { action: 'dashboard.editInfo', facts: await dashboardFacts(ctx, dashboard) } };
    },
    resolve: (f) => permissionNotices(f),
  }),
);

const UpdateDashboardFilterInput = builder.inputType('UpdateDashboardFilterInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    label: t.string(),
    permissions: t.string({ description: 'Filter permission code (YAML); null or blank removes it, absent keeps it' }),
  }),
});

builder.mutationFields((t) => ({
  updateDashboardFilter: t.field({
    type: DashboardFilterRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: UpdateDashboardFilterInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateDashboardFilter(ctx, { ...input, id: rawId(input.id, 'DashboardFilter') }),
  }),
  deleteDashboardFilter: t.boolean({
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteDashboardFilter(ctx, rawId(args.id, 'DashboardFilter')),
  }),
}));
