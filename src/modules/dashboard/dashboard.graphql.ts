import type { Action } from '../../authz/matrix.ts';
import { allows, allowsNow } from '../../authz/policy.ts';
import { isPublicPrincipal } from '../../auth/principal.ts';
import { dashboardListSize } from '../../graphql/budget.ts';
import { builder } from '../../graphql/builder.ts';
import { encodeGlobalID, optionalRawId, rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { FolderPathItem, FolderRef, WorkspaceEnum } from '../folder/folder.graphql.ts';
import { ShareRef } from '../share/share.graphql.ts';
import { listShares } from '../share/share.service.ts';
import { UserRef } from '../user/user.ref.ts';
import type { DashboardFilter } from './dashboard.entity.ts';
import { DASHBOARD_CAPS, Dashboard, DashboardRow, Widget } from './dashboard.entity.ts';
import { FILTER_TYPES } from '../../query/filter-permissions/filter-type.ts';
import { dashboardFacts, dashboardFactsNow } from './dashboard.policy.ts';
import {
  copyDashboard,
  createDashboard,
  deleteDashboard,
  findVisibleDashboard,
  listDashboards,
  moveDashboard,
  setLocked,
  updateDashboard,
} from './dashboard.service.ts';
import { addDashboardFilter, addWidget, deleteWidget, updateWidget } from './widget.service.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { folderLoaders } from '../folder/folder.loaders.ts';
import { dashboardLoaders } from './dashboard.loaders.ts';

const allowedOn = (action: Action) => (d: Dashboard | DashboardRow, _args: unknown, ctx: RequestScope) => {
  const now = dashboardFactsNow(ctx, d);
  return now ? { allowed: { action, facts: now } } : dashboardFacts(ctx, d).then((facts) => ({ allowed: { action, facts } }));
};

/** People go through the matrix; an embed or link principal sees only the dashboards it was made for, and their contents. */
export const onDashboard = (dashboardId: string, ctx: RequestScope) => (isPublicPrincipal(ctx.viewer) ? { dashboardGrant: dashboardId } : { person: true });

const DashboardViewerCan = builder.objectRef<{ dashboard: Dashboard | DashboardRow }>('DashboardViewerCan').implement({
  description: 'What the viewer may do with this dashboard, decided by the role matrix',
  authScopes: { person: true },
  fields: (t) => {
    const decide = (action: Action) =>
      t.boolean({
        resolve: ({ dashboard }, _args, ctx) => {
          const facts = dashboardFactsNow(ctx, dashboard);
          const now = facts && allowsNow(ctx, action, facts);
          return now ?? dashboardFacts(ctx, dashboard).then((f) => allows(ctx, action, f));
        },
      });
    return {
      edit: decide('dashboard.editInfo'),
      delete: decide('dashboard.editInfo'),
      lock: decide('dashboard.lock'),
      share: decide('dashboard.share'),
      copy: decide('dashboard.copyMove'),
      move: decide('dashboard.move'),
      settings: decide('dashboard.settings'),
      export: decide('data.export'),
    };
  },
});

export const FilterTypeEnum = builder.enumType('FilterType', { values: FILTER_TYPES });

export const WidgetRef = builder.objectRef<Widget>('Widget');
builder.node(WidgetRef, {
  description: 'A saved dataset query on a dashboard',
  authScopes: (w, ctx) => onDashboard(w.dashboard.id, ctx),
  isTypeOf: (value) => value instanceof Widget.class,
  id: { resolve: (w) => w.id },
  fields: (t) => ({
    title: t.exposeString('title'),
    position: t.exposeInt('position'),
    datasetId: t.id({ authScopes: { person: true }, resolve: (w) => encodeGlobalID('Dataset', w.dataset.id) }),
    query: t.field({ type: 'JSON', authScopes: { person: true }, description: 'The saved query (not for embeds and links)', resolve: (w) => w.query }),
  }),
});

export const DashboardFilterRef = builder.objectRef<DashboardFilter>('DashboardFilter').implement({
  description: 'A filter bound to one dataset field',
  authScopes: (f, ctx) => onDashboard(f.dashboard.id, ctx),
  fields: (t) => ({
    id: t.id({ resolve: (f) => encodeGlobalID('DashboardFilter', f.id) }),
    type: t.field({ type: FilterTypeEnum, resolve: (f) => f.type }),
    label: t.exposeString('label'),
    field: t.exposeString('field'),
    datasetId: t.id({ authScopes: { person: true }, resolve: (f) => encodeGlobalID('Dataset', f.dataset.id) }),
    permissions: t.string({
      nullable: true,
      description: 'The permission code (YAML); for those who may edit the dashboard',
      authScopes: async (f, _args, ctx) => {
        const dashboard = (await dashboardLoaders(ctx).byId.load(f.dashboard.id))!;
        return { allowed: { action: 'dashboard.editInfo', facts: await dashboardFacts(ctx, dashboard) } };
      },
      resolve: (f) => f.permissions ?? null,
    }),
  }),
});

export const DashboardRef = builder.objectRef<Dashboard | DashboardRow>('Dashboard');
builder.node(DashboardRef, {
  description: 'A dashboard of the team workspace or of a personal workspace',
  authScopes: (d, ctx) => (isPublicPrincipal(ctx.viewer) ? { dashboardGrant: d.id } : allowedOn('dashboard.view')(d, undefined, ctx)),
  isTypeOf: (value) => value instanceof DashboardRow || value instanceof Dashboard.class,
  id: { resolve: (d) => d.id },
  fields: (t) => ({
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    workspace: t.field({ type: WorkspaceEnum, resolve: (d) => d.workspace }),
    locked: t.exposeBoolean('locked'),
    cacheTtlSeconds: t.exposeInt('cacheTtlSeconds'),
    drillThroughEnabled: t.exposeBoolean('drillThroughEnabled'),
    crossFilterEnabled: t.exposeBoolean('crossFilterEnabled'),
    owner: t.field({ type: UserRef, authScopes: { person: true }, resolve: async (d, _args, ctx) => (await userLoaders(ctx).byId.load(d.owner.id))! }),
    folder: t.field({
      type: FolderRef,
      nullable: true,
      authScopes: { person: true },
      resolve: (d, _args, ctx) => (d.folder ? folderLoaders(ctx).byId.load(d.folder.id) : null),
    }),
    folderPath: t.field({
      type: [FolderPathItem],
      authScopes: { person: true },
      description: 'The folders down to this dashboard’s folder, from the top of the workspace or from below the first one the viewer cannot see',
      resolve: (d, _args, ctx) => (d.folder ? folderLoaders(ctx).chainById.load(d.folder.id) : []),
    }),
    widgets: t.field({
      type: [WidgetRef],
      complexity: (_args, ctx) => ({ field: 0, multiplier: dashboardListSize(ctx, 'widgets', DASHBOARD_CAPS.widgets) }),
      resolve: (d, _args, ctx) => dashboardLoaders(ctx).widgets.load(d.id),
    }),
    filters: t.field({
      type: [DashboardFilterRef],
      complexity: (_args, ctx) => ({ field: 0, multiplier: dashboardListSize(ctx, 'filters', DASHBOARD_CAPS.filters) }),
      resolve: (d, _args, ctx) => dashboardLoaders(ctx).filters.load(d.id),
    }),
    shares: t.field({
      type: [ShareRef],
      nullable: true,
      description: 'For those who may share the dashboard',
      authScopes: allowedOn('dashboard.share'),
      resolve: (d, _args, ctx) => listShares(ctx, d.id),
    }),
    viewerCan: t.field({ type: DashboardViewerCan, authScopes: { person: true }, resolve: (dashboard) => ({ dashboard }) }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (d) => d.updatedAt }),
  }),
});

