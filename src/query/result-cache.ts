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
 * predicates differ never shares an entry with another. Bounded by entries and by bytes (each
 * result's approximate JSON size, `sizeOf`): the least recently used entries go first, and a
 * result larger than the whole bound is not kept.
 *
 * Written here rather than with lru-cache: the only copy installed at the top level is 5.x (no
 * `maxSize`/`sizeCalculation`, no types), and this is the few lines a Map already gives in order.
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number; bytes: number }>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly sizeOf: (value: V) => number;
  /** Lookups that found a live entry, and those that did not (for `/metrics`). */
  hits = 0;
  misses = 0;
  /** Entries dropped to stay within the bounds (for `/metrics`). */
  evictions = 0;
  /** The sum of the entries' sizes. */
  bytes = 0;

  constructor(maxEntries = 500, options: { maxBytes?: number; sizeOf?: (value: V) => number } = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.sizeOf = options.sizeOf ?? approximateBytes;
  }

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.remove(key);
    if (entry.expiresAt <= now) {
      this.misses++;
      return undefined;
    }
    this.add(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    this.remove(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.add(key, { value, expiresAt: now + ttlMs, bytes });
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      this.remove(this.entries.keys().next().value!);
      this.evictions++;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private add(key: string, entry: { value: V; expiresAt: number; bytes: number }): void {
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** About what a result weighs in memory: its JSON length (strings count once per UTF-16 unit), plus a little per entry. */
export function approximateBytes(value: unknown): number {
  return 256 + (JSON.stringify(value)?.length ?? 0);
}

/** `dataSourceVersion` changes with every edit of the data source: a re-pointed one never serves old rows. */
export function resultCacheKey(dataSourceId: string, dataSourceVersion: string, datasetVersion: number, sql: PrintedSql): string {
  return createHash('sha256')
    .update(JSON.stringify([dataSourceId, dataSourceVersion, datasetVersion, sql.text, sql.values]))
    .digest('hex');
}
