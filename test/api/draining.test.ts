import http from 'node:http';
import { describe, expect, inject } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { serve } from '../../src/http/server.ts';
import { it } from '../testkit/fixture.ts';
import { globalId, TEST_SECRET_KEY } from '../testkit/kit.ts';
import { startGateway } from '../testkit/processes.ts';

const SLOW_QUERY = 'query ($id: ID!) { dataset(id: $id) { query(input: { dimensions: ["slow.country"] }) { rows } } }';

/** Opens a keep-alive connection, sends one request on it and leaves it idle; resolves when the server closes it. */
async function idleKeepAlive(url: string): Promise<{ closed: Promise<number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/healthz`, { agent }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('keep-alive');
      res.resume();
      res.on('end', () => {
        const socket = req.socket;
        resolve({ closed: new Promise((done) => socket!.once('close', () => done(Date.now()))) });
      });
    });
    req.on('error', reject);
  });
}

describe('draining on SIGTERM', () => {
  it('says 503 on /readyz at once, turns new requests away, lets the running one finish, closes idle connections, exits 0', async ({
    kit,
    tenant: t,
    content,
  }) => {
    // A dataset whose every statement takes 2 s on the warehouse.
    const { schema } = await kit.warehouse(
      (s) => `create table ${s}.sales (id int primary key, country text);
              insert into ${s}.sales values (1, 'France'), (2, 'Japan');
              create view ${s}.slow as select s.* from ${s}.sales s, lateral (select pg_catalog.pg_sleep(2)) pause;`,
      { prefix: 'drain' },
    );
    const source = await content.warehouseSource(t.admin, [schema]);
    const datasetId = uuidv7();
    const definition = {
      models: [{ name: 'slow', table: `${schema}.slow`, fields: [{ name: 'country', column: 'country', type: 'STRING' }] }],
      relationships: [],
      calculations: [],
    };
    await kit.orm.em.fork().execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, '[]', 1, now(), now())`,
      [datasetId, t.tenant.id, source.id, `slow ${datasetId}`, `slow ${datasetId}`, t.admin.id, JSON.stringify(definition)],
    );

    const gateway = await startGateway({
      DATABASE_URL: inject('databaseUrl'),
      TESSERA_SECRET_KEY: TEST_SECRET_KEY,
      TESSERA_DEMO: '0',
      TESSERA_SHUTDOWN_GRACE_SECONDS: '10',
    });
    let exit: Promise<number | null> | undefined;
    try {
      const post = (query: string, variables: Record<string, unknown> = {}) =>
        fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t.admin.token}` },
          body: JSON.stringify({ query, variables }),
        });
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
      const idle = await idleKeepAlive(gateway.url);

      const slowStarted = Date.now();
      const slow = post(SLOW_QUERY, { id: globalId('Dataset', datasetId) });
      let slowDone = 0;
      void slow.finally(() => (slowDone = Date.now()));
      // The statement is running on the warehouse.
      for (;;) {
        const [running] = await kit.orm.em
          .fork()
          .execute<{ n: number }[]>(`select count(*)::int as n from pg_stat_activity where query like ? and state = 'active' and pid <> pg_backend_pid()`, [
            `%${schema}%slow%`,
          ]);
        if (running!.n > 0 || Date.now() - slowStarted > 1500) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const signalled = Date.now();
      exit = gateway.stop();
      // Immediately: not ready, and a new GraphQL request is turned away with Retry-After.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const ready = await fetch(`${gateway.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'draining' });
      const refused = await post('{ viewer { user { email } } }');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.headers.get('connection')).toBe('close');
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAVAILABLE');

      // The idle keep-alive connection is closed at once, long before the running request ends.
      const idleClosed = await idle.closed;
      expect(idleClosed - signalled).toBeLessThan(1000);

      // The request that was running finishes with its rows.
      const answered = await slow;
      expect(answered.status).toBe(200);
      expect(answered.headers.get('connection')).toBe('close');
      expect(await answered.json()).toEqual({ data: { dataset: { query: { rows: [['France'], ['Japan']] } } } });
      expect(slowDone).toBeGreaterThan(idleClosed);

      // Then the process exits 0, well within the grace period.
      expect(await exit).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(8_000);
      expect(gateway.output()).not.toMatch(/still running after the grace period/);
    } finally {
      await (exit ?? gateway.stop());
    }
  });

  it('cuts the requests still running when the grace period ends', async ({ kit }) => {
    let handled = 0;
    const server = await serve(
      {
        handle: () => {
          handled++; // and never answers
        },
      },
      { host: '127.0.0.1', port: 0, logger: kit.deps.logger },
    );
    const failed = new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: Number(new URL(server.url).port), path: '/graphql' }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    while (handled === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    await server.close(300);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    expect(await failed).toBe('ECONNRESET');
    expect(kit.logs.some((line) => line.includes('requests still running after the grace period'))).toBe(true);
  });
});
