/**
 * Dataset queries under row-level permission, on the demo warehouse with 1,000,000 orders:
 * (a) p50 latency of an aggregated, RLP-restricted query through the gateway vs the same printed
 *     SQL run directly with pg;
 * (b) throughput at 16 concurrent clients of a 10-row RLP-restricted query vs a bare graphql-yoga
 *     server in this process whose one resolver runs that same printed SQL with pg. Every request
 *     asks for a different id range (`orders.id > k`, k counting up), on both sides: identical
 *     queries in flight would run once on the gateway (single flight), which the baseline has not.
 * Both baselines are measured in the same run.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { seedDemoWarehouse } from '../src/demo/warehouse.ts';
import { closeDeps, createDeps } from '../src/scope/deps.ts';
import { createLogger } from '../src/logger.ts';
import { loadEffectiveAttributes } from '../src/modules/attribute/effective.ts';
import { Dataset } from '../src/modules/dataset/dataset.entity.ts';
import { compileQuery, type DatasetQueryInput } from '../src/query/compile.ts';
import { printSelect } from '../src/query/print.ts';
import { POOL_SETTINGS } from '../src/query/pools.ts';
import { benchDatabase, median, percentile } from './setup.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const CONCURRENCY = 16;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

/** Requests completed per second by CONCURRENCY clients in a window (those finishing after it are not counted). */
async function throughput(run: () => Promise<unknown>, durationMs: number): Promise<number> {
  const started = performance.now();
  const until = started + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await run();
        if (performance.now() <= until) done++;
      }
    }),
  );
  return done / (durationMs / 1000);
}

