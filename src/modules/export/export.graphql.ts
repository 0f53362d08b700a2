import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { DashboardFilterValueInput } from '../dashboard/widget-data.graphql.ts';
import { DatasetQueryInput } from '../dataset/query.graphql.ts';
import { datasetExportPlan, issueExport, widgetExportPlan } from './export.service.ts';

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

builder.mutationFields((t) => ({
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
