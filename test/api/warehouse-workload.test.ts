/**
 * Warehouse workload protection through the GraphQL endpoint: identical widget statements in
 * flight run once (never shared across different row-level predicates), a data source's
 * concurrency limit queues and then refuses with UNAVAILABLE, the result cache is bounded by
 * bytes, and data source pools are capped.
 *
 * Statements are counted on the warehouse itself: each model is a view that sends a notification
 * per statement (notices with one payload collapse within a transaction), and the scratch
 * connection listens.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import type { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import { DataSourcePools } from '../../src/query/pools.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const WidgetRows = graphql(`query WorkloadWidget($id: ID!) { dashboard(id: $id) { widgets { title data { rows } } } }`);
const Explore = graphql(`
  query WorkloadExplore($id: ID!, $limit: Int) { dataset(id: $id) {
      query(input: { dimensions: ["orders.country"], measures: [{ field: "orders.id", aggregation: COUNT }], limit: $limit }) { rowCount }
    }
  }
`);

const AddPermittedFilter = graphql(`
  mutation WorkloadAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { id } }
`);
const FilterOptions = graphql(`query WorkloadFilterOptions($id: ID!) { dashboard(id: $id) { filters { options } } }`);

let kit: TestKit;
let tight: TestKit;
let t: SeededTenant;
let tt: SeededTenant;
let client: pg.Client;
let schema: string;
let channel: string;

let hits = 0;
async function countHits<T>(fn: () => Promise<T>): Promise<{ result: T; hits: number }> {
  // Earlier statements' notifications first: they must not count here.
  await client.query('select 1');
  hits = 0;
  const result = await fn();
  // Notifications arrive after their statement's transaction commits; a round trip drains them.
  await client.query('select 1');
  return { result, hits };
}

const orders = (table: string) => ({
  models: [
    {
      name: 'orders',
      table: `${schema}.${table}`,
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'country', column: 'country', type: 'STRING' },
      ],
    },
  ],
  relationships: [],
  calculations: [],
});

async function dataset(on: TestKit, tenant: Tenant, owner: SeededUser, table: string, rules: unknown[] = [], sourceId?: string): Promise<string> {
  const source = sourceId ?? (await contentBuilders(on, tenant).warehouseSource(owner, [schema])).id;
  const id = uuidv7();
  await on.orm.em.fork().execute(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
    [id, tenant.id, source, `ds ${id}`, `ds ${id}`, owner.id, JSON.stringify(orders(table)), JSON.stringify(rules)],
  );
  return id;
}

async function dashboardWith(on: TestKit, tenant: Tenant, owner: SeededUser, datasetId: string, ttl: number, queries: Record<string, unknown>[]) {
  const dashboard = await contentBuilders(on, tenant).dashboard({ owner, title: `W ${uuidv7().slice(-6)}` });
  await on.orm.em.fork().execute(`update dashboards set cache_ttl_seconds = ? where id = ?`, [ttl, dashboard.id]);
  for (const [i, query] of queries.entries()) {
    await on.orm.em.fork().execute(
      `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
      [uuidv7(), tenant.id, dashboard.id, datasetId, owner.id, `W${i}`, JSON.stringify(query), i],
    );
  }
  await contentBuilders(on, tenant).share('DASHBOARD', dashboard.id, 'all');
  return globalId('Dashboard', dashboard.id);
}

async function setCountry(on: TestKit, tenant: Tenant, user: SeededUser, attributeId: string, values: string[]) {
  await on.orm.em
    .fork()
    .execute(
      `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, 'MANUAL', ?, now(), now())`,
      [uuidv7(), tenant.id, user.id, attributeId, JSON.stringify(values)],
    );
}

beforeAll(async () => {
  kit = await createTestKit();
  const defaults = loadConfig({ DATABASE_URL: 'postgres://unused', TESSERA_SECRET_KEY: 'x'.repeat(32) }).warehouse;
  tight = await createTestKit({
    config: { warehouse: { ...defaults, concurrency: 1, queueMax: 1, queueWaitMs: 2_000, maxPools: 1, resultCacheMaxBytes: 1_500 } },
  });
  [t, tt] = await Promise.all([kit.seedTenant(), tight.seedTenant()]);
  ({ schema, client } = await kit.warehouse(
    (schema) => {
      channel = `${schema}_hits`;
      return `
    create table ${schema}.rows (id int primary key, country text);
    insert into ${schema}.rows select g, (array['France', 'Germany', 'Japan'])[g % 3 + 1] from generate_series(1, 300) g;
    create view ${schema}.orders as select r.* from ${schema}.rows r, lateral (select pg_catalog.pg_notify('${channel}', '')) hit;
    create view ${schema}.slow as select r.* from ${schema}.rows r, lateral (select pg_catalog.pg_notify('${channel}', ''), pg_catalog.pg_sleep(0.4)) hit;
    create view ${schema}.slower as select r.* from ${schema}.rows r, lateral (select pg_catalog.pg_notify('${channel}', ''), pg_catalog.pg_sleep(2.5)) hit;
    listen ${channel};`;
    },
    { prefix: 'wl' },
  ));
  client.on('notification', (n) => {
    if (n.channel === channel) hits += 1;
  });
});
afterAll(async () => {
  await Promise.all([kit?.close(), tight?.close()]);
});

/**
 * Runs `requests` while the warehouse table is locked, so that the first statement waits in
 * PostgreSQL; releases the lock once `joins` more requests joined it in flight (counted by the
 * gateway), so the test does not depend on how fast requests arrive.
 */
