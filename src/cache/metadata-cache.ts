/**
 * A process-wide cache of the metadata every request needs before it can run anything: the
 * session, the viewer's overrides, their dataset and data-source grants, their effective user
 * attributes, and dataset and data-source rows. A warm dataset query then sends one statement,
 * the query itself.
 *
 * Correctness comes from the database, not from timers:
 * - Triggers on the metadata tables (`src/db/metadata-triggers.ts`) send
 *   `NOTIFY tessera_metadata, '<tenant id>'` in the writing transaction, so the notice is
 *   delivered when, and only when, the change commits, whoever made it (this process, another
 *   instance, the CLI, hand-written SQL).
 * - One dedicated connection LISTENs; a notice drops every entry of that tenant. Notices that
 *   name no tenant (anyone who can connect may send them) are ignored.
 * - While that connection is not listening (starting, lost, reconnecting), nothing is served from
 *   the cache and nothing is stored: every read goes to the database (fail closed).
 * - Entries are promises stored under a per-tenant map that an invalidation replaces, so a read
 *   that started before a change can never be stored after the change's notice.
 * - Every `heartbeatMs` a `select 1` goes over the listening connection; when one has not come
 *   back within two more intervals (a half-open connection: the socket looks up but nothing
 *   arrives, notices included), the cache turns off as if the connection had dropped, the socket
 *   is destroyed, and the feed reconnects. A stalled feed thus serves from the cache for at most
 *   about three intervals, not until `maxAgeMs`.
 * - Entries older than `maxAgeMs` are read again, a bound on staleness should anything else fail.
 * - `sync()` sends a notice of its own on the listening connection and waits for it: PostgreSQL
 *   delivers notices in commit order, so every change committed before the call has been applied
 *   when it returns.
 *
 * Values are shared between requests: callers must treat them as read-only (they are frozen).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { METADATA_CHANNEL } from '../db/metadata-triggers.ts';
import { isUuid } from '../db/ids.ts';

interface Entry {
  value: Promise<unknown>;
  storedAt: number;
}

export interface MetadataCacheOptions {
  connectionString: string;
  logger: Logger;
  /** Entries kept per tenant; the oldest go first. */
  maxEntriesPerTenant?: number;
  /** Tenants kept; the least recently filled go first. */
  maxTenants?: number;
  /** An entry older than this is read again. */
  maxAgeMs?: number;
  /** How long `sync()` waits for its own notice before dropping everything instead. */
  syncTimeoutMs?: number;
  /** How often the listening connection is checked with a round trip (0: never). */
  heartbeatMs?: number;
}

