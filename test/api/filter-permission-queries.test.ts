import type pg from 'pg';
import { dataSourcePoolById } from '../../src/modules/data-source/data-source.pool.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const AddFilter = graphql(`
  mutation PermQueryAddFilter($input: AddDashboardFilterInput!) {
    addDashboardFilter(input: $input) { id permissions }
  }
`);
const UpdateFilter = graphql(`
  mutation PermQueryUpdateFilter($input: UpdateDashboardFilterInput!) {
    updateDashboardFilter(input: $input) { id permissions }
  }
`);
const Load = graphql(`
  query PermQueryLoad($id: ID!) {
    dashboard(id: $id) {
      widgets { data { rows } }
      filters { id options permissionNotices { line message } }
    }
  }
`);

let kit: TestKit;
let t: SeededTenant;
let warehouse: pg.Client;
let schema: string;
/** Source A holds the dataset; source B is only shared with the analyst (the reported set-up). */
let sourceA: string;
let sourceB: string;
let datasetId: string;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema, client: warehouse } = await kit.warehouse(
    (schema) => `
    create table ${schema}.sales (id int primary key, country text, amount numeric(12, 2));
    insert into ${schema}.sales values (1, 'France', 10), (2, 'Germany', 20), (3, 'Japan', 30);
    create table ${schema}.managers (email text, country text);`,
    { prefix: 'fpq' },
  ));
  const c = contentBuilders(kit, t.tenant);
  sourceA = (await c.warehouseSource(t.admin, [schema])).id;
  sourceB = (await c.warehouseSource(t.admin, [schema])).id;
  datasetId = uuidv7();
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
     values (?, ?, ?, 'fpq', 'fpq', ?, ?, '[]', 1, now(), now())`,
    [datasetId, t.tenant.id, sourceA, t.admin.id, JSON.stringify(definition)],
  );
  await c.share('DATASET', datasetId, { user: t.analyst });
  await c.share('DATASET', datasetId, { user: t.explorer });
  await c.share('DATA_SOURCE', sourceB, { user: t.analyst });
});
afterAll(async () => {
  await kit?.close();
});

