import { isPublicPrincipal, type Principal } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';
import type { Role } from './vocabulary.ts';
import { can, type Facts, type Subject } from './decide.ts';
import type { Action } from './matrix.ts';
import type { ViewerSubject } from './subject.ts';

/**
 * Pure policy functions over plain data. GraphQL scopes and services both call these; nothing
 * else in the code base decides a permission.
 */

/**
 * A signed-in person of the tenant (embed and share-link principals are not people, nor is a
 * session that may only enroll in two-factor sign-in).
 */
export function isPerson(viewer: Principal | null): viewer is Principal {
  return viewer !== null && (viewer.kind === 'USER' || viewer.kind === 'API_TOKEN') && viewer.status === 'ACTIVE' && viewer.enrollmentOnly !== true;
}

/** A user's own sign-in session, not impersonating (what enrolls in two-factor sign-in and creates API tokens). */
export function isOwnSession(viewer: Principal | null): viewer is Principal & { sessionId: string } {
  return viewer !== null && viewer.kind === 'USER' && viewer.status === 'ACTIVE' && viewer.sessionId !== undefined && viewer.impersonatorId === undefined;
}

/**
 * Why the viewer may not create a personal API token, or undefined (PRODUCT.md §1, §4): only
 * from their own session (a token cannot mint tokens, an impersonator cannot mint them for
 * someone else), only while their `allowApiAccess` is on, and never when a non-admin's
 * API_TOKENS feature is DISABLED (ENABLED grants nothing beyond what `allowApiAccess` allows:
 * every role may hold tokens).
 */
export function apiTokenCreationDenial(viewer: Principal | null, facts: { allowApiAccess: boolean; subject: Subject }): string | undefined {
  if (!isPerson(viewer) || !isOwnSession(viewer))
    return 'API tokens are created from your own signed-in session (not with an API token, nor while impersonating)';
  if (!facts.allowApiAccess) return 'API access is not enabled for your account (allowApiAccess); ask an admin';
  if (facts.subject.role !== 'ADMIN' && facts.subject.features.API_TOKENS === 'DISABLED') return 'The API tokens feature is disabled for your account';
  return undefined;
}

/**
 * Whether an EMBED or SHARE_LINK principal may view this dashboard: the one it was made for, or a
 * drill-through its token lists (PRODUCT.md §7, §8). People never pass through here.
 */
export function grantsDashboard(viewer: Principal | null, dashboardId: string): boolean {
  return isPublicPrincipal(viewer) && viewer.grant.dashboardIds.includes(dashboardId);
}

export function isAdmin(viewer: Principal | null): boolean {
  return isPerson(viewer) && viewer.role === 'ADMIN';
}

/** Invite and manage users, groups and user attributes (PRODUCT.md §3: admin only). */
export function canManagePeople(viewer: Principal | null): boolean {
  return isAdmin(viewer);
}

/** Email, status, flags and activity of a user: admins and the user themself. */
export function canSeePrivateUserFields(viewer: Principal | null, userId: string): boolean {
  return isAdmin(viewer) || (isPerson(viewer) && viewer.userId === userId);
}

export interface AdminGuardFacts {
  /** ACTIVE admins of the tenant, the target included if it is one. */
  activeAdminCount: number;
}

/**
 * Whether `target` may stop being an active admin (demotion, deactivation, deletion): never one's
 * own account, never the tenant's last active admin.
 */
export function adminRemovalDenial(viewer: Principal, target: { id: string; role: Role; status: string }, facts: AdminGuardFacts): string | undefined {
  if (target.id === viewer.userId) return 'You cannot do this to your own account';
  if (target.role === 'ADMIN' && target.status === 'ACTIVE' && facts.activeAdminCount <= 1) {
    return 'This is the last active admin of the workspace';
  }
  return undefined;
}

const DASHBOARD_SEEN = [['dashboard.view']] as const;
const DATASET_SEEN = [['dataset.explore', 'dataset.manage']] as const;
/**
 * What the impersonator must themselves be able to do with the resource an action touches (every
 * group, one action of each): seeing it. Editing as the target stays the target's right (owner =
 * the person acted as), but only on what the impersonator could see too.
 */
