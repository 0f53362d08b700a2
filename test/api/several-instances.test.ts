/**
 * Two gateway instances on one metadata database, each with its own metadata cache and change
 * feed: a change made through one is enforced by the other on its next request after the change
 * notice (within a second), with no help from the test (no `sync`); the per-principal query rate
 * limit is one budget over both; and a change feed that stops answering turns its cache off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const DashboardTitle = graphql(`query InstancesDashboard($id: ID!) { dashboard(id: $id) { title } }`);
const Unshare = graphql(`mutation InstancesUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }`);
const AuditPage = graphql(`query InstancesAudit { auditEvents(first: 1) { edges { node { id } } } }`);
const UpdateUser = graphql(`mutation InstancesUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }`);
const Deactivate = graphql(`mutation InstancesDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const WhoAmI = graphql(`query InstancesWhoAmI { viewer { kind } }`);
const Explore = graphql(`
  query InstancesExplore($id: ID!, $limit: Int) { dataset(id: $id) { query(input: { dimensions: ["orders.country"], limit: $limit }) { rowCount } } }
`);

const RATE = 4;
let a: TestKit;
let b: TestKit;
let t: SeededTenant;

beforeAll(async () => {
  const defaults = loadConfig({ DATABASE_URL: 'postgres://unused', TESSERA_SECRET_KEY: 'x'.repeat(32) });
  const config = (kit: 'a' | 'b') => ({
    warehouse: { ...defaults.warehouse, queriesPerMinute: RATE },
    // A short heartbeat on B, for the half-open test below.
    metadataHeartbeatMs: kit === 'b' ? 150 : 5_000,
  });
  [a, b] = await Promise.all([createTestKit({ config: config('a') }), createTestKit({ config: config('b') })]);
  t = await a.seedTenant();
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

/**
 * Polls B (without syncing its cache: only the change notice may tell it) until `denied`, and
 * returns how long that took after the change was made on A.
 */
