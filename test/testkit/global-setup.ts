import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { createLogger } from '../../src/logger.ts';
import { createScratchDatabase, migrateDatabase } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One PostgreSQL per test run: embedded by default, or the server named by TEST_DATABASE_URL.
 * Either way the run gets a database of its own, migrated once (the job queue's schema too, as at
 * start); test files isolate themselves further by creating their own tenants.
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
  await migrateDatabase(scratch.url, logger);
  project.provide('databaseUrl', scratch.url);

  return async () => {
    await scratch.drop().catch((error: unknown) => console.error('dropping the test database failed', error));
    await stopServer();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
