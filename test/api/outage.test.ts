import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import { serve, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { migrateDatabase } from '../testkit/database.ts';
import { it } from '../testkit/fixture.ts';
import { createTestKit, globalId, TEST_PASSWORD, type SeededTenant, type TestKit } from '../testkit/kit.ts';

interface Answer {
  status: number;
  retryAfter: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw HTTP answers, checked field by field
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One GraphQL request over the socket, as a client sends it. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<Answer, 'status' | 'retryAfter'>;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...body };
}

const VIEWER = '{ viewer { user { email } } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The answer every request gets while the metadata database is down. `partial`: a request that
 * was under way as it went (its principal was resolved, a later field failed) keeps what had
 * resolved, and is a 503 all the same.
 */
function expectUnavailable(answer: Answer, partial = false) {
  expect(answer.status, JSON.stringify(answer)).toBe(503);
  expect(answer.retryAfter).toBe('5');
  // Nothing ran: no data, or (an error while executing) the failed fields null.
  if (!partial) expect(Object.values(answer.data ?? {}).filter((value) => value !== null)).toEqual([]);
  expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UNAVAILABLE']);
  expect(answer.errors?.[0]?.extensions).toMatchObject({ retryAfterSeconds: 5 });
  // Nothing of the driver's words: no host, port or error code.
  expect(JSON.stringify(answer.errors)).not.toMatch(/ECONN|127\.0\.0\.1|terminat|57P0|connect/i);
}

/**
 * A private embedded PostgreSQL of this file's own (the suite's is shared by every file), stopped
 * and started again under a gateway that keeps running.
 */
