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

/** How many pools a process keeps, how long an unused one stays open, and each pool's size. */
export interface PoolLimits {
  maxPools: number;
  idleMs: number;
  /** Connections per pool (the data source's concurrency limit, `concurrency.ts`). */
  maxConnections: number;
}

const DEFAULT_LIMITS: PoolLimits = { maxPools: 50, idleMs: 5 * 60_000, maxConnections: POOL_SETTINGS.max };

/**
 * One `pg` pool per data source, created on first use and keyed by the data source's id and
 * `updatedAt`, so replaced credentials, a new host or TLS mode take effect on the next query (the
 * old pool is drained).
 * Idle connections close after 30 s; a pool unused for `idleMs` is closed, and at most `maxPools`
 * are kept: making one more closes the least recently used pool that has no connection checked
 * out and no one waiting (while every pool is busy, the cap is exceeded rather than a statement
 * cut off). `closeAll()` on shutdown ends every pool.
 */
export class DataSourcePools {
  /** In order of last use, least recent first. */
  private readonly pools = new Map<string, { key: string; pool: pg.Pool; usedAt: number }>();
  private readonly logger: Logger | undefined;
  private readonly allow: DataSourceAllowList | undefined;
  private readonly limits: PoolLimits;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  /** Pools closed because of the cap, and because they sat unused (for `/metrics`). */
  readonly closedPools = { evicted: 0, idle: 0 };

  constructor(logger?: Logger, allow?: DataSourceAllowList, limits: Partial<PoolLimits> = {}) {
    this.logger = logger;
    this.allow = allow;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(50, Math.min(60_000, this.limits.idleMs / 2)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.pools.size;
  }

  /** Whether the data source has a pool open (for tests and operators). */
  has(dataSourceId: string): boolean {
    return this.pools.has(dataSourceId);
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
    if (current?.key === key) {
      // Most recently used last.
      this.pools.delete(target.id);
      current.usedAt = Date.now();
      this.pools.set(target.id, current);
      return current.pool;
    }
    if (current) this.retire(target.id, current.pool);
    if (this.pools.size >= this.limits.maxPools) this.evictOne();
    const pool = new pg.Pool({
      ...connectionConfig(target, password(), this.allow),
      ...POOL_SETTINGS,
      max: this.limits.maxConnections,
      options: SESSION_OPTIONS,
      application_name: 'tessera-query',
    });
    // An idle connection that breaks (server restart, network) must not crash the process.
    pool.on('error', (error) => this.logger?.warn({ dataSourceId: target.id, code: (error as { code?: string }).code }, 'data source connection lost'));
    trackConnections(pool);
    this.pools.set(target.id, { key, pool, usedAt: Date.now() });
    return pool;
  }

  /** Closes the least recently used pool that nobody is using; none when all are busy. */
  private evictOne(): void {
    for (const [id, entry] of this.pools) {
      if (inUse(entry.pool)) continue;
      this.closedPools.evicted++;
      this.retire(id, entry.pool);
      return;
    }
    this.logger?.warn({ pools: this.pools.size, max: this.limits.maxPools }, 'every data source pool is busy: opening one over the limit');
  }

  /** Closes the pools unused for `idleMs` (and not in use). */
  closeIdle(now = Date.now()): void {
    for (const [id, entry] of this.pools) {
      if (now - entry.usedAt < this.limits.idleMs || inUse(entry.pool)) continue;
      this.closedPools.idle++;
      this.retire(id, entry.pool);
    }
  }

  private retire(id: string, pool: pg.Pool): void {
    this.pools.delete(id);
    // Waits for checked-out clients to come back, then closes the connections.
    pool.end().catch((error: unknown) => this.logger?.warn({ dataSourceId: id, err: error }, 'closing a data source pool failed'));
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const pools = [...this.pools.values()].map((entry) => entry.pool);
    this.pools.clear();
    await Promise.all(pools.map((pool) => endAndWait(pool)));
  }
}

/** A connection checked out, or a caller waiting for one: `end()` would strand the waiters. */
const inUse = (pool: pg.Pool) => pool.totalCount > pool.idleCount || pool.waitingCount > 0;

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
