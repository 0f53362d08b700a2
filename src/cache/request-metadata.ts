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
   * Whether values of `tenantId` read here may come from (and go to) the shared cache: never in
   * mutations, whose entities must belong to the request's own entity manager.
   */
  serves(tenantId: string | undefined): boolean {
    return !this.bypassed && tenantId !== undefined && tenantId === this.tenantId;
  }

  /** `key`'s value for this tenant: from the cache when it may serve, else from `load()`. */
  read<T>(key: string, load: () => Promise<T>, options: { freeze?: boolean } = {}): Promise<T> {
    return this.serves(this.tenantId) ? this.cache.read(this.tenantId!, key, load, options) : load();
  }
}

/** Reads `key` of `tenantId` through the request's metadata cache when it serves that tenant, else with `load()`. */
export function readThrough<T>(
  metadata: RequestMetadata | undefined,
  tenantId: string,
  key: string,
  load: () => Promise<T>,
  options: { freeze?: boolean } = {},
): Promise<T> {
  return metadata?.serves(tenantId) ? metadata.read(key, load, options) : load();
}
