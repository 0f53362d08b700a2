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
  private readonly pool: pg.Pool;
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
