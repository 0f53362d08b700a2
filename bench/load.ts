/**
 * Load and fault benchmarks against the gateway running as its own process (`node src/main.ts`)
 * on a private embedded PostgreSQL holding the demo workspace and a 100,000-order warehouse.
 *
 * load:  200 concurrent clients (node:http, keep-alive, one socket each) for 60 s of a mix of
 *        40% `dashboards(first: 50)`, 30% the Ecommerce overview dashboard's widget data, 20% an
 *        aggregated `dataset.query` on Ecommerce (those three as the RLP-restricted APAC manager)
 *        and 10% `createFolder` as the demo admin. The baseline is the same 200 clients against
 *        `/healthz` (the HTTP stack and the harness's ceiling), half before and half after the mix.
 * fault: the same mix for 40 s; at 10 s PostgreSQL is killed with SIGKILL, and 5 s after its
 *        processes are gone it is started again on the same data directory and port. Then every
 *        acknowledged write (HTTP 200, data, no errors) is looked up; the responses to requests
 *        started during the outage are counted by status and code; the recovery time is from the
 *        restart to the first acknowledged write after it, beside PostgreSQL's own start-up time.
 *
 * Client, gateway and PostgreSQL share the machine's cores (2 on CI).
 */
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { createOrm, migrate } from '../src/db/orm.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { seedDemoWarehouse } from '../src/demo/warehouse.ts';
import { createLogger } from '../src/logger.ts';
import { closeDeps, createDeps } from '../src/scope/deps.ts';
import { percentile, startGateway, type BenchGateway } from './setup.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
const FAULT_SECONDS = Number(process.env.BENCH_FAULT_SECONDS ?? 40);
const KILL_AT_SECONDS = Number(process.env.BENCH_KILL_AT_SECONDS ?? 10);
const DOWN_SECONDS = Number(process.env.BENCH_DOWN_SECONDS ?? 5);
/** A request that has not answered in this long is abandoned and counted as a timeout. */
const REQUEST_TIMEOUT_MS = 30_000;
const SECRET_KEY = 'bench-secret-key-that-is-long-enough-000';
const PASSWORD = 'bench';
const DATABASE = 'tessera';

type Kind = 'dashboards' | 'widgets' | 'query' | 'write' | 'healthz';
const MIX: Kind[] = ['dashboards', 'widgets', 'query', 'dashboards', 'widgets', 'dashboards', 'query', 'widgets', 'dashboards', 'write'];

interface Sample {
  kind: Kind;
  start: number;
  end: number;
  /** HTTP status; 0 when no response came (connection error or timeout). */
  status: number;
  /** The first GraphQL error's `extensions.code`, or the socket error's code; '' when none. */
  code: string;
  retryAfter: boolean;
  ok: boolean;
  /** The folder name a write asked for. */
  name?: string;
}

interface PrivateDatabase {
  pgDir: string;
  url: string;
  port: number;
  db: EmbeddedDatabase;
}

async function privateDatabase(): Promise<PrivateDatabase & { dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-loadbench-'));
  await chmod(dataDir, 0o755);
  const pgDir = path.join(dataDir, 'pg');
  const db = await startEmbeddedPostgres({ pgDir, password: PASSWORD, database: DATABASE, logger: createLogger('warn') });
  return { dataDir, pgDir, url: db.url, port: db.port, db };
}

