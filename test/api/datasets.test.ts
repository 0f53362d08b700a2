import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from '../../src/modules/dashboard/dashboard.entity.ts';
import { DataSource } from '../../src/modules/data-source/data-source.entity.ts';
import type { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import { graphql } from '../generated/gql.ts';
import type { CreateDatasetInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(
  `mutation DatasetsCreate($input: CreateDatasetInput!) { createDataset(input: $input) { id name version dataSource { id name } owner { id } } }`,
);
const Update = graphql(
  `mutation DatasetsUpdate($input: UpdateDatasetInput!) { updateDataset(input: $input) { id name version calculations { name expression } } }`,
);
const Delete = graphql(`mutation DatasetsDelete($id: ID!) { deleteDataset(id: $id) }`);
const Share = graphql(`mutation DatasetsShare($input: ShareInput!) { share(input: $input) { granteeType } }`);
const Read = graphql(`
  query DatasetsRead($id: ID!) {
    dataset(id: $id) {
      id name version createdAt updatedAt dataSource { id name } owner { id name }
      models { name table fields { name type column } }
      relationships { from to }
      calculations { name expression }
      shares { granteeType user { id } }
      viewerCan { explore manage seeDefinition }
    }
  }
`);
const List = graphql(`
  query DatasetsList($first: Int, $after: String) {
    datasets(first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } }
  }
`);
const ListForCount = graphql(`query DatasetsListForCount { datasets(first: 50) { edges { node { name owner { name } viewerCan { explore } } } } }`);
const Node = graphql(`query DatasetsNode($id: ID!) { node(id: $id) { id ... on Dataset { name } } }`);

const MISSING = globalId('Dataset', '01900000-0000-7000-8000-000000000000');

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;
const u: Record<string, SeededUser> = {};
const ids: Record<string, string> = {};
let sourceA: DataSource;
let sourceB: DataSource;

const gql: TestKit['gql'] = (doc, vars, opts) => kit.gql(doc, vars, opts);
const sql = <T extends object>(query: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(query, params);
const rawOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) => {
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
};

async function addSource(tenant: Tenant, owner: SeededUser, name: string): Promise<DataSource> {
  const em = kit.orm.em.fork();
  const source = em.create(DataSource, {
    tenant: tenant.id,
    name,
    nameKey: name.toLowerCase(),
    host: 'db.example.com',
    port: 5432,
    database: 'shop',
    username: 'reader',
    passwordCiphertext: 'x',
    schemas: ['public', 'sales'],
    owner: owner.id,
  });
  await em.flush();
  return source;
}

const input = (name: string, source: { id: string } = sourceA, over: Partial<CreateDatasetInput> = {}): CreateDatasetInput => ({
  name,
  dataSourceId: globalId('DataSource', source.id),
  models: [
    {
      name: 'orders',
      table: 'sales.orders',
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'amount', column: 'amount_cents', type: 'NUMBER' },
        { name: 'merchant_id', column: 'merchant_id', type: 'NUMBER' },
        { name: 'created_at', column: 'created_at', type: 'TIMESTAMP' },
      ],
    },
    {
      name: 'merchants',
      table: 'public.merchants',
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'name', column: 'Name', type: 'STRING' },
      ],
    },
  ],
  relationships: [{ from: 'orders.merchant_id', to: 'merchants.id' }],
  calculations: [
    { name: 'revenue', expression: 'SUM(orders.amount) / 100' },
    { name: 'aov', expression: 'ROUND(SUM(orders.amount) / COUNT_DISTINCT(orders.id), 2)' },
  ],
  ...over,
});

