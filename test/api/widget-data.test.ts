import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const WidgetData = graphql(`
  query WidgetDataRun($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) {
      title
      widgets { title data(filters: $filters) { rows missingAttributes } }
      filters { id options }
    }
  }
`);

let kit: TestKit;
let t: SeededTenant;
let client: pg.Client;
let schema: string;
let dashboardId: string;
let filterId: string;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

async function setCountry(user: SeededUser, mode: 'MANUAL' | 'ALL', values: string[], attributeId: string) {
  await sql('delete from user_attribute_values where user_id = ?', [user.id]);
  await sql(
    `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())`,
    [uuidv7(), t.tenant.id, user.id, attributeId, mode, JSON.stringify(values)],
  );
}

let attributeId: string;
const totals = async (user: SeededUser, filters?: { filterId: string; values: unknown[] }[]) => {
  const res = await kit.gql(WidgetData, { id: globalId('Dashboard', dashboardId), filters }, { token: user.token });
  return res;
};
const rowsOf = (res: Awaited<ReturnType<typeof totals>>) =>
  Object.fromEntries((res.data?.dashboard?.widgets[0]?.data?.rows ?? []).map((r) => [String(r[0]), Number(r[1])]));

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema, client } = await kit.warehouse(
    (schema) => `
    create table ${schema}.sales (id int primary key, country text, amount numeric(12, 2));
    insert into ${schema}.sales select g, (array['France', 'Germany', 'Japan'])[g % 3 + 1], g from generate_series(1, 30) g;`,
    { prefix: 'wd' },
  ));
  const sourceId = (await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema])).id;
  const datasetId = uuidv7();
  const definition = {
    models: [
      {
        name: 'sales',
        table: `${schema}.sales`,
        fields: [
          { name: 'id', column: 'id', type: 'NUMBER' },
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
     values (?, ?, ?, 'wd', 'wd', ?, ?, ?, 1, now(), now())`,
    [
      datasetId,
      t.tenant.id,
      sourceId,
      t.admin.id,
      JSON.stringify(definition),
      JSON.stringify([{ field: 'sales.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }]),
    ],
  );
  attributeId = uuidv7();
  await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'country', 'STRING', now(), now())`, [
    attributeId,
    t.tenant.id,
  ]);
  const dashboard = await contentBuilders(kit, t.tenant).dashboard({ owner: t.admin, title: 'Sales' });
  dashboardId = dashboard.id;
  await sql(`update dashboards set cache_ttl_seconds = 60 where id = ?`, [dashboardId]);
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'By country', ?, 0, now(), now())`,
    [
      uuidv7(),
      t.tenant.id,
      dashboardId,
      datasetId,
      t.admin.id,
      JSON.stringify({
        dimensions: ['sales.country'],
        measures: [{ field: 'sales.amount', aggregation: 'SUM' }],
        sort: [{ field: 'sales.country', direction: 'ASC' }],
      }),
    ],
  );
  const filter = uuidv7();
  filterId = globalId('DashboardFilter', filter);
  await sql(
    `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at)
     values (?, ?, ?, ?, 'DROPDOWN', 'Country', 'sales.country', ?, now())`,
    [filter, t.tenant.id, dashboardId, datasetId, '- if_group: Europe\n  then_value: [France, Germany]\n- if_group: Asia\n  then_value: [Japan]'],
  );
  await contentBuilders(kit, t.tenant).share('DASHBOARD', dashboardId, 'all');
});
afterAll(async () => {
  await kit?.close();
});

const reference = async (countries: string[]) =>
  Object.fromEntries(
    (await client.query(`select country, sum(amount)::float as total from ${schema}.sales where country = any($1) group by country`, [countries])).rows.map(
      (r) => [r.country, r.total],
    ),
  );

describe('Widget.data', () => {
  it('applies row-level permission from the viewer’s attributes, and the filter permission', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const europe = await kit.addGroup(t.tenant, 'Europe', [viewer]);
    expect(europe.name).toBe('Europe');
    await setCountry(viewer, 'ALL', [], attributeId);
    const res = await totals(viewer);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(rowsOf(res)).toEqual(await reference(['France', 'Germany']));
    expect(res.data?.dashboard?.filters[0]?.options).toEqual(['France', 'Germany']);
  });

  it('a second load of the dashboard reads neither the dataset nor the viewer’s session, grants or attributes again', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await setCountry(viewer, 'MANUAL', ['France'], attributeId);
    const unquoted = (statements: string[]) => statements.map((sql) => sql.replaceAll('"', ''));
    const first = await kit.countStatements(() => totals(viewer));
    expect(first.result.errors, JSON.stringify(first.result.errors)).toBeUndefined();
    const cached = ['from sessions', 'from datasets', 'from data_sources', "resource_type in ('DATASET', 'DATA_SOURCE')", 'user_attribute_values'];
    for (const marker of cached)
      expect(
        unquoted(first.statements).some((sql) => sql.includes(marker)),
        marker,
      ).toBe(true);
    const second = await kit.countStatements(() => totals(viewer));
    expect(rowsOf(second.result)).toEqual(rowsOf(first.result));
    for (const marker of cached)
      expect(
        unquoted(second.statements).filter((sql) => sql.includes(marker)),
        marker,
      ).toEqual([]);
    expect(second.statements.length).toBeLessThan(first.statements.length);
  });

  it('clamps client-sent filter values to the permitted set, whatever the client sends', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.orm.em
      .fork()
      .execute(
        `insert into group_memberships (id, tenant_id, group_id, user_id, created_at) select ?, ?, id, ?, now() from groups where tenant_id = ? and name = 'Europe'`,
        [uuidv7(), t.tenant.id, viewer.id, t.tenant.id],
      );
    await setCountry(viewer, 'ALL', [], attributeId);
    expect(rowsOf(await totals(viewer, [{ filterId, values: ['France'] }]))).toEqual(await reference(['France']));
    expect(rowsOf(await totals(viewer, [{ filterId, values: ['Japan'] }]))).toEqual({});
    expect(rowsOf(await totals(viewer, [{ filterId, values: ['Japan', 'Germany'] }]))).toEqual(await reference(['Germany']));
  });

  it('fails closed: no matching filter entry, or a missing attribute, gives no rows', async () => {
    const outsider = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await setCountry(outsider, 'ALL', [], attributeId);
    const noGroup = await totals(outsider);
    expect(rowsOf(noGroup)).toEqual({});
    expect(noGroup.data?.dashboard?.filters[0]?.options).toEqual([]);

    const noAttribute = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.orm.em
      .fork()
      .execute(
        `insert into group_memberships (id, tenant_id, group_id, user_id, created_at) select ?, ?, id, ?, now() from groups where tenant_id = ? and name = 'Europe'`,
        [uuidv7(), t.tenant.id, noAttribute.id, t.tenant.id],
      );
    const res = await totals(noAttribute);
    expect(rowsOf(res)).toEqual({});
    expect(res.data?.dashboard?.widgets[0]?.data?.missingAttributes).toEqual(['country']);
  });

  it('never serves one viewer rows cached for another’s predicates within the TTL', async () => {
    const [a, b] = [await kit.addUser(t.tenant, { role: 'VIEWER' }), await kit.addUser(t.tenant, { role: 'VIEWER' })];
    for (const user of [a, b]) {
      await kit.orm.em
        .fork()
        .execute(
          `insert into group_memberships (id, tenant_id, group_id, user_id, created_at) select ?, ?, id, ?, now() from groups where tenant_id = ? and name = 'Europe'`,
          [uuidv7(), t.tenant.id, user.id, t.tenant.id],
        );
    }
    await setCountry(a, 'MANUAL', ['France'], attributeId);
    await setCountry(b, 'MANUAL', ['Germany'], attributeId);
    const first = rowsOf(await totals(a));
    expect(first).toEqual(await reference(['France']));
    // New warehouse rows: A's repeat is served from the cache (same SQL and values), B computes afresh.
    await client.query(`insert into ${schema}.sales values (1001, 'France', 1000), (1002, 'Germany', 1000)`);
    expect(rowsOf(await totals(a))).toEqual(first);
    expect(rowsOf(await totals(b))).toEqual(await reference(['Germany']));
    expect(rowsOf(await totals(b))).not.toHaveProperty('France');
  });

  it('an analyst without the data shared sees the dashboard but gets FORBIDDEN on data; admins are unrestricted', async () => {
    const res = await totals(t.analyst);
    expect(res.data?.dashboard?.title).toBe('Sales');
    expect(res.data?.dashboard?.widgets[0]?.data).toBeNull();
    expect(res.errors?.find((e) => e.path?.includes('data'))?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.dashboard?.filters[0]?.options).toBeNull();
    expect(res.errors?.find((e) => e.path?.includes('options'))?.extensions?.code).toBe('FORBIDDEN');
    const admin = await totals(t.admin);
    expect(Object.keys(rowsOf(admin)).sort()).toEqual(['France', 'Germany', 'Japan']);
  });
});
