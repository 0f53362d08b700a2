import type { Principal } from '../auth/principal.ts';
import type { Facts } from '../authz/decide.ts';
import type { Action } from '../authz/matrix.ts';
import type { ViewerSubject } from '../authz/subject.ts';
import { allows, allowsNow, canManagePeople, canSeePrivateUserFields, grantsDashboard, isAdmin, isOwnSession, isPerson } from '../authz/policy.ts';
import { isPublicPrincipal } from '../auth/principal.ts';

/**
 * The scopes fields declare. Each one is a thin call into `authz/policy.ts`; a field that declares none
 * fails the schema-wide auth test.
 */
export interface Scopes {
  /** Anyone, signed in or not (sign-in, invitation acceptance). */
  public: boolean;
  /** Any valid principal of a tenant (not a session that may only enroll in two-factor sign-in). */
  authenticated: boolean;
  /** Any valid principal, an enrollment-only session included: the viewer, its tenant, sign-out. */
  signedIn: boolean;
  /** A user's own session (not an API token, not impersonating), an enrollment-only one included. */
  ownSession: boolean;
  /** A signed-in person (not an embed or share-link principal). */
  person: boolean;
  /** An embed or share-link principal (view only, one dashboard). */
  publicPrincipal: boolean;
  /** An embed or share-link principal made for the dashboard with this id (or allowed to drill through to it). */
  dashboardGrant: string;
  managePeople: boolean;
  /** Private fields of the user with this id. */
  userPrivate: string;
  /** A signed-in admin. */
  admin: boolean;
  /** The role matrix (`matrix.ts`) allows this action on a resource with these facts. */
  allowed: { action: Action; facts: Facts };
}

export function authScopes(context: { viewer: Principal | null; loaders: { subject: { (): Promise<ViewerSubject>; settled(): ViewerSubject | undefined } } }) {
  const viewer = context.viewer;
  return {
    public: true,
    authenticated: viewer !== null && viewer.enrollmentOnly !== true,
    signedIn: viewer !== null,
    ownSession: isOwnSession(viewer),
    person: isPerson(viewer),
    publicPrincipal: isPublicPrincipal(viewer),
    dashboardGrant: (dashboardId: string) => grantsDashboard(viewer, dashboardId),
    managePeople: canManagePeople(viewer),
    userPrivate: (userId: string) => canSeePrivateUserFields(viewer, userId),
    admin: isAdmin(viewer),
    allowed: ({ action, facts }: { action: Action; facts: Facts }) => allowsNow(context, action, facts) ?? allows(context, action, facts),
  };
}