/** Migrates and seeds the demo workspace with its warehouse in the metadata database itself. */
async function seed(url: string): Promise<void> {
  const orm = await createOrm({ clientUrl: url, poolMax: 10 });
  try {
    await migrate(orm);
    const config = loadConfig({ DATABASE_URL: url, TESSERA_SECRET_KEY: SECRET_KEY, TESSERA_DEMO: '0' });
    const deps = createDeps({ config, orm, secretKey: config.secretKey!, logger: createLogger('warn') });
    await deps.metadataCache.start();
    const seeded = (await seedDemo(orm.em.fork()))!;
    const parsed = new URL(url);
    const started = performance.now();
    await seedDemoWarehouse(orm.em.fork(), deps, {
      ...seeded,
      connection: { host: parsed.hostname, port: Number(parsed.port), database: DATABASE },
      orders: ORDERS,
    });
    console.log(`seeded the demo workspace and ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await closeDeps(deps);
  } finally {
    await orm.close(true);
  }
}

/** Keep-alive sockets, one per client; made anew for each run. */
let agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
let writes = 0;

interface Answer {
  status: number;
  retryAfter: boolean;
  body: { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: string;
}

function send(base: string, method: 'GET' | 'POST', pathname: string, token?: string, payload?: unknown): Promise<Answer> {
  const body = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise((resolve) => {
    const req = http.request(
      `${base}${pathname}`,
      {
        method,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let parsed: Answer['body'];
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'];
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] !== undefined, body: parsed });
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, retryAfter: false, body: undefined, error: error.code ?? 'ERROR' }));
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, retryAfter: false, body: undefined, error: error.code ?? 'ERROR' }));
    if (body) req.write(body);
    req.end();
  });
}

interface Workload {
  base: string;
  adminToken: string;
  readerToken: string;
  datasetId: string;
  dashboardId: string;
  runId: string;
}

async function gqlOrThrow(base: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const answer = await send(base, 'POST', '/graphql', token, { query, variables });
  if (answer.status !== 200 || !answer.body?.data || answer.body.errors)
    throw new Error(`setup request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

async function prepareWorkload(base: string): Promise<Workload> {
  const login = (email: string) =>
    gqlOrThrow(base, '', 'mutation($e: String!, $p: String!) { login(input: { tenant: "demo", email: $e, password: $p }) { token } }', {
      e: email,
      p: DEMO_PASSWORD,
    }).then((d) => d.login.token as string);
  const adminToken = await login('admin@demo.example.com');
  const readerToken = await login('apac@demo.example.com');
  const datasets = await gqlOrThrow(base, readerToken, '{ datasets { edges { node { id name } } } }');
  const datasetId = datasets.datasets.edges.find((e: { node: { name: string } }) => e.node.name === 'Ecommerce').node.id as string;
  const dashboards = await gqlOrThrow(base, readerToken, '{ dashboards(first: 50) { edges { node { id title } } } }');
  const dashboardId = dashboards.dashboards.edges.find((e: { node: { title: string } }) => e.node.title === 'Ecommerce overview').node.id as string;
  return { base, adminToken, readerToken, datasetId, dashboardId, runId: Date.now().toString(36) };
}

const DASHBOARDS = '{ dashboards(first: 50) { edges { node { id title updatedAt } } } }';
const WIDGETS = 'query($id: ID!) { dashboard(id: $id) { widgets { id title data { rowCount rows } } } }';
const QUERY = 'query($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rowCount rows } } }';
const QUERY_INPUT = {
  dimensions: ['orders.status'],
  measures: [
    { field: 'orders.amount', aggregation: 'SUM' },
    { field: 'orders.id', aggregation: 'COUNT' },
  ],
};
const CREATE_FOLDER = 'mutation($name: String!) { createFolder(input: { name: $name }) { id name } }';

async function one(w: Workload, kind: Kind): Promise<Sample> {
  const start = performance.now();
  let answer: Answer;
  let name: string | undefined;
  if (kind === 'healthz') answer = await send(w.base, 'GET', '/healthz');
  else if (kind === 'dashboards') answer = await send(w.base, 'POST', '/graphql', w.readerToken, { query: DASHBOARDS });
  else if (kind === 'widgets') answer = await send(w.base, 'POST', '/graphql', w.readerToken, { query: WIDGETS, variables: { id: w.dashboardId } });
  else if (kind === 'query')
    answer = await send(w.base, 'POST', '/graphql', w.readerToken, { query: QUERY, variables: { id: w.datasetId, input: QUERY_INPUT } });
  else {
    name = `bench-${w.runId}-${writes++}`;
    answer = await send(w.base, 'POST', '/graphql', w.adminToken, { query: CREATE_FOLDER, variables: { name } });
  }
  const end = performance.now();
  const errors = answer.body?.errors;
  const code = answer.error ?? (errors?.length ? (errors[0]!.extensions?.code ?? 'NO_CODE') : '');
  const ok =
    answer.status === 200 &&
    !errors?.length &&
    (kind === 'healthz' ? answer.body !== undefined : kind === 'write' ? answer.body?.data?.createFolder?.name === name : answer.body?.data !== undefined);
  return { kind, start, end, status: answer.status, code, retryAfter: answer.retryAfter, ok, ...(name ? { name } : {}) };
}

/** CLIENTS loops, each sending one request after another until `seconds` have passed. */
async function drive(w: Workload, seconds: number, pick: (client: number, n: number) => Kind, onSample?: (s: Sample) => void) {
  const started = performance.now();
  const until = started + seconds * 1000;
  const samples: Sample[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; performance.now() < until; n++) {
        const sample = await one(w, pick(client, n));
        samples.push(sample);
        onSample?.(sample);
      }
    }),
  );
  return { samples, started, elapsedMs: performance.now() - started };
}