const PlacementFields = { folderId: 'Folder id (its workspace wins)', workspace: 'TEAM or PERSONAL (your own)' };
const CreateDashboardInput = builder.inputType('CreateDashboardInput', {
  fields: (t) => ({
    title: t.string({ required: true }),
    folderId: t.id({ description: PlacementFields.folderId }),
    workspace: t.field({ type: WorkspaceEnum, description: PlacementFields.workspace }),
  }),
});
const UpdateDashboardInput = builder.inputType('UpdateDashboardInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string(),
    description: t.string(),
    cacheTtlSeconds: t.int(),
    drillThroughEnabled: t.boolean(),
    crossFilterEnabled: t.boolean(),
  }),
});
const PlaceDashboardInput = builder.inputType('PlaceDashboardInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    folderId: t.id({ description: PlacementFields.folderId }),
    workspace: t.field({ type: WorkspaceEnum, description: PlacementFields.workspace }),
  }),
});
const AddWidgetInput = builder.inputType('AddWidgetInput', {
  fields: (t) => ({
    dashboardId: t.id({ required: true }),
    title: t.string({ required: true }),
    datasetId: t.id({ required: true }),
    query: t.field({ type: 'JSON', required: true, description: 'A DatasetQueryInput-shaped object' }),
  }),
});
const UpdateWidgetInput = builder.inputType('UpdateWidgetInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string(),
    query: t.field({ type: 'JSON', description: 'A DatasetQueryInput-shaped object; replaces the saved query' }),
  }),
});
const AddDashboardFilterInput = builder.inputType('AddDashboardFilterInput', {
  fields: (t) => ({
    dashboardId: t.id({ required: true }),
    type: t.field({ type: FilterTypeEnum, required: true }),
    datasetId: t.id({ required: true }),
    field: t.string({ required: true, description: '"model.field" of the dataset' }),
    label: t.string(),
    permissions: t.string({ description: 'Filter permission code (YAML)' }),
  }),
});

