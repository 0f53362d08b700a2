import type { Role, UserStatus } from '../authz/vocabulary.ts';
import type { AttributeScalar } from '../query/attributes.ts';
import type { PermissionRule } from '../query/definition.ts';

export const PRINCIPAL_KINDS = ['USER', 'API_TOKEN', 'EMBED', 'SHARE_LINK'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** A row rule a public principal carries on top of the dataset's own rules (PRODUCT.md §7, §8). */
export interface GrantRowRule {
  /** The dataset (raw id) the rule restricts; it applies to reads of that dataset only. */
  datasetId: string;
  rule: PermissionRule;
}

/**
 * What an EMBED or SHARE_LINK principal may read: one dashboard (and an embed's drill-throughs),
 * view only, with row restrictions. Made from a verified embed token or a live link session on
 * every request, so a revoked key or link stops at the next request.
 */
export interface PublicGrant {
  /** The embed key (EMBED) or shareable link (SHARE_LINK) the principal comes from. */
  sourceId: string;
  /** The dashboard it was made for, first; then the drill-throughs it may open. */
  dashboardIds: readonly string[];
  /** Values for the tenant's attributes that dataset rules read; a name not listed is missing (no rows). */
  attributes: Readonly<Record<string, readonly AttributeScalar[]>>;
  /** Rules ANDed on top of the dataset's own (embed `permissions.row_based`, link `rowRestrictions`). */
  rowRules: readonly GrantRowRule[];
  /** Whether it may export raw data (embed `settings.allow_raw_data_export`; links never unless allowed). */
  allowExport: boolean;
  /** The partner's end user (`embed_user_id`), for the audit log. */
  embedUserId?: string | undefined;
}

/**
 * Who is calling, as read from the database for this request. A token only names the session;
 * role, status and tenant come from the rows, so a change takes effect on the next request.
 */
export interface Principal {
  kind: PrincipalKind;
  tenantId: string;
  tenantSlug: string;
  /** The user; for EMBED and SHARE_LINK principals the key or link id (`grant.sourceId`), which is no user. */
  userId: string;
  /** The user's email, as read with the session (for `h_email` and filter permissions). */
  email?: string | undefined;
  /** VIEWER for public principals, which never act through the role matrix. */
  role: Role;
  /** PUBLIC for EMBED and SHARE_LINK principals. */
  status: UserStatus;
  sessionId: string | undefined;
  /** While impersonating: the person acting as `userId`. */
  impersonatorId?: string | undefined;
  /**
   * While impersonating: the impersonator's current role. A non-admin impersonator's own
   * permissions are intersected with the target's (`canAs` in `authz/policy.ts`).
   */
  impersonatorRole?: Role | undefined;
  /** Present exactly for EMBED and SHARE_LINK principals. */
  grant?: PublicGrant | undefined;
  /**
   * A session opened without a second factor in a tenant that requires one (PRODUCT.md §9): it may
   * only enroll in two-factor sign-in, see the viewer and sign out. It is no person (`isPerson`).
   */
  enrollmentOnly?: boolean | undefined;
}

/** An embed or share-link principal, with what it may read. */
export type PublicPrincipal = Principal & { kind: 'EMBED' | 'SHARE_LINK'; grant: PublicGrant };

export function isPublicPrincipal(viewer: Principal | null | undefined): viewer is PublicPrincipal {
  return (viewer?.kind === 'EMBED' || viewer?.kind === 'SHARE_LINK') && viewer.grant !== undefined;
}
