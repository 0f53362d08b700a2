/**
 * Streams a printed statement's rows through a cursor (pg-query-stream), for exports: no row cap
 * but the caller's `limit`, a statement timeout of its own, memory bounded by one batch. The same
 * session settings as runner.ts (read-only transaction, UTC, `search_path` pg_catalog) and the
 * same values (`convertedTypes`). Destroying the stream before it ended stops the statement in
 * PostgreSQL: `pg_cancel_backend` from another connection of the pool, then the connection is
 * destroyed rather than given back.
 */
import { Readable } from 'node:stream';
import pg from 'pg';
import QueryStream from 'pg-query-stream';
import type { PrintedSql } from './print.ts';
import { connectionError, convertedTypes, statementError, type PoolLease } from './runner.ts';

export const EXPORT_BATCH_SIZE = 1000;

export interface RowStreamOptions {
  /** Rows yielded at most; the statement should ask for one more (the compiled limit does). */
  limit: number;
  timeoutMs: number;
  batchSize?: number;
  /** Without it, rows beyond `limit` are left out (`truncated`); with it, the stream fails with its error. */
  failBeyondLimit?: (() => Error) | undefined;
  /** Told when cancelling the statement failed (the connection is destroyed all the same). */
  onCancelFailure?: (error: unknown) => void;
}

/** The rows (arrays, in column order) as an object-mode stream; `truncated` once more than `limit` existed. */
export interface RowStream {
  rows: Readable;
  /** True once a row beyond `limit` was seen (the stream then ends after `limit` rows). */
  readonly truncated: boolean;
  /** Rows yielded so far. */
  readonly rowCount: number;
  /** The backend running the statement (for tests and logs). */
  readonly backendPid: number;
}

class CursorRows extends Readable {
  truncated = false;
  count = 0;
  private settled = false;

  private readonly source: QueryStream;
  private readonly client: pg.PoolClient;
  private readonly lease: PoolLease;
  readonly backendPid: number;
  private readonly options: RowStreamOptions;

  constructor(source: QueryStream, client: pg.PoolClient, lease: PoolLease, backendPid: number, options: RowStreamOptions) {
    super({ objectMode: true, highWaterMark: options.batchSize ?? EXPORT_BATCH_SIZE });
    this.source = source;
    this.client = client;
    this.lease = lease;
    this.backendPid = backendPid;
    this.options = options;
    source.on('data', (row: unknown[]) => {
      if (this.settled) return;
      if (this.count >= options.limit) {
        this.truncated = true;
        source.pause();
        if (options.failBeyondLimit) this.destroy(options.failBeyondLimit());
        else this.finish();
        return;
      }
      this.count++;
      if (!this.push(row)) source.pause();
    });
    source.on('end', () => this.finish());
    source.on('error', (error) => {
      if (!this.settled) this.destroy(statementError(error, options.timeoutMs, this.password()) as Error);
    });
  }

  private password(): string | undefined {
    return typeof this.lease.password === 'function' ? this.lease.password() : this.lease.password;
  }

  override _read(): void {
    if (!this.settled) this.source.resume();
  }

  /** All rows read (or `limit` reached): close the cursor, commit, give the connection back, end. */
  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    const close = this.source.closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.source.once('close', () => resolve());
          this.source.destroy();
        });
    close
      .then(() => this.client.query('commit'))
      .then(
        () => {
          this.client.release();
          this.push(null);
        },
        (error: unknown) => {
          this.client.release(error instanceof Error ? error : true);
          this.destroy(statementError(error, this.options.timeoutMs, this.password()) as Error);
        },
      );
  }

  /** Destroyed before the end (client gone, an error downstream): stop the statement, drop the connection. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.settled) {
      callback(error);
      return;
    }
    this.settled = true;
    // Errors of the cancelled cursor and the dropped connection are expected from here on.
    this.source.on('error', () => {});
    this.client.on('error', () => {});
    cancelBackend(this.lease.pool, this.backendPid)
      .catch((cancelError: unknown) => this.options.onCancelFailure?.(cancelError))
      .finally(() => {
        this.source.destroy();
        this.client.release(true);
        callback(error);
      });
  }
}

/** How long a cancel may take (connecting included) before the connection is simply destroyed. */
const CANCEL_TIMEOUT_MS = 5_000;

/**
 * `pg_cancel_backend` over a connection of its own, with the pool's settings: the pool may be full
 * (every slot of the data source busy, this export's own connection among them), and a cancel that
 * waited for one of its connections would wait for the pool's connection timeout.
 */
async function cancelBackend(pool: pg.Pool, pid: number): Promise<void> {
  const client = new pg.Client({
    ...pool.options,
    password: pool.options.password,
    connectionTimeoutMillis: CANCEL_TIMEOUT_MS,
    query_timeout: CANCEL_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select pg_cancel_backend($1)', [pid]);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Opens a read-only transaction on one of the pool's connections and starts the statement.
 * Connection failures and a failing set-up are thrown here (before anything was sent to the
 * client); statement errors arrive as the stream's error, as domain errors (runner.ts's words).
 */
export async function openRowStream(lease: PoolLease, sql: PrintedSql, options: RowStreamOptions): Promise<RowStream> {
  const secret = () => (typeof lease.password === 'function' ? lease.password() : lease.password);
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs));
  let client: pg.PoolClient;
  try {
    client = await lease.pool.connect();
  } catch (error) {
    throw connectionError(error, secret());
  }
  let pid: number;
  try {
    await client.query('begin transaction read only');
    const setup = await client.query<{ pid: number }>(
      `select pg_backend_pid() as pid, set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('search_path', 'pg_catalog', true)`,
      [String(timeoutMs)],
    );
    pid = setup.rows[0]!.pid;
  } catch (error) {
    client.release(true);
    throw statementError(error, timeoutMs, secret());
  }
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const source = client.query(new QueryStream(sql.text, sql.values as unknown[], { batchSize, rowMode: 'array', types: convertedTypes }));
  const rows = new CursorRows(source, client, lease, pid, { ...options, timeoutMs });
  return {
    rows,
    get truncated() {
      return rows.truncated;
    },
    get rowCount() {
      return rows.count;
    },
    backendPid: pid,
  };
}
