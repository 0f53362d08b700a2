import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { ACTIONS, MATRIX, type Action, type Condition } from '../../src/authz/matrix.ts';
import { ROLES, type Role } from '../../src/authz/vocabulary.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders, type ContentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

/**
 * Tests generated from the matrix table (src/authz/matrix.ts). For every row with a scenario
 * below, every role, and every combination of the conditions that role's cell names, a fixture
 * is built so that exactly those conditions hold, the action is attempted through the GraphQL
 * API, and the outcome must equal what the table says. The oracle reads the table directly; the
 * API decides through SQL visibility, services and the policy code.
 */

const ViewDashboard = graphql(`query MatrixViewDashboard($id: ID!) { dashboard(id: $id) { id } }`);
const ViewFolder = graphql(`query MatrixViewFolder($id: ID!) { folder(id: $id) { id } }`);
const UpdateDashboard = graphql(`
  mutation MatrixUpdateDashboard($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }
`);
const Lock = graphql(`mutation MatrixLock($id: ID!) { lockDashboard(id: $id) { id locked } }`);
const Share = graphql(`mutation MatrixShare($input: ShareInput!) { share(input: $input) { granteeType } }`);
const CreateDashboard = graphql(`
  mutation MatrixCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }
`);
const MoveDashboard = graphql(`mutation MatrixMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id } }`);
const CopyDashboard = graphql(`mutation MatrixCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }`);
const RenameFolder = graphql(`mutation MatrixRenameFolder($input: RenameFolderInput!) { renameFolder(input: $input) { id } }`);
const CreateGroup = graphql(`mutation MatrixCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }`);
const CreateDataSource = graphql(`
  mutation MatrixCreateDataSource($input: CreateDataSourceInput!) { createDataSource(input: $input) { id } }
`);
const ViewDataSource = graphql(`query MatrixViewDataSource($id: ID!) { dataSource(id: $id) { id } }`);
const ViewDataset = graphql(`query MatrixViewDataset($id: ID!) { dataset(id: $id) { id } }`);
const DatasetDefinition = graphql(`query MatrixDatasetDefinition($id: ID!) { dataset(id: $id) { relationships { from } } }`);
const UpdateDataset = graphql(`mutation MatrixUpdateDataset($input: UpdateDatasetInput!) { updateDataset(input: $input) { id } }`);
const Impersonate = graphql(`mutation MatrixImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
const AuditEvents = graphql(`query MatrixAudit { auditEvents(first: 1) { edges { node { id } } } }`);
const WidgetData = graphql(`query MatrixWidgetData($id: ID!) { dashboard(id: $id) { widgets { data { rowCount } } } }`);
const AddWidget = graphql(`mutation MatrixAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }`);
const CreateShareableLink = graphql(`
  mutation MatrixCreateShareableLink($input: CreateShareableLinkInput!) { createShareableLink(input: $input) { link { id } } }