/** Deep-freezes plain data so that a shared cached value cannot be changed by one request. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    if (value instanceof Map || value instanceof Set) {
      for (const item of value instanceof Map ? value.values() : value) deepFreeze(item);
    } else if (!(value instanceof Date) && !Buffer.isBuffer(value)) {
      for (const item of Object.values(value)) deepFreeze(item);
    }
    Object.freeze(value);
  }
  return value;
}

export class MetadataCache {
  private readonly tenants = new Map<string, Map<string, Entry>>();
  private readonly waiters = new Map<string, () => void>();
  private client: pg.Client | undefined;
  /** Sync notices are sent one after another: a pg client runs one query at a time (pg 9 refuses overlapping calls). */
  private sending: Promise<unknown> = Promise.resolve();
  private listening = false;
  private closed = false;
  private started = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly heartbeatMs: number;
  private readonly maxEntries: number;
  private readonly maxTenants: number;
  private readonly maxAgeMs: number;
  private readonly syncTimeoutMs: number;
  /** Reads that went to the database because the feed was down (counted for `/metrics`). */
  bypassed = 0;
  /** Reads served from the cache. */
  hits = 0;
  /** Reads that loaded (and stored) a value. */
  misses = 0;

  private readonly options: MetadataCacheOptions;

  constructor(options: MetadataCacheOptions) {
    this.options = options;
    this.maxEntries = options.maxEntriesPerTenant ?? 10_000;
    this.maxTenants = options.maxTenants ?? 1_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.syncTimeoutMs = options.syncTimeoutMs ?? 2_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
  }

  /** Whether reads may be served from the cache (the change feed is connected). */
  get active(): boolean {
    return this.listening;
  }

  /** Entries held, over all tenants (for `/metrics`). */
  get size(): number {
    let size = 0;
    for (const entries of this.tenants.values()) size += entries.size;
    return size;
  }

  /** The server process of the listening connection (for operators and tests). */
  get backendPid(): number | undefined {
    return this.listening ? (this.client as unknown as { processID?: number } | undefined)?.processID : undefined;
  }

  /**
   * Connects the change feed. Resolves once listening, or after the first failure (the cache
   * then stays off and keeps retrying in the background): a server starts either way.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.goDark();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A connection that stopped answering never acknowledges the goodbye: give it a second, then cut it.
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      client.end().then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1_000))),
    ]);
    clearTimeout(timer);
    if (!ended) destroySocket(client);
  }

  /**
   * The cached value of `key` in `tenantId`, or `load()`'s (stored when the feed is up).
   * A rejected load is not kept. Values are deep-frozen unless `freeze: false` (for ORM entities,
   * whose loader freezes what it can).
   */
  read<T>(tenantId: string, key: string, load: () => Promise<T>, options: { freeze?: boolean } = {}): Promise<T> {
    if (!this.listening) {
      this.bypassed++;
      return load();
    }
    let entries = this.tenants.get(tenantId);
    const now = Date.now();
    const hit = entries?.get(key);
    if (hit && now - hit.storedAt <= this.maxAgeMs) {
      this.hits++;
      return hit.value as Promise<T>;
    }
    this.misses++;
    if (!entries) {
      if (this.tenants.size >= this.maxTenants) this.tenants.delete(this.tenants.keys().next().value!);
      entries = new Map();
      this.tenants.set(tenantId, entries);
    }
    const target = entries;
    const value = options.freeze === false ? load() : load().then(deepFreeze);
    if (target.size >= this.maxEntries) target.delete(target.keys().next().value!);
    target.delete(key);
    target.set(key, { value, storedAt: now });
    value.catch(() => {
      if (target.get(key)?.value === value) target.delete(key);
    });
    return value;
  }

  /** Drops every entry of a tenant (or of all tenants). */
  invalidate(tenantId: string | '*'): void {
    if (tenantId === '*') this.tenants.clear();
    else this.tenants.delete(tenantId);
  }

  /**
   * Waits until every change committed before this call has reached the cache. A no-op while the
   * feed is down (nothing is cached then).
   */
  async sync(): Promise<void> {
    const client = this.client;
    if (!this.listening || !client) return;
    const nonce = `sync:${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve) => {
      this.waiters.set(nonce, resolve);
      timer = setTimeout(() => {
        this.options.logger.warn('metadata cache: a sync notice did not come back in time; dropping the cache');
        this.invalidate('*');
        resolve();
      }, this.syncTimeoutMs);
    });
    try {
      const sent = this.sending.then(() => client.query('select pg_notify($1, $2)', [METADATA_CHANNEL, nonce]));
      this.sending = sent.catch(() => undefined);
      // `arrived` also settles on its timeout: a query that never comes back (a half-open connection) must not hang the caller.
      await Promise.race([sent.then(() => arrived), arrived]);
    } catch {
      // The feed broke: `goDark` has already emptied the cache.
    } finally {
      clearTimeout(timer);
      this.waiters.delete(nonce);
    }
  }

  /**
   * Any role that can connect may NOTIFY this channel: only the notices our triggers send (a tenant
   * id) and our own sync nonces are acted on. A malformed one is ignored; it cannot flush tenants
   * (the triggers never ask for a flush of all tenants).
   */
  private onNotice(payload: string | undefined): void {
    if (payload && isUuid(payload)) return this.invalidate(payload);
    // Another instance's nonces arrive here too: only ours release a waiter.
    if (payload?.startsWith('sync:')) return this.waiters.get(payload)?.();
    this.options.logger.debug({ payload: payload?.slice(0, 80) }, 'metadata cache: ignored a change notice that names no tenant');
  }

  /** Stop serving from the cache and forget it: from now on every read goes to the database. */
  private goDark(): void {
    this.listening = false;
    this.tenants.clear();
    for (const release of this.waiters.values()) release();
    this.waiters.clear();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'tessera-metadata-feed',
    });
    this.client = client;
    let failed = false;
    const fail = (error: unknown, destroy = false) => {
      if (failed) return;
      failed = true;
      this.goDark();
      if (this.client === client) {
        this.client = undefined;
        clearInterval(this.heartbeatTimer);
      }
      client.end().catch(() => {});
      // A connection that stopped answering would never acknowledge the goodbye either.
      if (destroy) destroySocket(client);
      if (this.closed) return;
      this.options.logger.warn(
        { err: error instanceof Error ? error.message : String(error), retryInMs: this.retryMs },
        'metadata cache off: the change feed is not connected; reading every request from the database',
      );
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('the connection ended')));
    client.on('notification', (message) => {
      if (message.channel === METADATA_CHANNEL) this.onNotice(message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${METADATA_CHANNEL}`);
    } catch (error) {
      fail(error);
      return;
    }
    if (failed || this.closed) return;
    // Anything cached before this point may have missed notices: start empty.
    this.tenants.clear();
    this.listening = true;
    this.retryMs = 500;
    // A query stuck on the previous connection must not hold up this one's.
    this.sending = Promise.resolve();
    this.startHeartbeat(client, fail);
    this.options.logger.debug('metadata cache on: listening for changes');
  }

  /** A `select 1` every `heartbeatMs` on the listening connection; one unanswered for two more intervals fails the feed. */
  private startHeartbeat(client: pg.Client, fail: (error: unknown, destroy?: boolean) => void): void {
    const every = this.heartbeatMs;
    if (!every) return;
    let sentAt: number | undefined;
    const timer = setInterval(() => {
      if (this.client !== client) return clearInterval(timer);
      if (sentAt !== undefined) {
        if (Date.now() - sentAt >= 2 * every) fail(new Error(`the change feed did not answer a heartbeat for ${Date.now() - sentAt} ms`), true);
        return;
      }
      const beat = Date.now();
      sentAt = beat;
      const sent = this.sending.then(() => client.query('select 1'));
      this.sending = sent.catch(() => undefined);
      sent.then(
        () => {
          if (sentAt === beat) sentAt = undefined;
        },
        (error: unknown) => fail(error),
      );
    }, every);
    timer.unref();
    this.heartbeatTimer = timer;
  }
}

function destroySocket(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
