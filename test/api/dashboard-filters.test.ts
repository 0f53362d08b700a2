import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Data = graphql(`
  query DashFiltersData($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) { widgets { data(filters: $filters) { rows } } }
  }
`);
const Options = graphql(`query DashFiltersOptions($id: ID!) { dashboard(id: $id) { filters { id options } } }`);
const Update = graphql(`
  mutation DashFiltersUpdate($input: UpdateDashboardFilterInput!) { updateDashboardFilter(input: $input) { id label permissions } }
`);
const Delete = graphql(`mutation DashFiltersDelete($id: ID!) { deleteDashboardFilter(id: $id) }`);

let kit: TestKit;
let t: SeededTenant;
let schema: string;
let datasetId: string;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  schema = (
    await kit.warehouse(
      (schema) => `
    create table ${schema}.events (id int primary key, sold_at timestamptz, day date, country text);
    insert into ${schema}.events values
      (1, '2024-02-29T12:00:00Z', '2024-02-29', 'c001'),
      (2, '2024-03-01T00:30:00Z', '2024-03-01', 'c002'),
      (3, '2024-03-31T23:30:00Z', '2024-03-31', 'c003'),
      (4, '2024-04-01T00:30:00Z', '2024-04-01', 'c004');
    insert into ${schema}.events select 100 + g, '2023-01-01', '2023-01-01', 'c' || lpad(g::text, 3, '0') from generate_series(5, 299) g;`,
      { prefix: 'dfl' },
    )
  ).schema;
  const source = await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema]);
  datasetId = uuidv7();
  const fields = [
    { name: 'id', column: 'id', type: 'NUMBER' },
    { name: 'sold_at', column: 'sold_at', type: 'TIMESTAMP' },
    { name: 'day', column: 'day', type: 'DATE' },
    { name: 'country', column: 'country', type: 'STRING' },
  ];
  await sql(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
     values (?, ?, ?, 'dfl', 'dfl', ?, ?, '[]', 1, now(), now())`,
    [
      datasetId,
      t.tenant.id,
      source.id,
      t.admin.id,
      JSON.stringify({ models: [{ name: 'events', table: `${schema}.events`, fields }], relationships: [], calculations: [] }),
    ],
  );
  await contentBuilders(kit, t.tenant).share('DATASET', datasetId, { user: t.analyst });
  await contentBuilders(kit, t.tenant).share('DATASET', datasetId, { user: t.explorer });
});
afterAll(async () => {
  await kit?.close();
});

/** A shared dashboard with one widget listing event ids, and one filter. */
async function board(
  filter: { type: 'DROPDOWN' | 'DATE'; field: string; permissions: string | null },
  spec: { owner?: SeededUser; workspace?: 'TEAM' | 'PERSONAL'; locked?: boolean } = {},
) {
  const owner = spec.owner ?? t.admin;
  const dashboard = await contentBuilders(kit, t.tenant).dashboard({ owner, workspace: spec.workspace, locked: spec.locked });
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'Events', ?, 0, now(), now())`,
    [uuidv7(), t.tenant.id, dashboard.id, datasetId, owner.id, JSON.stringify({ dimensions: ['events.id'], sort: [{ field: 'events.id', direction: 'ASC' }] })],
  );
  const filterId = uuidv7();
  await sql(
    `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at) values (?, ?, ?, ?, ?, 'F', ?, ?, now())`,
    [filterId, t.tenant.id, dashboard.id, datasetId, filter.type, filter.field, filter.permissions],
  );
  await contentBuilders(kit, t.tenant).share('DASHBOARD', dashboard.id, 'all');
  return { dashboardId: globalId('Dashboard', dashboard.id), filterId: globalId('DashboardFilter', filterId) };
}

const ids = async (user: SeededUser, b: { dashboardId: string; filterId: string }, values?: unknown[]) => {
  const res = await kit.gql(Data, { id: b.dashboardId, filters: values ? [{ filterId: b.filterId, values }] : undefined }, { token: user.token });
  if (res.errors) return res.errors;
  return (res.data?.dashboard?.widgets[0]?.data?.rows ?? []).map((r) => Number(r[0])).filter((id) => id < 100);
};

const SINGAPORE_MARCH = "- if_group: Singapore\n  then_date_min: '2024-03-01'\n  then_date_max: 2024-03-31";

