import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders, type ContentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const FanOut = graphql(`
  query BudgetFanOut {
    dashboards(first: 100) { edges { node { widgets { data { rowCount } } } } }
  }
`);
const DashboardData = graphql(`
  query BudgetDashboardData($id: ID!) {
    dashboard(id: $id) { __typename widgets { __typename data { __typename rowCount } } }
  }
`);
const BigQueries = graphql(`
  query BudgetBigQueries($id: ID!) {
    dataset(id: $id) {
      q1: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q2: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q3: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q4: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q5: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q6: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q7: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q8: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q9: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q10: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q11: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q12: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q13: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q14: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q15: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q16: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q17: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q18: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q19: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
      q20: query(input: { dimensions: ["sales.country"], limit: 10000 }) { rowCount }
    }
  }
`);
const OneBigQuery = graphql(`
  query BudgetOneBigQuery($id: ID!, $limit: Int) {
    dataset(id: $id) { query(input: { dimensions: ["sales.country"], limit: $limit }) { rowCount } }
  }
`);
// Six different statements: identical ones in flight at once would run only once.
const SixQueries = graphql(`
  query BudgetSixQueries($id: ID!, $limit: Int) {
    dataset(id: $id) {
      q1: query(input: { dimensions: ["sales.country"], limit: $limit }) { rowCount }
      q2: query(input: { dimensions: ["sales.id"], limit: $limit }) { rowCount }
      q3: query(input: { dimensions: ["sales.country", "sales.id"], limit: $limit }) { rowCount }
      q4: query(input: { dimensions: ["sales.country"], measures: [{ field: "sales.id", aggregation: COUNT }], limit: $limit }) { rowCount }
      q5: query(input: { dimensions: ["sales.country"], measures: [{ field: "sales.id", aggregation: SUM }], limit: $limit }) { rowCount }
      q6: query(input: { dimensions: ["sales.id", "sales.country"], limit: $limit }) { rowCount }
    }
  }
`);
const CopyDashboard = graphql(`
  mutation BudgetCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id } }
`);
const AddFilter = graphql(`
  mutation BudgetAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }
`);
const AddWidget = graphql(`
  mutation BudgetAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }
`);

let kit: TestKit;
let t: SeededTenant;
let content: ContentBuilders;
let client: pg.Client;
let schema: string;
let channel: string;
let datasetId: string;
/** GraphQL over HTTP: a client that accepts application/graphql-response+json gets 400 for a refused request. */
const STRICT = { accept: 'application/graphql-response+json' };

const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

/**
 * Counted on the warehouse itself: the dataset's model is a view that sends a notification each
 * time a statement reads it, and this connection listens.
 */
let warehouseHits = 0;
async function countHits<T>(fn: () => Promise<T>): Promise<{ result: T; hits: number }> {
  warehouseHits = 0;
  const result = await fn();
  // Notifications arrive after their statement's transaction commits; a round trip drains them.
  await client.query('select 1');
  return { result, hits: warehouseHits };
}

const query = { dimensions: ['sales.country'], measures: [{ field: 'sales.id', aggregation: 'COUNT' }] };
async function addWidgets(dashboardId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await sql(
      `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
      // A distinct limit each: no two widgets share a statement (nor a cached result).
      [uuidv7(), t.tenant.id, dashboardId, datasetId, t.admin.id, `W${i}`, JSON.stringify({ ...query, limit: 100 + i }), i],
    );
  }
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  content = contentBuilders(kit, t.tenant);
  ({ schema, client } = await kit.warehouse(
    (schema) => {
      channel = `${schema}_hits`;
      return `
    create table ${schema}.sales_rows (id int primary key, country text);
    insert into ${schema}.sales_rows select g, (array['France', 'Germany', 'Japan'])[g % 3 + 1] from generate_series(1, 30) g;
    create view ${schema}.sales as select s.* from ${schema}.sales_rows s, lateral (select pg_catalog.pg_notify('${channel}', '')) hit;
    listen ${channel};`;
    },
    { prefix: 'wb' },
  ));
  client.on('notification', (n) => {
    if (n.channel === channel) warehouseHits += 1;
  });
  const sourceId = (await content.warehouseSource(t.admin, [schema])).id;
  datasetId = uuidv7();
  const definition = {
    models: [
      {
        name: 'sales',
        table: `${schema}.sales`,
        fields: [
          { name: 'id', column: 'id', type: 'NUMBER' },
          { name: 'country', column: 'country', type: 'STRING' },
        ],
      },
    ],
    relationships: [],
    calculations: [],
  };
  await sql(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
     values (?, ?, ?, 'wb', 'wb', ?, ?, '[]', 1, now(), now())`,
    [datasetId, t.tenant.id, sourceId, t.admin.id, JSON.stringify(definition)],
  );
});
afterAll(async () => {
  await kit?.close();
});

