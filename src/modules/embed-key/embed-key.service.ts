import { randomBytes } from 'node:crypto';
import { publicEmbedJwk, type EmbedAlgorithm } from '../../auth/embed-jwk.ts';
import { encryptSecret } from '../../auth/secret-box.ts';
import { allows, assertCan } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, notFound } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newestFirstQuery, type NewestFirstWindow } from '../../db/id-window.ts';
import { EmbedKey } from './embed-key.entity.ts';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 600;
/** PRODUCT.md §7: an embed token's `exp` is at most 24 h after its `iat`. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
/** 256 bits, the HMAC-SHA-256 block of security; base64url makes it 43 characters. */
const SECRET_BYTES = 32;

/**
 * The tenant's embed audience, the `aud` every embed JWT for it must carry. Derived from the slug,
 * which never changes, so every key of a tenant shares it and rotation does not change it.
 */
export const embedAudience = (tenantSlug: string) => `tessera:embed:${tenantSlug}`;

const DENIED = 'Only admins can manage embed keys';

export interface CreateEmbedKeyInput {
  name: string;
  algorithm: EmbedAlgorithm;
  publicKeyJwk?: unknown;
  maxTokenLifetimeSeconds?: number | null;
}

/**
 * What an audit event may say about a key: never the secret. The lifetime is `lifetimeSeconds`
 * because the audit log drops every key that looks like a token (`redactSummary`).
 */
const auditView = (key: EmbedKey) => ({ name: key.name, algorithm: key.algorithm, lifetimeSeconds: key.maxTokenLifetimeSeconds });

async function keyMaterial(input: CreateEmbedKeyInput): Promise<{ secret: string | null; publicKeyJwk: Record<string, string> | null }> {
  const field = 'input.publicKeyJwk';
  if (input.algorithm === 'HS256') {
    // A shared secret is made here, never chosen by a person: a weak one would be guessable.
    if (input.publicKeyJwk != null) throw badInput(field, 'HS256 keys are a secret Tessera generates; give no public key');
    return { secret: randomBytes(SECRET_BYTES).toString('base64url'), publicKeyJwk: null };
  }
  if (input.publicKeyJwk == null) throw badInput(field, `A ${input.algorithm === 'EdDSA' ? 'EDDSA' : input.algorithm} key needs the partner’s public JWK`);
  const checked = await publicEmbedJwk(input.algorithm, input.publicKeyJwk);
  if ('problem' in checked) throw badInput(field, checked.problem);
  return { secret: null, publicKeyJwk: checked.jwk as Record<string, string> };
}

function lifetime(value: number | null | undefined): number {
  if (value == null) return DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(value) || value < 1 || value > MAX_TOKEN_LIFETIME_SECONDS)
    throw badInput('input.maxTokenLifetimeSeconds', `The maximum token lifetime must be 1 to ${MAX_TOKEN_LIFETIME_SECONDS} seconds`);
  return value;
}

/** Creates a key; an HS256 secret is returned here and only here (stored encrypted, bound to the key id). */
export async function createEmbedKey(ctx: RequestScope, input: CreateEmbedKeyInput): Promise<{ key: EmbedKey; secret: string | null }> {
  await assertCan(ctx, 'embedKey.manage', {}, DENIED);
  const viewer = requirePerson(ctx);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badInput('input.name', 'The name must be 1 to 200 characters');
  const maxTokenLifetimeSeconds = lifetime(input.maxTokenLifetimeSeconds);
  const { secret, publicKeyJwk } = await keyMaterial(input);
  const id = uuidv7();
  const key = await ctx.em.transactional(async (em) => {
    const key = em.create(EmbedKey, {
      id,
      tenant: viewer.tenantId,
      name,
      algorithm: input.algorithm,
      secretCiphertext: secret === null ? null : encryptSecret(ctx.deps.keys.encryptionKey, secret, id),
      publicKeyJwk,
      maxTokenLifetimeSeconds,
      revokedAt: null,
    });
    recordAudit(em, viewer, { action: 'embedKey.create', resourceType: 'EMBED_KEY', resourceId: id, summary: auditView(key) });
    return key;
  });
  return { key, secret };
}

/** One of the tenant's keys, for admins; NOT_FOUND for unknown and other tenants' ids alike. */
export async function findEmbedKey(ctx: RequestScope, id: string): Promise<EmbedKey> {
  const viewer = requirePerson(ctx);
  // Non-admins learn nothing, not even that the id exists (as with data sources they cannot use).
  const key = (await allows(ctx, 'embedKey.manage')) && isUuid(id) ? await ctx.em.findOne(EmbedKey, { id, tenant: viewer.tenantId }) : null;
  if (!key) throw notFound('Embed key');
  return key;
}

/** Revokes a key, for embed token verification to refuse; revoking it again changes nothing (and audits nothing). */
export async function revokeEmbedKey(ctx: RequestScope, id: string): Promise<EmbedKey> {
  await assertCan(ctx, 'embedKey.manage', {}, DENIED);
  const viewer = requirePerson(ctx);
  const key = await findEmbedKey(ctx, id);
  if (key.revokedAt) return key;
  await ctx.em.transactional(async (em) => {
    key.revokedAt = new Date();
    recordAudit(em, viewer, { action: 'embedKey.revoke', resourceType: 'EMBED_KEY', resourceId: key.id, summary: auditView(key) });
  });
  return key;
}

/** The tenant's keys, revoked ones included, newest first (ids are time-ordered), paged in SQL. */
export async function listEmbedKeys(ctx: RequestScope, window: NewestFirstWindow): Promise<EmbedKey[]> {
  await assertCan(ctx, 'embedKey.manage', {}, DENIED);
  const viewer = requirePerson(ctx);
  if (window.limit === 0) return [];
  const page = newestFirstQuery(window);
  return ctx.em.find(EmbedKey, { tenant: viewer.tenantId, ...page.where }, { orderBy: page.orderBy, limit: page.limit });
}
