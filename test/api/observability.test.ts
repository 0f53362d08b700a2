import { describe, expect } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { it } from '../testkit/fixture.ts';
import type { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededUser, type TestKit } from '../testkit/kit.ts';

const ObsViewer = graphql(`query ObsViewer { viewer { kind } }`);
const ObsUsers = graphql(`query ObsUsers($search: String) { users(search: $search, first: 5) { edges { node { id } } } }`);
const ObsMissingUser = graphql(`query ObsMissingUser($id: ID!) { user(id: $id) { id } }`);
const ObsLogin = graphql(`mutation ObsLogin($input: LoginInput!) { login(input: $input) { token } }`);
const ObsWidgets = graphql(`query ObsWidgets($id: ID!) { dashboard(id: $id) { widgets { data { rows } } } }`);

const scrape = async (kit: TestKit) => {
  const response = await kit.app.fetch('http://tessera.test/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

/** The value of one series (exact labels, in the order prom-client prints them), or undefined. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

const accessLines = (kit: TestKit) => kit.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request');

/** A warehouse table, a dataset on it, and a dashboard (results cached 60 s) with one widget, shared with everyone. */
async function widgetDashboard(kit: TestKit, content: ReturnType<typeof contentBuilders>, owner: SeededUser) {
  const tenantId = (await kit.orm.em.fork().execute<{ tenant_id: string }[]>('select tenant_id from users where id = ?', [owner.id]))[0]!.tenant_id;
  const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);
  const { schema } = await kit.warehouse(
    (s) => `create table ${s}.sales (id int primary key, amount numeric); insert into ${s}.sales select g, g from generate_series(1, 10) g;`,
    {
      prefix: 'obs',
    },
  );
  const source = await content.warehouseSource(owner, [schema]);
  const datasetId = uuidv7();
  const definition = {
    models: [{ name: 'sales', table: `${schema}.sales`, fields: [{ name: 'amount', column: 'amount', type: 'NUMBER' }] }],
    relationships: [],
    calculations: [],
  };
  await sql(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, '[]', 1, now(), now())`,
    [datasetId, tenantId, source.id, `obs_${datasetId.slice(-6)}`, `obs_${datasetId.slice(-6)}`, owner.id, JSON.stringify(definition)],
  );
  const dashboard = await content.dashboard({ owner, title: 'Observed' });
  await sql(`update dashboards set cache_ttl_seconds = 60 where id = ?`, [dashboard.id]);
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'Total', ?, 0, now(), now())`,
    [uuidv7(), tenantId, dashboard.id, datasetId, owner.id, JSON.stringify({ measures: [{ field: 'sales.amount', aggregation: 'SUM' }] })],
  );
  await content.share('DASHBOARD', dashboard.id, 'all');
  return { dashboardId: globalId('Dashboard', dashboard.id), dataSourceId: source.id };
}

