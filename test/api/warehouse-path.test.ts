import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { datasetById } from '../../src/modules/dataset/dataset.service.ts';
import { executeQuery } from '../../src/modules/dataset/dataset.query.ts';
import { graphql } from '../generated/gql.ts';
import type { DatasetQueryInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Run = graphql(`query WarehouseRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }`);
const CreateDataset = graphql(`mutation WarehouseCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`);
const UpdateSource = graphql(`mutation WarehouseUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id schemas port } }`);
const WidgetRows = graphql(`query WarehouseWidgetRows($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }`);

let kit: TestKit;
let t: SeededTenant;
let schema: string;
let explorer: SeededUser;
const password = decodeURIComponent(new URL(inject('databaseUrl')).password);
const byCountry: DatasetQueryInput = {
  dimensions: ['orders.country'],
  measures: [{ field: 'orders.amount', aggregation: 'SUM' }],
  sort: [{ field: 'orders.country' }],
};
const EXPECTED = [
  ['France', 30],
  ['Japan', 15],
];

const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);
const uuidOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const fixedMessage = (res: GraphQLResponse<unknown>, requestId: string) => {
  expect(res.errors?.[0]?.message).toBe(`The data source could not answer this request (request ${requestId})`);
  expect(res.errors?.[0]?.extensions).toMatchObject({ requestId });
};

/** A data source on the test database reading `schemas`, and a dataset on it shared with the explorer. */
async function warehouse(schemas = [schema]) {
  const source = await contentBuilders(kit, t.tenant).warehouseSource(t.admin, schemas);
  const field = (name: string, type: 'NUMBER' | 'STRING') => ({ name, column: name, type });
  const created = await kit.gql(
    CreateDataset,
    {
      input: {
        name: `Warehouse ${uuidv7().slice(-8)}`,
        dataSourceId: globalId('DataSource', source.id),
        models: [
          { name: 'orders', table: `${schema}.orders`, fields: [field('id', 'NUMBER'), field('country', 'STRING'), field('amount', 'NUMBER')] },
          { name: 'gone', table: `${schema}.gone`, fields: [field('id', 'NUMBER')] },
        ],
        relationships: [],
        calculations: [],
      },
    },
    { token: t.admin.token },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  const datasetId = created.data!.createDataset!.id;
  await contentBuilders(kit, t.tenant).share('DATASET', uuidOf(datasetId), { user: explorer });
  return { sourceId: globalId('DataSource', source.id), datasetId };
}
const query = (datasetId: string, input: DatasetQueryInput, who: SeededUser, requestId = randomUUID()) =>
  kit.gql(Run, { id: datasetId, input }, { token: who.token, headers: { 'x-request-id': requestId } });

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => server.close(() => resolve(port)));
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
  schema = (
    await kit.warehouse(
      (schema) => `
    create table ${schema}.orders (id int primary key, country text, amount numeric(12, 2));
    insert into ${schema}.orders values (1, 'France', 10), (2, 'France', 20), (3, 'Japan', 15);`,
      { prefix: 'wp' },
    )
  ).schema;
});
afterAll(async () => {
  await kit?.close();
});

