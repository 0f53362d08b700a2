import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { EMBED_ALGORITHMS } from '../../auth/embed-jwk.ts';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';

/**
 * A key a partner signs embed JWTs with (PRODUCT.md §7); its id is the JWT header `kid`. Metadata
 * (change notices) because token verification reads keys on every embed request: a revocation
 * must reach every instance's cache at once.
 */
export const EmbedKey = defineEntity({
  name: 'EmbedKey',
  tableName: 'embed_keys',
  extends: TenantMetadata,
  properties: {
    name: p.string().length(200),
    algorithm: p.enum(EMBED_ALGORITHMS),
    /** HS256 only: the shared secret, AES-256-GCM bound to the key id; never returned after creation. */
    secretCiphertext: p.text().nullable().lazy(),
    /** ES256 / EdDSA only: the partner's public key, reduced to its public members (not a secret). */
    publicKeyJwk: p.json<Record<string, string>>().nullable(),
    maxTokenLifetimeSeconds: p.integer().default(600),
    revokedAt: p.datetime().nullable(),
  },
  // The admin list (tenant = ?, newest first) and the lookup of a token's `kid` within its tenant.
  indexes: [{ name: 'embed_keys_tenant_id_index', properties: ['tenant', 'id'] }],
});
export type EmbedKey = InferEntity<typeof EmbedKey>;