describe('GET /metrics', () => {
  it('reports request and operation histograms by operation name and outcome, and GraphQL errors by code', async ({ kit, tenant }) => {
    const token = tenant.viewer.token;
    expect((await kit.gql(ObsViewer, {}, { token })).errors).toBeUndefined();
    const missing = await kit.gql(ObsMissingUser, { id: globalId('User', uuidv7()) }, { token });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const refused = await kit.gql(ObsViewer, {}, { token: 'not-a-token' });
    expect(refused.status).toBe(401);

    const text = await scrape(kit);
    expect(sample(text, 'graphql_envelop_request_duration_count{operationName="ObsViewer",operationType="query",outcome="ok"}')).toBe(1);
    expect(sample(text, 'graphql_envelop_request_duration_count{operationName="ObsMissingUser",operationType="query",outcome="partial"}')).toBe(1);
    expect(sample(text, 'graphql_yoga_http_duration_count{operationName="ObsViewer",operationType="query",method="POST",statusCode="200"}')).toBe(1);
    expect(sample(text, 'graphql_yoga_http_duration_count{operationName="ObsViewer",operationType="query",method="POST",statusCode="401"}')).toBe(1);
    expect(sample(text, 'tessera_graphql_errors_total{code="NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'tessera_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    // No URL label (GET requests carry variables in it), no error path label.
    expect(text).not.toMatch(/url="/);
    expect(text).not.toMatch(/path="/);
    expect(sample(text, 'tessera_metadata_cache_feed_connected')).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // The job queue's depth is read at scrape time: nothing is queued in this test (no SMTP).
    expect(sample(text, 'tessera_job_queue_depth')).toBe(0);
  });

  it('counts metadata cache hits and misses, and bypasses while the change feed is down', async ({ kit, tenant }) => {
    const token = tenant.analyst.token;
    await kit.gql(ObsViewer, {}, { token });
    const before = await scrape(kit);
    await kit.gql(ObsViewer, {}, { token });
    const after = await scrape(kit);
    const hits = (text: string) => sample(text, 'tessera_metadata_cache_reads_total{result="hit"}')!;
    const misses = (text: string) => sample(text, 'tessera_metadata_cache_reads_total{result="miss"}')!;
    // A repeated request is served from the cache: hits grow, misses do not.
    expect(hits(after)).toBeGreaterThan(hits(before));
    expect(misses(after)).toBe(misses(before));
    expect(sample(after, 'tessera_metadata_cache_entries')).toBeGreaterThan(0);

    // The feed drops (its connection is terminated): reads bypass the cache until it reconnects.
    const pid = kit.deps.metadataCache.backendPid!;
    await kit.orm.em.fork().execute('select pg_terminate_backend(?)', [pid]);
    await expect.poll(() => kit.deps.metadataCache.active).toBe(false);
    const dark = await scrape(kit);
    expect(sample(dark, 'tessera_metadata_cache_feed_connected')).toBe(0);
    await kit.gql(ObsViewer, {}, { token, sync: false });
    expect(sample(await scrape(kit), 'tessera_metadata_cache_reads_total{result="bypass"}')).toBeGreaterThan(
      sample(dark, 'tessera_metadata_cache_reads_total{result="bypass"}')!,
    );
    await expect.poll(() => kit.deps.metadataCache.active, { timeout: 10_000 }).toBe(true);
    expect(sample(await scrape(kit), 'tessera_metadata_cache_feed_connected')).toBe(1);
  });

  it('reports warehouse statements per data source, the pool, and result cache hits', async ({ kit, tenant, content }) => {
    const { dashboardId, dataSourceId } = await widgetDashboard(kit, content, tenant.admin);
    const first = await kit.gql(ObsWidgets, { id: dashboardId }, { token: tenant.viewer.token });
    expect(first.errors).toBeUndefined();
    expect(first.data?.dashboard?.widgets[0]?.data?.rows).toEqual([[55]]);
    const once = await scrape(kit);
    const statements = `tessera_warehouse_query_duration_seconds_count{data_source="${dataSourceId}",outcome="ok"}`;
    expect(sample(once, statements)).toBe(1);
    expect(sample(once, `tessera_data_source_pool_connections{data_source="${dataSourceId}",state="in_use"}`)).toBe(0);
    expect(sample(once, `tessera_data_source_pool_connections{data_source="${dataSourceId}",state="idle"}`)).toBe(1);
    expect(sample(once, `tessera_data_source_pool_waiting{data_source="${dataSourceId}"}`)).toBe(0);
    expect(sample(once, 'tessera_metadata_pool_connections{state="idle"}')).toBeGreaterThan(0);
    // The scrape itself reads the job queue's depth on the metadata pool: a caller may be waiting at that moment.
    expect(Number.isInteger(sample(once, 'tessera_metadata_pool_waiting'))).toBe(true);

    // The same widget again: from the result cache, no second statement.
    const second = await kit.gql(ObsWidgets, { id: dashboardId }, { token: tenant.viewer.token });
    expect(second.data?.dashboard?.widgets[0]?.data?.rows).toEqual([[55]]);
    const twice = await scrape(kit);
    expect(sample(twice, statements)).toBe(1);
    expect(sample(twice, 'tessera_result_cache_reads_total{result="hit"}')).toBe(sample(once, 'tessera_result_cache_reads_total{result="hit"}')! + 1);
    expect(sample(twice, 'tessera_result_cache_entries')).toBeGreaterThanOrEqual(1);
  });

  it('counts throttled sign-ins by limit', async ({ kit, tenant }) => {
    const input = { tenant: tenant.slug, email: tenant.viewer.email, password: 'wrong wrong wrong' };
    const address = `2001:db8:0b5::${uuidv7().slice(-4)}`;
    const before = sample(await scrape(kit), 'tessera_sign_in_throttled_total{limit="account"}')!;
    for (let i = 0; i < 10; i++) expect((await kit.gql(ObsLogin, { input }, { clientAddress: address })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await kit.gql(ObsLogin, { input }, { clientAddress: address });
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const text = await scrape(kit);
    expect(sample(text, 'tessera_sign_in_throttled_total{limit="account"}')).toBe(before + 1);
    expect(sample(text, 'tessera_graphql_errors_total{code="RATE_LIMITED"}')).toBeGreaterThanOrEqual(1);
  });

  it('keeps operation names bounded: past the cap new names are "other", and anonymous callers get a smaller share', async () => {
    const kit = await createTestKit();
    try {
      const t = await kit.seedTenant();
      const send = (name: string, token?: string) =>
        kit.app.fetch('http://tessera.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query: `query ${name} { __typename }` }),
        });
      for (let i = 0; i < 30; i++) expect((await send(`Anon${i}`)).status).toBe(200);
      for (let i = 0; i < 100; i++) expect((await send(`Signed${i}`, t.viewer.token)).status).toBe(200);
      const text = await scrape(kit);
      const names = new Set([...text.matchAll(/^graphql_envelop_request_duration_count\{operationName="([^"]+)"/gm)].map((m) => m[1]));
      expect(names.has('Anon19')).toBe(true);
      expect(names.has('Anon20')).toBe(false);
      expect(names.has('Signed79')).toBe(true);
      expect(names.has('Signed80')).toBe(false);
      expect(names.has('other')).toBe(true);
      expect(names.size).toBe(101);
      expect(sample(text, 'graphql_envelop_request_duration_count{operationName="other",operationType="query",outcome="ok"}')).toBe(30);
    } finally {
      await kit.close();
    }
  });
});

describe('access log', () => {
  it('writes one line per request with status, duration, operation, principal, tenant and request id; no token, variable or password', async ({
    kit,
    tenant,
  }) => {
    const secretSearch = `needle-${uuidv7().slice(-8)}`;
    const secretPassword = `pw-${uuidv7().slice(-12)}`;
    const requestId = `obs-${uuidv7()}`;
    const res = await kit.gql(ObsUsers, { search: secretSearch }, { token: tenant.admin.token, headers: { 'x-request-id': requestId } });
    expect(res.errors).toBeUndefined();
    const lines = accessLines(kit).filter((line) => line.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'ObsUsers',
      principal: 'USER',
      tenantId: tenant.tenant.id,
      requestId,
    });
    expect(typeof lines[0]!.ms).toBe('number');

    // An anonymous sign-in with a wrong password, and a GET with the variables in the query string.
    const loginId = `obs-${uuidv7()}`;
    await kit.gql(
      ObsLogin,
      { input: { tenant: tenant.slug, email: tenant.analyst.email, password: secretPassword } },
      { headers: { 'x-request-id': loginId } },
    );
    expect(accessLines(kit).filter((line) => line.requestId === loginId)).toEqual([
      expect.objectContaining({ status: 401, operationName: 'ObsLogin', principal: 'ANONYMOUS' }),
    ]);
    const getId = `obs-${uuidv7()}`;
    const query = encodeURIComponent('query ObsGet($search: String) { users(search: $search, first: 1) { edges { node { id } } } }');
    const get = await kit.app.fetch(`http://tessera.test/graphql?query=${query}&variables=${encodeURIComponent(JSON.stringify({ search: secretSearch }))}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${tenant.admin.token}`, 'x-request-id': getId },
    });
    expect(get.status).toBe(200);
    expect(accessLines(kit).filter((line) => line.requestId === getId)).toEqual([
      expect.objectContaining({ method: 'GET', path: '/graphql', status: 200, operationName: 'ObsGet', principal: 'USER' }),
    ]);

    const everything = kit.logs.join('\n');
    expect(everything).not.toContain(secretSearch);
    expect(everything).not.toContain(secretPassword);
    expect(everything).not.toContain(tenant.admin.token!);
  });

  it('logs refused and non-GraphQL requests too (without a principal), and successful probes only at debug', async ({ kit }) => {
    const before = accessLines(kit).length;
    const refused = await kit.gql(ObsViewer, {}, { token: 'bogus-token-value', headers: { 'x-request-id': 'obs-refused' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('obs-refused');
    expect((await kit.app.fetch('http://tessera.test/healthz')).status).toBe(200);
    expect((await kit.app.fetch('http://tessera.test/metrics')).status).toBe(200);
    const long = await kit.app.fetch(`http://tessera.test/graphql?query=${'x'.repeat(17 * 1024)}`);
    expect(long.status).toBe(414);
    const lines = accessLines(kit).slice(before);
    expect(lines.filter((line) => line.requestId === 'obs-refused')).toEqual([
      expect.objectContaining({ status: 401, principal: 'ANONYMOUS', operationName: 'ObsViewer', path: '/graphql' }),
    ]);
    expect(lines.filter((line) => line.path === '/healthz' || line.path === '/metrics')).toEqual([]);
    expect(lines.filter((line) => line.status === 414)).toEqual([expect.objectContaining({ method: 'GET', path: '/graphql', principal: 'ANONYMOUS' })]);
    expect(kit.logs.join('\n')).not.toContain('bogus-token-value');
  });
});
