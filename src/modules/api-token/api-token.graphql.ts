import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { ApiToken } from './api-token.entity.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.ts';

export const ApiTokenRef = builder.objectRef<ApiToken>('ApiToken');
builder.node(ApiTokenRef, {
  description: 'One of your personal API tokens (send it as `Authorization: Bearer tsk_…`); the token itself is shown once, at creation',
  authScopes: { person: true },
  isTypeOf: (value) => value instanceof ApiToken.class,
  id: { resolve: (token) => token.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The token’s first characters, to recognise it' }),
    createdAt: t.field({ type: 'DateTime', resolve: (token) => token.createdAt }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a request last carried it (to the minute)',
      resolve: (token) => token.lastUsedAt ?? null,
    }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (token) => token.revokedAt ?? null }),
  }),
});

const CreatedApiToken = builder.objectRef<{ token: string; apiToken: ApiToken }>('CreatedApiToken').implement({
  authScopes: { person: true },
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The token, shown in this response only' }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (created) => created.apiToken }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({ name: t.string({ required: true, description: '1 to 200 characters, e.g. what uses it' }) }),
});

builder.queryFields((t) => ({
  apiTokens: t.connection({
    type: ApiTokenRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Your own API tokens, revoked ones included, newest first',
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) => listApiTokens(ctx, { after: window.after, before: window.before, limit: window.limit, inverted: window.descending })),
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiToken,
    nullable: true,
    authScopes: { person: true },
    description:
      'A personal API token acting as you, while your `allowApiAccess` is on. Created from your own signed-in session only ' +
      '(not with an API token, nor while impersonating).',
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => createApiToken(ctx, input),
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Revokes one of your API tokens: the next request with it is refused (401)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeApiToken(ctx, rawId(args.id, 'ApiToken')),
  }),
}));