`);
const CreateEmbedKey = graphql(`mutation MatrixCreateEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id } } }`);

interface World {
  kit: TestKit;
  t: SeededTenant;
  c: ContentBuilders;
  /** A fresh data source and dataset over a real one-table warehouse (ids). */
  warehouse(): Promise<{ source: string; dataset: string }>;
  /** Someone else, whose personal workspace stands for "not yours". */
  other: SeededUser;
}

interface Scenario {
  /** Conditions this scenario can make true or false. */
  toggles: Condition[];
  /** Other rows the attempt also needs (e.g. adding a widget also explores its dataset). */
  alsoRequires?: Action[];
  /** Combinations that cannot exist. */
  impossible?: (on: ReadonlySet<Condition>) => boolean;
  attempt(world: World, actor: SeededUser, on: ReadonlySet<Condition>): Promise<boolean>;
}

const exclusiveWorkspaces = (on: ReadonlySet<Condition>) => on.has('teamWorkspace') && on.has('ownPersonalWorkspace');
const workspaceOf = (on: ReadonlySet<Condition>, actor: SeededUser, other: SeededUser) =>
  on.has('teamWorkspace') ? { workspace: 'TEAM' as const } : { workspace: 'PERSONAL' as const, workspaceOwner: on.has('ownPersonalWorkspace') ? actor : other };
const UpdateUser = graphql(`mutation MatrixUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }`);
const ExportWidget = graphql(`mutation MatrixExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }`);
const ok = (res: { data?: unknown; errors?: unknown[] }) => !res.errors?.length && res.data != null;

/** A dataset whose data source and the dataset itself are shared with the actor as `on` says. */
async function sharedDataset(w: World, actor: SeededUser, on: ReadonlySet<Condition>) {
  const source = await w.c.dataSource(w.t.admin);
  const dataset = await w.c.dataset(w.t.admin, source);
  if (on.has('dataSourceShared')) await w.c.share('DATA_SOURCE', source.id, { user: actor });
  if (on.has('datasetShared')) await w.c.share('DATASET', dataset.id, { user: actor });
  return { source, dataset };
}

/** A team dashboard shared with the actor, so that only the conditions under test vary. */
async function sharedTeamDashboard(w: World, actor: SeededUser, on: ReadonlySet<Condition>) {
  const d = await w.c.dashboard({ owner: on.has('owner') ? actor : w.t.admin, workspace: 'TEAM' });
  await w.c.share('DASHBOARD', d.id, { user: actor });
  return d;
}

const SCENARIOS: Partial<Record<Action, Scenario>> = {
  'dashboard.view': {
    toggles: ['shared', 'owner', 'teamWorkspace', 'ownPersonalWorkspace'],
    impossible: exclusiveWorkspaces,
    async attempt(w, actor, on) {
      const d = await w.c.dashboard({ owner: on.has('owner') ? actor : w.t.admin, ...workspaceOf(on, actor, w.other) });
      if (on.has('shared')) await w.c.share('DASHBOARD', d.id, { user: actor });
      const res = await w.kit.gql(ViewDashboard, { id: globalId('Dashboard', d.id) }, { token: actor.token });
      return res.data?.dashboard?.id === globalId('Dashboard', d.id);
    },
  },
  'folder.view': {
    toggles: ['shared', 'owner', 'teamWorkspace', 'ownPersonalWorkspace'],
    impossible: exclusiveWorkspaces,
    async attempt(w, actor, on) {
      const f = await w.c.folder({ owner: on.has('owner') ? actor : w.t.admin, ...workspaceOf(on, actor, w.other) });
      if (on.has('shared')) await w.c.share('FOLDER', f.id, { user: actor });
      const res = await w.kit.gql(ViewFolder, { id: globalId('Folder', f.id) }, { token: actor.token });
      return res.data?.folder?.id === globalId('Folder', f.id);
    },
  },
  'dashboard.editInfo': {
    toggles: ['owner'],
    async attempt(w, actor, on) {
      const d = await sharedTeamDashboard(w, actor, on);
      return ok(await w.kit.gql(UpdateDashboard, { input: { id: globalId('Dashboard', d.id), title: 'Renamed' } }, { token: actor.token }));
    },
  },
  'dashboard.settings': {
    toggles: ['owner'],
    async attempt(w, actor, on) {
      const d = await sharedTeamDashboard(w, actor, on);
      return ok(await w.kit.gql(UpdateDashboard, { input: { id: globalId('Dashboard', d.id), cacheTtlSeconds: 60 } }, { token: actor.token }));
    },
  },
  'dashboard.lock': {
    toggles: ['owner'],
    async attempt(w, actor, on) {
      const d = await sharedTeamDashboard(w, actor, on);
      return ok(await w.kit.gql(Lock, { id: globalId('Dashboard', d.id) }, { token: actor.token }));
    },
  },
  'dashboard.share': {
    toggles: ['owner'],
    async attempt(w, actor, on) {
      const d = await sharedTeamDashboard(w, actor, on);
      const input = { resourceId: globalId('Dashboard', d.id), userIds: [w.other.globalId] };
      return ok(await w.kit.gql(Share, { input }, { token: actor.token }));
    },
  },
  'dashboard.create': {
    toggles: ['teamWorkspace', 'ownPersonalWorkspace'],
    // Creating in someone else's personal workspace cannot even be expressed (their folders are invisible).
    impossible: (on) => exclusiveWorkspaces(on) || (!on.has('teamWorkspace') && !on.has('ownPersonalWorkspace')),
    async attempt(w, actor, on) {
      const workspace = on.has('teamWorkspace') ? 'TEAM' : 'PERSONAL';
      return ok(await w.kit.gql(CreateDashboard, { input: { title: 'New', workspace } }, { token: actor.token }));
    },
  },
  'dashboard.copyMove': {
    toggles: ['ownPersonalWorkspace'],
    async attempt(w, actor, on) {
      const personal = on.has('ownPersonalWorkspace');
      const d = await w.c.dashboard({ owner: actor, ...(personal ? { workspace: 'PERSONAL', workspaceOwner: actor } : { workspace: 'TEAM' }) });
      const target = await w.c.folder({
        owner: personal ? actor : w.t.admin,
        ...(personal ? { workspace: 'PERSONAL', workspaceOwner: actor } : { workspace: 'TEAM' }),
      });
      if (!personal) await w.c.share('FOLDER', target.id, { user: actor });
      const input = { id: globalId('Dashboard', d.id), folderId: globalId('Folder', target.id) };
      return ok(await w.kit.gql(CopyDashboard, { input }, { token: actor.token }));
    },
  },
  'dashboard.move': {
    toggles: ['ownPersonalWorkspace'],
    async attempt(w, actor, on) {
      const personal = on.has('ownPersonalWorkspace');
      const d = await w.c.dashboard({ owner: actor, ...(personal ? { workspace: 'PERSONAL', workspaceOwner: actor } : { workspace: 'TEAM' }) });
      const target = await w.c.folder({
        owner: personal ? actor : w.t.admin,
        ...(personal ? { workspace: 'PERSONAL', workspaceOwner: actor } : { workspace: 'TEAM' }),
      });
      if (!personal) await w.c.share('FOLDER', target.id, { user: actor });
      const input = { id: globalId('Dashboard', d.id), folderId: globalId('Folder', target.id) };
      return ok(await w.kit.gql(MoveDashboard, { input }, { token: actor.token }));
    },
  },
  'folder.manage': {
    toggles: ['teamWorkspace', 'ownPersonalWorkspace'],
    impossible: exclusiveWorkspaces,
    async attempt(w, actor, on) {
      const f = await w.c.folder({ owner: w.t.admin, ...workspaceOf(on, actor, w.other) });
      await w.c.share('FOLDER', f.id, { user: actor });
      return ok(await w.kit.gql(RenameFolder, { input: { id: globalId('Folder', f.id), name: 'Renamed' } }, { token: actor.token }));
    },
  },
  'people.manage': {
    toggles: [],
    async attempt(w, actor) {
      return ok(await w.kit.gql(CreateGroup, { input: { name: `G ${Math.random()}` } }, { token: actor.token }));
    },
  },
  'dataSource.manage': {
    toggles: [],
    async attempt(w, actor) {
      const input = { name: `DS ${Math.random()}`, host: '127.0.0.1', port: 5432, database: 'warehouse', user: 'reader', password: 'pw', schemas: ['public'] };
      return ok(await w.kit.gql(CreateDataSource, { input }, { token: actor.token }));
    },
  },
  'embedKey.manage': {
    toggles: [],
    async attempt(w, actor) {
      return ok(await w.kit.gql(CreateEmbedKey, { input: { name: `EK ${Math.random()}`, algorithm: 'HS256' } }, { token: actor.token }));
    },
  },
  'shareLink.manage': {
    toggles: [],
    // A team dashboard (without widgets) shared with the actor: every role sees it, only the row decides.
    async attempt(w, actor) {
      const d = await w.c.dashboard({ owner: w.t.admin, workspace: 'TEAM' });
      await w.c.share('DASHBOARD', d.id, { user: actor });
      return ok(await w.kit.gql(CreateShareableLink, { input: { dashboardId: globalId('Dashboard', d.id) } }, { token: actor.token }));
    },
  },
  'dataSource.use': {
    toggles: ['dataSourceShared'],
    async attempt(w, actor, on) {
      const source = await w.c.dataSource(w.t.admin);
      if (on.has('dataSourceShared')) await w.c.share('DATA_SOURCE', source.id, { user: actor });
      const res = await w.kit.gql(ViewDataSource, { id: globalId('DataSource', source.id) }, { token: actor.token });
      return res.data?.dataSource?.id === globalId('DataSource', source.id);
    },
  },
  'dataset.explore': {
    toggles: ['dataSourceShared', 'datasetShared'],
    // A dataset is listed and readable by whoever may explore or manage it; manage is a separate row.
    async attempt(w, actor, on) {
      const { dataset } = await sharedDataset(w, actor, on);
      const res = await w.kit.gql(ViewDataset, { id: globalId('Dataset', dataset.id) }, { token: actor.token });
      return res.data?.dataset?.id === globalId('Dataset', dataset.id);
    },
  },
  'dataset.seeDefinition': {
    toggles: ['dataSourceShared', 'datasetShared'],
    async attempt(w, actor, on) {
      const { dataset } = await sharedDataset(w, actor, on);
      const res = await w.kit.gql(DatasetDefinition, { id: globalId('Dataset', dataset.id) }, { token: actor.token });
      return Array.isArray(res.data?.dataset?.relationships) && !res.errors?.length;
    },
  },
  'dataset.manage': {
    toggles: ['dataSourceShared', 'datasetShared'],
    async attempt(w, actor, on) {
      const { dataset } = await sharedDataset(w, actor, on);
      return ok(await w.kit.gql(UpdateDataset, { input: { id: globalId('Dataset', dataset.id), name: `renamed_${Date.now()}` } }, { token: actor.token }));
    },
  },
  impersonate: {
    toggles: ['targetBelowAnalyst', 'targetNotAdmin'],
    // The two conditions describe one target: below analyst implies not admin.
    impossible: (on) => on.has('targetBelowAnalyst') && !on.has('targetNotAdmin'),
    async attempt(w, actor, on) {
      const role = on.has('targetBelowAnalyst') ? 'VIEWER' : on.has('targetNotAdmin') ? 'ANALYST' : 'ADMIN';
      const target = await w.kit.addUser(w.t.tenant, { role });
      return ok(await w.kit.gql(Impersonate, { userId: target.globalId }, { token: actor.token }));
    },
  },
  'tenant.administer': {
    toggles: [],
    async attempt(w, actor) {
      return ok(await w.kit.gql(AuditEvents, {}, { token: actor.token }));
    },
  },
  'personalWorkspace.others': {
    toggles: [],
    async attempt(w, actor) {
      const d = await w.c.dashboard({ owner: w.other, workspace: 'PERSONAL', workspaceOwner: w.other });
      const res = await w.kit.gql(ViewDashboard, { id: globalId('Dashboard', d.id) }, { token: actor.token });
      return res.data?.dashboard?.id === globalId('Dashboard', d.id);
    },
  },
  'widget.viewData': {
    toggles: ['dataSourceShared', 'datasetShared'],
    async attempt(w, actor, on) {
      const { source, dataset } = await w.warehouse();
      if (on.has('dataSourceShared')) await w.c.share('DATA_SOURCE', source, { user: actor });
      if (on.has('datasetShared')) await w.c.share('DATASET', dataset, { user: actor });
      const d = await w.c.dashboard({ owner: w.t.admin, workspace: 'TEAM' });
      await w.c.share('DASHBOARD', d.id, { user: actor });
      await w.kit.orm.em.fork().execute(
        `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
         values (?, ?, ?, ?, ?, 'W', ?, 0, now(), now())`,
        [uuidv7(), w.t.tenant.id, d.id, dataset, w.t.admin.id, JSON.stringify({ measures: [{ field: 'facts.n', aggregation: 'SUM' }] })],
      );
      const res = await w.kit.gql(WidgetData, { id: globalId('Dashboard', d.id) }, { token: actor.token });
      return res.data?.dashboard?.widgets[0]?.data?.rowCount === 1 && !res.errors?.length;
    },
  },
  'data.export': {
    toggles: ['allowExportData'],
    // A widget on a dashboard shared with the actor, whose dataset is shared too (so every role may read the widget's data):
    // only the export row decides.
    async attempt(w, actor, on) {
      const { dataset } = await w.warehouse();
      await w.c.share('DATASET', dataset, { user: actor });
      const d = await w.c.dashboard({ owner: w.t.admin, workspace: 'TEAM' });
      await w.c.share('DASHBOARD', d.id, { user: actor });
      const widgetId = await w.c.widget({
        owner: w.t.admin,
        dashboardId: d.id,
        datasetId: dataset,
        title: 'W',
        query: { measures: [{ field: 'facts.n', aggregation: 'SUM' }] },
      });
      if (actor.role !== 'ADMIN') {
        const set = await w.kit.gql(UpdateUser, { input: { id: actor.globalId, allowExportData: on.has('allowExportData') } }, { token: w.t.admin.token });
        expect(set.errors, JSON.stringify(set.errors)).toBeUndefined();
      }
      const res = await w.kit.gql(ExportWidget, { input: { widgetId: globalId('Widget', widgetId) } }, { token: actor.token });
      return ok(res) && /\/downloads\//.test((res.data as { exportWidget?: { url: string } }).exportWidget?.url ?? '');
    },
  },
  'dashboard.editContent': {
    toggles: ['owner', 'dataSourceShared', 'datasetShared'],
    alsoRequires: ['dataset.explore'],
    async attempt(w, actor, on) {
      const d = await sharedTeamDashboard(w, actor, on);
      const source = await w.c.dataSource(w.t.admin);
      const dataset = await w.c.dataset(w.t.admin, source);
      if (on.has('dataSourceShared')) await w.c.share('DATA_SOURCE', source.id, { user: actor });
      if (on.has('datasetShared')) await w.c.share('DATASET', dataset.id, { user: actor });
      const input = {
        dashboardId: globalId('Dashboard', d.id),
        datasetId: globalId('Dataset', dataset.id),
        title: 'W',
        query: { dimensions: ['orders.country'] },
      };
      return ok(await w.kit.gql(AddWidget, { input }, { token: actor.token }));
    },
  },
};

/** Rows whose actions the API does not offer yet; each gains a scenario when it does. */
const NOT_YET_EXPOSED: Action[] = ['widget.explore', 'schedule.manage', 'alert.manage'];

/** The oracle: the table's cell, read literally, for a set of true conditions. */
function tableSays(action: Action, role: Role, on: ReadonlySet<Condition>): boolean {
  return MATRIX[action][role].some((alternative) => alternative.every((c) => on.has(c)));
}

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

interface Case {
  action: Action;
  role: Role;
  on: Condition[];
  expected: boolean;
}

function generateCases(): Case[] {
  const cases: Case[] = [];
  for (const [action, scenario] of Object.entries(SCENARIOS) as [Action, Scenario][]) {
    for (const role of ROLES) {
      const named = new Set([action, ...(scenario.alsoRequires ?? [])].flatMap((a) => MATRIX[a][role].flat()));
      const toggles = scenario.toggles.filter((c) => named.has(c) || c === 'teamWorkspace' || c === 'ownPersonalWorkspace');
      for (const subset of subsets(toggles)) {
        const on = new Set(subset);
        if (scenario.impossible?.(on)) continue;
        const expected = [action, ...(scenario.alsoRequires ?? [])].every((a) => tableSays(a, role, on));
        cases.push({ action, role, on: subset, expected });
      }
    }
  }
  return cases;
}

const CASES = generateCases();
let world: World;
let schema: string;

beforeAll(async () => {
  const kit = await createTestKit();
  const t = await kit.seedTenant();
  schema = (await kit.warehouse((schema) => `create table ${schema}.facts (n int); insert into ${schema}.facts values (1), (2)`, { prefix: 'mx' })).schema;
  const warehouse = async () => {
    const source = (await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema])).id;
    const dataset = uuidv7();
    const em = kit.orm.em.fork();
    const definition = {
      models: [{ name: 'facts', table: `${schema}.facts`, fields: [{ name: 'n', column: 'n', type: 'NUMBER' }] }],
      relationships: [],
      calculations: [],
    };
    await em.execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, '[]', 1, now(), now())`,
      [dataset, t.tenant.id, source, `mx_${dataset.slice(-12)}`, `mx_${dataset.slice(-12)}`, t.admin.id, JSON.stringify(definition)],
    );
    return { source, dataset };
  };
  world = { kit, t, c: contentBuilders(kit, t.tenant), warehouse, other: await kit.addUser(t.tenant, { role: 'EXPLORER' }) };
  console.log(`role matrix: ${CASES.length} generated cases over ${Object.keys(SCENARIOS).length} rows`);
});
afterAll(() => world.kit.close());

