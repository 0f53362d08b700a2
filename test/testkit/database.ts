import pg from 'pg';
import { createOrm, migrate } from '../../src/db/orm.ts';
import { migrateJobQueue } from '../../src/jobs/queue.ts';
import type { Logger } from '../../src/logger.ts';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on `serverUrl`'s server; returns its URL and a function that drops it. */
export async function createScratchDatabase(serverUrl: string, prefix = 'tessera_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
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

/** The migrations `openRuntime` applies at start: ours, then the job queue's schema. */
export async function migrateDatabase(url: string, logger: Logger): Promise<void> {
  const orm = await createOrm({ clientUrl: url });
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
  await migrateJobQueue(url, logger);
}
