import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import RelayPlugin from '@pothos/plugin-relay';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { GraphQLError, getNullableType, isListType } from 'graphql';
import type { RequestScope } from '../scope/scope.ts';
import { forbidden, unauthenticated } from '../errors.ts';
import { authScopes, type Scopes } from './scopes.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';

export const builder = new SchemaBuilder<{
  Context: RequestScope;
  AuthScopes: Scopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  // scope-auth must come first so its checks wrap every other plugin's resolvers.
  plugins: [ScopeAuthPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  complexity: {
    // Complexity here counts warehouse queries (graphql/budget.ts checks it before execution):
    // only the fields that run one cost anything; lists multiply what is below them.
    disabled: true,
    fieldComplexity: (args, _ctx, field) => {
      const page = args as { first?: unknown; last?: unknown };
      if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
        const size = [page.first, page.last].find((n) => typeof n === 'number') as number | undefined;
        return { field: 0, multiplier: Math.min(Math.max(size ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE) };
      }
      // A connection's edges are already counted by the connection's own page size.
      if (field.name === 'edges') return { field: 0, multiplier: 1 };
      return { field: 0, multiplier: isListType(getNullableType(field.type)) ? MAX_PAGE_SIZE : 1 };
    },
  },
  scopeAuth: {
    authScopes,
    // Denials are ordinary field errors: the field is null and its siblings still resolve.
    unauthorizedError: (_parent, context) => (context.viewer ? forbidden('You are not allowed to see or do this') : unauthenticated('Sign in to continue')),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string in UTC',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({});
builder.mutationType({});
