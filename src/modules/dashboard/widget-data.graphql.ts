import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { QueryResultRef } from '../dataset/query.graphql.ts';
import { DashboardFilterRef, onDashboard, WidgetRef } from './dashboard.graphql.ts';
import { filterOptions, widgetData } from './widget-data.ts';

export const DashboardFilterValueInput = builder.inputType('DashboardFilterValueInput', {
  fields: (t) => ({
    filterId: t.id({ required: true }),
    values: t.field({
      type: ['JSON'],
      // Items may be null for the open end of a date range; other filters refuse a null value.
      required: { list: true, items: false },
      description:
        'Dropdown and text filters: the chosen values (never null). Date filters: [from, to], each YYYY-MM-DD (on a date-time field also an ISO-8601 date-time) or null for an open end.',
    }),
  }),
});

builder.objectField(WidgetRef, 'data', (t) =>
  t.field({
    type: QueryResultRef,
    nullable: true,
    authScopes: (widget, _args, ctx) => onDashboard(widget.dashboard.id, ctx),
    description:
      'The widget’s rows with the dashboard filters, their permissions and row-level permission applied. FORBIDDEN for those who may see the dashboard but not this data.',
    args: { filters: t.arg({ type: [DashboardFilterValueInput], required: false }) },
    // One warehouse query (graphql/budget.ts).
    complexity: 1,
    resolve: (widget, args, ctx) =>
      widgetData(
        ctx,
        widget,
        (args.filters ?? []).map((f) => ({ filterId: rawId(f.filterId, 'DashboardFilter'), values: f.values })),
      ),
  }),
);

builder.objectField(DashboardFilterRef, 'options', (t) =>
  t.stringList({
    nullable: true,
    authScopes: (filter, _args, ctx) => onDashboard(filter.dashboard.id, ctx),
    description: 'The values this filter offers the viewer: only permitted ones (restricted in SQL), under row-level permission (at most 200)',
    args: { search: t.arg.string() },
    complexity: 1,
    resolve: (filter, args, ctx) => filterOptions(ctx, filter, args.search),
  }),
);
