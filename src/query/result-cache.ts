import { createHash } from 'node:crypto';
import type { QueryColumn } from './compile.ts';
import type { PrintedSql } from './print.ts';

/** What is kept of a result: everything but its SQL (the key holds it) and whether it was cached. */
export interface CachedResult {
  columns: QueryColumn[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  missingAttributes: string[];
}

/**
 * Results of dashboard widgets, kept for the dashboard's cache TTL. The key is the data source and
 * its version, the dataset version and the printed SQL with its bound values, so a viewer whose row-level
 * predicates differ never shares an entry with another. Bounded: the least recently used entries
 * go first.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly maxEntries: number;
  /** Lookups that found a live entry, and those that did not (for `/metrics`). */
  hits = 0;
  misses = 0;

  constructor(maxEntries = 500) {
    this.maxEntries = maxEntries;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      this.misses++;
      return undefined;
    }
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: now + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** `dataSourceVersion` changes with every edit of the data source: a re-pointed one never serves old rows. */
export function resultCacheKey(dataSourceId: string, dataSourceVersion: string, datasetVersion: number, sql: PrintedSql): string {
  return createHash('sha256')
    .update(JSON.stringify([dataSourceId, dataSourceVersion, datasetVersion, sql.text, sql.values]))
    .digest('hex');
}
