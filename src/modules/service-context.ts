import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/principal.ts';
import type { AppDeps } from '../http/deps.ts';
import type { Logger } from '../logger.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';

/** What a service needs; the GraphQL context satisfies it, and so does the CLI's. */
export interface ServiceContext {
  em: EntityManager;
  viewer: Viewer | null;
  deps: AppDeps;
  logger: Logger;
  /** The metadata cache, for request paths (absent in the CLI: it reads the database). */
  metadata?: RequestMetadata | undefined;
}
