import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from './principal.ts';
import type { Role } from '../authz/vocabulary.ts';
import { unauthenticated } from '../errors.ts';
import { tokenDigest } from './tokens.ts';

/** Personal API tokens are `tsk_` and 43 base64url characters (256 random bits). */
export const API_TOKEN_PREFIX = 'tsk_';
const API_TOKEN = /^tsk_[A-Za-z0-9_-]{43}$/;

/** As for sessions: one write a minute keeps `last_used_at` (and the user's `last_active_at`) fresh. */
const LAST_USED_RESOLUTION_SECONDS = 60;

interface TokenRow {
  user_id: string;
  email: string;
  tenant_id: string;
  tenant_slug: string;
  role: Role;
}

const REFUSED = 'The API token is invalid or revoked';

/**
 * A personal API token's principal, or 401 UNAUTHENTICATED. Read in one statement on every request
 * and never cached: the token must be live, and its user ACTIVE with `allow_api_access`, so
 * revoking the token, turning the flag off, deactivating or deleting the user stops the very next
 * request on every instance. The same statement records the use, at most once a minute.
 */
export async function principalFromApiToken(with_: { em: () => EntityManager }, token: string): Promise<Principal> {
  if (!API_TOKEN.test(token)) throw unauthenticated(REFUSED);
  const [row] = await with_.em().execute<TokenRow[]>(
    `with live as (
       select k.id, k.last_used_at, u.id as user_id, u.email, u.role, u.last_active_at, t.id as tenant_id, t.slug as tenant_slug
         from api_tokens k
         join users u on u.id = k.user_id and u.tenant_id = k.tenant_id
         join tenants t on t.id = k.tenant_id
        where k.token_hash = ? and k.revoked_at is null and u.status = 'ACTIVE' and u.allow_api_access
     ), used as (
       update api_tokens k set last_used_at = now() from live
        where k.id = live.id and (live.last_used_at is null or live.last_used_at < now() - make_interval(secs => ?))
     ), active as (
       update users u set last_active_at = now() from live
        where u.id = live.user_id and (live.last_active_at is null or live.last_active_at < now() - make_interval(secs => ?))
     )
     select user_id, email, tenant_id, tenant_slug, role from live`,
    [tokenDigest(token), LAST_USED_RESOLUTION_SECONDS, LAST_USED_RESOLUTION_SECONDS],
  );
  if (!row) throw unauthenticated(REFUSED);
  return {
    kind: 'API_TOKEN',
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    status: 'ACTIVE',
    sessionId: undefined,
  };
}