const mixed = (client: number, n: number): Kind => MIX[(client * 7 + n) % MIX.length]!;

interface Summary {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  fiveXx: number;
  codes: Record<string, number>;
}

function summarise(samples: Sample[], elapsedMs: number): Summary {
  const ms = samples.map((s) => s.end - s.start);
  const codes: Record<string, number> = {};
  for (const s of samples) if (s.code) codes[s.code] = (codes[s.code] ?? 0) + 1;
  return {
    requests: samples.length,
    rps: samples.length / (elapsedMs / 1000),
    p50: samples.length ? percentile(ms, 50) : NaN,
    p99: samples.length ? percentile(ms, 99) : NaN,
    failed: samples.filter((s) => !s.ok).length,
    fiveXx: samples.filter((s) => s.status >= 500).length,
    codes,
  };
}

const formatCodes = (codes: Record<string, number>) =>
  Object.keys(codes).length
    ? Object.entries(codes)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ')
    : 'none';

function printSummary(label: string, s: Summary) {
  console.log(
    `  ${label.padEnd(11)} ${String(s.requests).padStart(7)} req  ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50.toFixed(1).padStart(7)} ms  p99 ${s.p99.toFixed(1).padStart(7)} ms  failed ${s.failed}  5xx ${s.fiveXx}  errors: ${formatCodes(s.codes)}`,
  );
}

