import { DomainError } from '../errors.ts';

/**
 * Counts failures per key in a sliding window (in this process's memory). Sign-in uses one key
 * per account and one per client address.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Throws RATE_LIMITED while the key has reached its limit. */
  check(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) {
      const retryAfter = Math.ceil((recent[0]! + this.windowMs - now) / 1000);
      throw new DomainError('RATE_LIMITED', `Too many failed attempts; try again in ${retryAfter} s`);
    }
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
