import { GraphQLError } from 'graphql';

/** The error codes clients rely on (PRODUCT.md §10). */
export type ErrorCode =
  'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED' | 'QUERY_TIMEOUT' | 'UNAVAILABLE' | 'INTERNAL';

/** A failure the caller can act on. Anything else that is thrown is masked as INTERNAL. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  /** The input path at fault, e.g. `input.emails[2]`, for BAD_USER_INPUT. */
  readonly field: string | undefined;
  /** More for the client to act on, e.g. `retryAfterSeconds` of RATE_LIMITED. */
  readonly extensions: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, field?: string, extensions?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.extensions = extensions;
  }
}

/**
 * What a data source said (driver messages name relations, hosts and ports): the message is shown
 * only to those who may manage data sources; everyone else gets a fixed one with the request id.
 */
export class DataSourceError extends DomainError {
  constructor(code: ErrorCode, message: string, field?: string) {
    super(code, message, field);
    this.name = 'DataSourceError';
  }
}

/**
 * The metadata database cannot be reached (stopped, restarting, unreachable, out of connections):
 * the whole request fails with HTTP 503 and `Retry-After` (`graphql/errors.ts`).
 */
export class DatabaseUnavailableError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('UNAVAILABLE', `The service is unavailable for a moment; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Error codes and messages of a PostgreSQL server that cannot be reached or went away: the socket
 * (refused, reset, timed out, unreachable), the server (shutting down, starting, too many
 * connections, SQLSTATE class 08) and the pg driver's own words for a dead or unobtainable
 * connection. Not a statement's failure: a missing relation, a bad value or a refused password.
 */
const CONNECTION_FAILURE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const CONNECTION_FAILURE_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /is not queryable/];

/** Whether `error` (or what caused it, e.g. inside an ORM exception) says the database cannot be reached. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_FAILURE_CODES.has(code) || code.startsWith('08'))) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && CONNECTION_FAILURE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
/**
 * A data source's queue is full, or a statement waited too long for its turn (`query/concurrency.ts`):
 * nothing ran, and the same request may succeed after `retryAfterSeconds`.
 */
export class WarehouseBusyError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super('UNAVAILABLE', message, undefined, { retryAfterSeconds });
    this.name = 'WarehouseBusyError';
  }
}

export const rateLimited = (message: string, retryAfterSeconds: number) => new DomainError('RATE_LIMITED', message, undefined, { retryAfterSeconds });
/** The service (a data source's queue, the metadata database) cannot take the work now; try again after `retryAfterSeconds`. */
export const unavailable = (message: string, retryAfterSeconds: number) => new DomainError('UNAVAILABLE', message, undefined, { retryAfterSeconds });
/** A missing, malformed or ended credential: HTTP 401 whichever phase raises it (`graphql/errors.ts`). */
export const unauthenticated = (message = 'Sign in to continue') => new DomainError('UNAUTHENTICATED', message);

/** What clients see of an unexpected failure: a code and the request id to find it in the log. */
export function internalError(requestId: string, located?: GraphQLError): GraphQLError {
  return new GraphQLError(`Internal error (request ${requestId})`, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code: 'INTERNAL', requestId },
  });
}

/**
 * Runs a write whose uniqueness was checked beforehand; when a concurrent request wins the race
 * in between, the database's unique constraint answers, and the caller gets `onConflict()`'s
 * error instead of an INTERNAL one.
 */
export async function withUniqueGuard<T>(write: () => Promise<T>, onConflict: () => DomainError | Promise<DomainError>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Error && error.name === 'UniqueConstraintViolationException') throw await onConflict();
    throw error;
  }
}

/** The first position in `ids` (the caller's own list) whose id fails `ok`, or -1. */
export function firstBadIndex(ids: readonly string[], ok: (id: string) => boolean): number {
  return ids.findIndex((id) => !ok(id));
}
