import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from './principal.ts';
import { canImpersonate } from '../authz/policy.ts';
import { unauthenticated } from '../errors.ts';
import { verifySessionToken } from './session-token.ts';
import type { MetadataCache } from '../cache/metadata-cache.ts';
import type { Role, UserStatus } from '../authz/vocabulary.ts';

/** Only one write per minute per user keeps `lastActiveAt` fresh without a write per request. */
const LAST_ACTIVE_RESOLUTION_MS = 60_000;

interface SessionRow {
  user_id: string;
  email: string;
  tenant_id: string;
  tenant_slug: string;
  role: Role;
  status: UserStatus;
  last_active_at: Date | null;
  expires_at: Date;
  impersonator_id: string | null;
  impersonator_role: Role | null;
  impersonator_status: UserStatus | null;
  impersonator_last_active_at: Date | null;
  enrollment_only: boolean;
}

/** What resolving a session needs of the process. */
export interface SessionResolution {
  sessionSigningKey: Uint8Array;
  metadataCache: Pick<MetadataCache, 'read'>;
  /** Made on first use: a warm request resolves its session without one. */
  em: () => EntityManager;
}

/**
 * An impersonation session (PRODUCT.md §1) is valid only while its impersonator is still ACTIVE
 * and still allowed to act as the target: both are read here on every request, so a demotion,
 * a deactivation or a promotion of the target ends it at once.
 */
function impersonationHolds(row: SessionRow): boolean {
  if (row.impersonator_id === null) return true;
  if (row.impersonator_status !== 'ACTIVE' || row.impersonator_role === null) return false;
  return canImpersonate({ userId: row.impersonator_id, role: row.impersonator_role }, row.role);
}

/**
 * When this process last wrote `last_active_at` for a cached session row: the row itself is shared
 * and frozen, and without this every request would write again until the row is read anew.
 */
const touchedAt = new WeakMap<SessionRow, number>();

/** A session token's USER principal (impersonation included), or 401 UNAUTHENTICATED. */
export async function principalFromSession(with_: SessionResolution, token: string): Promise<Principal> {
  const claims = await verifySessionToken(with_.sessionSigningKey, token);
  if (!claims) throw unauthenticated('The token is invalid or expired');
  return principalOfSession(with_, claims);
}

/**
 * The USER principal of a session named by its ids (from a verified token, or a binding stored
 * with it, such as a download's), or 401 UNAUTHENTICATED when the session was revoked or expired,
 * its user is no longer ACTIVE, or its impersonation no longer holds.
 */
export async function principalOfSession(
  with_: Pick<SessionResolution, 'metadataCache' | 'em'>,
  claims: { sessionId: string; userId: string; tenantId: string },
): Promise<Principal> {
  const { em } = with_;
  // Only live sessions are cached; revoking one, or changing its user, notifies the cache.
  const loadSession = async (): Promise<SessionRow | undefined> => {
    const [found] = await em().execute<SessionRow[]>(
      `select u.id as user_id, u.email, t.id as tenant_id, t.slug as tenant_slug, u.role, u.status, u.last_active_at,
              s.expires_at, s.impersonator_id, i.role as impersonator_role, i.status as impersonator_status,
              i.last_active_at as impersonator_last_active_at, s.enrollment_only
         from sessions s
         join users u on u.id = s.user_id and u.tenant_id = s.tenant_id
         join tenants t on t.id = s.tenant_id
         left join users i on i.id = s.impersonator_id and i.tenant_id = s.tenant_id
        where s.id = ? and s.user_id = ? and s.tenant_id = ?
          and s.revoked_at is null and s.expires_at > now() and u.status = 'ACTIVE'`,
      [claims.sessionId, claims.userId, claims.tenantId],
    );
    if (!found) throw unauthenticated('The session has ended; sign in again');
    return found;
  };
  const row = await with_.metadataCache.read(claims.tenantId, `session:${claims.sessionId}:${claims.userId}`, loadSession);
  if (!row || new Date(row.expires_at).getTime() <= Date.now()) throw unauthenticated('The session has ended; sign in again');
  if (!impersonationHolds(row)) throw unauthenticated('The impersonation has ended; sign in again');
  // While impersonating, the person at the keyboard is the impersonator, not the target.
  const activeId = row.impersonator_id ?? row.user_id;
  const lastActive = row.impersonator_id ? row.impersonator_last_active_at : row.last_active_at;
  const lastWritten = Math.max(lastActive ? new Date(lastActive).getTime() : 0, touchedAt.get(row) ?? 0);
  if (Date.now() - lastWritten > LAST_ACTIVE_RESOLUTION_MS) {
    touchedAt.set(row, Date.now());
    await em().execute('update users set last_active_at = now() where id = ?', [activeId]);
  }
  return {
    kind: 'USER',
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    status: row.status,
    sessionId: claims.sessionId,
    ...(row.impersonator_id ? { impersonatorId: row.impersonator_id, impersonatorRole: row.impersonator_role! } : {}),
    ...(row.enrollment_only ? { enrollmentOnly: true } : {}),
  };
}
