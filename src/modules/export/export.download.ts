/**
 * Redeeming a download token: claimed once, atomically, then its principal binding is checked
 * again (the person's session, or the embed key / shareable link) before anything is read.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal, PublicGrant } from '../../auth/principal.ts';
import { principalOfSession } from '../../auth/session-principal.ts';
import { DomainError } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import type { ExportPlan } from './export.entity.ts';
import { hashDownloadToken } from './export.service.ts';

export interface ClaimedDownload {
  tenantId: string;
  tenantSlug: string;
  principalKind: string;
  userId: string | null;
  sessionId: string | null;
  grantSourceId: string | null;
  grant: PublicGrant | null;
  plan: ExportPlan;
}

/** A token of the URL's shape (base64url of 32 bytes); anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Gives a claimed download back (used again as unused) when nothing was sent because the warehouse
 * was busy or the principal over its rate limit: the same URL works once the client has waited the
 * `Retry-After` (until the download expires as usual).
 */
export async function unclaimDownload(em: EntityManager, token: string): Promise<void> {
  if (!TOKEN.test(token)) return;
  await em.execute(`update export_downloads set used_at = null where token_hash = ? and used_at is not null`, [hashDownloadToken(token)]);
}

/**
 * Marks the download used and returns it, or null when the token is unknown, used or expired
 * (one answer for all three). The update is the claim: two requests with one token get one row.
 */
export async function claimDownload(em: EntityManager, token: string): Promise<ClaimedDownload | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await em.execute<
    {
      tenant_id: string;
      tenant_slug: string;
      principal_kind: string;
      user_id: string | null;
      session_id: string | null;
      grant_source_id: string | null;
      grant: PublicGrant | null;
      plan: ExportPlan;
    }[]
  >(
    `update export_downloads d set used_at = now()
       from tenants t
      where d.token_hash = ? and d.used_at is null and d.expires_at > now() and t.id = d.tenant_id
      returning d.tenant_id, t.slug as tenant_slug, d.principal_kind, d.user_id, d.session_id, d.grant_source_id, d.grant, d.plan`,
    [hashDownloadToken(token)],
  );
  if (!row) return null;
  return {
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    principalKind: row.principal_kind,
    userId: row.user_id,
    sessionId: row.session_id,
    grantSourceId: row.grant_source_id,
    grant: row.grant,
    plan: row.plan,
  };
}

/**
 * Whether an embed key or shareable link a public principal came from still stands: the key not
 * revoked; the link not revoked nor expired (a deleted dashboard took its links with it). Extend here as sources gain
 * states that end them.
 */
export async function publicSourceStands(em: EntityManager, kind: string, tenantId: string, sourceId: string): Promise<boolean> {
  if (kind === 'EMBED') {
    const rows = await em.execute('select 1 from embed_keys where id = ? and tenant_id = ? and revoked_at is null', [sourceId, tenantId]);
    return rows.length === 1;
  }
  if (kind === 'SHARE_LINK') {
    const rows = await em.execute(
      'select 1 from shareable_links where id = ? and tenant_id = ? and revoked_at is null and (expires_at is null or expires_at > now())',
      [sourceId, tenantId],
    );
    return rows.length === 1;
  }
  return false;
}

/**
 * The principal a claimed download runs as, rebuilt from its binding as it stands now: the
 * session's user (still ACTIVE, the session not revoked or expired, an impersonation still
 * allowed), or the public principal while its source stands. Null when the binding no longer holds.
 */
export async function downloadPrincipal(deps: AppDeps, em: EntityManager, claim: ClaimedDownload): Promise<Principal | null> {
  if (claim.principalKind === 'USER') {
    if (!claim.userId || !claim.sessionId) return null;
    try {
      return await principalOfSession(
        { metadataCache: deps.metadataCache, em: () => em },
        { sessionId: claim.sessionId, userId: claim.userId, tenantId: claim.tenantId },
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  }
  if ((claim.principalKind === 'EMBED' || claim.principalKind === 'SHARE_LINK') && claim.grant && claim.grantSourceId) {
    if (!(await publicSourceStands(em, claim.principalKind, claim.tenantId, claim.grantSourceId))) return null;
    return {
      kind: claim.principalKind,
      tenantId: claim.tenantId,
      tenantSlug: claim.tenantSlug,
      userId: claim.grantSourceId,
      role: 'VIEWER',
      status: 'PUBLIC',
      sessionId: undefined,
      grant: claim.grant,
    };
  }
  return null;
}
