import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { EmbedKey } from './embed-key.entity.ts';
import {
  createEmbedKey,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  embedAudience,
  listEmbedKeys,
  MAX_TOKEN_LIFETIME_SECONDS,
  revokeEmbedKey,
} from './embed-key.service.ts';

/** PRODUCT.md §3: "embed keys: create, rotate, revoke" is an admin's row. */
const manage = { allowed: { action: 'embedKey.manage' as const, facts: {} } };

const EmbedAlgorithmEnum = builder.enumType('EmbedAlgorithm', {
  description: 'How partners sign embed tokens with a key: HS256 with a secret Tessera generates, ES256 (P-256) or EDDSA (Ed25519) with their own key pair',
  values: { HS256: { value: 'HS256' as const }, ES256: { value: 'ES256' as const }, EDDSA: { value: 'EdDSA' as const } },
});

export const EmbedKeyRef = builder.objectRef<EmbedKey>('EmbedKey');
builder.node(EmbedKeyRef, {
  description: 'A key an embedding partner signs embed JWTs with. Admins only; an HS256 secret is shown once, at creation, and never again.',
  authScopes: manage,
  isTypeOf: (value) => value instanceof EmbedKey.class,
  id: { resolve: (key) => key.id },
  fields: (t) => ({
    kid: t.string({ description: 'What the partner puts in the JWT header `kid`: the key’s uuid', resolve: (key) => key.id }),
    name: t.exposeString('name'),
    algorithm: t.field({ type: EmbedAlgorithmEnum, resolve: (key) => key.algorithm }),
    audience: t.string({
      description: 'The `aud` embed tokens must carry: one per tenant, the same for all its keys',
      resolve: (_key, _args, ctx) => embedAudience(ctx.viewer!.tenantSlug),
    }),
    publicKeyJwk: t.field({
      type: 'JSON',
      nullable: true,
      description: 'ES256 / EDDSA: the partner’s public key (public members only); null for HS256',
      resolve: (key) => key.publicKeyJwk ?? null,
    }),
    maxTokenLifetimeSeconds: t.exposeInt('maxTokenLifetimeSeconds', { description: 'The longest `exp` − `iat` a token signed with it may have' }),
    createdAt: t.field({ type: 'DateTime', resolve: (key) => key.createdAt }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while it is in use',
      resolve: (key) => key.revokedAt ?? null,
    }),
  }),
});

const CreatedEmbedKey = builder.objectRef<{ key: EmbedKey; secret: string | null }>('CreatedEmbedKey').implement({
  authScopes: manage,
  fields: (t) => ({
    key: t.field({ type: EmbedKeyRef, resolve: (created) => created.key }),
    secret: t.exposeString('secret', {
      nullable: true,
      description: 'HS256: the shared secret (its UTF-8 text is the HMAC key), shown in this response only; null for ES256 / EDDSA',
    }),
  }),
});

const CreateEmbedKeyInput = builder.inputType('CreateEmbedKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: '1 to 200 characters' }),
    algorithm: t.field({ type: EmbedAlgorithmEnum, required: true }),
    publicKeyJwk: t.field({
      type: 'JSON',
      description: 'ES256 / EDDSA: the partner’s public JWK (an object or its JSON text); refused for HS256 and when it carries private parts',
    }),
    maxTokenLifetimeSeconds: t.int({ description: `Default ${DEFAULT_TOKEN_LIFETIME_SECONDS}, at most ${MAX_TOKEN_LIFETIME_SECONDS}` }),
  }),
});

builder.queryFields((t) => ({
  embedKeys: t.connection({
    type: EmbedKeyRef,
    nullable: true,
    authScopes: manage,
    description: 'The workspace’s embed keys, revoked ones included, newest first (admins only)',
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) => listEmbedKeys(ctx, { after: window.after, before: window.before, limit: window.limit, inverted: window.descending })),
  }),
}));

builder.mutationFields((t) => ({
  createEmbedKey: t.field({
    type: CreatedEmbedKey,
    nullable: true,
    authScopes: manage,
    description: 'A new key beside the existing ones (rotation: both work until the old one is revoked)',
    args: { input: t.arg({ type: CreateEmbedKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) => createEmbedKey(ctx, input),
  }),
  revokeEmbedKey: t.field({
    type: EmbedKeyRef,
    nullable: true,
    authScopes: manage,
    description: 'Revokes a key (it stays listed, with `revokedAt`); revoking it again changes nothing',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeEmbedKey(ctx, rawId(args.id, 'EmbedKey')),
  }),
}));