async function deniedOnB<T>(request: () => Promise<GraphQLResponse<T>>, denied: (res: GraphQLResponse<T>) => boolean): Promise<number> {
  const changedAt = performance.now();
  for (;;) {
    const res = await request();
    const elapsed = performance.now() - changedAt;
    if (denied(res)) return elapsed;
    if (elapsed > 5_000) throw new Error(`still allowed on B after ${Math.round(elapsed)} ms: ${JSON.stringify(res.data)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Warm: B serves the principal from its cache (no metadata statement for the session). */
async function warmOnB<T>(request: () => Promise<GraphQLResponse<T>>, allowed: (res: GraphQLResponse<T>) => boolean): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const res = await request();
    expect(allowed(res), JSON.stringify(res.errors)).toBe(true);
  }
  expect(b.deps.metadataCache.active).toBe(true);
  const { statements } = await b.countStatements(request);
  expect(statements.filter((s) => s.includes('sessions'))).toEqual([]);
}

describe('two instances on one database', () => {
  it('a share revoked on A is enforced by B on its next request after the notice, within 1 s', async () => {
    const content = contentBuilders(a, t.tenant);
    const viewer = await a.addUser(t.tenant, { role: 'VIEWER' });
    const dashboard = await content.dashboard({ owner: t.admin, title: 'Shared across instances' });
    await content.share('DASHBOARD', dashboard.id, { user: viewer });
    await b.deps.metadataCache.sync();
    const read = () => b.gql(DashboardTitle, { id: globalId('Dashboard', dashboard.id) }, { token: viewer.token, sync: false });
    await warmOnB(read, (res) => res.data?.dashboard?.title === 'Shared across instances');

    const revoked = await a.gql(Unshare, { input: { resourceId: globalId('Dashboard', dashboard.id), userIds: [viewer.globalId] } }, { token: t.admin.token });
    expect(revoked.errors).toBeUndefined();
    const elapsed = await deniedOnB(read, (res) => res.errors?.[0]?.extensions?.code === 'NOT_FOUND');
    expect(elapsed).toBeLessThan(1_000);
    // The owner still reads it on B: only the revoked grant is gone.
    expect((await b.gql(DashboardTitle, { id: globalId('Dashboard', dashboard.id) }, { token: t.admin.token, sync: false })).data?.dashboard?.title).toBe(
      'Shared across instances',
    );
  });

  it('a role changed on A is enforced by B within 1 s', async () => {
    const admin = await a.addUser(t.tenant, { role: 'ADMIN' });
    await b.deps.metadataCache.sync();
    const read = () => b.gql(AuditPage, {}, { token: admin.token, sync: false });
    await warmOnB(read, (res) => res.errors === undefined && Array.isArray(res.data?.auditEvents?.edges));

    const demoted = await a.gql(UpdateUser, { input: { id: admin.globalId, role: 'VIEWER' } }, { token: t.admin.token });
    expect(demoted.errors, JSON.stringify(demoted.errors)).toBeUndefined();
    expect(demoted.data?.updateUser?.role).toBe('VIEWER');
    const elapsed = await deniedOnB(read, (res) => res.errors?.[0]?.extensions?.code === 'FORBIDDEN');
    expect(elapsed).toBeLessThan(1_000);
  });

  it('a user deactivated on A is signed out on B within 1 s', async () => {
    const explorer = await a.addUser(t.tenant, { role: 'EXPLORER' });
    await b.deps.metadataCache.sync();
    const read = () => b.gql(WhoAmI, {}, { token: explorer.token, sync: false });
    await warmOnB(read, (res) => res.data?.viewer?.kind === 'USER');

    const deactivated = await a.gql(Deactivate, { id: explorer.globalId }, { token: t.admin.token });
    expect(deactivated.data?.deactivateUser?.status).toBe('DEACTIVATED');
    const elapsed = await deniedOnB(read, (res) => res.status === 401 && res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
    expect(elapsed).toBeLessThan(1_000);
    // Others are still served on B.
    expect((await b.gql(WhoAmI, {}, { token: t.viewer.token, sync: false })).data?.viewer?.kind).toBe('USER');
  });

  it('the per-principal query rate limit is one budget over both instances', async () => {
    const content = contentBuilders(a, t.tenant);
    const { schema } = await a.warehouse(
      (schema) => `create table ${schema}.orders (id int primary key, country text);
        insert into ${schema}.orders select g, (array['FR', 'DE'])[g % 2 + 1] from generate_series(1, 10) g;`,
      { prefix: 'inst' },
    );
    const source = await content.warehouseSource(t.admin, [schema]);
    const datasetId = uuidv7();
    await a.orm.em.fork().execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
         values (?, ?, ?, 'inst', 'inst', ?, ?, '[]', 1, now(), now())`,
      [
        datasetId,
        t.tenant.id,
        source.id,
        t.admin.id,
        JSON.stringify({
          models: [{ name: 'orders', table: `${schema}.orders`, fields: [{ name: 'country', column: 'country', type: 'STRING' }] }],
          relationships: [],
          calculations: [],
        }),
      ],
    );
    const person = await a.addUser(t.tenant, { role: 'ADMIN' });
    const id = globalId('Dataset', datasetId);
    // A distinct limit each: every request runs a statement of its own.
    const explore = (kit: TestKit, limit: number, token = person.token) => kit.gql(Explore, { id, limit }, { token });
    for (let i = 0; i < RATE; i++) {
      const res = await explore(i % 2 === 0 ? a : b, 100 + i);
      expect(res.errors, `query ${i + 1}`).toBeUndefined();
      expect(res.data?.dataset?.query.rowCount).toBe(10);
    }
    for (const kit of [a, b]) {
      const refused = await explore(kit, 200);
      expect(refused.status).toBe(200);
      expect(refused.data?.dataset).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      const retry = refused.errors?.[0]?.extensions?.retryAfterSeconds;
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
    }
    expect(await b.deps.metrics.registry.getSingleMetricAsString('tessera_rate_limited_total')).toContain(
      'tessera_rate_limited_total{limit="dataset_query"} 1',
    );
    // Another principal has a budget of its own.
    expect((await explore(b, 300, t.admin.token)).data?.dataset?.query.rowCount).toBe(10);
  });
});

describe('the change feed heartbeat', () => {
  it('turns the cache off when the listening connection stops answering, and on again once it is back', async () => {
    const cache = b.deps.metadataCache;
    const user = await a.addUser(t.tenant, { role: 'VIEWER' });
    await cache.sync();
    const read = () => b.gql(WhoAmI, {}, { token: user.token, sync: false });
    await warmOnB(read, (res) => res.data?.viewer?.kind === 'USER');
    const pid = cache.backendPid;
    expect(pid).toBeTypeOf('number');

    // Half-open: the socket stays connected, but nothing it receives is read (notices included).
    const stream = (cache as unknown as { client: { connection: { stream: { pause(): void } } } }).client.connection.stream;
    stream.pause();
    const pausedAt = performance.now();
    await a.gql(Deactivate, { id: user.globalId }, { token: t.admin.token });
    // Within about three heartbeat intervals (150 ms each), the cache is off and B reads the database.
    const elapsed = await deniedOnB(read, (res) => res.status === 401);
    expect(elapsed).toBeLessThan(3 * 150 + 400);
    expect(performance.now() - pausedAt).toBeLessThan(2_000);
    expect(cache.active).toBe(false);

    // The feed reconnects on its own on a new connection and the cache serves again.
    const deadline = Date.now() + 5_000;
    while (!cache.active && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cache.active).toBe(true);
    expect(cache.backendPid).not.toBe(pid);
    await warmOnB(
      () => b.gql(WhoAmI, {}, { token: t.viewer.token, sync: false }),
      (res) => res.data?.viewer?.kind === 'USER',
    );
  });
});
