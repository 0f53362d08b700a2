import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { YogaInitialContext } from 'graphql-yoga';
import type { Principal } from '../auth/principal.ts';
import { resolvePrincipal } from '../auth/resolve.ts';
import { bindErrorScope } from '../graphql/errors.ts';
import type { Logger } from '../logger.ts';
import type { AppDeps } from '../scope/deps.ts';
import { createLoaders } from '../scope/loaders.ts';
import type { RequestScope } from '../scope/scope.ts';
import { RequestMetadata } from '../cache/request-metadata.ts';
import { clientAddressOf } from './client-address.ts';

/**
 * Builds the request's scope. The entity manager and the request's logger are made on first use
 * (a warm query may need neither): they are lazy, non-enumerable properties of the scope object
 * itself, which yoga extends with what this returns.
 */
export function createContextFactory(deps: AppDeps) {
  return async (initial: YogaInitialContext & { clientAddress?: string }): Promise<RequestScope> => {
    const requestId = initial.request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
    let em: EntityManager | undefined;
    let logger: Logger | undefined;
    const emOf = () => (em ??= deps.orm.em.fork() as EntityManager);
    const loggerOf = () => (logger ??= deps.logger.child({ requestId }));
    const lazy: PropertyDescriptorMap = {
      em: { get: emOf, enumerable: false, configurable: true },
      logger: { get: loggerOf, enumerable: false, configurable: true },
    };
    // Object.assign (yoga's extension) skips non-enumerable properties: define them on both.
    Object.defineProperties(initial, lazy);
    // Known to the response (x-request-id, the access log) even when resolving the principal fails.
    (initial as { requestId?: string }).requestId = requestId;
    // A failure while resolving the principal is mapped (and logged) under this request's id.
    bindErrorScope({
      requestId,
      get logger() {
        return loggerOf();
      },
      viewer: null,
    });
    const viewer = await resolvePrincipal(initial.request.headers.get('authorization'), {
      sessionSigningKey: deps.keys.sessionSigningKey,
      encryptionKey: deps.keys.encryptionKey,
      metadataCache: deps.metadataCache,
      em: emOf,
      onEmbedRefusal: (reason, detail) => loggerOf().info({ reason, detail }, 'embed token refused'),
    });
    const metadata = new RequestMetadata(deps.metadataCache, viewer?.tenantId);
    const fields = {
      requestId,
      viewer,
      loaders: createLoaders(emOf, viewer, metadata),
      metadata,
      deps,
      clientAddress: clientAddressOf(initial.clientAddress, initial.request.headers.get('x-forwarded-for'), deps.config.trustProxy),
    };
    const scope = Object.defineProperties(fields, lazy) as typeof fields & Pick<RequestScope, 'em' | 'logger'>;
    bindErrorScope(scope);
    return scope;
  };
}

/**
 * The scope of a request that is not a GraphQL operation (a download), for a principal already
 * resolved from what the request carries; `em` is the request's entity manager.
 */
export function scopeForPrincipal(
  deps: AppDeps,
  args: { requestId: string; viewer: Principal; em: EntityManager; clientAddress: string | undefined; forwardedFor: string | null },
): RequestScope {
  let logger: Logger | undefined;
  const metadata = new RequestMetadata(deps.metadataCache, args.viewer.tenantId);
  const fields = {
    requestId: args.requestId,
    viewer: args.viewer,
    em: args.em,
    loaders: createLoaders(() => args.em, args.viewer, metadata),
    metadata,
    deps,
    clientAddress: clientAddressOf(args.clientAddress, args.forwardedFor, deps.config.trustProxy),
  };
  return Object.defineProperty(fields, 'logger', {
    get: () => (logger ??= deps.logger.child({ requestId: args.requestId })),
    enumerable: false,
    configurable: true,
  }) as typeof fields & Pick<RequestScope, 'logger'>;
}
