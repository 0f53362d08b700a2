import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encryptSecret } from '../../src/auth/secret-box.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import { DataSource } from '../../src/modules/data-source/data-source.entity.ts';
import { runReadOnly } from '../../src/query/runner.ts';
import { graphql } from '../generated/gql.ts';
import type { DatasetQueryInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Run = graphql(`
  query QueryRun($id: ID!, $input: DatasetQueryInput!) {
    dataset(id: $id) { query(input: $input) { columns { name type } rows rowCount truncated sql sqlParameters missingAttributes } }
  }
`);
const Create = graphql(`mutation QueryCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`);
const UpdateSource = graphql(`mutation QueryUpdateSource($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id } }`);

let kit: TestKit;
let t: SeededTenant;
let client: pg.Client;
let schema: string;
let source: DataSource;
let datasetId: string;
const db = (() => {
  const url = new URL(inject('databaseUrl'));
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    database: url.pathname.slice(1),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
})();

const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) =>
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({ code, ...(field ? { field } : {}) });
const ref = async (text: string) => (await client.query(text.replaceAll('wh.', `${schema}.`))).rows as Record<string, unknown>[];
async function run(input: DatasetQueryInput, who: SeededUser = t.admin, id = datasetId) {
  const res = await kit.gql(Run, { id, input }, { token: who.token });
  return { res, result: res.data?.dataset?.query };
}
async function rows(input: DatasetQueryInput) {
  const { res, result } = await run(input);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return result!.rows;
}

const BASE = `from wh.orders o left join wh.merchants m on m.id = o.merchant_id left join wh.countries c on c.id = m.country_id`;

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema, client } = await kit.warehouse(
    (schema) => `
    create table ${schema}.countries (id int primary key, name text);
    insert into ${schema}.countries values (1, 'France'), (2, 'Germany'), (3, 'Japan'), (4, null);
    create table ${schema}.merchants (id int primary key, name text, country_id int);
    insert into ${schema}.merchants select g, 'Merchant ' || g, case when g % 10 = 0 then null else g % 4 + 1 end from generate_series(1, 19) g;
    insert into ${schema}.merchants values (20, '50% off_shop', 1);
    create table ${schema}.orders (id int primary key, merchant_id int, amount numeric(12, 2), created_at date, status text, gift boolean, paid_at timestamptz);
    insert into ${schema}.orders
      select g, case when g % 50 = 0 then null else g % 20 + 1 end, (g * 37 % 1000) / 4.0, date '2024-01-01' + g % 90,
             (array['paid', 'refunded', 'pending', null])[g % 4 + 1], g % 3 = 0, timestamptz '2024-01-01 00:00:00+00' + g * interval '7 hours'
        from generate_series(1, 400) g;`,
  ));
  source = await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema]);
  const id = source.id;
  const field = (name: string, type: 'NUMBER' | 'STRING' | 'DATE' | 'BOOLEAN' | 'TIMESTAMP' = 'NUMBER') => ({ name, column: name, type });
  const created = await kit.gql(
    Create,
    {
      input: {
        name: 'Sales',
        dataSourceId: globalId('DataSource', id),
        models: [
          {
            name: 'orders',
            table: `${schema}.orders`,
            fields: [
              field('id'),
              field('merchant_id'),
              field('amount'),
              field('created_at', 'DATE'),
              field('status', 'STRING'),
              field('gift', 'BOOLEAN'),
              field('paid_at', 'TIMESTAMP'),
            ],
          },
          { name: 'merchants', table: `${schema}.merchants`, fields: [field('id'), field('name', 'STRING'), field('country_id')] },
          { name: 'countries', table: `${schema}.countries`, fields: [field('id'), field('name', 'STRING')] },
        ],
        relationships: [
          { from: 'orders.merchant_id', to: 'merchants.id' },
          { from: 'merchants.country_id', to: 'countries.id' },
        ],
        calculations: [
          { name: 'aov', expression: 'ROUND(SUM(orders.amount) / COUNT_DISTINCT(orders.id), 2)' },
          { name: 'paid_share', expression: "SUM(CASE WHEN orders.status = 'paid' THEN orders.amount ELSE 0 END) / SUM(orders.amount)" },
          { name: 'per_nothing', expression: 'SUM(orders.amount) / (COUNT(orders.id) - COUNT(orders.id))' },
          { name: 'row_level', expression: 'orders.amount * 2' },
        ],
      },
    },
    { token: t.admin.token },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  datasetId = created.data!.createDataset!.id;
});
afterAll(async () => {
  await kit?.close();
});

