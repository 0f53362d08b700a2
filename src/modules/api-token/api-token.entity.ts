import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/**
 * A personal API token (PRODUCT.md §1, `tsk_…`). Only its SHA-256 digest is stored: the token is
 * shown once, at creation. Not metadata (no change notices): every request that carries one reads
 * its row, its user's status and `allow_api_access` afresh (`src/auth/api-token-principal.ts`).
 */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  extends: TenantScoped,
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade'),
    name: p.string().length(200),
    tokenHash: p.string().length(64).unique().lazy(),
    /** The token's first characters (`tsk_` and 8 more), to recognise it in a list; not enough to use it. */
    prefix: p.string().length(16),
    /** Written at most once a minute. */
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
  // The owner's list, newest first.
  indexes: [{ name: 'api_tokens_user_id_index', properties: ['user', 'id'] }],
});
export type ApiToken = InferEntity<typeof ApiToken>;
