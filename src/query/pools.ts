import pg from 'pg';
import type { DataSourceAllowList } from '../config.ts';
import type { Logger } from '../logger.ts';
import { guardedSocket } from './host-guard.ts';

export const SSL_MODES = ['DISABLE', 'REQUIRE', 'VERIFY_FULL'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What a pool connects with; the password is asked for only when a pool is created. */
export interface PoolTarget {
  id: string;
  /** Part of the key: a data source edited since its pool was made gets a new pool. */
  updatedAt: Date;
  host: string;
  port: number;
  database: string;
  username: string;
  sslMode: SslMode;
  /** PEM; with VERIFY_FULL, the certificates trusted instead of the system's. */
  caCertificate?: string | null | undefined;
}

/** pg's `ssl` option for a TLS mode: REQUIRE encrypts without verifying; VERIFY_FULL checks the chain and the host name. */
export function sslOption(target: Pick<PoolTarget, 'sslMode' | 'caCertificate'>): pg.ClientConfig['ssl'] {
  if (target.sslMode === 'DISABLE') return false;
  if (target.sslMode === 'REQUIRE') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true, ...(target.caCertificate ? { ca: target.caCertificate } : {}) };
}

/** How to reach a data source: through the host guard, with its TLS mode. */
export function connectionConfig(target: PoolTarget, password: string, allow: DataSourceAllowList | undefined): pg.ClientConfig {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.username,
    password,
    ssl: sslOption(target),
    stream: () => guardedSocket(allow),
  };
}

/** `maxUses` retires a connection after that many queries, which bounds the prepared statements it keeps (prepared.ts). */
export const POOL_SETTINGS = { max: 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, maxUses: 5_000 } as const;

/**
 * Session settings sent with the connection request itself (no extra round trip): every
 * statement on these connections is read-only, in UTC, with qualified names only and the default
 * statement timeout.
 */
export const SESSION_OPTIONS = '-c default_transaction_read_only=on -c TimeZone=UTC -c search_path=pg_catalog -c statement_timeout=15000';

/**
 * One `pg` pool per data source, created on first use and keyed by the data source's id and
 * `updatedAt`, so replaced credentials, a new host or TLS mode take effect on the next query (the
 * old pool is drained).
 * Idle connections close after 30 s; `closeAll()` on shutdown ends every pool.
 */
export class DataSourcePools {
  private readonly pools = new Map<string, { key: string; pool: pg.Pool }>();
  private readonly logger: Logger | undefined;
  private readonly allow: DataSourceAllowList | undefined;
  private closed = false;

  constructor(logger?: Logger, allow?: DataSourceAllowList) {
    this.logger = logger;
    this.allow = allow;
  }

  get size(): number {
    return this.pools.size;
  }

  /** Each current pool's connections, by data source id: open, idle, and callers waiting for one (read by `/metrics`). */
  *stats(): Iterable<{ dataSourceId: string; total: number; idle: number; waiting: number }> {
    for (const [dataSourceId, { pool }] of this.pools) {
      yield { dataSourceId, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    }
  }

  get(target: PoolTarget, password: () => string): pg.Pool {
    if (this.closed) throw new Error('data source pools are closed');
    const key = `${target.id}@${target.updatedAt.getTime()}:${target.sslMode}`;
    const current = this.pools.get(target.id);
    if (current?.key === key) return current.pool;
    if (current) this.retire(target.id, current.pool);
    const pool = new pg.Pool({
      ...connectionConfig(target, password(), this.allow),
      ...POOL_SETTINGS,
      options: SESSION_OPTIONS,
      application_name: 'tessera-query',
    });
    // An idle connection that breaks (server restart, network) must not crash the process.
    pool.on('error', (error) => this.logger?.warn({ dataSourceId: target.id, code: (error as { code?: string }).code }, 'data source connection lost'));
    trackConnections(pool);
    this.pools.set(target.id, { key, pool });
    return pool;
  }

  private retire(id: string, pool: pg.Pool): void {
    this.pools.delete(id);
    // Waits for checked-out clients to come back, then closes the connections.
    pool.end().catch((error: unknown) => this.logger?.warn({ dataSourceId: id, err: error }, 'closing a data source pool failed'));
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()].map((entry) => entry.pool);
    this.pools.clear();
    await Promise.all(pools.map((pool) => endAndWait(pool)));
  }
}

/** Each pool's connections until they have closed. */
const openConnections = new WeakMap<pg.Pool, Set<Promise<void>>>();

function trackConnections(pool: pg.Pool): void {
  const open = new Set<Promise<void>>();
  openConnections.set(pool, open);
  pool.on('connect', (client) => {
    const closed: Promise<void> = new Promise((resolve) => client.once('end', () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
}

/** `pool.end()` resolves before the sockets are closed: on shutdown the database must not stop under them. */
async function endAndWait(pool: pg.Pool): Promise<void> {
  await pool.end().catch(() => {});
  await Promise.all(openConnections.get(pool) ?? []);
}
