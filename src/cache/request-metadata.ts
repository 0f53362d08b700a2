import type { MetadataCache } from './metadata-cache.ts';

/**
 * A request's view of the metadata cache, bound to the viewer's tenant. Mutations read everything
 * from the database (`bypass()`), so a change and the payload that reports it never disagree.
 */
export class RequestMetadata {
  private bypassed = false;

  private readonly cache: MetadataCache;
  readonly tenantId: string | undefined;

  constructor(cache: MetadataCache, tenantId: string | undefined) {
    this.cache = cache;
    this.tenantId = tenantId;
  }

  bypass(): void {
    this.bypassed = true;
  }

  /**
   * Whether values read here may be shared with other requests: false in mutations, whose
   * entities must belong to the request's own entity manager.
   */
  get sharing(): boolean {
    return !this.bypassed && this.tenantId !== undefined;
  }

  /** `key`'s value for this tenant: from the cache when it may serve, else from `load()`. */
  read<T>(key: string, load: () => Promise<T>, options: { freeze?: boolean } = {}): Promise<T> {
    if (!this.sharing) return load();
    return this.cache.read(this.tenantId!, key, load, options);
  }
}