/** Counts by "status code" (e.g. "503 UNAVAILABLE", "200 INTERNAL" for a GraphQL error in a 200). */
function byStatusAndCode(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    const key = s.ok ? `${s.status} ok` : `${s.status || 'no response'} ${s.code || '-'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function withGateway<T>(run: (env: { database: PrivateDatabase; gateway: BenchGateway; workload: Workload; logFile: string }) => Promise<T>): Promise<T> {
  agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const database = await privateDatabase();
  let gateway: BenchGateway | undefined;
  const logFile = path.join(database.dataDir, 'gateway.log');
  const logFd = openSync(logFile, 'w');
  try {
    await seed(database.url);
    // All 200 clients read as one principal: the per-principal warehouse query rate limit (where the
    // gateway has one) is lifted so that the run measures capacity, not that limit.
    gateway = await startGateway(database.url, SECRET_KEY, { output: logFd, env: { TESSERA_QUERY_RATE_LIMIT: '1000000' } });
    const workload = await prepareWorkload(gateway.url);
    return await run({ database, gateway, workload, logFile });
  } finally {
    agent.destroy();
    await gateway?.stop();
    closeSync(logFd);
    // A server killed and not started again has no exit left to wait for.
    await Promise.race([database.db.stop(), new Promise((r) => setTimeout(r, 10_000))]);
    await rm(database.dataDir, { recursive: true, force: true });
  }
}

/** The gateway's log entries at warn (40) and above, by message. */
function warnings(file: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let entry: { level?: number; msg?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if ((entry.level ?? 0) >= 40) counts[entry.msg ?? '?'] = (counts[entry.msg ?? '?'] ?? 0) + 1;
  }
  return counts;
}

export async function benchLoad() {
  return withGateway(async ({ database, gateway, workload, logFile }) => {
    console.log(`load: ${CLIENTS} clients; /healthz ${BASELINE_SECONDS / 2} s, mixed ${LOAD_SECONDS} s, /healthz ${BASELINE_SECONDS / 2} s`);
    // Warm-up: every kind once per client, so sockets, compiled documents and caches are ready.
    await drive(workload, 2, mixed);
    const before = await drive(workload, BASELINE_SECONDS / 2, () => 'healthz');
    const cpuBefore = cpuNow(gateway.pid, database.pgDir);
    const mix = await drive(workload, LOAD_SECONDS, mixed);
    const cpuAfter = cpuNow(gateway.pid, database.pgDir);
    // Share of one core each used during the mixed load (backends that ended meanwhile are not counted).
    const cores = Object.fromEntries(
      (['gateway', 'postgres', 'client'] as const).map((k) => [k, (cpuAfter[k] - cpuBefore[k]) / (mix.elapsedMs / 1000)]),
    ) as Record<'gateway' | 'postgres' | 'client', number>;
    const after = await drive(workload, BASELINE_SECONDS / 2, () => 'healthz');
    if (gateway.exited() !== null) throw new Error(`the gateway exited (${gateway.exited()}) during the load`);
    const healthz = summarise([...before.samples, ...after.samples], before.elapsedMs + after.elapsedMs);
    const overall = summarise(mix.samples, mix.elapsedMs);
    const perKind = Object.fromEntries(
      (['dashboards', 'widgets', 'query', 'write'] as const).map((k) => [
        k,
        summarise(
          mix.samples.filter((s) => s.kind === k),
          mix.elapsedMs,
        ),
      ]),
    ) as Record<Exclude<Kind, 'healthz'>, Summary>;
    printSummary('/healthz', healthz);
    for (const [k, s] of Object.entries(perKind)) printSummary(k, s);
    printSummary('mixed', overall);
    const result = {
      healthz,
      overall,
      perKind,
      throughputRatio: overall.rps / healthz.rps,
      p50Ratio: overall.p50 / healthz.p50,
      p99Ratio: overall.p99 / healthz.p99,
      gatewayWarnings: warnings(logFile),
      cores,
    };
    console.log(
      `  CPU during the mixed load, in cores: gateway ${cores.gateway.toFixed(2)}, PostgreSQL ${cores.postgres.toFixed(2)}, client ${cores.client.toFixed(2)} (of ${os.cpus().length}; load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    console.log(
      `  mixed / healthz: throughput ${result.throughputRatio.toFixed(3)}x, p50 ${result.p50Ratio.toFixed(1)}x, p99 ${result.p99Ratio.toFixed(1)}x; gateway log entries at warn and above: ${formatCodes(result.gatewayWarnings)}`,
    );
    return result;
  });
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; 100 ticks a second). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the gateway and by PostgreSQL (the postmaster and its children). */
function cpuNow(gatewayPid: number, pgDir: string) {
  const postmaster = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const postgres = [postmaster, ...childrenOf(postmaster)].reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  return { gateway: cpuSeconds(gatewayPid), postgres, client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
}

/** The pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGKILLs the postmaster, then waits until it, its children and its port are gone. */
async function killPostgres(pgDir: string, port: number): Promise<void> {
  const pid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const processes = [pid, ...childrenOf(pid)];
  process.kill(pid, 'SIGKILL');
  for (let i = 0; processes.some(alive) || (await portOpen(port)); i++) {
    if (i > 300) throw new Error('PostgreSQL did not go away within 30 s of SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchFault() {
  return withGateway(async ({ database, gateway, workload, logFile }) => {
    console.log(
      `fault: ${CLIENTS} clients, mixed ${FAULT_SECONDS} s; PostgreSQL SIGKILLed at ${KILL_AT_SECONDS} s, started again ${DOWN_SECONDS} s after it is gone`,
    );
    await drive(workload, 2, mixed);
    const times: { killAt?: number; goneAt?: number; restartAt?: number; pgReadyAt?: number } = {};
    let firstWriteAfterRestart: number | undefined;
    const fault = (async () => {
      await new Promise((r) => setTimeout(r, KILL_AT_SECONDS * 1000));
      times.killAt = performance.now();
      await killPostgres(database.pgDir, database.port);
      times.goneAt = performance.now();
      await new Promise((r) => setTimeout(r, DOWN_SECONDS * 1000));
      times.restartAt = performance.now();
      database.db = await startEmbeddedPostgres({
        pgDir: database.pgDir,
        password: PASSWORD,
        database: DATABASE,
        logger: createLogger('warn'),
        preferredPort: database.port,
      });
      times.pgReadyAt = performance.now();
      if (database.db.port !== database.port) throw new Error(`PostgreSQL came back on port ${database.db.port}, not ${database.port}`);
    })();
    const load = drive(workload, FAULT_SECONDS, mixed, (s) => {
      if (s.kind === 'write' && s.ok && times.restartAt !== undefined && s.end >= times.restartAt)
        firstWriteAfterRestart = Math.min(firstWriteAfterRestart ?? Infinity, s.end);
    });
    const [run] = await Promise.all([load, fault]);
    const { killAt, goneAt, restartAt, pgReadyAt } = times as Required<typeof times>;
    const gatewayExit = gateway.exited();

    // Every acknowledged write must be there.
    const acknowledged = run.samples.filter((s) => s.kind === 'write' && s.ok).map((s) => s.name!);
    const attempted = run.samples.filter((s) => s.kind === 'write').map((s) => s.name!);
    const client = new pg.Client({ connectionString: database.db.url });
    await client.connect();
    const found = new Set(
      (await client.query<{ name: string }>('select name from folders where name like $1', [`bench-${workload.runId}-%`])).rows.map((r) => r.name),
    );
    await client.end();
    const lost = acknowledged.filter((name) => !found.has(name));
    const unacknowledgedButStored = attempted.filter((name) => found.has(name)).length - (acknowledged.length - lost.length);

    // The outage: requests started after the kill and before the first success after the restart.
    const firstSuccess = Math.min(...run.samples.filter((s) => s.ok && s.end >= restartAt).map((s) => s.end));
    const outage = run.samples.filter((s) => s.start >= killAt && s.start < firstSuccess);
    const outageFailed = outage.filter((s) => !s.ok);
    const unavailable = outageFailed.filter((s) => s.status === 503 && s.code === 'UNAVAILABLE');
    const inFlight = run.samples.filter((s) => s.start < killAt && s.end > killAt);
    const result = {
      requests: run.samples.length,
      writesAttempted: attempted.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      unacknowledgedButStored,
      outageResponses: outage.length,
      outageServed: outage.length - outageFailed.length,
      outageFailed: outageFailed.length,
      unavailable: unavailable.length,
      unavailableShare: outageFailed.length ? unavailable.length / outageFailed.length : NaN,
      unavailableWithRetryAfter: unavailable.filter((s) => s.retryAfter).length,
      outageByStatus: byStatusAndCode(outage),
      outageServedBeforeRestart: outage.filter((s) => s.ok && s.end < restartAt).length,
      outageServedByKind: Object.fromEntries(
        (['dashboards', 'widgets', 'query', 'write'] as const).map((k) => [k, outage.filter((s) => s.ok && s.kind === k).length]),
      ),
      inFlightAtKillByStatus: byStatusAndCode(inFlight),
      afterRecoveryByStatus: byStatusAndCode(run.samples.filter((s) => s.start >= firstSuccess)),
      killToGoneMs: goneAt - killAt,
      pgStartMs: pgReadyAt - restartAt,
      recoveryMs: firstWriteAfterRestart === undefined ? NaN : firstWriteAfterRestart - restartAt,
      firstSuccessAfterRestartMs: firstSuccess - restartAt,
      gatewayExit,
      gatewayWarnings: warnings(logFile),
      overall: summarise(run.samples, run.elapsedMs),
    };
    console.log(`  ${result.requests} requests; ${result.writesAttempted} writes, ${result.acknowledged} acknowledged, ${result.lost} lost (target 0)`);
    console.log(`  writes stored though not acknowledged: ${result.unacknowledgedButStored}`);
    console.log(`  in flight at the kill: ${formatCodes(result.inFlightAtKillByStatus)}`);
    console.log(
      `  outage (requests started from the kill to the first success after the restart, ${((firstSuccess - killAt) / 1000).toFixed(1)} s): ${result.outageResponses} responses, ${result.outageServed} served (${result.outageServedBeforeRestart} answered before the restart, the rest held until PostgreSQL was back)`,
    );
    console.log(`    by status and code: ${formatCodes(result.outageByStatus)}`);
    console.log(`    served, by kind: ${formatCodes(result.outageServedByKind)}`);
    console.log(
      `    503 UNAVAILABLE: ${result.unavailable} of ${result.outageFailed} failed (${(result.unavailableShare * 100).toFixed(1)}%, target 100%), ${result.unavailableWithRetryAfter} with Retry-After`,
    );
    console.log(`  after the first success: ${formatCodes(result.afterRecoveryByStatus)}`);
    console.log(
      `  SIGKILL to gone ${result.killToGoneMs.toFixed(0)} ms; restart to PostgreSQL ready ${result.pgStartMs.toFixed(0)} ms; restart to first success ${result.firstSuccessAfterRestartMs.toFixed(0)} ms; restart to first acknowledged write (recovery) ${result.recoveryMs.toFixed(0)} ms`,
    );
    console.log(
      `  gateway ${gatewayExit === null ? 'kept running' : `exited (${gatewayExit})`}; gateway log entries at warn and above: ${formatCodes(result.gatewayWarnings)}`,
    );
    printSummary('overall', result.overall);
    return result;
  });
}