describe('date filter permissions', () => {
  it('clamp a date-time field as instants: an offset never widens the range, and the last day counts whole', async () => {
    const singapore = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.addGroup(t.tenant, `Singapore`, [singapore]);
    const b = await board({ type: 'DATE', field: 'events.sold_at', permissions: SINGAPORE_MARCH });
    expect(await ids(singapore, b)).toEqual([2, 3]);
    // 2024-03-01T00:00+14:00 is 2024-02-29T10:00Z: as text it sorts after the bound, as an instant before it.
    expect(await ids(singapore, b, ['2024-03-01T00:00:00+14:00', null])).toEqual([2, 3]);
    // 2024-04-01T03:00+05:00 is 2024-03-31T22:00Z, inside the range.
    expect(await ids(singapore, b, [null, '2024-04-01T03:00:00+05:00'])).toEqual([2]);
    expect(await ids(singapore, b, ['2024-03-15', null])).toEqual([3]);
    expect(await ids(singapore, b, ['2024-01-01', '2024-12-31'])).toEqual([2, 3]);
  });

  it('clamp a date field as dates', async () => {
    const singapore = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await sql(
      `insert into group_memberships (id, tenant_id, group_id, user_id, created_at) select ?, ?, id, ?, now() from groups where tenant_id = ? and name = 'Singapore'`,
      [uuidv7(), t.tenant.id, singapore.id, t.tenant.id],
    );
    const b = await board({ type: 'DATE', field: 'events.day', permissions: SINGAPORE_MARCH });
    expect(await ids(singapore, b)).toEqual([2, 3]);
    expect(await ids(singapore, b, [null, '2024-03-30'])).toEqual([2]);
    expect(await ids(singapore, b, ['2024-03-01T00:00:00+14:00', null])).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/from must be a date, YYYY-MM-DD, or null/) },
    ]);
  });

  it('restrict only the viewers they match: everyone else keeps the dates they choose, open at either end', async () => {
    const elsewhere = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const b = await board({ type: 'DATE', field: 'events.sold_at', permissions: SINGAPORE_MARCH });
    expect(await ids(elsewhere, b)).toEqual([1, 2, 3, 4]);
    expect(await ids(elsewhere, b, ['2024-04-01', null])).toEqual([4]);
    expect(await ids(elsewhere, b, [null, '2024-02-29'])).toEqual([1]);
  });

  it('a null is refused for dropdown values, with a clear error', async () => {
    const b = await board({ type: 'DROPDOWN', field: 'events.country', permissions: null });
    expect(await ids(t.viewer, b, ['c002'])).toEqual([2]);
    expect(await ids(t.viewer, b, ['c002', null])).toMatchObject([
      { extensions: { code: 'BAD_USER_INPUT', field: 'filters[0].values' }, message: expect.stringMatching(/^Value 2 is null/) },
    ]);
  });
});

describe('dropdown options', () => {
  it('offer a permitted value that sorts beyond the first 200 distinct values', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.addGroup(t.tenant, 'Late', [viewer]);
    const b = await board({ type: 'DROPDOWN', field: 'events.country', permissions: '- if_group: Late\n  then_value: [c250, c002, nowhere]' });
    const res = await kit.gql(Options, { id: b.dashboardId }, { token: viewer.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.dashboard?.filters[0]?.options).toEqual(['c002', 'c250']);
  });
});

describe('updateDashboardFilter and deleteDashboardFilter', () => {
  const code = '- if_group: Sales\n  then_value: [c001]';

  it('update: an editor fixes the permission code and the label; a viewer and a non-owner of a locked dashboard may not', async () => {
    const b = await board({ type: 'DROPDOWN', field: 'events.country', permissions: '- if_group: Sales\n  then_value: [c999]' });
    const fixed = await kit.gql(Update, { input: { id: b.filterId, label: 'Country', permissions: code } }, { token: t.analyst.token });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data?.updateDashboardFilter).toEqual({ id: b.filterId, label: 'Country', permissions: code });

    const invalid = await kit.gql(Update, { input: { id: b.filterId, permissions: '- if_group: Sales\n  then_values: x' } }, { token: t.analyst.token });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.permissions' });
    expect(invalid.errors?.[0]?.message).toMatch(/^line 2: unknown key 'then_values'/);

    const byViewer = await kit.gql(Update, { input: { id: b.filterId, label: 'Mine' } }, { token: t.viewer.token });
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const locked = await board({ type: 'DROPDOWN', field: 'events.country', permissions: code }, { locked: true });
    const onLocked = await kit.gql(Update, { input: { id: locked.filterId, label: 'Mine' } }, { token: t.analyst.token });
    expect(onLocked.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await kit.gql(Update, { input: { id: locked.filterId, label: 'Admin' } }, { token: t.admin.token });
    expect(byAdmin.data?.updateDashboardFilter?.label).toBe('Admin');
  });

  it('update: an explorer owner may edit on their own dashboard, not on someone else’s', async () => {
    const own = await board({ type: 'DROPDOWN', field: 'events.country', permissions: null }, { owner: t.explorer, workspace: 'PERSONAL' });
    const allowed = await kit.gql(Update, { input: { id: own.filterId, permissions: code } }, { token: t.explorer.token });
    expect(allowed.errors).toBeUndefined();
    const other = await board({ type: 'DROPDOWN', field: 'events.country', permissions: null });
    const denied = await kit.gql(Update, { input: { id: other.filterId, permissions: code } }, { token: t.explorer.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('delete: an editor removes a filter; a viewer and a non-owner of a locked dashboard may not', async () => {
    const b = await board({ type: 'DROPDOWN', field: 'events.country', permissions: code });
    const byViewer = await kit.gql(Delete, { id: b.filterId }, { token: t.viewer.token });
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const locked = await board({ type: 'DROPDOWN', field: 'events.country', permissions: code }, { locked: true });
    const onLocked = await kit.gql(Delete, { id: locked.filterId }, { token: t.analyst.token });
    expect(onLocked.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const deleted = await kit.gql(Delete, { id: b.filterId }, { token: t.analyst.token });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteDashboardFilter).toBe(true);
    const res = await kit.gql(Options, { id: b.dashboardId }, { token: t.analyst.token });
    expect(res.data?.dashboard?.filters).toEqual([]);
    const again = await kit.gql(Delete, { id: b.filterId }, { token: t.analyst.token });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
