import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { createOrm, migrate, type Orm } from '../src/db/orm.ts';
import { createLogger } from '../src/logger.ts';

export interface BenchDatabase {
  url: string;
  orm: Orm;
  close(): Promise<void>;
}

/** A fresh, migrated database: on BENCH_DATABASE_URL's server, or an embedded PostgreSQL. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const logger = createLogger('warn');
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
    await chmod(dataDir, 0o755);
    const db = await startEmbeddedPostgres({ pgDir: path.join(dataDir, 'pg'), password: 'bench', database: 'tessera', logger });
    serverUrl = db.url;
    stopServer = db.stop;
  }
  const name = `tessera_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const orm = await createOrm({ clientUrl: url.toString(), poolMax: 20 });
  await migrate(orm);
  return {
    url: url.toString(),
    orm,
    async close() {
      // Dropping the database ends any connection a library still keeps open; that is expected here.
      process.on('uncaughtException', (error: Error & { code?: string }) => {
        if (error.code !== '57P01') throw error;
      });
      await orm.close(true);
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
      await stopServer();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface BenchGateway {
  url: string;
  pid: number;
  /** Null while the gateway runs; its exit code (or signal) once it has exited. */
  exited(): string | null;
  stop(): Promise<void>;
}

/**
 * Starts the gateway as `npm start` would (its own process, on the bench database) and waits until
 * it is ready. With `output` (a file descriptor) its standard output (the log) and error go there;
 * otherwise its output is dropped and its standard error is ours.
 */
export async function startGateway(
  databaseUrl: string,
  secretKey: string,
  options: { output?: number; logLevel?: string; env?: Record<string, string> } = {},
): Promise<BenchGateway> {
  const port = await freePort();
  // The flags of `npm start` (package.json): a larger young generation keeps a long export's
  // short-lived rows from being promoted, which is most of its memory growth.
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TESSERA_SECRET_KEY: secretKey,
      TESSERA_DEMO: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.output ?? 'ignore', options.output ?? 'inherit'],
  });
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = signal ?? String(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exit !== null) throw new Error(`the gateway exited with ${exit}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (i > 600) throw new Error('the gateway did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    exited: () => exit,
    async stop() {
      if (exit !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
