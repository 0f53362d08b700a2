import type { Role, UserStatus } from '../authz/vocabulary.ts';

export const PRINCIPAL_KINDS = ['USER', 'API_TOKEN', 'EMBED', 'SHARE_LINK'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/**
 * Who is calling, as read from the database for this request. A token only names the session;
 * role, status and tenant come from the rows, so a change takes effect on the next request.
 */
export interface Principal {
  kind: PrincipalKind;
  tenantId: string;
  tenantSlug: string;
  userId: string;
  /** The user's email, as read with the session (for `h_email` and filter permissions). */
  email?: string | undefined;
  role: Role;
  status: UserStatus;
  sessionId: string | undefined;
  /** While impersonating: the person acting as `userId`. */
  impersonatorId?: string | undefined;
  /**
   * While impersonating: the impersonator's current role. A non-admin impersonator's own
   * permissions are intersected with the target's (`canAs` in `authz/policy.ts`).
   */
  impersonatorRole?: Role | undefined;
}
