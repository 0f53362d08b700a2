import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';
import type { RequestMetadata } from '../cache/request-metadata.ts';
import { isPerson } from '../authz/policy.ts';
import { forbidden } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { AppDeps } from './deps.ts';
import type { Loaders } from './loaders.ts';

/**
 * Everything a request carries, built once per request by `http/context.ts`: the GraphQL context,
 * and what services receive. Per-request state beyond this lives in `perRequest` memos keyed by
 * the scope object.
 */
export interface RequestScope {
  requestId: string;
  /** Who is calling; null for an anonymous request. */
  viewer: Principal | null;
  em: EntityManager;
  /** What `authz/` reads of the principal (subject, shares); a module's own rows have `<noun>.loaders.ts`. */
  loaders: Loaders;
  /** The metadata cache as this request may use it (mutations bypass it). */
  metadata: RequestMetadata;
  deps: AppDeps;
  logger: Logger;
  /** The caller's address (after `TESSERA_TRUST_PROXY` hops of `X-Forwarded-For`), for throttling sign-in attempts. */
  clientAddress: string;
}

/** The calling person, or FORBIDDEN for anyone else (anonymous callers included). */
export function requirePerson(scope: Pick<RequestScope, 'viewer'>, message?: string): Principal {
  if (!isPerson(scope.viewer)) throw forbidden(message);
  return scope.viewer;
}

/**
 * The parts of a scope that code also run outside a request (the CLI, tests) needs. There the
 * metadata cache may be absent, and everything is read from the database.
 */
export type ScopeParts<K extends keyof RequestScope> = Pick<RequestScope, Exclude<K, 'metadata'>> & { metadata?: RequestMetadata | undefined };

/** The caller's tenant, or an id no row has: loaders of an anonymous request find nothing. */
export function tenantIdOf(scope: Pick<RequestScope, 'viewer'>): string {
  return scope.viewer?.tenantId ?? '00000000-0000-0000-0000-000000000000';
}