async function create(who: SeededUser, vars: CreateDatasetInput): Promise<string> {
  const res = await gql(Create, { input: vars }, { token: who.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createDataset!.id;
}

const listed = async (who: SeededUser) => (await gql(List, { first: 100 }, { token: who.token })).data?.datasets?.edges.map((e) => e.node.id).sort();

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
  const content = contentBuilders(kit, t.tenant);
  for (const [key, role] of [
    ['analystDataset', 'ANALYST'],
    ['analystNone', 'ANALYST'],
    ['analystWhitelist', 'ANALYST'],
    ['explorerNone', 'EXPLORER'],
    ['explorerBlacklist', 'EXPLORER'],
    ['explorerShareTarget', 'EXPLORER'],
  ] as const) {
    u[key] = await kit.addUser(t.tenant, { role });
  }
  sourceA = await addSource(t.tenant, t.admin, 'Warehouse A');
  sourceB = await addSource(t.tenant, t.admin, 'Warehouse B');
  // The analyst gets data source A through a group; the whitelisted analyst directly.
  const analysts = await kit.addGroup(t.tenant, 'Analysts', [t.analyst]);
  await content.share('DATA_SOURCE', sourceA.id, { groupId: analysts.id });
  await content.share('DATA_SOURCE', sourceA.id, { user: u.analystWhitelist! });
  ids.a = await create(t.admin, input('Orders'));
  ids.b = await create(t.admin, input('Inventory', sourceB));
  ids.c = await create(t.admin, input('Marketing'));
  for (const user of [u.analystDataset!, t.explorer, t.viewer, u.explorerBlacklist!]) await content.share('DATASET', rawOf(ids.a), { user });
  await content.share('DATASET', rawOf(ids.c), { user: u.explorerBlacklist! });
  await sql(`update users set dataset_access_mode = 'BLACKLIST' where id = ?`, [u.explorerBlacklist!.id]);
  await sql(`update users set dataset_access_mode = 'WHITELIST' where id = ?`, [u.analystWhitelist!.id]);
  await sql(
    `insert into user_dataset_access (id, tenant_id, user_id, dataset_id, level) values (gen_random_uuid(), ?, ?, ?, 'READ'), (gen_random_uuid(), ?, ?, ?, 'READ')`,
    [t.tenant.id, u.explorerBlacklist!.id, rawOf(ids.a), t.tenant.id, u.analystWhitelist!.id, rawOf(ids.c)],
  );
});
afterAll(() => kit.close());

describe('visibility: list and by id', () => {
  const cases = (): [string, SeededUser, string[]][] => [
    ['ADMIN sees all', t.admin, ['a', 'b', 'c']],
    ['ANALYST with the data source shared (via a group)', t.analyst, ['a', 'c']],
    ['ANALYST with only a dataset share', u.analystDataset!, ['a']],
    ['ANALYST with nothing shared', u.analystNone!, []],
    ['EXPLORER with a dataset share', t.explorer, ['a']],
    ['EXPLORER with nothing shared', u.explorerNone!, []],
    ['VIEWER, even with a dataset share', t.viewer, []],
    ['BLACKLIST beats a share', u.explorerBlacklist!, ['c']],
    ['WHITELIST shows only listed datasets', u.analystWhitelist!, ['c']],
  ];
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8])('case %i', async (i) => {
    const [label, who, visible] = cases()[i]!;
    expect(await listed(who), label).toEqual(visible.map((k) => ids[k]!).sort());
    for (const key of ['a', 'b', 'c']) {
      const res = await gql(Read, { id: ids[key]! }, { token: who.token });
      const node = await gql(Node, { id: ids[key]! }, { token: who.token });
      if (visible.includes(key)) {
        expect(res.data?.dataset?.id, `${label} ${key}`).toBe(ids[key]);
        expect(node.data?.node?.id).toBe(ids[key]);
      } else {
        expect(res.data?.dataset, `${label} ${key}`).toBeNull();
        expectError(res, 'NOT_FOUND');
        expect(res.errors?.[0]?.message).toBe('Dataset not found');
        expectError(node, 'NOT_FOUND');
      }
    }
  });

  it('other tenants get NOT_FOUND exactly like a missing id, for reads and writes', async () => {
    const missing = await gql(Read, { id: MISSING }, { token: other.admin.token });
    const foreign = await gql(Read, { id: ids.a! }, { token: other.admin.token });
    expect(foreign.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expectError(foreign, 'NOT_FOUND');
    expect(await listed(other.admin)).toEqual([]);
    expectError(await gql(Update, { input: { id: ids.a!, name: 'Stolen' } }, { token: other.admin.token }), 'NOT_FOUND');
    expectError(await gql(Delete, { id: ids.a! }, { token: other.admin.token }), 'NOT_FOUND');
    expectError(await gql(Read, { id: 'not-a-global-id' }, { token: t.admin.token }), 'NOT_FOUND');
    const foreignSource = await gql(Create, { input: input('Foreign', sourceA) }, { token: other.admin.token });
    const missingSource = await gql(Create, { input: input('Foreign', { id: '01900000-0000-7000-8000-000000000000' }) }, { token: other.admin.token });
    expectError(foreignSource, 'BAD_USER_INPUT', 'input.dataSourceId');
    expect(foreignSource.errors?.[0]?.message).toBe(missingSource.errors?.[0]?.message);
  });

  it('anonymous callers get 401', async () => {
    const res = await gql(List, { first: 1 });
    expect(res.status).toBe(401);
    expectError(res, 'UNAUTHENTICATED');
  });
});

