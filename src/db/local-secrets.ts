import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  /** Root key for sessions and encryption at rest when TESSERA_SECRET_KEY is not set. */
  secretKey: string;
  /** Password of the embedded PostgreSQL superuser. */
  postgresPassword: string;
  /** The port the embedded PostgreSQL last listened on, reused when free. */
  port?: number;
}

/**
 * The embedded mode keeps its generated secrets beside its database files, readable by the owner
 * only. The directory itself stays traversable so the database server's own user can reach its
 * subdirectory when we run as root.
 */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o711);
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (typeof parsed.secretKey === 'string' && typeof parsed.postgresPassword === 'string') {
      return { secretKey: parsed.secretKey, postgresPassword: parsed.postgresPassword, port: typeof parsed.port === 'number' ? parsed.port : undefined };
    }
    throw new Error(`${file} is damaged: it must hold "secretKey" and "postgresPassword"`);
  }
  const secrets: LocalSecrets = {
    secretKey: randomBytes(32).toString('base64url'),
    postgresPassword: randomBytes(24).toString('base64url'),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return secrets;
}

/** Records the embedded server's port so the next start can reuse it. */
export async function rememberPort(dataDir: string, secrets: LocalSecrets, port: number): Promise<void> {
  if (secrets.port === port) return;
  const file = path.join(dataDir, 'secrets.json');
  await writeFile(file, JSON.stringify({ ...secrets, port }, null, 2) + '\n', { mode: 0o600 });
}
