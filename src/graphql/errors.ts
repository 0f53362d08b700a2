import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isAdmin } from '../authz/policy.ts';
import { DataSourceError, DomainError, internalError } from '../errors.ts';
import type { RequestScope } from '../scope/scope.ts';

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401 };

function fromDomain(error: DomainError, located: GraphQLError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    nodes: located.nodes,
    path: located.path,
    extensions: {
      ...error.extensions,
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(status ? { http: { status } } : {}),
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
 * the words), GraphQL errors we raised on purpose keep theirs, anything else becomes INTERNAL
 * with the request id (and is logged in full).
 */
export function mapError(error: GraphQLError, context: Pick<RequestScope, 'requestId' | 'logger' | 'viewer'>): GraphQLError {
  const original = error.originalError;
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

function mapResult(result: ExecutionResult, context: RequestScope): ExecutionResult | undefined {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((e) => mapError(e, context)) };
}

export function useErrorMapping(): Plugin<RequestScope> {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          if (Symbol.asyncIterator in result) return;
          const mapped = mapResult(result, args.contextValue as RequestScope);
          if (mapped) setResult(mapped);
        },
      };
    },
  };
}