export async function benchQueries() {
  const db = await benchDatabase();
  try {
    const config = loadConfig({
      DATABASE_URL: db.url,
      TESSERA_SECRET_KEY: 'bench-secret-key-that-is-long-enough-000',
      TESSERA_DEMO: '0',
      // One principal makes every request here: the benchmark measures capacity, not the per-principal limit.
      TESSERA_QUERY_RATE_LIMIT: '1000000',
    });
    const deps = createDeps({ config, orm: db.orm, secretKey: config.secretKey!, logger: createLogger('warn') });
    await deps.metadataCache.start();
    const url = new URL(db.url);
    const seeded = (await seedDemo(db.orm.em.fork()))!;
    const started = performance.now();
    await seedDemoWarehouse(db.orm.em.fork(), deps, {
      ...seeded,
      connection: { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1) },
      orders: ORDERS,
    });
    console.log(`seeded ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const app = createApp(deps);

    const gql = async (token: string, query: string, variables: Record<string, unknown>) => {
      const body = JSON.stringify({ query, variables });
      const res = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      const result = (await res.json()) as { data?: Record<string, any>; errors?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const login = await gql(
      '',
      `mutation($p: String!) { login(input: { tenant: "demo", email: "apac@demo.example.com", password: $p }) { token user { id } } }`,
      { p: DEMO_PASSWORD },
    );
    const token = login.login.token as string;
    const datasetGid = (await gql(token, '{ datasets { edges { node { id } } } }', {})).datasets.edges[0].node.id as string;

    // The exact SQL the gateway runs for this viewer, printed by the same compiler.
    const em = db.orm.em.fork();
    const dataset = await em.findOneOrFail(Dataset, { nameKey: 'ecommerce' }, { populate: ['dataSource'] });
    const attributes = await loadEffectiveAttributes(em, {
      tenantId: seeded.tenantId,
      userId: Buffer.from(login.login.user.id as string, 'base64')
        .toString('utf8')
        .slice('User:'.length),
      email: 'apac@demo.example.com',
      role: 'EXPLORER',
    });
    const printed = (input: DatasetQueryInput) => printSelect(compileQuery(dataset, input, { restricted: true, attributes }).select);
    // The same pool size as the gateway's pool per data source.
    const reader = new pg.Pool({ connectionString: db.url, max: POOL_SETTINGS.max });

    const aggregated: DatasetQueryInput = {
      dimensions: ['countries.name'],
      measures: [
        { field: 'orders.amount', aggregation: 'SUM' },
        { field: 'orders.id', aggregation: 'COUNT' },
      ],
    };
    // Every request asks for the ten rows of a different order range on both sides (`orders.id <> k`,
    // the same cost for every k): identical statements in flight would run once on the gateway
    // (single flight), which the bare baseline does not do. "repeated": k cycles through 64 values,
    // as a dashboard's widgets are asked again (the gateway's compiled-query cache holds them, and
    // no two requests in flight are the same); "new": k counts up, so the gateway compiles each one.
    const smallFrom = (k: number): DatasetQueryInput => ({
      dimensions: ['orders.id', 'merchants.name', 'orders.amount'],
      filters: [{ field: 'orders.id', operator: 'NE', values: [k] }],
      limit: 10,
    });
    const counter = (modulo: number) => {
      let k = 0;
      return () => (k = (k + 1) % modulo) + 1;
    };
    const queryDoc = 'query($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows } } }';
    const viaGateway = (input: DatasetQueryInput | (() => DatasetQueryInput)) => () =>
      gql(token, queryDoc, { id: datasetGid, input: typeof input === 'function' ? input() : input });
    const direct = (input: DatasetQueryInput) => {
      const sql = printed(input);
      return () => reader.query({ text: sql.text, values: sql.values, rowMode: 'array' });
    };

    // (a) latency
    const g = viaGateway(aggregated);
    const d = direct(aggregated);
    const gatewayRows = (await g()).dataset.query.rows.length;
    const directRows = (await d()).rows.length;
    if (gatewayRows !== directRows) throw new Error(`row counts differ: ${gatewayRows} vs ${directRows}`);
    for (let i = 0; i < 3; i++) await Promise.all([g(), d()]);
    const gl: number[] = [];
    const dl: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      let t0 = performance.now();
      await d();
      dl.push(performance.now() - t0);
      t0 = performance.now();
      await g();
      gl.push(performance.now() - t0);
    }
    const latency = { gatewayMs: median(gl), directMs: median(dl), ratio: median(gl) / median(dl) };
    console.log(`(a) aggregated RLP query over ${ORDERS} orders, ${gatewayRows} rows, ${ITERATIONS} runs`);
    console.log(`    direct pg  p50 ${latency.directMs.toFixed(1)} ms  p90 ${percentile(dl, 90).toFixed(1)} ms`);
    console.log(`    gateway    p50 ${latency.gatewayMs.toFixed(1)} ms  p90 ${percentile(gl, 90).toFixed(1)} ms`);
    console.log(`    ratio (gateway / direct, p50): ${latency.ratio.toFixed(2)}x  (target <= 1.15x)`);

    // (b) throughput: a bare graphql-yoga in this process, one resolver running the printed SQL.
    // The headline baseline runs it as pg does by default (unnamed); a second one runs it as a named
    // prepared statement, as the gateway does for repeated queries, to show what that part is worth.
    // The printed SQL with a marker for k, whose bound value the bare resolver replaces per request.
    const MARKER = 424_242;
    const smallSql = printed(smallFrom(MARKER));
    const kAt = smallSql.values.findIndex((v) => String(v) === String(MARKER));
    if (kAt < 0) throw new Error('the printed SQL does not bind the id bound');
    const withK = (k: number) => smallSql.values.map((v, i) => (i === kAt ? (typeof v === 'number' ? k : String(k)) : v));
    const bareYoga = (prepared: boolean, nextK: () => number) => {
      const statement = { text: smallSql.text, rowMode: 'array' as const, ...(prepared ? { name: 'bench_small' } : {}) };
      const yoga = createYoga({
        schema: createSchema({
          typeDefs: 'type Query { rows: [[String]] }',
          resolvers: { Query: { rows: async () => (await reader.query({ ...statement, values: withK(nextK()) })).rows } },
        }),
        logging: false,
      });
      return async () => {
        const body = JSON.stringify({ query: '{ rows }' });
        const res = await yoga.fetch('http://bare/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
          body,
        });
        await res.json();
      };
    };
    const repeated = counter(64);
    const fresh = counter(900_000);
    const contenders = {
      bare: bareYoga(false, counter(64)),
      barePrepared: bareYoga(true, counter(64)),
      gateway: viaGateway(() => smallFrom(repeated())),
      bareNew: bareYoga(false, counter(900_000)),
      gatewayNew: viaGateway(() => smallFrom(fresh())),
    };
    const sample = await contenders.gateway();
    if (sample.dataset.query.rows.length !== 10) throw new Error(`the gateway returned ${sample.dataset.query.rows.length} rows, not 10`);
    for (const run of Object.values(contenders)) for (let i = 0; i < 50; i++) await run();
    // Short windows in turn, so that drift on a shared machine falls on all three alike.
    const totals = { bare: 0, barePrepared: 0, gateway: 0, bareNew: 0, gatewayNew: 0 };
    const roundRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rates = { bare: 0, barePrepared: 0, gateway: 0, bareNew: 0, gatewayNew: 0 };
      for (const name of Object.keys(contenders) as (keyof typeof contenders)[]) {
        rates[name] = await throughput(contenders[name], DURATION_MS / ROUNDS);
        totals[name] += rates[name] / ROUNDS;
      }
      roundRatios.push(rates.gateway / rates.bare);
    }
    const rate = {
      gatewayRps: totals.gateway,
      bareRps: totals.bare,
      barePreparedRps: totals.barePrepared,
      ratio: totals.gateway / totals.bare,
      preparedRatio: totals.gateway / totals.barePrepared,
      gatewayNewRps: totals.gatewayNew,
      bareNewRps: totals.bareNew,
      newRatio: totals.gatewayNew / totals.bareNew,
    };
    console.log(`(b) 10-row RLP query, ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds of ${DURATION_MS / ROUNDS / 1000} s each in turn`);
    console.log(`    repeated queries: bare yoga + pg                      ${totals.bare.toFixed(0)} req/s`);
    console.log(`                      bare yoga + pg, prepared statement  ${totals.barePrepared.toFixed(0)} req/s`);
    console.log(`                      gateway                             ${totals.gateway.toFixed(0)} req/s`);
    console.log(`    new queries:      bare yoga + pg                      ${totals.bareNew.toFixed(0)} req/s`);
    console.log(`                      gateway                             ${totals.gatewayNew.toFixed(0)} req/s`);
    console.log(
      `    ratio (gateway / bare): ${rate.ratio.toFixed(2)}x  (target >= 0.8x; rounds ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)})`,
    );
    console.log(`    ratio (gateway / bare with a prepared statement): ${rate.preparedRatio.toFixed(2)}x`);
    console.log(`    ratio, every query new (gateway / bare): ${rate.newRatio.toFixed(2)}x`);
    await reader.end();
    await closeDeps(deps);
    return { latency, rate };
  } finally {
    await db.close();
  }
}
