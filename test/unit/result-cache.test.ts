import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/query/result-cache.ts';

describe('ResultCache', () => {
  const sized = (maxBytes: number, maxEntries = 100) => new ResultCache<{ bytes: number }>(maxEntries, { maxBytes, sizeOf: (v) => v.bytes });

  it('evicts the least recently used entries to stay within its bytes', () => {
    const cache = sized(100);
    cache.set('a', { bytes: 40 }, 60_000);
    cache.set('b', { bytes: 40 }, 60_000);
    expect(cache.get('a')).toEqual({ bytes: 40 }); // a is now the most recently used
    cache.set('c', { bytes: 40 }, 60_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual({ bytes: 40 });
    expect(cache.get('c')).toEqual({ bytes: 40 });
    expect(cache.bytes).toBe(80);
    expect(cache.evictions).toBe(1);
  });

  it('does not keep a value larger than the bound, nor drop others for it', () => {
    const cache = sized(100);
    cache.set('a', { bytes: 60 }, 60_000);
    cache.set('huge', { bytes: 101 }, 60_000);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toEqual({ bytes: 60 });
    expect(cache.bytes).toBe(60);
  });

  it('accounts for replaced and expired entries', () => {
    const cache = sized(100);
    cache.set('a', { bytes: 60 }, 1_000, 0);
    cache.set('a', { bytes: 30 }, 1_000, 0);
    expect(cache.bytes).toBe(30);
    expect(cache.get('a', 2_000)).toBeUndefined();
    expect(cache.bytes).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('is bounded by entries too', () => {
    const cache = sized(1_000, 2);
    for (const key of ['a', 'b', 'c']) cache.set(key, { bytes: 1 }, 60_000);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });

  it('sizes results by their JSON length by default', () => {
    const cache = new ResultCache<{ rows: string[][] }>(10, { maxBytes: 2_000 });
    cache.set('small', { rows: [['x']] }, 60_000);
    cache.set('large', { rows: [['x'.repeat(2_000)]] }, 60_000);
    expect(cache.get('small')).toBeDefined();
    expect(cache.get('large')).toBeUndefined();
  });
});
