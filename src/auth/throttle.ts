import { createHash } from 'node:crypto';
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { SignInLimits } from '../config.ts';
import { rateLimited } from '../errors.ts';

/** The table of `RateLimitCounter` (created by a migration). */
const TABLE = 'rate_limits';
/** Counters that ran out more than an hour ago are deleted every few minutes. */
const SWEEP_EVERY_MS = 5 * 60_000;
const KEEP_EXPIRED_MS = 60 * 60_000;

/** What a sign-in does once its credentials were checked. */
export interface SignInAttempt {
  /** The account starts again from zero; the address gets this attempt back. */
  succeeded(): Promise<void>;
}

/**
 * Sign-in attempts per account and per client address, counted in PostgreSQL so that every
 * gateway instance on the database shares them, and nothing per key is kept in memory.
 *
 * An attempt is counted before its password is checked: the counter's atomic upsert decides, so
 * concurrent attempts can never evaluate more passwords than the limit. A successful sign-in
 * clears its account and gives its address the attempt back, so the address limit counts
 * failures only.
 */
export class SignInThrottle {
  /** The pool the counters are kept through; `QueryRateLimit` shares it. */
  readonly pool: pg.Pool;
  private readonly account: RateLimiterPostgres;
  private readonly address: RateLimiterPostgres;
  private readonly sweeper: NodeJS.Timeout;
  /** Attempts refused, by the limit that refused them (for `/metrics`). */
  readonly throttled = { account: 0, address: 0 };

  constructor(options: { connectionString: string; limits: SignInLimits }) {
    // An unreachable database fails the attempt (503 UNAVAILABLE) within 5 s rather than holding the sign-in.
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 4, application_name: 'tessera-throttle', connectionTimeoutMillis: 5_000 });
    // An idle connection that breaks is dropped by the pool; the next attempt opens another.
    this.pool.on('error', () => {});
    const common = { storeClient: this.pool, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
    const { accountAttempts, addressAttempts, windowSeconds } = options.limits;
    this.account = new RateLimiterPostgres({ ...common, keyPrefix: 'signin-account', points: accountAttempts, duration: windowSeconds });
    this.address = new RateLimiterPostgres({ ...common, keyPrefix: 'signin-address', points: addressAttempts, duration: windowSeconds });
    this.sweeper = setInterval(() => {
      this.pool.query(`delete from ${TABLE} where expire < $1`, [Date.now() - KEEP_EXPIRED_MS]).catch(() => {});
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /**
   * Counts one attempt for the address, then (unless the address is over its limit) for the
   * account. Throws RATE_LIMITED, with the seconds to wait, when either is over its limit. A
   * shareable link's password (`what`: "password") counts as an account of its own, keyed so that
   * it can never meet a `<workspace>\0<email>` key, and shares the address counter with sign-ins.
   */
  async attempt(accountKey: string, clientAddress: string, what = 'sign-in'): Promise<SignInAttempt> {
    const account = digest(accountKey);
    const address = digest(clientAddress);
    await consume(this.address, address, what, () => this.throttled.address++);
    await consume(this.account, account, what, () => this.throttled.account++);
    return {
      succeeded: async () => {
        await Promise.all([this.account.delete(account), this.address.reward(address, 1)]);
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end();
  }
}

/**
 * Warehouse statements per principal and minute, counted in the same table (another key prefix),
 * so that all instances share one budget per principal. A principal is the tenant and the user
 * (API tokens count as their user; an impersonator as themself), the embed key and its
 * `embed_user_id`, or the shareable link.
 */
/** How often counts admitted locally are added to the shared table. */
const QUERY_COUNT_FLUSH_MS = 250;

/**
 * Warehouse statements per principal per minute, one budget over all instances (the `rate_limits`
 * table). Written here rather than taken whole from rate-limiter-flexible for a measured reason: one
 * upsert per statement on the metadata database cost the 10-row query benchmark a round trip per
 * request. So, while the table says a principal has well over a margin of points left (10% of the
 * limit, at least 10), statements are admitted from that remembered count and added to the table
 * in batches every 250 ms; near the limit, and for a principal not seen yet in its window, every
 * statement waits for the table. Instances can therefore overshoot the limit by at most the margin
 * each, never more.
 */
export class QueryRateLimit {
  private readonly limiter: RateLimiterPostgres;
  private readonly margin: number;
  private readonly known = new Map<string, { remaining: number; resetAt: number; unflushed: number }>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(pool: pg.Pool, perMinute: number) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'dataset-query',
      points: perMinute,
      duration: 60,
    });
    this.margin = Math.max(10, Math.ceil(perMinute * 0.1));
  }

  /** Counts one statement for the principal; RATE_LIMITED with the seconds to wait when over the limit. */
  async consume(principalKey: string, onRefused: () => void): Promise<void> {
    const key = digest(principalKey);
    const state = this.known.get(key);
    const now = Date.now();
    if (state && now < state.resetAt && state.remaining - state.unflushed > this.margin) {
      state.unflushed++;
      this.scheduleFlush();
      return;
    }
    // Points admitted locally and not yet written go with this one.
    const points = 1 + (state && now < state.resetAt ? state.unflushed : 0);
    if (state) state.unflushed = 0;
    try {
      this.remember(key, await this.limiter.consume(key, points));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      this.remember(key, error);
      onRefused();
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw rateLimited(`Too many queries; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
    }
  }

  private remember(key: string, res: RateLimiterRes): void {
    const state = this.known.get(key);
    const next = { remaining: res.remainingPoints, resetAt: Date.now() + res.msBeforeNext, unflushed: state?.unflushed ?? 0 };
    this.known.set(key, next);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, QUERY_COUNT_FLUSH_MS);
    this.flushTimer.unref();
  }

  /** Adds the locally admitted counts to the table (and forgets principals whose window ended). */
  async flush(): Promise<void> {
    const now = Date.now();
    const writes: Promise<void>[] = [];
    for (const [key, state] of this.known) {
      if (state.unflushed === 0) {
        if (now >= state.resetAt) this.known.delete(key);
        continue;
      }
      const points = state.unflushed;
      state.unflushed = 0;
      writes.push(
        this.limiter.consume(key, points).then(
          (res) => this.remember(key, res),
          (error: unknown) => {
            // Over the limit: the statements already ran; the next one waits for the table and is refused.
            if (error instanceof RateLimiterRes) this.remember(key, error);
            else state.unflushed += points;
          },
        ),
      );
    }
    await Promise.all(writes);
  }
}

/** Keys are hashed: emails are not stored in the clear, and any input fits the key column. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

async function consume(limiter: RateLimiterPostgres, key: string, what: string, onRefused: () => void): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    // The library rejects with a RateLimiterRes when over the limit, with an Error when the store fails.
    if (!(error instanceof RateLimiterRes)) throw error;
    onRefused();
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw rateLimited(`Too many ${what} attempts; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}
