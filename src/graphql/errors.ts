import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isAdmin } from '../authz/policy.ts';
import { DatabaseUnavailableError, DataSourceError, DomainError, internalError, isConnectionFailure } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RequestScope } from '../scope/scope.ts';

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401 };

/** Seconds a client is told to wait (`Retry-After`) when the metadata database cannot be reached. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** The HTTP status (and headers) an error imposes on the whole response, whatever else it holds. */
function httpOf(error: DomainError): { status: number; headers?: Record<string, string> } | undefined {
  if (error instanceof DatabaseUnavailableError) return { status: 503, headers: { 'retry-after': String(error.extensions?.retryAfterSeconds) } };
  const status = HTTP_STATUS[error.code];
  return status ? { status } : undefined;
}

function fromDomain(error: DomainError, located: GraphQLError): GraphQLError {
  const http = httpOf(error);
  return new GraphQLError(error.message, {
    nodes: located.nodes,
    path: located.path,
    extensions: {
      ...error.extensions,
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(http ? { http } : {}),
    },
  });
}

/**
 * graphql-js repeats a rejected variable's whole value in its message ("Variable "$input" got
 * invalid value { …, password: … }"). The value may hold credentials, so it is never echoed.
 */
export function withoutEchoedValue(message: string): string {
  return message.replace(/^(Variable "\$[^"]+" got invalid value ).*?(; |$)/s, '$1(value not shown)$2');
}

/**
 * The one place errors are mapped for clients: domain errors keep their code and message (a data
 * source's own words only for admins: others get a fixed message with the request id, the log
 * the words), GraphQL errors we raised on purpose keep theirs, a metadata database that cannot be
 * reached is UNAVAILABLE (HTTP 503 with `Retry-After` for the whole response), anything else
 * becomes INTERNAL with the request id (and is logged in full).
 *
 * Data source failures never reach the third case: the query runner turns them into
 * DataSourceErrors (UNAVAILABLE for that field only), so a driver's connection error arriving
 * here came from the metadata database (the ORM's pool or the sign-in throttle's).
 */
export function mapError(
  error: GraphQLError,
  context: Pick<RequestScope, 'requestId' | 'logger' | 'viewer'>,
  retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
): GraphQLError {
  const original = error.originalError;
  if (original && !(original instanceof DomainError) && !(original instanceof GraphQLError) && isConnectionFailure(original)) {
    context.logger.warn(
      { code: (original as { code?: unknown }).code, detail: original.message, path: error.path?.join('.') },
      'the metadata database cannot be reached',
    );
    return fromDomain(new DatabaseUnavailableError(retryAfterSeconds), error);
  }
  // Driver detail (relations, hosts, ports) is for those who manage data sources; the log keeps it.
  if (original instanceof DataSourceError && !isAdmin(context.viewer)) {
    context.logger.warn({ code: original.code, detail: original.message, path: error.path?.join('.') }, 'data source error (detail shown to admins only)');
    return new GraphQLError(`The data source could not answer this request (request ${context.requestId})`, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: original.code, requestId: context.requestId },
    });
  }
  if (original instanceof DomainError) return fromDomain(original, error);
  if (!original) {
    const message = withoutEchoedValue(error.message);
    return message === error.message ? error : new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions: error.extensions });
  }
  if (original instanceof GraphQLError) {
    // Raised on purpose (ours, or graphql-js coercing variables): safe to show. Without a code of
    // its own, one that happened before any field ran is a problem with the request's input.
    const code = original.extensions?.code ?? (error.path ? undefined : 'BAD_USER_INPUT');
    if (code) {
      return new GraphQLError(withoutEchoedValue(error.message), { nodes: error.nodes, path: error.path, extensions: { ...original.extensions, code } });
    }
  }
  context.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error');
  return internalError(context.requestId, error);
}

/** What the mapping needs of the request; null until the request's scope is being built. */
type ErrorScope = Pick<RequestScope, 'requestId' | 'logger' | 'viewer'>;

const requests = new AsyncLocalStorage<{ scope?: ErrorScope }>();

/**
 * yoga's `maskError` is given the error alone: the request it belongs to (its id, its logger and
 * who is calling) is kept for the whole request in async-local storage, which `bindErrorScope`
 * fills as soon as the scope factory knows it, so failures while resolving the principal are
 * mapped like any other.
 */
export function useErrorScope(): Plugin {
  return { instrumentation: { request: (_payload, handle) => requests.run({}, handle) } };
}

export function bindErrorScope(scope: ErrorScope): void {
  const request = requests.getStore();
  if (request) request.scope = scope;
}

/** Errors the mapping has seen: logged by it (or expected), so yoga's own log skips them. */
const mapped = new WeakSet<object>();

export function isMappedError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && mapped.has(error);
}

/** yoga's `maskedErrors.maskError`, for every phase: context building, execution and anything thrown around them. */
export function createMaskError(logger: Logger, options: { retryAfterSeconds?: number } = {}) {
  return (error: unknown): Error => {
    if (typeof error === 'object' && error !== null) mapped.add(error);
    let scope = requests.getStore()?.scope;
    if (!scope) {
      const requestId = randomUUID();
      scope = { requestId, logger: logger.child({ requestId }), viewer: null };
    }
    const located =
      error instanceof GraphQLError
        ? error
        : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
    return mapError(located, scope, options.retryAfterSeconds);
  };
}