describe('dimensions and measures', () => {
  it('totals per group equal an independent SQL computation', async () => {
    const got = await rows({
      dimensions: ['countries.name'],
      measures: (['SUM', 'COUNT', 'COUNT_DISTINCT', 'AVG', 'MIN', 'MAX'] as const).map((aggregation) => ({ field: 'orders.amount', aggregation })),
      sort: [{ field: 'countries.name' }],
    });
    const want = await ref(`select c.name, sum(o.amount) s, count(o.amount) n, count(distinct o.amount) d, avg(o.amount) a, min(o.amount) lo, max(o.amount) hi
      ${BASE} group by c.name order by c.name nulls last`);
    expect(got.length).toBe(want.length);
    got.forEach((row, i) => {
      const w = want[i]!;
      expect(row[0]).toBe(w.name);
      expect([row[1], row[2], row[3], row[5], row[6]].map(Number)).toEqual([w.s, w.n, w.d, w.lo, w.hi].map(Number));
      expect(Number(row[4])).toBeCloseTo(Number(w.a), 9);
    });
  });

  it('reports column names and types; counts are JSON numbers, dates stay dates', async () => {
    const { result } = await run({
      dimensions: ['orders.created_at', 'orders.gift'],
      measures: [
        { field: 'orders.id', aggregation: 'COUNT' },
        { field: 'orders.paid_at', aggregation: 'MAX' },
      ],
      sort: [{ field: 'orders.created_at' }, { field: 'orders.gift' }],
      limit: 1,
    });
    expect(result!.columns).toEqual([
      { name: 'orders.created_at', type: 'DATE' },
      { name: 'orders.gift', type: 'BOOLEAN' },
      { name: 'COUNT(orders.id)', type: 'NUMBER' },
      { name: 'MAX(orders.paid_at)', type: 'TIMESTAMP' },
    ]);
    const [date, gift, count, paid] = result!.rows[0]!;
    expect([date, gift, typeof count]).toEqual(['2024-01-01', true, 'number']);
    expect(paid).toMatch(/^2024-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('measures alone give one row; dimensions alone give the rows themselves', async () => {
    expect(await rows({ measures: [{ field: 'orders.id', aggregation: 'COUNT' }] })).toEqual([[400]]);
    const raw = await rows({ dimensions: ['orders.status'], limit: 10000 });
    expect(raw.length).toBe(400);
  });
});

describe('filters', () => {
  const cases: [string, DatasetQueryInput['filters'], string][] = [
    ['EQ', [{ field: 'orders.status', operator: 'EQ', values: ['paid'] }], `o.status = 'paid'`],
    ['NE', [{ field: 'orders.status', operator: 'NE', values: ['paid'] }], `o.status <> 'paid'`],
    ['IN', [{ field: 'orders.status', operator: 'IN', values: ['paid', 'pending'] }], `o.status in ('paid', 'pending')`],
    ['NOT_IN', [{ field: 'orders.status', operator: 'NOT_IN', values: ['paid', 'pending'] }], `o.status not in ('paid', 'pending')`],
    ['GT', [{ field: 'orders.amount', operator: 'GT', values: [100.5] }], 'o.amount > 100.5'],
    ['GTE', [{ field: 'orders.amount', operator: 'GTE', values: [100.5] }], 'o.amount >= 100.5'],
    ['LT', [{ field: 'orders.created_at', operator: 'LT', values: ['2024-02-01'] }], `o.created_at < date '2024-02-01'`],
    ['LTE', [{ field: 'orders.paid_at', operator: 'LTE', values: ['2024-01-20T12:00:00Z'] }], `o.paid_at <= timestamptz '2024-01-20T12:00:00Z'`],
    [
      'BETWEEN',
      [{ field: 'orders.created_at', operator: 'BETWEEN', values: ['2024-01-10', '2024-02-10'] }],
      `o.created_at between date '2024-01-10' and date '2024-02-10'`,
    ],
    ['CONTAINS (case-insensitive)', [{ field: 'merchants.name', operator: 'CONTAINS', values: ['ANT 1'] }], `m.name ilike '%ant 1%'`],
    ['CONTAINS % literally', [{ field: 'merchants.name', operator: 'CONTAINS', values: ['%'] }], `m.name = '50% off_shop'`],
    ['CONTAINS _ literally', [{ field: 'merchants.name', operator: 'CONTAINS', values: ['f_s'] }], `m.name = '50% off_shop'`],
    ['IS_NULL', [{ field: 'orders.status', operator: 'IS_NULL' }], 'o.status is null'],
    ['NOT_NULL on a joined model', [{ field: 'countries.name', operator: 'NOT_NULL', values: [] }], 'c.name is not null'],
    ['BOOLEAN EQ', [{ field: 'orders.gift', operator: 'EQ', values: [true] }], 'o.gift'],
    [
      'ANDed',
      [
        { field: 'orders.gift', operator: 'EQ', values: [false] },
        { field: 'countries.name', operator: 'IN', values: ['Japan'] },
      ],
      `not o.gift and c.name = 'Japan'`,
    ],
  ];
  it.each(cases.map((c) => [c[0], c] as const))('%s', async (_label, [, filters, where]) => {
    const [[count]] = (await rows({ measures: [{ field: 'orders.id', aggregation: 'COUNT' }], filters })) as [[number]];
    const [want] = await ref(`select count(o.id)::int as n ${BASE} where ${where}`);
    expect(count).toBe(want!.n);
    expect(count).toBeGreaterThan(0);
  });

  it('names the input at fault', async () => {
    const bad: [DatasetQueryInput, string][] = [
      [{ dimensions: ['orders.nope'] }, 'input.dimensions[0]'],
      [{ measures: [{ field: 'orders.status', aggregation: 'SUM' }] }, 'input.measures[0].aggregation'],
      [{ measures: [{ field: 'orders.id', aggregation: 'COUNT' }, { calculation: 'nope' }] }, 'input.measures[1].calculation'],
      [{ measures: [{ calculation: 'row_level' }] }, 'input.measures[0].calculation'],
      [{ dimensions: ['orders.id'], filters: [{ field: 'orders.id', operator: 'EQ', values: ['1'] }] }, 'input.filters[0].values'],
      [{ dimensions: ['orders.id'], filters: [{ field: 'orders.id', operator: 'BETWEEN', values: [1] }] }, 'input.filters[0].values'],
      [{ dimensions: ['orders.id'], filters: [{ field: 'orders.created_at', operator: 'EQ', values: ['2024-02-30'] }] }, 'input.filters[0].values'],
      [{ dimensions: ['orders.id'], filters: [{ field: 'orders.amount', operator: 'CONTAINS', values: [1] }] }, 'input.filters[0].operator'],
      [
        { dimensions: ['orders.id'], filters: [{ field: 'orders.id', operator: 'IN', values: Array.from({ length: 1001 }, (_, i) => i) }] },
        'input.filters[0].values',
      ],
      [{ dimensions: ['orders.id'], sort: [{ field: 'orders.amount' }] }, 'input.sort[0].field'],
      [{ dimensions: ['orders.id'], limit: 10001 }, 'input.limit'],
      [{ dimensions: ['orders.id'], offset: -1 }, 'input.offset'],
      [{}, 'input'],
    ];
    for (const [input, field] of bad) {
      const { res } = await run(input);
      expectError(res, 'BAD_USER_INPUT', field);
      expect(res.data?.dataset).toBeNull();
    }
  });
});

describe('joins, calculations, sort and limits', () => {
  it('joins only the models a query needs', async () => {
    const sqlOf = async (input: DatasetQueryInput) => (await run(input)).result!.sql!;
    expect(await sqlOf({ measures: [{ field: 'orders.amount', aggregation: 'SUM' }] })).not.toMatch(/join/);
    const merchants = await sqlOf({ dimensions: ['merchants.name'], measures: [{ field: 'orders.amount', aggregation: 'SUM' }] });
    expect(merchants.match(/join/g)).toHaveLength(1);
    expect(merchants).toContain(`from "${schema}"."orders" as "orders"`);
    const countries = await sqlOf({ dimensions: ['countries.name'] });
    expect(countries).toContain(`from "${schema}"."countries" as "countries"`);
    expect(countries).not.toMatch(/join/);
    expect(await sqlOf({ dimensions: ['countries.name'], filters: [{ field: 'orders.status', operator: 'EQ', values: ['paid'] }] })).toMatch(
      /join .*merchants[\s\S]*join .*countries/,
    );
  });

  it('calculations: rounding, CASE, and a zero denominator gives null rather than an error', async () => {
    const [[aov, share, none]] = (await rows({ measures: [{ calculation: 'aov' }, { calculation: 'paid_share' }, { calculation: 'per_nothing' }] })) as [
      [unknown, unknown, unknown],
    ];
    const [want] = await ref(
      `select round(sum(amount) / count(distinct id), 2) aov, sum(case when status = 'paid' then amount else 0 end) / sum(amount) share from wh.orders`,
    );
    expect(Number(aov)).toBe(Number(want!.aov));
    expect(Number(share)).toBeCloseTo(Number(want!.share), 12);
    expect(none).toBeNull();
  });

  it('sorts by any selected column, limits, offsets and says when rows were cut off', async () => {
    const input = (limit: number, offset = 0): DatasetQueryInput => ({
      dimensions: ['merchants.name'],
      measures: [{ field: 'orders.amount', aggregation: 'SUM' }],
      sort: [{ field: 'orders.amount', direction: 'DESC' }, { field: 'merchants.name' }],
      limit,
      offset,
    });
    const want = (await ref(`select m.name, sum(o.amount)::float8 s ${BASE} group by m.name order by 2 desc, 1`)).map((r) => [r.name, r.s]);
    const top = await run(input(3));
    expect(top.result!.rows.map((r) => [r[0], Number(r[1])])).toEqual(want.slice(0, 3));
    expect(top.result!).toMatchObject({ rowCount: 3, truncated: true });
    const page = await run(input(3, 3));
    expect(page.result!.rows.map((r) => r[0])).toEqual(want.slice(3, 6).map((r) => r[0]));
    expect((await run(input(want.length))).result!.truncated).toBe(false);
    const byAlias = await run({ ...input(1), sort: [{ field: 'SUM(orders.amount)', direction: 'ASC' }] });
    expect(byAlias.result!.rows[0]![0]).toBe(want.at(-1)![0]);
  });
});

describe('runner', () => {
  const pool = () => kit.deps.dataSourcePools.get({ ...source, username: db.user, updatedAt: source.updatedAt }, () => db.password);

  it('a statement over the timeout is QUERY_TIMEOUT, and the connection is reusable afterwards', async () => {
    const started = Date.now();
    await expect(runReadOnly(pool(), { text: 'select pg_sleep(2)', values: [] }, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await runReadOnly(pool(), { text: 'select $1::int + 1', values: [1] })).rows).toEqual([[2]]);
  });

  it('runs read-only: writes are refused by the database', async () => {
    await expect(runReadOnly(pool(), { text: `create table ${schema}.nope (id int)`, values: [] })).rejects.toMatchObject({ code: '25006' });
  });

  it('connection failures are clear and never carry the password; edited credentials take effect at once', async () => {
    // A database that does not exist fails on every server, whatever its authentication method
    // (a trust-auth server would accept a wrong password).
    await kit.orm.em.fork().nativeUpdate(
      DataSource,
      { id: source.id },
      {
        database: 'no_such_database_xyz',
        passwordCiphertext: encryptSecret(kit.deps.keys.encryptionKey, 'wrong-secret-password', source.id),
        updatedAt: new Date(),
      },
    );
    const refused = await run({ measures: [{ field: 'orders.id', aggregation: 'COUNT' }] });
    expectError(refused.res, 'CONFLICT');
    expect(refused.res.errors![0]!.message).toMatch(/database does not exist|password authentication failed/);
    expect(JSON.stringify(refused.res)).not.toContain('wrong-secret-password');
    const fixed = await kit.gql(
      UpdateSource,
      { input: { id: globalId('DataSource', source.id), database: db.database, password: db.password } },
      { token: t.admin.token },
    );
    expect(fixed.errors).toBeUndefined();
    expect(await rows({ measures: [{ field: 'orders.id', aggregation: 'COUNT' }] })).toEqual([[400]]);
  });
});

describe('who may query, and who sees the SQL', () => {
  const input: DatasetQueryInput = {
    dimensions: ['orders.status'],
    filters: [{ field: 'orders.amount', operator: 'GT', values: [10] }],
    measures: [{ field: 'orders.id', aggregation: 'COUNT' }],
  };

  it('the admin sees the SQL with $n placeholders and its parameters', async () => {
    const { result } = await run(input);
    expect(result!.sql).toMatch(
      /^select "orders"\."status" as "c0", count\("orders"\."id"\) as "c1"\nfrom "wh_\w+"\."orders" as "orders"\nwhere \("orders"\."amount" > \$1::numeric\)/,
    );
    expect(result!.sqlParameters).toEqual([10, 1001, 0]);
  });

  it('an EXPLORER with a dataset share gets the rows, but sql and sqlParameters are FORBIDDEN', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await contentBuilders(kit, t.tenant).share('DATASET', Buffer.from(datasetId, 'base64').toString().split(':')[1]!, { user: explorer });
    const { res, result } = await run(input, explorer);
    expect(result!.rows.length).toBeGreaterThan(0);
    expect([result!.sql, result!.sqlParameters]).toEqual([null, null]);
    expect(res.errors!.map((e) => [e.path!.at(-1), e.extensions!.code]).sort()).toEqual([
      ['sql', 'FORBIDDEN'],
      ['sqlParameters', 'FORBIDDEN'],
    ]);
  });

  it('a VIEWER cannot query: NOT_FOUND without access, FORBIDDEN where the dataset is visible to them (manage via a feature switch)', async () => {
    expectError((await run(input, t.viewer)).res, 'NOT_FOUND');
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await contentBuilders(kit, t.tenant).share('DATA_SOURCE', source.id, { user: viewer });
    await kit.orm.em
      .fork()
      .execute(`insert into user_feature_permissions (id, tenant_id, user_id, feature, state) values (?, ?, ?, 'DATASETS', 'ENABLED')`, [
        uuidv7(),
        t.tenant.id,
        viewer.id,
      ]);
    const { res } = await run(input, viewer);
    expectError(res, 'FORBIDDEN');
    expect(res.errors![0]!.path).toEqual(['dataset', 'query']);
  });
});