const folderArg = (id: string | null | undefined) => optionalRawId(id, 'Folder', 'input.folderId');

builder.queryFields((t) => ({
  dashboards: t.connection({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Dashboards the viewer may see, filtered in the database',
    args: { search: t.arg.string() },
    resolve: (_root, args, ctx) => idConnection(args, (window) => listDashboards(ctx, { search: args.search }, window)),
  }),
  dashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true, publicPrincipal: true },
    description: 'A dashboard the viewer may see; an embed or link principal reaches only its own (and its drill-throughs)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findVisibleDashboard(ctx, rawId(args.id, 'Dashboard')),
  }),
}));

builder.mutationFields((t) => ({
  createDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: CreateDashboardInput, required: true }) },
    resolve: (_root, { input }, ctx) => createDashboard(ctx, { ...input, folderId: folderArg(input.folderId) }),
  }),
  updateDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: UpdateDashboardInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateDashboard(ctx, { ...input, id: rawId(input.id, 'Dashboard') }),
  }),
  lockDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => setLocked(ctx, rawId(args.id, 'Dashboard'), true),
  }),
  unlockDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => setLocked(ctx, rawId(args.id, 'Dashboard'), false),
  }),
  moveDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: PlaceDashboardInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      moveDashboard(ctx, { id: rawId(input.id, 'Dashboard'), folderId: folderArg(input.folderId), workspace: input.workspace }),
  }),
  copyDashboard: t.field({
    type: DashboardRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: PlaceDashboardInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      copyDashboard(ctx, { id: rawId(input.id, 'Dashboard'), folderId: folderArg(input.folderId), workspace: input.workspace }),
  }),
  deleteDashboard: t.boolean({
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteDashboard(ctx, rawId(args.id, 'Dashboard')),
  }),
  addWidget: t.field({
    type: WidgetRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: AddWidgetInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addWidget(ctx, { ...input, dashboardId: rawId(input.dashboardId, 'Dashboard'), datasetId: rawId(input.datasetId, 'Dataset') }),
  }),
  updateWidget: t.field({
    type: WidgetRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: UpdateWidgetInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateWidget(ctx, { ...input, id: rawId(input.id, 'Widget') }),
  }),
  deleteWidget: t.boolean({
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteWidget(ctx, rawId(args.id, 'Widget')),
  }),
  addDashboardFilter: t.field({
    type: DashboardFilterRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: AddDashboardFilterInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addDashboardFilter(ctx, { ...input, dashboardId: rawId(input.dashboardId, 'Dashboard'), datasetId: rawId(input.datasetId, 'Dataset') }),
  }),
}));