describe('the warehouse query budget', () => {
  it('loads every widget’s data of a dashboard of 50 widgets, one warehouse query each', async () => {
    const dashboard = await content.dashboard({ owner: t.admin, title: 'Fifty' });
    await content.share('DASHBOARD', dashboard.id, 'all');
    await addWidgets(dashboard.id, 50);
    const { result, hits } = await countHits(() => kit.gql(DashboardData, { id: globalId('Dashboard', dashboard.id) }, { token: t.viewer.token }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.dashboard?.widgets).toHaveLength(50);
    expect(result.data?.dashboard?.widgets.every((w) => w.data?.rowCount === 3)).toBe(true);
    expect(hits).toBe(50);
  });

  it('refuses a dashboard of 51 widgets’ data with 400 (200 for plain JSON) before any warehouse statement runs', async () => {
    const dashboard = await content.dashboard({ owner: t.admin, title: 'Fifty-one' });
    await content.share('DASHBOARD', dashboard.id, 'all');
    await addWidgets(dashboard.id, 51);
    const id = globalId('Dashboard', dashboard.id);
    const { result, hits } = await countHits(() => kit.gql(DashboardData, { id }, { token: t.viewer.token, headers: STRICT }));
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', warehouseQueries: { estimated: 51, max: 50 } });
    expect(hits).toBe(0);
    // GraphQL over HTTP: a plain application/json client reads the same refusal from a 200.
    const plain = await countHits(() => kit.gql(DashboardData, { id }, { token: t.viewer.token, headers: { accept: 'application/json' } }));
    expect(plain.result.status).toBe(200);
    expect(plain.result.data).toBeUndefined();
    expect(plain.result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', warehouseQueries: { estimated: 51, max: 50 } });
    expect(plain.hits).toBe(0);
  });

  it('refuses widget data across a page of dashboards with 400 and runs no warehouse statement', async () => {
    for (let i = 0; i < 3; i++) {
      const dashboard = await content.dashboard({ owner: t.admin });
      await content.share('DASHBOARD', dashboard.id, 'all');
      await addWidgets(dashboard.id, 2);
    }
    const { result, hits } = await countHits(() => kit.gql(FanOut, {}, { token: t.viewer.token, headers: STRICT }));
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/at most 50 are allowed per request/);
    expect(hits).toBe(0);
  });

  it('refuses 20 aliased dataset queries of 10000 rows, and runs one', async () => {
    const id = globalId('Dataset', datasetId);
    const refused = await countHits(() => kit.gql(BigQueries, { id }, { token: t.admin.token, headers: STRICT }));
    expect(refused.result.status).toBe(400);
    expect(refused.result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', warehouseQueries: { estimated: 200 } });
    expect(refused.hits).toBe(0);
    const allowed = await countHits(() => kit.gql(OneBigQuery, { id, limit: 10000 }, { token: t.admin.token }));
    expect(allowed.result.errors).toBeUndefined();
    expect(allowed.result.data?.dataset?.query.rowCount).toBe(30);
    expect(allowed.hits).toBe(1);
  });

  it('estimates the same document anew for other variables (the estimate is kept per document and variables)', async () => {
    const id = globalId('Dataset', datasetId);
    const small = await countHits(() => kit.gql(SixQueries, { id, limit: 1000 }, { token: t.admin.token }));
    expect(small.result.errors).toBeUndefined();
    expect(small.hits).toBe(6);
    const large = await countHits(() => kit.gql(SixQueries, { id, limit: 10000 }, { token: t.admin.token, headers: STRICT }));
    expect(large.result.status).toBe(400);
    expect(large.result.errors?.[0]?.extensions).toMatchObject({ warehouseQueries: { estimated: 60 } });
    expect(large.hits).toBe(0);
    const again = await countHits(() => kit.gql(SixQueries, { id, limit: 1000 }, { token: t.admin.token }));
    expect(again.result.errors).toBeUndefined();
    expect(again.hits).toBe(6);
  });
});

describe('the widget cap', () => {
  it('refuses a widget beyond 100 on one dashboard, and adds the 100th', async () => {
    const dashboard = await content.dashboard({ owner: t.admin });
    await addWidgets(dashboard.id, 99);
    const input = { dashboardId: globalId('Dashboard', dashboard.id), title: 'One more', datasetId: globalId('Dataset', datasetId), query };
    const added = await kit.gql(AddWidget, { input }, { token: t.admin.token });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addWidget?.id).toBeTruthy();
    const refused = await kit.gql(AddWidget, { input }, { token: t.admin.token });
    expect(refused.data?.addWidget).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dashboardId' });
    expect(refused.errors?.[0]?.message).toMatch(/at most 100 widgets/);
  });

  it('refuses to copy a dashboard holding more widgets than the cap, and copies one at the cap', async () => {
    const over = await content.dashboard({ owner: t.admin });
    await addWidgets(over.id, 101);
    const refused = await kit.gql(CopyDashboard, { input: { id: globalId('Dashboard', over.id), workspace: 'TEAM' } }, { token: t.admin.token });
    expect(refused.data?.copyDashboard).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    const atCap = await content.dashboard({ owner: t.admin });
    await addWidgets(atCap.id, 100);
    const copied = await kit.gql(CopyDashboard, { input: { id: globalId('Dashboard', atCap.id), workspace: 'TEAM' } }, { token: t.admin.token });
    expect(copied.errors).toBeUndefined();
  });

  it('refuses a filter beyond 50 on one dashboard, and adds the 50th', async () => {
    const dashboard = await content.dashboard({ owner: t.admin });
    for (let i = 0; i < 49; i++) {
      await sql(
        `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, created_at) values (?, ?, ?, ?, 'DROPDOWN', ?, 'sales.country', now())`,
        [uuidv7(), t.tenant.id, dashboard.id, datasetId, `F${i}`],
      );
    }
    const input = {
      dashboardId: globalId('Dashboard', dashboard.id),
      type: 'DROPDOWN' as const,
      datasetId: globalId('Dataset', datasetId),
      field: 'sales.country',
    };
    expect((await kit.gql(AddFilter, { input }, { token: t.admin.token })).errors).toBeUndefined();
    const refused = await kit.gql(AddFilter, { input }, { token: t.admin.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dashboardId' });
  });
});

describe('filter permissions with a query (ds_id)', () => {
  it('run once per request, not once per widget', async () => {
    // A restricted analyst: the dataset is shared with them, its data source is not; the filter's
    // query reads another data source they may use.
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    await content.share('DATASET', datasetId, { user: analyst });
    const lookup = await content.warehouseSource(t.admin, [schema]);
    await content.share('DATA_SOURCE', lookup.id, { user: analyst });
    const group = await kit.addGroup(t.tenant, `Lookup ${uuidv7().slice(-6)}`, [analyst]);
    const dashboard = await content.dashboard({ owner: t.admin, title: 'Lookup' });
    await addWidgets(dashboard.id, 3);
    const code = `- if_group: ${group.name}\n  ds_id: ${lookup.id}\n  query: select country from ${schema}.sales where country <> 'Japan'`;
    // Saved by an admin, so its query entry runs (for everyone it applies to).
    const saved = await kit.gql(
      AddFilter,
      {
        input: {
          dashboardId: globalId('Dashboard', dashboard.id),
          datasetId: globalId('Dataset', datasetId),
          type: 'DROPDOWN',
          field: 'sales.country',
          permissions: code,
        },
      },
      { token: t.admin.token },
    );
    expect(saved.errors).toBeUndefined();
    const { result, hits } = await countHits(() => kit.gql(DashboardData, { id: globalId('Dashboard', dashboard.id) }, { token: analyst.token }));
    expect(result.errors).toBeUndefined();
    // Japan is not permitted: two countries in each widget.
    expect(result.data?.dashboard?.widgets.map((w) => w.data?.rowCount)).toEqual([2, 2, 2]);
    expect(hits).toBe(3 + 1);
  });
});