describe('role matrix, generated from the table', () => {
  it('every row either has a scenario or is listed as not exposed yet', () => {
    const covered = new Set([...Object.keys(SCENARIOS), ...NOT_YET_EXPOSED]);
    expect(ACTIONS.filter((a) => !covered.has(a))).toEqual([]);
    expect(NOT_YET_EXPOSED.filter((a) => a in SCENARIOS)).toEqual([]);
  });

  it('generates both allowed and denied cases for every covered row', () => {
    for (const action of Object.keys(SCENARIOS)) {
      const outcomes = new Set(CASES.filter((c) => c.action === action).map((c) => c.expected));
      expect([action, [...outcomes].sort()]).toEqual([action, [false, true]]);
    }
  });

  it.each(CASES.map((c) => [`${c.action} · ${c.role} · {${c.on.join(', ')}} → ${c.expected ? 'allowed' : 'denied'}`, c] as const))(
    '%s',
    async (_name, testCase) => {
      const actor = { ADMIN: world.t.admin, ANALYST: world.t.analyst, EXPLORER: world.t.explorer, VIEWER: world.t.viewer }[testCase.role];
      const allowed = await SCENARIOS[testCase.action]!.attempt(world, actor, new Set(testCase.on));
      expect(allowed).toBe(testCase.expected);
    },
  );
});
