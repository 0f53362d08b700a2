import DataLoader from 'dataloader';

/**
 * A DataLoader that gathers a batch until the event loop's next turn rather than the next
 * microtask: resolvers that await other loaders first still land in one batch, so the number of
 * statements per request stays constant however the page's promises interleave.
 */
export class Loader<K, V> extends DataLoader<K, V> {
  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    super(batch, { batchScheduleFn: (callback) => setImmediate(callback) });
  }
}

/** Calls `load` once, on first use, and returns that promise from then on. */
export function once<V>(load: () => Promise<V>): () => Promise<V> {
  let value: Promise<V> | undefined;
  return () => (value ??= load());
}

/** Memoises one promise per key. */
export function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}

/**
 * State that lives as long as one request: `factory` runs on the first call for a scope, and the
 * same value is returned for that scope from then on. Keyed by the scope object itself, so the
 * value goes when the request does, and nothing has to be registered on the scope.
 */
export function perRequest<S extends object, V>(factory: (scope: S) => V): (scope: S) => V {
  const values = new WeakMap<S, V>();
  return (scope) => {
    if (values.has(scope)) return values.get(scope)!;
    const value = factory(scope);
    values.set(scope, value);
    return value;
  };
}
