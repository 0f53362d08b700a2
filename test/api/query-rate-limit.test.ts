/**
 * The per-principal query rate limit writes its counts to the shared table in batches while a
 * principal is far from the limit, and waits for the table near it: fewer writes, no lost counts,
 * and never more statements than the limit from one instance.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QueryRateLimit } from '../../src/auth/throttle.ts';
import { uuidv7 } from '../../src/db/ids.ts';

let pool: pg.Pool;
let statements = 0;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements++;
    return query(...args);
  };
});
afterAll(async () => {
  await pool.end();
});

const storedPoints = async (principal: string) => {
  const key = `dataset-query:${createHash('sha256').update(principal).digest('base64url')}`;
  const { rows } = await pool.query<{ points: number }>('select points from rate_limits where key = $1', [key]);
  return rows[0]?.points ?? 0;
};

describe('the query rate limit', () => {
  it('far from the limit, counts statements locally and writes them in batches, losing none', async () => {
    const limit = new QueryRateLimit(pool, 600);
    const principal = `user:${uuidv7()}`;
    const before = statements;
    for (let i = 0; i < 50; i++) await limit.consume(principal, () => {});
    const writes = statements - before;
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThan(5);
    await limit.flush();
    expect(await storedPoints(principal)).toBe(50);
  });

  it('near the limit, waits for the table: exactly the limit is admitted, then RATE_LIMITED', async () => {
    const limit = new QueryRateLimit(pool, 20);
    const principal = `user:${uuidv7()}`;
    let admitted = 0;
    let refused = 0;
    for (let i = 0; i < 25; i++) {
      try {
        await limit.consume(principal, () => refused++);
        admitted++;
      } catch (error) {
        expect((error as { code?: string }).code).toBe('RATE_LIMITED');
      }
    }
    expect(admitted).toBe(20);
    expect(refused).toBe(5);
    await limit.flush();
    expect(await storedPoints(principal)).toBeGreaterThanOrEqual(20);
  });
});