describe('field-level definitions, shares and viewerCan', () => {
  const definitionErrors = (res: GraphQLResponse<unknown>) =>
    (res.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN')
      .map((e) => e.path?.slice(1).join('.'))
      .sort();

  it('the admin reads everything', async () => {
    const res = await gql(Read, { id: ids.a! }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    const d = res.data!.dataset!;
    expect(d).toMatchObject({
      name: 'Orders',
      version: 1,
      owner: { id: t.admin.globalId },
      dataSource: { id: globalId('DataSource', sourceA.id), name: 'Warehouse A' },
      relationships: [{ from: 'orders.merchant_id', to: 'merchants.id' }],
      calculations: [{ name: 'revenue', expression: 'SUM(orders.amount) / 100' }, { name: 'aov' }],
      viewerCan: { explore: true, manage: true, seeDefinition: true },
    });
    expect(d.models[0]).toEqual({
      name: 'orders',
      table: 'sales.orders',
      fields: expect.arrayContaining([{ name: 'amount', type: 'NUMBER', column: 'amount_cents' }]),
    });
    expect(d.shares?.map((s) => s.user?.id).sort()).toEqual([u.analystDataset!, t.explorer, t.viewer, u.explorerBlacklist!].map((x) => x.globalId).sort());
  });

  it('an EXPLORER with a dataset share explores it, but columns, expressions, relationships and shares are FORBIDDEN', async () => {
    const res = await gql(Read, { id: ids.a! }, { token: t.explorer.token });
    const d = res.data!.dataset!;
    expect(d.name).toBe('Orders');
    expect(d.models.map((m) => m.name)).toEqual(['orders', 'merchants']);
    expect(d.models[0]!.fields.every((f) => f.column === null && f.name && f.type)).toBe(true);
    expect(d.calculations).toEqual([
      { name: 'revenue', expression: null },
      { name: 'aov', expression: null },
    ]);
    expect(d.relationships).toBeNull();
    expect(d.shares).toBeNull();
    expect(d.viewerCan).toEqual({ explore: true, manage: false, seeDefinition: false });
    expect(definitionErrors(res)).toEqual(
      [
        'calculations.0.expression',
        'calculations.1.expression',
        ...[0, 1, 2, 3].map((i) => `models.0.fields.${i}.column`),
        ...[0, 1].map((i) => `models.1.fields.${i}.column`),
        'relationships',
        'shares',
      ].sort(),
    );
  });

  it('an ANALYST with only a dataset share sees definitions but may not update, delete or share it', async () => {
    const res = await gql(Read, { id: ids.a! }, { token: u.analystDataset!.token });
    expect(definitionErrors(res)).toEqual(['shares']);
    expect(res.data!.dataset!.calculations[0]!.expression).toBe('SUM(orders.amount) / 100');
    expect(res.data!.dataset!.viewerCan).toEqual({ explore: true, manage: false, seeDefinition: true });
    expectError(await gql(Update, { input: { id: ids.a!, name: 'Mine now' } }, { token: u.analystDataset!.token }), 'FORBIDDEN');
    expectError(await gql(Delete, { id: ids.a! }, { token: u.analystDataset!.token }), 'FORBIDDEN');
    const share = await gql(Share, { input: { resourceId: ids.a!, userIds: [u.explorerNone!.globalId] } }, { token: u.analystDataset!.token });
    expectError(share, 'FORBIDDEN');
    expect((await gql(Read, { id: ids.a! }, { token: t.admin.token })).data!.dataset!.name).toBe('Orders');
  });

  it('an ANALYST with the data source shared manages it: shares visible, viewerCan.manage', async () => {
    const res = await gql(Read, { id: ids.c! }, { token: t.analyst.token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.dataset!.viewerCan).toEqual({ explore: true, manage: true, seeDefinition: true });
    expect(res.data!.dataset!.shares).toEqual([{ granteeType: 'USER', user: { id: u.explorerBlacklist!.globalId } }]);
  });

  it('sharing a dataset through the share mutation makes it visible to the grantee', async () => {
    const target = u.explorerShareTarget!;
    expect(await listed(target)).toEqual([]);
    const res = await gql(Share, { input: { resourceId: ids.c!, userIds: [target.globalId] } }, { token: t.analyst.token });
    expect(res.errors).toBeUndefined();
    expect(await listed(target)).toEqual([ids.c]);
    expectError(await gql(Share, { input: { resourceId: ids.b!, userIds: [target.globalId] } }, { token: t.analyst.token }), 'NOT_FOUND');
  });
});

describe('createDataset, updateDataset, deleteDataset per role', () => {
  it('an ANALYST with the data source shared creates, updates and deletes (with audit events)', async () => {
    const id = await create(t.analyst, input('Analyst Made'));
    const updated = await gql(
      Update,
      { input: { id, name: 'Analyst Renamed', calculations: [{ name: 'orders_count', expression: 'COUNT(orders.id)' }] } },
      { token: t.analyst.token },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateDataset).toMatchObject({
      name: 'Analyst Renamed',
      version: 2,
      calculations: [{ name: 'orders_count', expression: 'COUNT(orders.id)' }],
    });
    const again = await gql(Update, { input: { id, relationships: [] } }, { token: t.analyst.token });
    expect(again.data!.updateDataset!.version).toBe(3);
    expect((await gql(Delete, { id }, { token: t.analyst.token })).data?.deleteDataset).toBe(id);
    expectError(await gql(Read, { id }, { token: t.analyst.token }), 'NOT_FOUND');
    const events = await sql<{ action: string; actor_id: string }>('select action, actor_id from audit_events where resource_id = ? order by id', [rawOf(id)]);
    expect(events).toEqual(['dataset.create', 'dataset.update', 'dataset.update', 'dataset.delete'].map((action) => ({ action, actor_id: t.analyst.id })));
  });

  it('an ANALYST may not build on a data source not shared with them (same answer as a missing one)', async () => {
    const res = await gql(Create, { input: input('On B', sourceB) }, { token: t.analyst.token });
    expectError(res, 'BAD_USER_INPUT', 'input.dataSourceId');
    expectError(await gql(Create, { input: input('On A', sourceA) }, { token: u.analystDataset!.token }), 'BAD_USER_INPUT', 'input.dataSourceId');
  });

  it('EXPLORER and VIEWER cannot create, update or delete datasets', async () => {
    for (const who of [t.explorer, t.viewer]) {
      const res = await gql(Create, { input: input(`By ${who.role}`) }, { token: who.token });
      expect(res.data?.createDataset).toBeNull();
      expectError(res, 'FORBIDDEN');
    }
    expectError(await gql(Update, { input: { id: ids.a!, name: 'x' } }, { token: t.explorer.token }), 'FORBIDDEN');
    expectError(await gql(Delete, { id: ids.a! }, { token: t.explorer.token }), 'FORBIDDEN');
    expectError(await gql(Delete, { id: ids.a! }, { token: t.viewer.token }), 'NOT_FOUND');
    expect(await sql('select 1 from datasets where tenant_id = ? and name_key like ?', [t.tenant.id, 'by %'])).toEqual([]);
  });

  it('a dataset used by a widget cannot be deleted (CONFLICT); its shares go with it once deleted', async () => {
    const id = await create(t.admin, input('With Widget'));
    await contentBuilders(kit, t.tenant).share('DATASET', rawOf(id), { user: t.explorer });
    const dashboard = await contentBuilders(kit, t.tenant).dashboard({ owner: t.admin });
    const em = kit.orm.em.fork();
    const widget = em.create(Widget, { tenant: t.tenant.id, dashboard: dashboard.id, dataset: rawOf(id), owner: t.admin.id, title: 'Revenue', query: {} });
    await em.flush();
    const refused = await gql(Delete, { id }, { token: t.admin.token });
    expectError(refused, 'CONFLICT');
    await em.nativeDelete(Widget, { id: widget.id });
    expect((await gql(Delete, { id }, { token: t.admin.token })).data?.deleteDataset).toBe(id);
    expect(await sql('select 1 from shares where resource_id = ?', [rawOf(id)])).toEqual([]);
  });

  it('updates re-validate, keep names unique, and refuse an empty change', async () => {
    const id = await create(t.admin, input('To Update'));
    const dropField = await gql(Update, { input: { id, models: [input('x').models[0]!] } }, { token: t.admin.token });
    expectError(dropField, 'BAD_USER_INPUT', 'input.relationships[0].to');
    const badCalc = await gql(Update, { input: { id, calculations: [{ name: 'x', expression: 'SUM(merchants.nope)' }] } }, { token: t.admin.token });
    expectError(badCalc, 'BAD_USER_INPUT', 'input.calculations[0].expression');
    expectError(await gql(Update, { input: { id, name: ' orders ' } }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    expectError(await gql(Update, { input: { id } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input');
    // A permission rule keeps its field: models may not drop it.
    await sql(`update datasets set permission_rules = ? where id = ?`, [
      JSON.stringify([{ field: 'merchants.name', operator: 'IS', values: ['x'] }]),
      rawOf(id),
    ]);
    const [orders, merchants] = input('x').models;
    const dropRuleField = { ...merchants!, fields: merchants!.fields.filter((f) => f.name !== 'name') };
    expectError(await gql(Update, { input: { id, models: [orders!, dropRuleField] } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.models');
    const same = await gql(Update, { input: { id, name: 'TO UPDATE' } }, { token: t.admin.token });
    expect(same.data?.updateDataset).toMatchObject({ name: 'TO UPDATE', version: 2 });
  });
});

describe('validation names the field at fault', () => {
  const models = () => input('x', { id: 'unused' }).models;
  const withModels = (edit: (m: ReturnType<typeof models>) => void) => {
    const m = structuredClone(models());
    edit(m);
    return { models: m };
  };
  const calc = (expression: string) => ({ calculations: [{ name: 'c', expression }] });
  const cases: [string, Partial<CreateDatasetInput>, string, RegExp?][] = [
    ['empty name', { name: '   ' }, 'input.name'],
    ['unknown data source', { dataSourceId: globalId('DataSource', 'nope') }, 'input.dataSourceId'],
    ['no models', { models: [], relationships: [], calculations: [] }, 'input.models'],
    ['model name not an identifier', withModels((m) => (m[1]!.name = 'Merchants')), 'input.models[1].name'],
    ['duplicate model names', withModels((m) => (m[1]!.name = 'orders')), 'input.models[1].name'],
    ['field name not an identifier', withModels((m) => (m[1]!.fields[0]!.name = '1d')), 'input.models[1].fields[0].name'],
    ['duplicate field names in a model', withModels((m) => (m[0]!.fields[2]!.name = 'amount')), 'input.models[0].fields[2].name'],
    ['table without a schema', withModels((m) => (m[0]!.table = 'orders')), 'input.models[0].table'],
    ['table in a schema the data source does not allow', withModels((m) => (m[1]!.table = 'pg_catalog.pg_authid')), 'input.models[1].table', /not allowed/],
    ['table with SQL in it', withModels((m) => (m[0]!.table = 'sales.orders; drop table users')), 'input.models[0].table'],
    ['column with SQL in it', withModels((m) => (m[0]!.fields[1]!.column = 'amount) from x --')), 'input.models[0].fields[1].column'],
    ['relationship to an unknown field', { relationships: [{ from: 'orders.merchant_id', to: 'merchants.uuid' }] }, 'input.relationships[0].to'],
    ['relationship from an unknown model', { relationships: [{ from: 'shops.merchant_id', to: 'merchants.id' }] }, 'input.relationships[0].from'],
    [
      'relationship between fields of different types',
      { relationships: [{ from: 'orders.created_at', to: 'merchants.id' }] },
      'input.relationships[0].to',
      /TIMESTAMP/,
    ],
    ['relationship within one model', { relationships: [{ from: 'orders.merchant_id', to: 'orders.id' }] }, 'input.relationships[0].to'],
    [
      'duplicate calculation names',
      {
        calculations: [
          { name: 'a', expression: '1' },
          { name: 'b', expression: '2' },
          { name: 'a', expression: '3' },
        ],
      },
      'input.calculations[2].name',
    ],
    ['statement separator', calc('1; drop table users'), 'input.calculations[0].expression', /position 1\b/],
    ['line comment', calc('orders.amount -- x'), 'input.calculations[0].expression', /position 14\b/],
    ['subquery', calc('(select 1)'), 'input.calculations[0].expression', /position 1\b/],
    ['block comment', calc('orders.amount /* */'), 'input.calculations[0].expression', /position 14\b/],
    ['field of another dataset', calc('SUM(orders.discount)'), 'input.calculations[0].expression', /Unknown field "orders.discount" at position 4/],
    ['unknown function', calc('pg_sleep(10)'), 'input.calculations[0].expression', /Unknown function/],
  ];
  it.each(cases.map((c, i) => [c[0], i] as const))('%s', async (label, i) => {
    const [, over, field, message] = cases[i]!;
    const name = `Invalid ${i}`;
    const res = await gql(Create, { input: input(name, sourceA, over) }, { token: t.admin.token });
    expect(res.data?.createDataset).toBeNull();
    expectError(res, 'BAD_USER_INPUT', field);
    if (message) expect(res.errors?.[0]?.message).toMatch(message);
    expect(await sql('select 1 from datasets where tenant_id = ? and name = ?', [t.tenant.id, name]), label).toEqual([]);
  });

  it('dataset names are unique per tenant, case-insensitively, also under concurrency', async () => {
    expectError(await gql(Create, { input: input('  ORDERS ') }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    expect(await create(other.admin, input('Orders', await addSource(other.tenant, other.admin, 'Other source')))).toBeTruthy();
    const results = await Promise.all(['Race', 'race', 'RACE', 'Race '].map((name) => gql(Create, { input: input(name) }, { token: t.admin.token })));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
  });
});

describe('lists', () => {
  it('pages with first/after and runs the same number of statements for 2 and 20 datasets', async () => {
    const s = await kit.seedTenant();
    const content = contentBuilders(kit, s.tenant);
    const source = await content.dataSource(s.admin);
    await content.share('DATA_SOURCE', source.id, { user: s.analyst });
    const seed = async (n: number) => {
      for (let i = 0; i < n; i += 1) await content.dataset(i % 2 ? s.analyst : s.admin, source);
    };
    // Counted on a second, identical request: the first records lastActiveAt and fills the metadata cache.
    const count = async (who: SeededUser) => {
      await gql(ListForCount, {}, { token: who.token });
      const { result, statements } = await kit.countStatements(() => gql(ListForCount, {}, { token: who.token }));
      expect(result.errors).toBeUndefined();
      return { statements: statements.length, rows: result.data!.datasets!.edges.length };
    };
    await seed(2);
    const few = { admin: await count(s.admin), analyst: await count(s.analyst) };
    await seed(18);
    const many = { admin: await count(s.admin), analyst: await count(s.analyst) };
    expect(few.analyst.rows).toBe(2);
    expect(many.analyst.rows).toBe(20);
    expect(many.admin.statements).toBe(few.admin.statements);
    expect(many.analyst.statements).toBe(few.analyst.statements);

    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = (await gql(List, { first: 7, after }, { token: s.analyst.token })).data!.datasets!;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(new Set(seen).size).toBe(20);
    expect(seen).toEqual([...seen].sort((x, y) => (rawOf(x) < rawOf(y) ? -1 : 1)));
  });
});