async function dashboardWithWidget(owner: SeededUser, workspace: 'TEAM' | 'PERSONAL' = 'TEAM') {
  const dashboard = await contentBuilders(kit, t.tenant).dashboard({ owner, workspace });
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'By country', ?, 0, now(), now())`,
    [
      uuidv7(),
      t.tenant.id,
      dashboard.id,
      datasetId,
      owner.id,
      JSON.stringify({ dimensions: ['sales.country'], sort: [{ field: 'sales.country', direction: 'ASC' }] }),
    ],
  );
  await contentBuilders(kit, t.tenant).share('DASHBOARD', dashboard.id, 'all');
  return dashboard;
}

const filterInput = (dashboardId: string, permissions: string) => ({
  dashboardId: globalId('Dashboard', dashboardId),
  datasetId: globalId('Dataset', datasetId),
  type: 'DROPDOWN' as const,
  field: 'sales.country',
  permissions,
});
const queryEntry = (who: string, dsId: string, query: string) => [`- if_user: ${who}`, `  ds_id: ${dsId}`, `  query: "${query}"`].join('\n');
const load = (dashboardId: string, user: SeededUser) => kit.gql(Load, { id: globalId('Dashboard', dashboardId) }, { token: user.token });
const countries = (res: Awaited<ReturnType<typeof load>>) => (res.data?.dashboard?.widgets[0]?.data?.rows ?? []).map((r) => r[0]);
const tableExists = async (name: string) => (await warehouse.query(`select to_regclass($1) as t`, [`${schema}.${name}`])).rows[0].t !== null;

describe('ds_id + query entries: only admins write them', () => {
  it('refuses an analyst’s and an explorer’s query entry at save time, naming the line', async () => {
    const analystBoard = await dashboardWithWidget(t.analyst, 'PERSONAL');
    const code = ['- if_group: Sales', '  then_value: [France]', queryEntry(t.analyst.email, sourceB, 'select current_user')].join('\n');
    const refused = await kit.gql(AddFilter, { input: filterInput(analystBoard.id, code) }, { token: t.analyst.token });
    expect(refused.data?.addDashboardFilter).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.permissions' });
    expect(refused.errors?.[0]?.message).toBe('line 3: only an admin may write or change a ds_id + query entry');

    const explorerBoard = await dashboardWithWidget(t.explorer, 'PERSONAL');
    const byExplorer = await kit.gql(
      AddFilter,
      { input: filterInput(explorerBoard.id, queryEntry(t.admin.email, sourceA, 'select 1')) },
      { token: t.explorer.token },
    );
    expect(byExplorer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.permissions' });
    expect(byExplorer.errors?.[0]?.message).toMatch(/^line 1: only an admin/);

    // The same code without the query entry is theirs to save.
    const allowed = await kit.gql(
      AddFilter,
      { input: filterInput(explorerBoard.id, '- if_group: Sales\n  then_value: [France]') },
      { token: t.explorer.token },
    );
    expect(allowed.errors).toBeUndefined();
  });

  it('an admin’s entry must name a data source of the workspace', async () => {
    const board = await dashboardWithWidget(t.admin);
    const res = await kit.gql(AddFilter, { input: filterInput(board.id, queryEntry(t.viewer.email, uuidv7(), 'select 1')) }, { token: t.admin.token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(res.errors?.[0]?.message).toBe('line 1: ds_id names no data source of this workspace');

    const six = Array.from({ length: 6 }, (_, i) => queryEntry(`u${i}@example.com`, sourceB, 'select 1')).join('\n');
    const tooMany = await kit.gql(AddFilter, { input: filterInput(board.id, six) }, { token: t.admin.token });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(tooMany.errors?.[0]?.message).toBe('line 16: at most 5 ds_id + query entries are allowed per filter');
  });

  it('an admin-written entry gives a VIEWER its values, on the author’s authority (the viewer has no data source)', async () => {
    await warehouse.query(`insert into ${schema}.managers values ($1, 'Germany'), ($1, 'Japan'), ($2, 'France')`, [t.viewer.email, t.explorer.email]);
    const board = await dashboardWithWidget(t.admin);
    const query = `select country from ${schema}.managers where email = {{ $ }}`;
    const code = [queryEntry(t.viewer.email, sourceB, query), queryEntry(t.explorer.email, sourceB, query)].join('\n');
    const saved = await kit.gql(AddFilter, { input: filterInput(board.id, code) }, { token: t.admin.token });
    expect(saved.errors).toBeUndefined();
    const res = await load(board.id, t.viewer);
    // A viewer may not edit the dashboard, so only its notices are refused.
    expect(res.errors?.map((e) => e.path?.join('.'))).toEqual(['dashboard.filters.0.permissionNotices']);
    expect(countries(res)).toEqual(['Germany', 'Japan']);
    expect(res.data?.dashboard?.filters[0]?.options).toEqual(['Germany', 'Japan']);
    const explorer = await load(board.id, t.explorer);
    expect(countries(explorer)).toEqual(['France']);
    expect(explorer.data?.dashboard?.filters[0]?.options).toEqual(['France']);
  });

  it('a non-admin may change other entries but not the admin’s query entry', async () => {
    const board = await dashboardWithWidget(t.admin);
    const entry = queryEntry(t.viewer.email, sourceB, `select country from ${schema}.managers where email = {{ $ }}`);
    const saved = await kit.gql(AddFilter, { input: filterInput(board.id, `${entry}\n- if_group: Sales\n  then_value: [France]`) }, { token: t.admin.token });
    const id = saved.data!.addDashboardFilter!.id;
    const kept = await kit.gql(UpdateFilter, { input: { id, permissions: `- if_group: Sales\n  then_value: [Japan]\n${entry}` } }, { token: t.analyst.token });
    expect(kept.errors).toBeUndefined();
    expect(countries(await load(board.id, t.viewer))).toEqual(['Germany', 'Japan']);

    const changed = await kit.gql(
      UpdateFilter,
      { input: { id, permissions: entry.replace('where email', 'where true or email') } },
      { token: t.analyst.token },
    );
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.permissions' });
    expect(changed.errors?.[0]?.message).toMatch(/^line 1: only an admin may write or change a ds_id \+ query entry/);
  });
});

describe('how a query entry runs on the data source', () => {
  it('runs exactly one statement: a multi-statement text creates nothing, and the failure is logged with the filter', async () => {
    const board = await dashboardWithWidget(t.admin);
    const attacks = [
      `select 'x'; create table ${schema}.pwned_a(x int); select 'done'`,
      `set default_transaction_read_only = off; commit; create table ${schema}.pwned_b(x int); select 'done'`,
    ];
    const code = attacks.map((q) => queryEntry(t.analyst.email, sourceB, q)).join('\n');
    const saved = await kit.gql(AddFilter, { input: filterInput(board.id, code) }, { token: t.admin.token });
    expect(saved.errors).toBeUndefined();
    const filterId = Buffer.from(saved.data!.addDashboardFilter!.id, 'base64').toString().split(':')[1]!;
    // The analyst reaches the dataset through a dataset share only (restricted), and has source B shared.
    const res = await load(board.id, t.analyst);
    expect(res.errors).toBeUndefined();
    expect(countries(res)).toEqual([]);
    expect(await tableExists('pwned_a')).toBe(false);
    expect(await tableExists('pwned_b')).toBe(false);
    const failures = kit.logs.filter((line) => line.includes('filter permission query failed') && line.includes(filterId));
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves nothing behind on the pooled connection: set_config(…, false) and search_path do not reach the next query', async () => {
    const board = await dashboardWithWidget(t.admin);
    const query = `select set_config('tessera.leak', 'yes', false) || set_config('search_path', '${schema}', false)`;
    const saved = await kit.gql(AddFilter, { input: filterInput(board.id, queryEntry(t.analyst.email, sourceB, query)) }, { token: t.admin.token });
    expect(saved.errors).toBeUndefined();
    const res = await load(board.id, t.analyst);
    expect(res.errors).toBeUndefined();
    // The entry ran (its value is offered to nobody: no sale has that country).
    const filterId = Buffer.from(saved.data!.addDashboardFilter!.id, 'base64').toString().split(':')[1]!;
    expect(kit.logs.filter((line) => line.includes('filter permission query') && line.includes(filterId))).toEqual([]);

    // The pool the gateway itself uses for this data source (same key, so no new pool is made).
    const { pool } = await dataSourcePoolById({ em: kit.orm.em.fork(), deps: kit.deps }, sourceB, t.tenant.id);
    const clients = await Promise.all(Array.from({ length: Math.max(1, pool.idleCount) }, () => pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query(
          `select current_setting('tessera.leak', true) as leak, current_setting('search_path') as path, current_setting('default_transaction_read_only') as ro`,
        );
        expect(rows[0]).toEqual({ leak: null, path: 'pg_catalog', ro: 'on' });
      }
    } finally {
      for (const client of clients) client.release();
    }
  });

  it('is cancelled after the statement timeout and then yields no values', async () => {
    const board = await dashboardWithWidget(t.admin);
    const saved = await kit.gql(
      AddFilter,
      { input: filterInput(board.id, queryEntry(t.analyst.email, sourceB, 'select pg_sleep(60)::text')) },
      { token: t.admin.token },
    );
    expect(saved.errors).toBeUndefined();
    const started = Date.now();
    const res = await load(board.id, t.analyst);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.errors).toBeUndefined();
    expect(countries(res)).toEqual([]);
    expect(kit.logs.some((line) => line.includes('filter permission query failed') && line.includes('"code":"57014"'))).toBe(true);
  });

  it('a legacy entry saved by a non-admin yields no values, and the dashboard’s editors see why', async () => {
    await warehouse.query(`insert into ${schema}.managers values ($1, 'France')`, [t.analyst.email]);
    const board = await dashboardWithWidget(t.admin);
    const code = [
      '- if_group: Nobody',
      '  then_value: [Japan]',
      queryEntry(t.analyst.email, sourceB, `select country from ${schema}.managers where email = {{ $ }}`),
    ].join('\n');
    await sql(
      `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at)
       values (?, ?, ?, ?, 'DROPDOWN', 'Country', 'sales.country', ?, now())`,
      [uuidv7(), t.tenant.id, board.id, datasetId, code],
    );
    const res = await load(board.id, t.analyst);
    expect(countries(res)).toEqual([]);
    expect(res.data?.dashboard?.filters[0]?.options).toEqual([]);
    const editor = await load(board.id, t.admin);
    expect(editor.data?.dashboard?.filters[0]?.permissionNotices).toEqual([{ line: 3, message: expect.stringMatching(/awaits an admin’s save/) }]);
    const viewer = await load(board.id, t.viewer);
    expect(viewer.data?.dashboard?.filters[0]?.permissionNotices).toBeNull();
    expect(viewer.errors?.find((e) => e.path?.includes('permissionNotices'))?.extensions?.code).toBe('FORBIDDEN');

    // An admin's save makes it run.
    const filterId = globalId('DashboardFilter', String((await sql('select id from dashboard_filters where dashboard_id = ?', [board.id]))[0]!.id));
    const resaved = await kit.gql(UpdateFilter, { input: { id: filterId, permissions: code } }, { token: t.admin.token });
    expect(resaved.errors).toBeUndefined();
    expect(countries(await load(board.id, t.analyst))).toEqual(['France']);
    expect((await load(board.id, t.admin)).data?.dashboard?.filters[0]?.permissionNotices).toEqual([]);
  });
});
