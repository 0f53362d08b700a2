/**
 * The metadata cache (src/cache/metadata-cache.ts) through the real GraphQL path: a warm dataset
 * query sends no metadata statement; a change committed anywhere reaches the cache through the
 * database's change notices; a mutation here is seen by the next request at once; while the
 * change feed is down nothing is served from the cache.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MetadataCache } from '../../src/cache/metadata-cache.ts';
import { createLogger } from '../../src/logger.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Run = graphql(`
  query CacheRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }
`);
const CreateDataset = graphql(`mutation CacheCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`);
const CreateAttribute = graphql(`mutation CacheCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }`);
const SetUserValue = graphql(`mutation CacheSetUserValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }`);
const SetRules = graphql(`
  mutation CacheSetRules($input: SetDatasetPermissionRulesInput!) { setDatasetPermissionRules(input: $input) { id } }
`);

let kit: TestKit;
let t: SeededTenant;
let client: pg.Client;
let schema: string;
let datasetId: string;
let explorer: SeededUser;

const rawId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const byCountry = { dimensions: ['orders.country'], measures: [{ field: 'orders.id', aggregation: 'COUNT' as const }], sort: [{ field: 'orders.country' }] };

async function countries(who: SeededUser, options: { sync?: boolean } = {}) {
  const res = await kit.gql(Run, { id: datasetId, input: byCountry }, { token: who.token, ...options });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.dataset!.query.rows.map((r) => r[0]);
}
async function setCountries(who: SeededUser, values: string[]) {
  const res = await kit.gql(SetUserValue, { input: { userId: who.globalId, attribute: 'country', mode: 'MANUAL', values } }, { token: t.admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}
/** Metadata statements (sent to the metadata database) while `fn` runs; dataset queries go to the data source's pool. */
const metadataStatements = async (fn: () => Promise<unknown>) => (await kit.countStatements(fn)).statements;
const until = async (condition: () => boolean | Promise<boolean>, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  explorer = t.explorer;
  ({ schema, client } = await kit.warehouse(
    (schema) => `
    create table ${schema}.orders (id int primary key, country text, amount numeric);
    insert into ${schema}.orders select g, (array['FR', 'DE', 'JP'])[g % 3 + 1], g from generate_series(1, 30) g;`,
  ));
  const content = contentBuilders(kit, t.tenant);
  const source = await content.warehouseSource(t.admin, [schema]);
  const created = await kit.gql(
    CreateDataset,
    {
      input: {
        name: 'Cached sales',
        dataSourceId: globalId('DataSource', source.id),
        models: [
          {
            name: 'orders',
            table: `${schema}.orders`,
            fields: [
              { name: 'id', column: 'id', type: 'NUMBER' },
              { name: 'country', column: 'country', type: 'STRING' },
            ],
          },
        ],
      },
    },
    { token: t.admin.token },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  datasetId = created.data!.createDataset!.id;
  expect((await kit.gql(CreateAttribute, { input: { name: 'country', type: 'STRING' } }, { token: t.admin.token })).errors).toBeUndefined();
  const rules = await kit.gql(
    SetRules,
    { input: { datasetId, rules: [{ field: 'orders.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }] } },
    { token: t.admin.token },
  );
  expect(rules.errors, JSON.stringify(rules.errors)).toBeUndefined();
  await content.share('DATASET', rawId(datasetId), { user: explorer });
  await setCountries(explorer, ['FR']);
});

afterAll(async () => {
  await kit?.close();
});

describe('metadata cache', () => {
  it('is on once the change feed listens', () => {
    expect(kit.deps.metadataCache.active).toBe(true);
  });

  it('a warm dataset query sends no metadata statement; a cold one reads session, dataset, grants and attributes', async () => {
    kit.deps.metadataCache.invalidate(t.tenant.id);
    const cold = await metadataStatements(() => countries(explorer));
    expect(cold.length).toBeGreaterThanOrEqual(5);
    expect(cold.some((sql) => sql.includes('from sessions'))).toBe(true);
    expect(cold.some((sql) => sql.includes('from shares'))).toBe(true);
    let rows: unknown[] = [];
    const warm = await metadataStatements(async () => (rows = await countries(explorer)));
    expect(warm).toEqual([]);
    expect(rows).toEqual(['FR']);
  });

  it('a change committed on another connection reaches the cache through its notice', async () => {
    await setCountries(explorer, ['FR']);
    expect(await countries(explorer)).toEqual(['FR']);
    // Written by hand, as another gateway, the CLI or an operator would.
    await client.query(
      `update user_attribute_values set values = '["DE", "JP"]'::jsonb
        where user_id = $1 and attribute_id = (select id from user_attributes where tenant_id = $2 and name = 'country')`,
      [explorer.id, t.tenant.id],
    );
    // Without waiting on purpose: the notice arrives within moments.
    await until(async () => JSON.stringify(await countries(explorer, { sync: false })) === JSON.stringify(['DE', 'JP']), 'the attribute change');
  });

  it('a removed share and a revoked session take effect on the next request', async () => {
    const other = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await contentBuilders(kit, t.tenant).share('DATASET', rawId(datasetId), { user: other });
    await setCountries(other, ['JP']);
    expect(await countries(other)).toEqual(['JP']);
    expect(await metadataStatements(() => countries(other))).toEqual([]);

    await client.query(`delete from shares where resource_id = $1 and grantee_user_id = $2`, [rawId(datasetId), other.id]);
    const denied = await kit.gql(Run, { id: datasetId, input: byCountry }, { token: other.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    await client.query(`update sessions set revoked_at = now() where user_id = $1`, [other.id]);
    const signedOut = await kit.gql(Run, { id: datasetId, input: byCountry }, { token: other.token });
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a mutation in this process is seen by the very next request, without waiting for the notice', async () => {
    await setCountries(explorer, ['FR']);
    expect(await countries(explorer)).toEqual(['FR']);
    await setCountries(explorer, ['JP']);
    expect(await countries(explorer, { sync: false })).toEqual(['JP']);
  });

  it('mutations read the viewer from the database, not from the cache', async () => {
    await countries(t.admin);
    const statements = await metadataStatements(() => setCountries(explorer, ['FR']));
    expect(statements.some((sql) => sql.includes('user_feature_permissions'))).toBe(true);
  });

  it('recording lastActiveAt does not empty the cache, other changes to the user do', async () => {
    await countries(explorer);
    await client.query('update users set last_active_at = now() where id = $1', [explorer.id]);
    await kit.deps.metadataCache.sync();
    expect(await metadataStatements(() => countries(explorer))).toEqual([]);
    await client.query(`update users set name = name || '.' where id = $1`, [explorer.id]);
    await kit.deps.metadataCache.sync();
    expect((await metadataStatements(() => countries(explorer))).length).toBeGreaterThan(0);
  });

  it('while the change feed is down nothing is served from the cache, and it comes back on its own', async () => {
    const cache = kit.deps.metadataCache;
    await setCountries(explorer, ['FR']);
    expect(await countries(explorer)).toEqual(['FR']);
    const pid = cache.backendPid;
    expect(pid).toBeTypeOf('number');
    await client.query('select pg_terminate_backend($1)', [pid]);
    await until(() => !cache.active, 'the feed to drop');
    // A change made while the feed is down is seen at once: every read goes to the database.
    await client.query(
      `update user_attribute_values set values = '["DE"]'::jsonb
        where user_id = $1 and attribute_id = (select id from user_attributes where tenant_id = $2 and name = 'country')`,
      [explorer.id, t.tenant.id],
    );
    const bypassed = cache.bypassed;
    // The first reconnection is half a second away.
    expect(await countries(explorer, { sync: false })).toEqual(['DE']);
    expect(cache.bypassed).toBeGreaterThan(bypassed);
    await until(() => cache.active, 'the feed to reconnect');
    expect(cache.backendPid).not.toBe(pid);
    expect(await countries(explorer)).toEqual(['DE']);
    expect(await metadataStatements(() => countries(explorer))).toEqual([]);
  });
});

describe('MetadataCache', () => {
  let cache: MetadataCache;
  beforeAll(async () => {
    cache = new MetadataCache({ connectionString: inject('databaseUrl'), logger: createLogger('silent'), maxAgeMs: 50 });
    await cache.start();
  });
  afterAll(() => cache?.close());

  it('does not keep a value whose read began before an invalidation', async () => {
    let loads = 0;
    let release!: () => void;
    const slow = () =>
      new Promise<number>((resolve) => {
        loads++;
        release = () => resolve(loads);
      });
    const first = cache.read('tenant-a', 'k', slow);
    cache.invalidate('tenant-a');
    release();
    expect(await first).toBe(1);
    const second = cache.read('tenant-a', 'k', slow);
    release();
    expect(await second).toBe(2);
    expect(await cache.read('tenant-a', 'k', slow)).toBe(2);
  });

  it('reads again after the maximum age, and never keeps a failed read', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.read('tenant-b', 'k', load)).toBe(1);
    expect(await cache.read('tenant-b', 'k', load)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await cache.read('tenant-b', 'k', load)).toBe(2);
    await expect(cache.read('tenant-b', 'bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.read('tenant-b', 'bad', load)).toBe(3);
  });

  it('hands out frozen values, so one request cannot change another’s', async () => {
    const value = await cache.read('tenant-c', 'k', () => Promise.resolve({ list: [1, 2] }));
    expect(() => value.list.push(3)).toThrow(TypeError);
  });

  it('an invalidation for one tenant leaves the others', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    await cache.read('tenant-d', 'k', load);
    await cache.read('tenant-e', 'k', load);
    cache.invalidate('tenant-d');
    expect(await cache.read('tenant-d', 'k', load)).toBe(3);
    expect(await cache.read('tenant-e', 'k', load)).toBe(2);
  });
});
