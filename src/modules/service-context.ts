import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/principal.ts';
import type { AppDeps } from '../http/deps.ts';
import type { Logger } from '../logger.ts';

/** What a service needs; the GraphQL context satisfies it, and so does the CLI's. */
export interface ServiceContext {
  em: EntityManager;
  viewer: Viewer | null;
  deps: AppDeps;
  logger: Logger;
}