async function whileHeld<T>(joins: number, requests: () => Promise<T>[]): Promise<T[]> {
  const shared = async () => (await kit.deps.metrics.warehouseQueriesShared.get()).values[0]?.value ?? 0;
  const before = await shared();
  await client.query(`begin; lock table ${schema}.rows in access exclusive mode`);
  let all: Promise<T[]>;
  try {
    all = Promise.all(requests());
    const deadline = Date.now() + 10_000;
    while ((await shared()) < before + joins && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await shared()) - before).toBe(joins);
  } finally {
    await client.query('commit');
  }
  return all;
}

describe('identical statements in flight', () => {
  it('20 concurrent identical widget reads run one statement; other row-level predicates run their own', async () => {
    const attributeId = uuidv7();
    await kit.orm.em
      .fork()
      .execute(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'country', 'STRING', now(), now())`, [
        attributeId,
        t.tenant.id,
      ]);
    const datasetId = await dataset(kit, t.tenant, t.admin, 'orders', [{ field: 'orders.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }]);
    // No cache TTL: whatever is shared is shared in flight only.
    const id = await dashboardWith(kit, t.tenant, t.admin, datasetId, 0, [
      { dimensions: ['orders.country'], measures: [{ field: 'orders.id', aggregation: 'COUNT' }] },
    ]);
    const [france1, france2, germany] = await Promise.all([1, 2, 3].map(() => kit.addUser(t.tenant, { role: 'VIEWER' })));
    await setCountry(kit, t.tenant, france1!, attributeId, ['France']);
    await setCountry(kit, t.tenant, france2!, attributeId, ['France']);
    await setCountry(kit, t.tenant, germany!, attributeId, ['Germany']);
    const read = (user: SeededUser) => kit.gql(WidgetRows, { id }, { token: user.token, sync: false });
    // Warm: sessions and metadata cached, so the concurrent requests reach the warehouse together.
    await kit.deps.metadataCache.sync();
    for (const user of [france1!, france2!, germany!]) expect((await read(user)).errors).toBeUndefined();

    const same = await countHits(() => whileHeld(19, () => Array.from({ length: 20 }, (_, i) => read(i % 2 ? france1! : france2!))));
    expect(same.result.every((res) => res.errors === undefined)).toBe(true);
    expect(new Set(same.result.map((res) => JSON.stringify(res.data?.dashboard?.widgets[0]?.data?.rows)))).toEqual(
      new Set([JSON.stringify([['France', 100]])]),
    );
    expect(same.hits).toBe(1);

    const mixed = await countHits(() =>
      whileHeld(8, () => [...Array.from({ length: 5 }, () => read(france1!)), ...Array.from({ length: 5 }, () => read(germany!))]),
    );
    expect(mixed.hits).toBe(2);
    expect(mixed.result.slice(0, 5).map((res) => res.data?.dashboard?.widgets[0]?.data?.rows)).toEqual(Array(5).fill([['France', 100]]));
    expect(mixed.result.slice(5).map((res) => res.data?.dashboard?.widgets[0]?.data?.rows)).toEqual(Array(5).fill([['Germany', 100]]));

    // One after the other, nothing is in flight: each read runs (TTL 0 caches nothing).
    const sequential = await countHits(async () => {
      await read(france1!);
      await read(france1!);
    });
    expect(sequential.hits).toBe(2);
    expect(kit.deps.inFlightQueries.size).toBe(0);
  });
});

describe('the concurrency limit of a data source', () => {
  it('queues statements beyond the limit, and refuses one over the queue with UNAVAILABLE', async () => {
    const id = globalId('Dataset', await dataset(tight, tt.tenant, tt.admin, 'slow'));
    const explore = (limit: number) => tight.gql(Explore, { id, limit }, { token: tt.admin.token });
    await tight.deps.metadataCache.sync();
    expect((await explore(10)).errors).toBeUndefined();
    const started = performance.now();
    // Distinct limits: three different statements. One runs, one waits its turn, one is refused.
    const [first, second, third] = await Promise.all([explore(11), explore(12), explore(13)]);
    const refused = [first, second, third].filter((res) => res.errors);
    expect(refused).toHaveLength(1);
    expect([first, second, third].filter((res) => res.data?.dataset?.query.rowCount === 3)).toHaveLength(2);
    // The queued one ran after the first: two 0.4 s statements one after the other.
    expect(performance.now() - started).toBeGreaterThan(750);
    expect(refused[0]!.status).toBe(200);
    expect(refused[0]!.data?.dataset).toBeNull();
    expect(refused[0]!.errors?.[0]?.message).toMatch(/too many queries waiting/);
    expect(refused[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 2 });
  });

  it('refuses a statement that waited longer than the queue timeout with UNAVAILABLE, and runs the next one', async () => {
    const id = globalId('Dataset', await dataset(tight, tt.tenant, tt.admin, 'slower'));
    const explore = (limit: number) => tight.gql(Explore, { id, limit }, { token: tt.admin.token });
    const [first, second] = await Promise.all([explore(21), new Promise((resolve) => setTimeout(resolve, 100)).then(() => explore(22))]);
    expect(first.errors).toBeUndefined();
    expect(first.data?.dataset?.query.rowCount).toBe(3);
    expect(second.status).toBe(200);
    expect(second.errors?.[0]?.message).toMatch(/waited 2 s/);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 2 });
    const metrics = await tight.deps.metrics.registry.getSingleMetricAsString('tessera_warehouse_queries_refused_total');
    expect(metrics).toContain('tessera_warehouse_queries_refused_total{reason="queue_full"} 1');
    expect(metrics).toContain('tessera_warehouse_queries_refused_total{reason="queue_timeout"} 1');
    expect(await tight.deps.metrics.registry.getSingleMetricAsString('tessera_graphql_errors_total')).toContain('code="UNAVAILABLE"} 2');
    // Nothing left running or waiting; the slot is free again.
    expect([...tight.deps.dataSourceConcurrency.stats()]).toEqual([]);
    expect((await explore(23)).data?.dataset?.query.rowCount).toBe(3);
  });
});

describe('filter permission queries', () => {
  it('wait for a slot of their data source like any statement; a busy one fails the filter with UNAVAILABLE, not with no values', async () => {
    const source = (await contentBuilders(tight, tt.tenant).warehouseSource(tt.admin, [schema])).id;
    const slow = globalId('Dataset', await dataset(tight, tt.tenant, tt.admin, 'slower', [], source));
    const datasetId = await dataset(tight, tt.tenant, tt.admin, 'orders', [], source);
    const board = await dashboardWith(tight, tt.tenant, tt.admin, datasetId, 0, []);
    const code = [`- if_user: ${tt.viewer.email}`, `  ds_id: ${source}`, `  query: "select 'France'"`].join('\n');
    const added = await tight.gql(
      AddPermittedFilter,
      { input: { dashboardId: board, datasetId: globalId('Dataset', datasetId), type: 'DROPDOWN', field: 'orders.country', permissions: code } },
      { token: tt.admin.token },
    );
    expect(added.errors).toBeUndefined();
    const options = () => tight.gql(FilterOptions, { id: board }, { token: tt.viewer.token });
    expect((await options()).data?.dashboard?.filters[0]?.options).toEqual(['France']);

    // A 2.5 s statement holds the data source's only slot; the permission query waits 2 s, then gives up.
    const holding = tight.gql(Explore, { id: slow, limit: 31 }, { token: tt.admin.token });
    const deadline = Date.now() + 5_000;
    while ([...tight.deps.dataSourceConcurrency.stats()].length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const busy = await options();
    expect(performance.now() - started).toBeGreaterThan(1_900);
    expect(busy.errors?.[0]?.path).toEqual(['dashboard', 'filters', 0, 'options']);
    expect(busy.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 2 });
    expect((await holding).errors).toBeUndefined();
    expect((await options()).data?.dashboard?.filters[0]?.options).toEqual(['France']);
  });
});

describe('the result cache', () => {
  it('is bounded by bytes: a small result is kept, one larger than the bound is not', async () => {
    const datasetId = await dataset(tight, tt.tenant, tt.admin, 'orders');
    const small = await dashboardWith(tight, tt.tenant, tt.admin, datasetId, 60, [
      { dimensions: ['orders.country'], measures: [{ field: 'orders.id', aggregation: 'COUNT' }] },
    ]);
    const large = await dashboardWith(tight, tt.tenant, tt.admin, datasetId, 60, [{ dimensions: ['orders.id'], limit: 300 }]);
    const read = (id: string) => tight.gql(WidgetRows, { id }, { token: tt.viewer.token });
    const rowsOf = (res: Awaited<ReturnType<typeof read>>) => res.data?.dashboard?.widgets[0]?.data?.rows;

    expect(rowsOf((await countHits(() => read(small))).result)).toHaveLength(3);
    const smallAgain = await countHits(() => read(small));
    expect(rowsOf(smallAgain.result)).toHaveLength(3);
    expect(smallAgain.hits).toBe(0);

    expect(rowsOf((await countHits(() => read(large))).result)).toHaveLength(300);
    const largeAgain = await countHits(() => read(large));
    expect(rowsOf(largeAgain.result)).toHaveLength(300);
    // 300 rows are more than the 1,500 bytes the cache may hold: read again.
    expect(largeAgain.hits).toBe(1);
    expect(tight.deps.resultCache.bytes).toBeGreaterThan(0);
    expect(tight.deps.resultCache.bytes).toBeLessThanOrEqual(1_500);
    expect(await tight.deps.metrics.registry.getSingleMetricAsString('tessera_result_cache_bytes')).toMatch(/tessera_result_cache_bytes [1-9]\d*/);
  });
});

describe('data source pools', () => {
  it('are capped: a query on another data source closes the least recently used idle pool', async () => {
    const first = await contentBuilders(tight, tt.tenant).warehouseSource(tt.admin, [schema]);
    const second = await contentBuilders(tight, tt.tenant).warehouseSource(tt.admin, [schema]);
    const onFirst = globalId('Dataset', await dataset(tight, tt.tenant, tt.admin, 'orders', [], first.id));
    const onSecond = globalId('Dataset', await dataset(tight, tt.tenant, tt.admin, 'orders', [], second.id));
    const explore = (id: string) => tight.gql(Explore, { id, limit: 50 }, { token: tt.admin.token });
    expect((await explore(onFirst)).data?.dataset?.query.rowCount).toBe(3);
    expect(tight.deps.dataSourcePools.has(first.id)).toBe(true);
    const evicted = tight.deps.dataSourcePools.closedPools.evicted;
    expect((await explore(onSecond)).data?.dataset?.query.rowCount).toBe(3);
    expect(tight.deps.dataSourcePools.has(second.id)).toBe(true);
    expect(tight.deps.dataSourcePools.has(first.id)).toBe(false);
    expect(tight.deps.dataSourcePools.size).toBe(1);
    expect(tight.deps.dataSourcePools.closedPools.evicted).toBe(evicted + 1);
    // The closed one opens again when needed.
    expect((await explore(onFirst)).data?.dataset?.query.rowCount).toBe(3);
    expect(tight.deps.dataSourcePools.has(first.id)).toBe(true);
  });

  it('never close a pool in use, and close pools left unused', async () => {
    const url = new URL(kit.config.databaseUrl!);
    const target = (id: string) => ({
      id,
      updatedAt: new Date(0),
      host: url.hostname,
      port: Number(url.port || 5432),
      database: url.pathname.slice(1),
      username: decodeURIComponent(url.username),
      sslMode: 'DISABLE' as const,
    });
    const pools = new DataSourcePools(undefined, undefined, { maxPools: 1, idleMs: 200 });
    try {
      const password = () => decodeURIComponent(url.password);
      const busy = await pools.get(target('a'), password).connect();
      // Every pool is in use: one more is opened over the cap rather than cutting the first off.
      expect((await pools.get(target('b'), password).query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      expect(pools.size).toBe(2);
      expect(pools.has('a')).toBe(true);
      busy.release();
      // Unused for longer than 200 ms: both closed by the sweeper.
      const deadline = Date.now() + 3_000;
      while (pools.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(pools.size).toBe(0);
      expect(pools.closedPools.idle).toBe(2);
    } finally {
      await pools.closeAll();
    }
  });
});
