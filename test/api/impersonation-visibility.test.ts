import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import type { DataSource } from '../../src/modules/data-source/data-source.entity.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders, type ContentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

/*
 * PRODUCT.md §1: while an analyst impersonates, only what *both* people can see is visible. The
 * admin shares dataset X, a dashboard and a folder with the explorer E only; the analyst A must
 * not reach them by acting as E.
 */

const Impersonate = graphql(`mutation IvImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
const DatasetQuery = graphql(`
  query IvDatasetQuery($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { id query(input: $input) { rows } } }
`);
const DashboardRead = graphql(`
  query IvDashboard($id: ID!) { dashboard(id: $id) { id widgets { id data { rows } } } }
`);
const FolderRead = graphql(`query IvFolder($id: ID!) { folder(id: $id) { id } }`);
const NodeRead = graphql(`query IvNode($id: ID!) { node(id: $id) { id } }`);
const Lists = graphql(`
  query IvLists {
    datasets(first: 100) { edges { node { id } } }
    dashboards(first: 100) { edges { node { id } } }
    folders(first: 100) { edges { node { id } } }
  }
`);
const ListsFull = graphql(`
  query IvListsFull {
    datasets(first: 100) { edges { node { id viewerCan { explore manage seeDefinition } } } }
    dashboards(first: 100) { edges { node { id folderPath { name } viewerCan { edit share export } } } }
  }
`);
const Rename = graphql(`mutation IvRename($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title } }`);
const DatasetViewerCan = graphql(`query IvDatasetCan($id: ID!) { dataset(id: $id) { viewerCan { explore } } }`);

let kit: TestKit;
let t: SeededTenant;
let cb: ContentBuilders;
let schema: string;
let analyst: SeededUser;
let explorer: SeededUser;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);
const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
const byCountry = {
  dimensions: ['sales.country'],
  measures: [{ field: 'sales.amount', aggregation: 'SUM' as const }],
  sort: [{ field: 'sales.country', direction: 'ASC' as const }],
};

const ids = {} as Record<
  'hiddenDataset' | 'bothDataset' | 'hiddenDashboard' | 'teamDashboard' | 'bothDashboard' | 'ownDashboard' | 'hiddenFolder' | 'hiddenWidget',
  string
>;
const gid = {
  dataset: (id: string) => globalId('Dataset', id),
  dashboard: (id: string) => globalId('Dashboard', id),
};

async function dataset(source: DataSource, rules: unknown[] = []): Promise<string> {
  const id = uuidv7();
  const definition = {
    models: [
      {
        name: 'sales',
        table: `${schema}.sales`,
        fields: [
          { name: 'country', column: 'country', type: 'STRING' },
          { name: 'amount', column: 'amount', type: 'NUMBER' },
        ],
      },
    ],
    relationships: [],
    calculations: [],
  };
  await sql(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
    [id, t.tenant.id, source.id, `iv_${id.slice(-8)}`, `iv_${id.slice(-8)}`, t.admin.id, JSON.stringify(definition), JSON.stringify(rules)],
  );
  return id;
}

async function widget(dashboardId: string, datasetId: string): Promise<string> {
  const id = uuidv7();
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'By country', ?, 0, now(), now())`,
    [id, t.tenant.id, dashboardId, datasetId, t.admin.id, JSON.stringify(byCountry)],
  );
  return id;
}

async function impersonate(who: SeededUser, target: SeededUser): Promise<string> {
  const res = await kit.gql(Impersonate, { userId: target.globalId }, { token: who.token });
  expect(res.errors).toBeUndefined();
  return res.data!.impersonate!.token;
}