describe('warehouse errors', () => {
  it('a missing relation: the explorer gets a fixed message with the request id, the admin the driver’s words, the log keeps them', async () => {
    const { datasetId } = await warehouse();
    const input = { dimensions: ['gone.id'] };
    const requestId = randomUUID();
    const denied = await query(datasetId, input, explorer, requestId);
    expect(denied.data?.dataset?.query).toBeUndefined();
    fixedMessage(denied, requestId);
    expect(denied.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(JSON.stringify(denied.errors)).not.toContain(schema);
    expect(kit.logs.some((line) => line.includes(requestId) && line.includes(`relation \\"${schema}.gone\\" does not exist`))).toBe(true);
    const admin = await query(datasetId, input, t.admin);
    expect(admin.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(admin.errors?.[0]?.message).toContain(`relation "${schema}.gone" does not exist`);
    // What works keeps working for both.
    expect((await query(datasetId, byCountry, explorer)).data?.dataset?.query?.rows).toEqual(EXPECTED);
  });

  it('a connection failure names no host or port to the explorer; the admin learns why', async () => {
    const { sourceId, datasetId } = await warehouse();
    const port = await closedPort();
    await sql('update data_sources set host = ?, port = ? where id = ?', ['127.0.0.1', port, uuidOf(sourceId)]);
    const requestId = randomUUID();
    const denied = await query(datasetId, byCountry, explorer, requestId);
    fixedMessage(denied, requestId);
    // Unreachable for now (not a wrong setting): UNAVAILABLE, and the response is still a 200.
    expect(denied.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(denied.status).toBe(200);
    expect(JSON.stringify(denied.errors)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|refused`));
    const admin = await query(datasetId, byCountry, t.admin);
    expect(admin.errors?.[0]?.message).toBe('Could not connect to the data source: the connection was refused');
    expect(admin.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  });
});

describe('the schema allowlist at compile time', () => {
  it('narrowing it stops the next query, naming the schema; widening it again lets queries through', async () => {
    const { sourceId, datasetId } = await warehouse([schema, 'other']);
    expect((await query(datasetId, byCountry, t.admin)).data?.dataset?.query?.rows).toEqual(EXPECTED);
    expect((await kit.gql(UpdateSource, { input: { id: sourceId, schemas: ['other'] } }, { token: t.admin.token })).errors).toBeUndefined();
    const refused = await query(datasetId, byCountry, t.admin);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(`reads schema "${schema}", which its data source does not allow`);
    const requestId = randomUUID();
    fixedMessage(await query(datasetId, byCountry, explorer, requestId), requestId);
    await kit.gql(UpdateSource, { input: { id: sourceId, schemas: [schema] } }, { token: t.admin.token });
    expect((await query(datasetId, byCountry, explorer)).data?.dataset?.query?.rows).toEqual(EXPECTED);
  });
});

describe('the result cache and the data source', () => {
  it('a re-pointed data source never serves the rows cached before', async () => {
    const { sourceId, datasetId } = await warehouse();
    const dashboard = await contentBuilders(kit, t.tenant).dashboard({ owner: t.admin, title: 'Cached' });
    await sql('update dashboards set cache_ttl_seconds = 600 where id = ?', [dashboard.id]);
    await sql(
      `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
       values (?, ?, ?, ?, ?, 'By country', ?, 0, now(), now())`,
      [uuidv7(), t.tenant.id, dashboard.id, uuidOf(datasetId), t.admin.id, JSON.stringify(byCountry)],
    );
    const rows = async () => {
      const res = await kit.gql(WidgetRows, { id: globalId('Dashboard', dashboard.id) }, { token: t.admin.token });
      return { rows: res.data?.dashboard?.widgets[0]?.data?.rows, errors: res.errors };
    };
    const before = kit.deps.resultCache.size;
    expect((await rows()).rows).toEqual(EXPECTED);
    expect(kit.deps.resultCache.size).toBe(before + 1);
    // Re-pointed (with the password, as required) to a port where nothing listens: no cached rows, an error.
    const moved = await kit.gql(UpdateSource, { input: { id: sourceId, port: await closedPort(), password } }, { token: t.admin.token });
    expect(moved.errors).toBeUndefined();
    const after = await rows();
    expect(after.rows).toBeUndefined();
    expect(after.errors?.[0]?.message).toBe('Could not connect to the data source: the connection was refused');
  });
});

describe('the compile cache', () => {
  it('a call without access information gets the rules, even after an unrestricted call compiled the same query', async () => {
    const { datasetId } = await warehouse();
    await sql(`update datasets set permission_rules = ? where id = ?`, [
      JSON.stringify([{ field: 'orders.country', operator: 'IS', values: ['Japan'] }]),
      uuidOf(datasetId),
    ]);
    const ctx = { em: kit.orm.em.fork(), deps: kit.deps, logger: kit.deps.logger, metadata: undefined };
    // One dataset object for both calls: the compile cache is keyed by it.
    const dataset = (await datasetById(ctx, t.tenant.id, uuidOf(datasetId)))!;
    expect((await executeQuery(ctx, dataset, byCountry, { restricted: false })).rows).toEqual(EXPECTED);
    expect((await executeQuery(ctx, dataset, byCountry, undefined as never)).rows).toEqual([['Japan', 15]]);
  });
});
