import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
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
