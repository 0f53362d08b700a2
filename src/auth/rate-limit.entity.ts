import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Counters of rate-limiter-flexible's PostgreSQL store (`src/auth/throttle.ts`), shared by every
 * gateway instance on the database. The columns are the library's own; the table is created by a
 * migration, never by the library at run time.
 */
export const RateLimitCounter = defineEntity({
  name: 'RateLimitCounter',
  tableName: 'rate_limits',
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    /** Epoch milliseconds at which the counter starts again from zero. */
    expire: p.bigint().nullable().index(),
  },
});
export type RateLimitCounter = InferEntity<typeof RateLimitCounter>;
