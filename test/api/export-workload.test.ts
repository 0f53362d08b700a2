/**
 * Exports take their turn on the warehouse like queries (docs/operations.md, "Warehouse workload
 * protection"): an export's cursor holds a slot of its data source until it closes, counts
 * against the principal's query rate limit, and a download refused for either keeps its link, so
 * the same URL works once the client has waited the `Retry-After`.
 */
import http from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { serve, type RunningServer } from '../../src/http/server.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const ExportRows = graphql(`
  mutation WorkloadExport($input: ExportDatasetQueryInput!) {
    exportDatasetQuery(input: $input) { url }
  }
`);
const Explore = graphql(`
  query WorkloadExportExplore($id: ID!) { dataset(id: $id) { query(input: { dimensions: ["rows.id"], limit: 5 }) { rowCount } } }
`);

/** One slot per data source and no queue: whatever arrives while an export streams is refused at once. */
let one: TestKit;
/** One warehouse statement per principal per minute. */
let limited: TestKit;
let schema: string;

const defaults = loadConfig({ DATABASE_URL: 'postgres://unused', TESSERA_SECRET_KEY: 'x'.repeat(32) }).warehouse;

async function datasetOn(kit: TestKit, t: SeededTenant): Promise<{ id: string; dataSourceId: string }> {
  const content = contentBuilders(kit, t.tenant);
  const source = await content.warehouseSource(t.admin, [schema]);
  const id = await content.datasetRow({
    owner: t.admin,
    dataSourceId: source.id,
    name: `Trickle ${source.id.slice(-6)}`,
    // 40 rows, 50 ms each: an export of all of them streams for about 2 s.
    definition: {
      models: [{ name: 'rows', table: `${schema}.trickle`, fields: [{ name: 'id', column: 'id', type: 'NUMBER' }] }],
      relationships: [],
      calculations: [],
    },
  });
  await kit.deps.metadataCache.sync();
  return { id, dataSourceId: source.id };
}

const issue = async (kit: TestKit, t: SeededTenant, datasetId: string) => {
  const res = await kit.gql(ExportRows, { input: { datasetId: globalId('Dataset', datasetId), query: { dimensions: ['rows.id'] } } }, { token: t.admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return new URL(res.data!.exportDatasetQuery!.url).pathname;
};
const download = (kit: TestKit, path: string) => kit.app.fetch(`http://tessera.test${path}`, { method: 'GET' });
const idle = async (kit: TestKit, withinMs = 5_000) => {
  const deadline = Date.now() + withinMs;
  while ([...kit.deps.dataSourceConcurrency.stats()].length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return [...kit.deps.dataSourceConcurrency.stats()];
};

beforeAll(async () => {
  [one, limited] = await Promise.all([
    createTestKit({ config: { warehouse: { ...defaults, concurrency: 1, queueMax: 0, queueWaitMs: 1_000 } } }),
    createTestKit({ config: { warehouse: { ...defaults, queriesPerMinute: 1 } } }),
  ]);
  ({ schema } = await one.warehouse(
    (s) => `
    create table ${s}.rows (id int primary key);
    insert into ${s}.rows select g from generate_series(1, 40) g;
    create view ${s}.trickle as select r.id from ${s}.rows r, lateral (select pg_catalog.pg_sleep(0.05) where r.id > 0) pause;`,
    { prefix: 'xw' },
  ));
});
afterAll(async () => {
  await Promise.all([one?.close(), limited?.close()]);
});

describe('an export on a busy data source', () => {
  it('holds the slot while it streams: a query and another download are refused meanwhile, and that link works afterwards', async () => {
    const t = await one.seedTenant();
    const { id, dataSourceId } = await datasetOn(one, t);
    const [first, second] = [await issue(one, t, id), await issue(one, t, id)];

    const streaming = await download(one, first);
    expect(streaming.status).toBe(200);
    expect([...one.deps.dataSourceConcurrency.stats()]).toEqual([{ dataSourceId, running: 1, queued: 0 }]);

    const query = await one.gql(Explore, { id: globalId('Dataset', id) }, { token: t.admin.token });
    expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 1 });

    const refused = await download(one, second);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.text()).toMatch(/busy.*the same link works again/);

    // The first export completes; its slot is given back when its cursor closes.
    const rows = parse(await streaming.text()) as string[][];
    expect(rows).toHaveLength(41);
    expect(await idle(one)).toEqual([]);

    const retried = await download(one, second);
    expect(retried.status).toBe(200);
    expect(parse(await retried.text())).toEqual(rows);
    // Still single use once it was sent.
    expect((await download(one, second)).status).toBe(404);
    expect((await one.gql(Explore, { id: globalId('Dataset', id) }, { token: t.admin.token })).data?.dataset?.query.rowCount).toBe(5);
  });

  it('gives the slot back when the client goes away mid-download', async () => {
    const t = await one.seedTenant();
    const { id } = await datasetOn(one, t);
    const path = await issue(one, t, id);
    let server: RunningServer | undefined;
    try {
      server = await serve(one.app, { host: '127.0.0.1', port: 0, logger: one.deps.logger });
      const req = await new Promise<http.ClientRequest>((resolve, reject) => {
        const r = http.get(`${server!.url}${path}`, (res) => {
          expect(res.statusCode).toBe(200);
          res.on('error', () => {});
          resolve(r);
        });
        r.on('error', reject);
      });
      expect([...one.deps.dataSourceConcurrency.stats()]).toHaveLength(1);
      req.destroy();
      // Promptly: the cancel does not wait for a connection of the (full) pool.
      expect(await idle(one, 2_000)).toEqual([]);
      const query = await one.gql(Explore, { id: globalId('Dataset', id) }, { token: t.admin.token });
      expect(query.errors).toBeUndefined();
    } finally {
      await server?.close(1000);
    }
  });
});

describe('an export over the principal’s rate limit', () => {
  it('is refused with 429 and Retry-After, and keeps its link', async () => {
    const t = await limited.seedTenant();
    const { id } = await datasetOn(limited, t);
    const [first, second] = [await issue(limited, t, id), await issue(limited, t, id)];
    const sent = await download(limited, first);
    expect(sent.status).toBe(200);
    expect(parse(await sent.text())).toHaveLength(41);

    const refused = await download(limited, second);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many queries.*the same link works again/);
    // Given back, not spent: the token is unused again.
    const [row] = await limited.orm.em
      .fork()
      .execute<{ used: boolean }[]>(`select used_at is not null as used from export_downloads where tenant_id = ? order by created_at desc limit 1`, [
        t.tenant.id,
      ]);
    expect(row?.used).toBe(false);
    // Queries count against the same limit.
    const query = await limited.gql(Explore, { id: globalId('Dataset', id) }, { token: t.admin.token });
    expect(query.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
