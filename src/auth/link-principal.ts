import type { EntityManager } from '@mikro-orm/postgresql';
import type { AttributeScalar } from '../query/attributes.ts';
import { unauthenticated } from '../errors.ts';
import type { GrantRowRule, PublicPrincipal } from './principal.ts';
import { tokenDigest } from './tokens.ts';

/** Raw shareable-link tokens (`createShareableLink`); opened with `openShareableLink`, never a bearer. */
export const LINK_TOKEN_PREFIX = 'tsl_';
/** Bearer tokens of opened link sessions. */
export const LINK_SESSION_PREFIX = 'tss_';

/** Every refused link session gets these words, whatever the reason (unknown, expired, revoked, deleted). */
export const LINK_SESSION_REFUSED = 'The link session is invalid or has ended; open the link again';

/** What resolving a link session needs of the process. */
export interface LinkResolution {
  em: () => EntityManager;
}

interface LinkSessionRow {
  link_id: string;
  tenant_id: string;
  tenant_slug: string;
  dashboard_id: string;
  row_restrictions: { field: string; values: AttributeScalar[] }[];
  user_attributes: Record<string, AttributeScalar[]>;
  allow_export: boolean;
  dataset_ids: string[];
}

/**
 * A link session's SHARE_LINK principal (PRODUCT.md §8), read with ONE statement on every request
 * and never cached: the session and its link must be unexpired, the link unrevoked, and its
 * dashboard must still exist, so a revocation, an expiry or the dashboard's deletion stops every
 * instance's very next request. The same statement lists the datasets the dashboard's widgets and
 * filters read, which each get the link's row restrictions (a dataset without the restricted field
 * gets no rows: the rule names a field it lacks, which compiles to FALSE).
 */
export async function principalFromLinkSession(with_: LinkResolution, token: string): Promise<PublicPrincipal> {
  if (!token.startsWith(LINK_SESSION_PREFIX) || token.length > 200) throw unauthenticated(LINK_SESSION_REFUSED);
  const [row] = await with_.em().execute<LinkSessionRow[]>(
    `select l.id as link_id, l.tenant_id, t.slug as tenant_slug, l.dashboard_id, l.row_restrictions, l.user_attributes, l.allow_export,
            coalesce((select json_agg(distinct x.dataset_id)
                        from (select w.dataset_id from widgets w where w.dashboard_id = d.id and w.tenant_id = d.tenant_id
                              union all
                              select f.dataset_id from dashboard_filters f where f.dashboard_id = d.id and f.tenant_id = d.tenant_id) x),
                     '[]'::json) as dataset_ids
       from link_sessions s
       join shareable_links l on l.id = s.link_id and l.tenant_id = s.tenant_id
       join dashboards d on d.id = l.dashboard_id and d.tenant_id = l.tenant_id
       join tenants t on t.id = l.tenant_id
      where s.token_hash = ? and s.expires_at > now()
        and l.revoked_at is null and (l.expires_at is null or l.expires_at > now())`,
    [tokenDigest(token)],
  );
  if (!row) throw unauthenticated(LINK_SESSION_REFUSED);
  const rowRules: GrantRowRule[] = row.dataset_ids.flatMap((datasetId) =>
    row.row_restrictions.map((restriction): GrantRowRule => ({
      datasetId,
      rule: { field: restriction.field, operator: 'IS', values: [...restriction.values] },
    })),
  );
  // System attributes (`h_…`) describe people of the workspace; a link never carries them (nor is one stored).
  const attributes = Object.fromEntries(Object.entries(row.user_attributes).filter(([name]) => !name.startsWith('h_')));
  return {
    kind: 'SHARE_LINK',
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    userId: row.link_id,
    role: 'VIEWER',
    status: 'PUBLIC',
    sessionId: undefined,
    grant: { sourceId: row.link_id, dashboardIds: [row.dashboard_id], attributes, rowRules, allowExport: row.allow_export },
  };
}
