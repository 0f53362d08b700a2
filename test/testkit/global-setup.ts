import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { createOrm, migrate } from '../../src/db/orm.ts';
import { createLogger } from '../../src/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** A fresh database on `serverUrl`'s server; returns its URL and a function that drops it. */
async function createScratchDatabase(serverUrl: string) {
  const name = `tessera_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      await client.end();
    },
  };
}

/**
 * One PostgreSQL per test run: embedded by default, or the server named by TEST_DATABASE_URL.
 * Either way the run gets a database of its own, migrated once; test files isolate themselves
 * further by creating their own tenants.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  let serverUrl: string;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-test-'));
    await chmod(dataDir, 0o755);
    const db = await startEmbeddedPostgres({
      pgDir: path.join(dataDir, 'pg'),
      password: 'tessera-test',
      database: 'tessera',
      logger,
    });
    serverUrl = db.url;
    stopServer = db.stop;
  }
  const scratch = await createScratchDatabase(serverUrl);
  const orm = await createOrm({ clientUrl: scratch.url });
  await migrate(orm);
  await orm.close(true);
  project.provide('databaseUrl', scratch.url);

  return async () => {
    await scratch.drop().catch((error: unknown) => console.error('dropping the test database failed', error));
    await stopServer();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
