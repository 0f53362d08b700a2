import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { loadOrCreateLocalSecrets, rememberPort } from './local-secrets.ts';

export interface ResolvedDatabase {
  url: string;
  secretKey: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in the data dir (started or joined). */
export async function resolveDatabase(config: Config, logger: Logger): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    if (!config.secretKey) throw new Error('TESSERA_SECRET_KEY is required with DATABASE_URL');
    return { url: config.databaseUrl, secretKey: config.secretKey, embedded: false, stop: async () => {} };
  }
  const secrets = await loadOrCreateLocalSecrets(config.dataDir);
  const db = await startEmbeddedPostgres({
    pgDir: path.join(config.dataDir, 'pg'),
    password: secrets.postgresPassword,
    database: 'tessera',
    logger,
    preferredPort: secrets.port,
  });
  if (db.owned) await rememberPort(config.dataDir, secrets, db.port);
  return { url: db.url, secretKey: config.secretKey ?? secrets.secretKey, embedded: true, stop: () => db.stop() };
}