async function lists(token: string) {
  const res = await kit.gql(Lists, {}, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const of = (c: { edges: { node: { id: string } }[] } | null | undefined) => (c?.edges ?? []).map((e) => e.node.id).sort();
  return { datasets: of(res.data?.datasets), dashboards: of(res.data?.dashboards), folders: of(res.data?.folders) };
}

const queryRows = async (token: string, datasetId: string) => kit.gql(DatasetQuery, { id: gid.dataset(datasetId), input: byCountry }, { token });

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  cb = contentBuilders(kit, t.tenant);
  analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
  explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
  schema = (
    await kit.warehouse(
      (schema) => `
    create table ${schema}.sales (id int primary key, country text, amount numeric(12, 2));
    insert into ${schema}.sales select g, (array['France', 'Germany', 'Japan'])[g % 3 + 1], g from generate_series(1, 30) g;`,
      { prefix: 'iv' },
    )
  ).schema;

  const attribute = uuidv7();
  await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'country', 'STRING', now(), now())`, [
    attribute,
    t.tenant.id,
  ]);
  await sql(
    `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, 'MANUAL', ?, now(), now())`,
    [uuidv7(), t.tenant.id, explorer.id, attribute, JSON.stringify(['France'])],
  );

  // X: on a data source nobody but admins uses, shared with the explorer only.
  ids.hiddenDataset = await dataset(await cb.warehouseSource(t.admin, [schema]));
  await cb.share('DATASET', ids.hiddenDataset, { user: explorer });
  // Y: shared with the explorer; the analyst has its data source (so alone they are not row-restricted).
  const shared = await cb.warehouseSource(t.admin, [schema]);
  ids.bothDataset = await dataset(shared, [{ field: 'sales.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }]);
  await cb.share('DATASET', ids.bothDataset, { user: explorer });
  await cb.share('DATA_SOURCE', shared.id, { user: analyst });

  const hidden = await cb.dashboard({ owner: t.admin, workspace: 'PERSONAL', title: 'Hidden' });
  ids.hiddenDashboard = hidden.id;
  ids.hiddenWidget = await widget(hidden.id, ids.hiddenDataset);
  await cb.share('DASHBOARD', hidden.id, { user: explorer });

  const team = await cb.dashboard({ owner: t.admin, title: 'Team' });
  ids.teamDashboard = team.id;
  await widget(team.id, ids.hiddenDataset);
  await cb.share('DASHBOARD', team.id, { user: explorer });

  const both = await cb.dashboard({ owner: t.admin, workspace: 'PERSONAL', title: 'Both' });
  ids.bothDashboard = both.id;
  await widget(both.id, ids.bothDataset);
  await cb.share('DASHBOARD', both.id, { user: explorer });
  await cb.share('DASHBOARD', both.id, { user: analyst });

  ids.ownDashboard = (await cb.dashboard({ owner: explorer, workspace: 'PERSONAL', title: 'Mine' })).id;

  const folder = await cb.folder({ owner: t.admin, workspace: 'PERSONAL', name: 'Admin only' });
  ids.hiddenFolder = folder.id;
  await cb.share('FOLDER', folder.id, { user: explorer });
});
afterAll(async () => {
  await kit?.close();
});

describe('an analyst impersonating an explorer sees only what both can see', () => {
  it('the analyst alone cannot see what was shared with the explorer only; the explorer can', async () => {
    expect(code(await queryRows(analyst.token!, ids.hiddenDataset))).toBe('NOT_FOUND');
    expect(code(await kit.gql(DashboardRead, { id: gid.dashboard(ids.hiddenDashboard) }, { token: analyst.token }))).toBe('NOT_FOUND');
    const asExplorer = await queryRows(explorer.token!, ids.hiddenDataset);
    expect(asExplorer.errors).toBeUndefined();
    expect(asExplorer.data?.dataset?.query.rows).toHaveLength(3);
  });

  it('by id: the dataset, its query, the dashboard, the folder and node(id) are NOT_FOUND', async () => {
    const token = await impersonate(analyst, explorer);
    const query = await queryRows(token, ids.hiddenDataset);
    expect(code(query)).toBe('NOT_FOUND');
    expect(query.data?.dataset ?? null).toBeNull();
    expect(code(await kit.gql(DatasetViewerCan, { id: gid.dataset(ids.hiddenDataset) }, { token }))).toBe('NOT_FOUND');
    expect(code(await kit.gql(DashboardRead, { id: gid.dashboard(ids.hiddenDashboard) }, { token }))).toBe('NOT_FOUND');
    expect(code(await kit.gql(DashboardRead, { id: gid.dashboard(ids.ownDashboard) }, { token }))).toBe('NOT_FOUND');
    expect(code(await kit.gql(FolderRead, { id: globalId('Folder', ids.hiddenFolder) }, { token }))).toBe('NOT_FOUND');
    for (const id of [
      gid.dataset(ids.hiddenDataset),
      gid.dashboard(ids.hiddenDashboard),
      globalId('Folder', ids.hiddenFolder),
      globalId('Widget', ids.hiddenWidget),
    ]) {
      expect(code(await kit.gql(NodeRead, { id }, { token })), id).toBe('NOT_FOUND');
    }
  });

  it('lists leave them out (and the explorer’s own personal workspace, which the analyst cannot see)', async () => {
    const own = await lists(explorer.token!);
    expect(own.datasets).toEqual(expect.arrayContaining([gid.dataset(ids.hiddenDataset), gid.dataset(ids.bothDataset)]));
    expect(own.dashboards).toEqual(expect.arrayContaining([gid.dashboard(ids.hiddenDashboard), gid.dashboard(ids.ownDashboard)]));
    expect(own.folders).toContain(globalId('Folder', ids.hiddenFolder));

    const acting = await lists(await impersonate(analyst, explorer));
    expect(acting.datasets).toEqual([gid.dataset(ids.bothDataset)]);
    expect(acting.dashboards).toEqual([gid.dashboard(ids.teamDashboard), gid.dashboard(ids.bothDashboard)].sort());
    expect(acting.folders).not.toContain(globalId('Folder', ids.hiddenFolder));
  });

  it('widget data of a dataset the analyst cannot see is denied on a dashboard both see', async () => {
    const explorerView = await kit.gql(DashboardRead, { id: gid.dashboard(ids.teamDashboard) }, { token: explorer.token });
    expect(explorerView.errors).toBeUndefined();
    expect(explorerView.data?.dashboard?.widgets[0]?.data?.rows).toHaveLength(3);

    const res = await kit.gql(DashboardRead, { id: gid.dashboard(ids.teamDashboard) }, { token: await impersonate(analyst, explorer) });
    expect(res.data?.dashboard?.id).toBe(gid.dashboard(ids.teamDashboard));
    expect(res.data?.dashboard?.widgets[0]?.data).toBeNull();
    expect(code(res)).toBe('FORBIDDEN');
  });

  it('what is shared with both stays visible, with the explorer’s row restriction (their attributes)', async () => {
    const alone = await queryRows(analyst.token!, ids.bothDataset);
    expect(alone.errors).toBeUndefined();
    expect(alone.data?.dataset?.query.rows).toHaveLength(3); // the analyst has the data source: not restricted

    const token = await impersonate(analyst, explorer);
    const acting = await queryRows(token, ids.bothDataset);
    expect(acting.errors).toBeUndefined();
    expect(acting.data?.dataset?.query.rows.map((r) => r[0])).toEqual(['France']);
    const dashboard = await kit.gql(DashboardRead, { id: gid.dashboard(ids.bothDashboard) }, { token });
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.dashboard?.widgets[0]?.data?.rows.map((r) => r[0])).toEqual(['France']);
  });
});

describe('edits are made as the explorer, on what the analyst can see too', () => {
  it('the explorer’s personal dashboard cannot be renamed; a team dashboard the explorer owns can', async () => {
    const token = await impersonate(analyst, explorer);
    const hidden = await kit.gql(Rename, { input: { id: gid.dashboard(ids.ownDashboard), title: 'Renamed' } }, { token });
    expect(code(hidden)).toBe('NOT_FOUND');
    const own = await kit.gql(Rename, { input: { id: gid.dashboard(ids.ownDashboard), title: 'Renamed' } }, { token: explorer.token });
    expect(own.errors).toBeUndefined();

    const team = await cb.dashboard({ owner: explorer, title: 'Explorer’s team dashboard' });
    await cb.share('DASHBOARD', team.id, { user: explorer });
    const renamed = await kit.gql(Rename, { input: { id: gid.dashboard(team.id), title: 'Renamed as the explorer' } }, { token });
    expect(renamed.errors, JSON.stringify(renamed.errors)).toBeUndefined();
    expect(renamed.data?.updateDashboard?.title).toBe('Renamed as the explorer');
  });
});

describe('an admin impersonating the explorer sees exactly what the explorer sees', () => {
  it('lists, by-id reads and data', async () => {
    const token = await impersonate(t.admin, explorer);
    expect(await lists(token)).toEqual(await lists(explorer.token!));
    const query = await queryRows(token, ids.hiddenDataset);
    expect(query.errors).toBeUndefined();
    expect(query.data?.dataset?.query.rows).toHaveLength(3);
    const dashboard = await kit.gql(DashboardRead, { id: gid.dashboard(ids.hiddenDashboard) }, { token });
    expect(dashboard.errors).toBeUndefined();
    expect(dashboard.data?.dashboard?.widgets[0]?.data?.rows).toHaveLength(3);
    expect(code(await kit.gql(FolderRead, { id: globalId('Folder', ids.hiddenFolder) }, { token }))).toBeUndefined();
  });
});

describe('impersonated lists stay filtered in SQL', () => {
  it('a constant number of statements, whatever the number of items both can see', async () => {
    const token = await impersonate(analyst, explorer);
    const measure = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const d = await cb.dashboard({ owner: t.admin, workspace: 'PERSONAL' });
        await cb.share('DASHBOARD', d.id, 'all');
        const id = await dataset(await cb.warehouseSource(t.admin, [schema]));
        await cb.share('DATASET', id, 'all');
      }
      await kit.gql(ListsFull, {}, { token });
      const { result, statements } = await kit.countStatements(() => kit.gql(ListsFull, {}, { token }));
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.dashboards!.edges.length).toBeGreaterThanOrEqual(count);
      return statements.map((s) => s.slice(0, 60));
    };
    const small = await measure(2);
    const large = await measure(20);
    expect(large.length, JSON.stringify({ small, large }, null, 1)).toBe(small.length);
  });
});
