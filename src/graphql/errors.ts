import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DomainError } from '../errors.ts';
import type { Context } from '../http/context.ts';

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401 };

function fromDomain(error: DomainError, located: GraphQLError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    nodes: located.nodes,
    path: located.path,
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(status ? { http: { status } } : {}),
    },
  });
}

/**
 * The one place errors are mapped for clients: domain errors keep their code and message,
 * GraphQL errors we raised on purpose keep theirs, anything else becomes INTERNAL with the
 * request id (and is logged in full).
 */
export function mapError(error: GraphQLError, context: Pick<Context, 'requestId' | 'logger'>): GraphQLError {
  const original = error.originalError;
  if (original instanceof DomainError) return fromDomain(original, error);
  if (!original) return error;
  if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') {
    return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: original.extensions });
  }
  context.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error');
  return new GraphQLError(`Internal error (request ${context.requestId})`, {
    nodes: error.nodes,
    path: error.path,
    extensions: { code: 'INTERNAL', requestId: context.requestId },
  });
}

function mapResult(result: ExecutionResult, context: Context): ExecutionResult | undefined {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((e) => mapError(e, context)) };
}

export function useErrorMapping(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult, args }) {
          if (Symbol.asyncIterator in result) return;
          const mapped = mapResult(result, args.contextValue as Context);
          if (mapped) setResult(mapped);
        },
      };
    },
  };
}