describe('the metadata database goes away and comes back', () => {
  const logger = createLogger('warn');
  let dataDir: string;
  let db: EmbeddedDatabase;
  let kit: TestKit;
  let server: RunningServer;
  let t: SeededTenant;
  const pgDir = () => path.join(dataDir, 'pg');

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-outage-'));
    await chmod(dataDir, 0o755);
    db = await startEmbeddedPostgres({ pgDir: pgDir(), password: 'tessera-outage', database: 'tessera', logger });
    await migrateDatabase(db.url, logger);
    kit = await createTestKit({ databaseUrl: db.url });
    t = await kit.seedTenant();
    server = await serve(kit.app, { host: '127.0.0.1', port: 0, logger: kit.deps.logger });
  }, 120_000);
  afterAll(async () => {
    await server?.close(1000);
    await kit?.close();
    await db?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 UNAVAILABLE with Retry-After meanwhile, /readyz 503, and recovers without a restart', { timeout: 90_000 }, async ({ onTestFinished }) => {
    const login = { input: { tenant: t.slug, email: t.analyst.email, password: TEST_PASSWORD } };
    const before = await post(server.url, VIEWER, {}, t.admin.token);
    expect(before).toMatchObject({ status: 200, data: { viewer: { user: { email: t.admin.email } } } });
    expect((await post(server.url, LOGIN, login)).data?.login?.token).toEqual(expect.any(String));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(kit.deps.metadataCache.active).toBe(true);

    // Requests keep coming while the database stops and starts: each one either succeeds or is a
    // clean 503 UNAVAILABLE, never INTERNAL, never another status.
    const seen: Answer[] = [];
    let running = true;
    const traffic = (async () => {
      while (running) {
        seen.push(await post(server.url, VIEWER, {}, t.admin.token));
        seen.push(await post(server.url, LOGIN, login));
      }
    })();
    onTestFinished(async () => {
      running = false;
      await traffic.catch(() => {});
    });

    await db.stop();
    // The change feed noticed: nothing is served from the cache while it cannot hear of changes.
    await until(
      'the cache to go dark',
      async () => kit.deps.metadataCache.active,
      (active) => !active,
      10_000,
    );

    const signedIn = await post(server.url, VIEWER, {}, t.admin.token);
    expectUnavailable(signedIn);
    expectUnavailable(await post(server.url, LOGIN, login));
    // A mutation that writes is refused the same way.
    expectUnavailable(await post(server.url, 'mutation { createGroup(input: { name: "During the outage" }) { id } }', {}, t.admin.token));
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // An outage is logged as one, not as an unexpected error.
    expect(kit.logs.some((line) => line.includes('the metadata database cannot be reached'))).toBe(true);

    const port = db.port;
    db = await startEmbeddedPostgres({ pgDir: pgDir(), password: 'tessera-outage', database: 'tessera', logger, preferredPort: port });
    expect(db.port).toBe(port);
    const restarted = Date.now();
    // The session issued before the outage still works, and so does signing in.
    const recovered = await until(
      'a signed-in query to succeed again',
      () => post(server.url, VIEWER, {}, t.admin.token),
      (a) => a.status === 200,
      10_000,
    );
    expect(Date.now() - restarted).toBeLessThan(5_000);
    expect(recovered.data?.viewer?.user?.email).toBe(t.admin.email);
    expect(recovered.errors).toBeUndefined();
    const again = await until(
      'signing in to succeed again',
      () => post(server.url, LOGIN, login),
      (a) => a.status === 200,
      5_000,
    );
    expect(again.data?.login?.token).toEqual(expect.any(String));
    await until(
      '/readyz to answer 200',
      async () => (await fetch(`${server.url}/readyz`)).status,
      (status) => status === 200,
      5_000,
    );

    running = false;
    await traffic;
    const statuses = new Set(seen.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    for (const answer of seen) {
      if (answer.status === 503) expectUnavailable(answer, true);
      else expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    }

    // The change feed reconnects on its own (retrying with backoff) and the cache serves again.
    await until(
      'the cache to serve again',
      async () => kit.deps.metadataCache.active,
      (active) => active,
      40_000,
    );
    const hitsBefore = kit.deps.metadataCache.hits;
    expect((await post(server.url, VIEWER, {}, t.admin.token)).status).toBe(200);
    expect((await post(server.url, VIEWER, {}, t.admin.token)).data?.viewer?.user?.email).toBe(t.admin.email);
    expect(kit.deps.metadataCache.hits).toBeGreaterThan(hitsBefore);
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  return new Promise((resolve) => probe.close(() => resolve(port)));
}

describe('a data source goes away', () => {
  it('fails only the widgets on it, with UNAVAILABLE; the others return their rows and the response is 200', async ({
    kit,
    tenant: t,
    content,
    onTestFinished,
  }) => {
    const server = await serve(kit.app, { host: '127.0.0.1', port: 0, logger: kit.deps.logger });
    onTestFinished(() => server.close(1000));
    const { schema } = await kit.warehouse(
      (s) => `create table ${s}.sales (id int primary key, country text);
              insert into ${s}.sales values (1, 'France'), (2, 'France'), (3, 'Japan');`,
      { prefix: 'out' },
    );
    const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);
    const definition = JSON.stringify({
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
    });
    const up = await content.warehouseSource(t.admin, [schema]);
    const down = await content.warehouseSource(t.admin, [schema]);
    const port = await closedPort();
    await sql('update data_sources set host = ?, port = ? where id = ?', ['127.0.0.1', port, down.id]);
    const dashboard = await content.dashboard({ owner: t.admin, title: 'Half down' });
    await content.share('DASHBOARD', dashboard.id, 'all');
    const query = JSON.stringify({
      dimensions: ['sales.country'],
      measures: [{ field: 'sales.id', aggregation: 'COUNT' }],
      sort: [{ field: 'sales.country' }],
    });
    for (const [position, source] of [up, down].entries()) {
      const datasetId = uuidv7();
      await sql(
        `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, '[]', 1, now(), now())`,
        [datasetId, t.tenant.id, source.id, `out ${position}`, `out ${position} ${datasetId}`, t.admin.id, definition],
      );
      await sql(
        `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [uuidv7(), t.tenant.id, dashboard.id, datasetId, t.admin.id, position === 0 ? 'Up' : 'Down', query, position],
      );
    }
    await kit.deps.metadataCache.sync();
    const WIDGETS = 'query ($id: ID!) { dashboard(id: $id) { title widgets { title data { rows } } } }';
    const id = globalId('Dashboard', dashboard.id);

    for (const who of [t.viewer, t.admin]) {
      const answer = await post(server.url, WIDGETS, { id }, who.token);
      expect(answer.status, JSON.stringify(answer)).toBe(200);
      expect(answer.retryAfter).toBeNull();
      expect(answer.data?.dashboard?.title).toBe('Half down');
      expect(answer.data?.dashboard?.widgets).toEqual([
        {
          title: 'Up',
          data: {
            rows: [
              ['France', 2],
              ['Japan', 1],
            ],
          },
        },
        { title: 'Down', data: null },
      ]);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]).toMatchObject({ path: ['dashboard', 'widgets', 1, 'data'], extensions: { code: 'UNAVAILABLE' } });
      if (who === t.admin) {
        // Those who manage data sources learn why.
        expect(answer.errors?.[0]?.message).toBe('Could not connect to the data source: the connection was refused');
      } else {
        // Everyone else gets no host, port or driver words (docs/permissions.md).
        expect(answer.errors?.[0]?.message).toMatch(/^The data source could not answer this request \(request [0-9a-f-]{36}\)$/);
        expect(JSON.stringify(answer.errors)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|refused`));
      }
    }
  });
});
