import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { DashboardFilterValueInput } from '../dashboard/widget-data.graphql.ts';
import { DatasetQueryInput } from '../dataset/query.graphql.ts';
import { RoleEnum, UserStatusEnum } from '../user/user.graphql.ts';
import { datasetExportPlan, issueExport, usersExportPlan, widgetExportPlan } from './export.service.ts';

const ExportPayload = builder.objectRef<{ url: string; expiresAt: Date }>('ExportPayload').implement({
  description: 'A CSV download: GET the URL once, before it expires',
  authScopes: { authenticated: true },
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Single use, for the principal that asked for it; `TESSERA_PUBLIC_URL`/downloads/<token>' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (payload) => payload.expiresAt }),
  }),
});

const ExportDatasetQueryInput = builder.inputType('ExportDatasetQueryInput', {
  fields: (t) => ({
    datasetId: t.id({ required: true }),
    query: t.field({
      type: DatasetQueryInput,
      required: true,
      description: 'As for Dataset.query; without a limit the CSV has every row (up to the server’s maximum, beyond which the download fails)',
    }),
  }),
});

const ExportWidgetInput = builder.inputType('ExportWidgetInput', {
  fields: (t) => ({
    widgetId: t.id({ required: true }),
    filters: t.field({ type: [DashboardFilterValueInput], description: 'As for Widget.data: the CSV has exactly the rows Widget.data returns' }),
  }),
});

const ExportUsersInput = builder.inputType('ExportUsersInput', {
  fields: (t) => ({
    search: t.string({ description: 'As for `users(search:)`: name or email' }),
    status: t.field({ type: UserStatusEnum }),
    role: t.field({ type: RoleEnum }),
    groupId: t.id({ description: 'Members of this group only' }),
  }),
});

builder.mutationFields((t) => ({
  exportUsers: t.field({
    type: ExportPayload,
    nullable: true,
    authScopes: { managePeople: true },
    description:
      'A CSV of exactly the users `users(search, status, role, groupId)` lists (every page, same order): name, email, role, status, ' +
      'groups, two_factor_enabled, last_active_at, created_at. Admins with a signed-in session; the download checks both again.',
    args: { input: t.arg({ type: ExportUsersInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      issueExport(
        ctx,
        usersExportPlan({
          search: input.search ?? null,
          status: input.status ?? null,
          role: input.role ?? null,
          groupId: input.groupId != null ? rawId(input.groupId, 'Group') : null,
        }),
      ),
  }),
  exportDatasetQuery: t.field({
    type: ExportPayload,
    nullable: true,
    // Decided in the service: `dataset.explore` and `data.export` (people only).
    authScopes: { authenticated: true },
    description: 'A CSV of a dataset query’s rows, row-level permission applied; needs explore and export rights',
    args: { input: t.arg({ type: ExportDatasetQueryInput, required: true }) },
    resolve: (_root, { input }, ctx) => issueExport(ctx, datasetExportPlan(rawId(input.datasetId, 'Dataset'), input.query)),
  }),
  exportWidget: t.field({
    type: ExportPayload,
    nullable: true,
    // Decided in the service: widget data on a visible dashboard, and `data.export` (or an embed's raw data export).
    authScopes: { authenticated: true },
    description: 'A CSV of a widget’s rows with the dashboard filters, their permissions and row-level permission applied; needs the export right',
    args: { input: t.arg({ type: ExportWidgetInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      issueExport(
        ctx,
        widgetExportPlan(
          rawId(input.widgetId, 'Widget'),
          (input.filters ?? []).map((f) => ({ filterId: rawId(f.filterId, 'DashboardFilter'), values: f.values })),
        ),
      ),
  }),
}));