const SEEN_BY_IMPERSONATOR: Partial<Record<Action, readonly (readonly Action[])[]>> = {
  'dashboard.create': DASHBOARD_SEEN,
  'dashboard.view': DASHBOARD_SEEN,
  'dashboard.editInfo': DASHBOARD_SEEN,
  'dashboard.lock': DASHBOARD_SEEN,
  'dashboard.copyMove': DASHBOARD_SEEN,
  'dashboard.share': DASHBOARD_SEEN,
  'dashboard.settings': DASHBOARD_SEEN,
  'dashboard.editContent': DASHBOARD_SEEN,
  'widget.viewData': [['dashboard.view'], ['widget.viewData']],
  'widget.explore': [['widget.explore']],
  'folder.view': [['folder.view']],
  'folder.manage': [['folder.view']],
  'dataset.explore': DATASET_SEEN,
  'dataset.manage': DATASET_SEEN,
  'dataset.seeDefinition': DATASET_SEEN,
  'dataSource.use': [['dataSource.use']],
  'dataSource.manage': [['dataSource.use']],
};

/**
 * Whether the impersonator, as themselves (`self`: their own id, role and overrides), could see
 * what `action` touches. Without facts of their own they have no share of it and own nothing, so
 * a decision that forgot to compute them fails closed.
 */
function impersonatorSees(self: Subject, action: Action, facts: Facts): boolean {
  const groups = SEEN_BY_IMPERSONATOR[action];
  if (!groups) return true;
  const own = facts.impersonatorFacts ?? { workspace: facts.workspace, workspaceOwnerId: facts.workspaceOwnerId, datasetId: facts.datasetId };
  const needed = action === 'dashboard.editContent' && facts.datasetId !== undefined ? [...groups, ...DATASET_SEEN] : groups;
  return needed.every((group) => group.some((a) => can(self, a, own)));
}

/**
 * `can` for the viewer: while a non-admin impersonates (PRODUCT.md §1), the action must be allowed
 * to both the person acted as (`subject`) and the impersonator (`impersonator`, evaluated under
 * the target's identity) — the intersection of both users' permissions — and the impersonator as
 * themselves (`subject.impersonatorSelf`, with `facts.impersonatorFacts`) must be able to see the
 * resource. Pass `subject.impersonator` of the viewer's subject (`ctx.loaders.subject()`).
 */
export function canAs(subject: ViewerSubject, impersonator: Subject | undefined, action: Action, facts: Facts = {}): boolean {
  if (!can(subject, action, facts)) return false;
  if (impersonator !== undefined && !can(impersonator, action, facts)) return false;
  return subject.impersonatorSelf === undefined || impersonatorSees(subject.impersonatorSelf, action, facts);
}

/**
 * Whether someone with `impersonator.role` may act as a user with `targetRole` (matrix row
 * `impersonate`; per-user overrides do not touch that row). Checked when the impersonation starts
 * and again on every request it makes.
 */
export function canImpersonate(impersonator: { userId: string; role: Role }, targetRole: Role): boolean {
  const subject: Subject = {
    userId: impersonator.userId,
    role: impersonator.role,
    allowExportData: false,
    features: {},
    datasetAccessMode: 'FULL',
    datasetAccess: new Map(),
  };
  return can(subject, 'impersonate', { targetRole });
}

/**
 * Whether the matrix allows the viewer `action` on a resource with `facts` (with the
 * impersonation intersection). Every decision about the current viewer goes through here or
 * `assertCan`; `can()` itself is for subjects other than the viewer.
 */
export async function allows(
  ctx: { viewer: Principal | null; loaders: { subject(): Promise<ViewerSubject> } },
  action: Action,
  facts: Facts = {},
): Promise<boolean> {
  if (!isPerson(ctx.viewer)) return false;
  const subject = await ctx.loaders.subject();
  return canAs(subject, subject.impersonator, action, facts);
}

/**
 * `allows` without waiting, once the viewer's subject is loaded (undefined before): a list of 100
 * rows decides several fields per row, and a promise for each decision cost more than the decisions.
 */
export function allowsNow(
  ctx: { viewer: Principal | null; loaders: { subject: { settled(): ViewerSubject | undefined } } },
  action: Action,
  facts: Facts = {},
): boolean | undefined {
  if (!isPerson(ctx.viewer)) return false;
  const subject = ctx.loaders.subject.settled();
  return subject && canAs(subject, subject.impersonator, action, facts);
}

/** Throws FORBIDDEN unless the matrix allows the viewer `action` on a resource with `facts`. */
export async function assertCan(
  ctx: { viewer: Principal | null; loaders: { subject(): Promise<ViewerSubject> } },
  action: Action,
  facts: Facts = {},
  message?: string,
): Promise<Subject> {
  if (!isPerson(ctx.viewer)) throw forbidden(message);
  const subject = await ctx.loaders.subject();
  if (!canAs(subject, subject.impersonator, action, facts)) throw forbidden(message);
  return subject;
}
