/**
 * A CSV export of 1,000,000 order rows through the gateway's real HTTP path (an admin's
 * `exportDatasetQuery`, then GET of the URL over a socket, the body consumed and counted) against
 * `COPY (<the same printed SQL>) TO STDOUT WITH CSV` through pg-copy-streams, in the same run.
 * The gateway runs as its own process (`node src/main.ts` on the bench database), so its RSS is
 * its own and not the downloading client's: it is read from /proc every 20 ms while the download
 * runs, and the growth over the RSS just before it is reported.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { seedDemoWarehouse } from '../src/demo/warehouse.ts';
import { createLogger } from '../src/logger.ts';
import { Dataset } from '../src/modules/dataset/dataset.entity.ts';
import { compileQuery, type DatasetQueryInput } from '../src/query/compile.ts';
import { printSelect } from '../src/query/print.ts';
import { closeDeps, createDeps } from '../src/scope/deps.ts';
import { benchDatabase, startGateway } from './setup.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const QUERY: DatasetQueryInput = { dimensions: ['orders.id', 'orders.merchant_id', 'orders.amount', 'orders.ordered_at', 'orders.status'] };

/** Reads a response to the end, counting bytes and lines. */
function consume(stream: NodeJS.ReadableStream): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    stream.on('end', () => resolve({ bytes, lines }));
    stream.on('error', reject);
  });
}

/** The resident set of a process, in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

export async function benchExport() {
  const db = await benchDatabase();
  try {
    const config = {
      ...loadConfig({ DATABASE_URL: db.url, TESSERA_SECRET_KEY: 'bench-secret-key-that-is-long-enough-000', TESSERA_DEMO: '0' }),
      publicUrl: 'http://bench.invalid',
    };
    const deps = createDeps({ config, orm: db.orm, secretKey: config.secretKey!, logger: createLogger('warn') });
    await deps.metadataCache.start();
    const url = new URL(db.url);
    const seeded = (await seedDemo(db.orm.em.fork()))!;
    await seedDemoWarehouse(db.orm.em.fork(), deps, {
      ...seeded,
      connection: { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1) },
      orders: ORDERS,
    });
    await closeDeps(deps);
    const server = await startGateway(db.url, config.secretKey!);
    const gql = async (token: string, query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const result = (await res.json()) as { data?: Record<string, any>; errors?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const login = await gql('', `mutation($p: String!) { login(input: { tenant: "demo", email: "admin@demo.example.com", password: $p }) { token } }`, {
      p: DEMO_PASSWORD,
    });
    const token = login.login.token as string;
    const datasetGid = (await gql(token, '{ datasets { edges { node { id name } } } }', {})).datasets.edges.find(
      (e: { node: { name: string } }) => e.node.name === 'Ecommerce',
    ).node.id as string;

    const issued = await gql(token, 'mutation($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }', {
      input: { datasetId: datasetGid, query: QUERY },
    });
    const downloadPath = new URL(issued.exportDatasetQuery.url as string).pathname;
    const rssBefore = rssOf(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(server.pid))), 20);
    const started = performance.now();
    const gateway = await new Promise<{ bytes: number; lines: number }>((resolve, reject) => {
      http
        .get(`${server.url}${downloadPath}`, (res) => {
          if (res.statusCode !== 200) reject(new Error(`download answered ${res.statusCode}`));
          consume(res).then(resolve, reject);
        })
        .on('error', reject);
    });
    const gatewayMs = performance.now() - started;
    clearInterval(sampler);
    const gatewayRows = gateway.lines - 1;

    // The baseline: the statement the gateway ran (admins are not restricted), through COPY.
    const em = db.orm.em.fork();
    const dataset = await em.findOneOrFail(Dataset, { nameKey: 'ecommerce' });
    const max = config.exports.maxRows;
    const printed = printSelect(compileQuery(dataset, QUERY, { restricted: false }, { defaultLimit: max, maxLimit: max }).select);
    // COPY takes no parameters: the bound values here are the limit and offset, integers, inlined for the baseline only.
    if (!printed.values.every((v) => Number.isInteger(v))) throw new Error('unexpected parameters');
    const inlined = printed.text.replace(/\$(\d+)(::\w+)?/g, (_m, n: string) => String(printed.values[Number(n) - 1]));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const copyStarted = performance.now();
    const copied = await consume(client.query(copyTo(`copy (${inlined}) to stdout with csv`)));
    const copyMs = performance.now() - copyStarted;
    await client.end();

    await server.stop();
    const gatewayRps = gatewayRows / (gatewayMs / 1000);
    const copyRps = copied.lines / (copyMs / 1000);
    const result = {
      rows: gatewayRows,
      copyRows: copied.lines,
      gatewayMs,
      copyMs,
      gatewayRps,
      copyRps,
      ratio: gatewayRps / copyRps,
      gatewayMb: gateway.bytes / 1e6,
      copyMb: copied.bytes / 1e6,
      rssGrowthMb: (rssPeak - rssBefore) / 1e6,
    };
    console.log(
      `export: ${result.rows} rows (${result.gatewayMb.toFixed(1)} MB) in ${(gatewayMs / 1000).toFixed(2)} s vs COPY ${result.copyRows} rows (${result.copyMb.toFixed(1)} MB) in ${(copyMs / 1000).toFixed(2)} s; RSS growth ${result.rssGrowthMb.toFixed(1)} MB`,
    );
    return result;
  } finally {
    await db.close();
  }
}
