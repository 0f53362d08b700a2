import type { Viewer } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';
import type { Role } from '../modules/user/user.entity.ts';
import { can, type Facts, type Subject } from './decide.ts';
import type { Action } from './matrix.ts';

/**
 * Pure policy functions over plain data. GraphQL scopes and services both call these; nothing
 * else in the code base decides a permission.
 */

/** A signed-in person of the tenant (embed and share-link principals are not people). */
export function isPerson(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && (viewer.kind === 'USER' || viewer.kind === 'API_TOKEN') && viewer.status === 'ACTIVE';
}

export function isAdmin(viewer: Viewer | null): boolean {
  return isPerson(viewer) && viewer.role === 'ADMIN';
}

/** Invite and manage users, groups and user attributes (PRODUCT.md §3: admin only). */
export function canManagePeople(viewer: Viewer | null): boolean {
  return isAdmin(viewer);
}

/** Email, status, flags and activity of a user: admins and the user themself. */
export function canSeePrivateUserFields(viewer: Viewer | null, userId: string): boolean {
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
export function adminRemovalDenial(
  viewer: Viewer,
  target: { id: string; role: Role; status: string },
  facts: AdminGuardFacts,
): string | undefined {
  if (target.id === viewer.userId) return 'You cannot do this to your own account';
  if (target.role === 'ADMIN' && target.status === 'ACTIVE' && facts.activeAdminCount <= 1) {
    return 'This is the last active admin of the workspace';
  }
  return undefined;
}

/** Throws FORBIDDEN unless the matrix allows the viewer `action` on a resource with `facts`. */
export async function assertCan(
  ctx: { viewer: Viewer | null; loaders: { subject(): Promise<Subject> } },
  action: Action,
  facts: Facts = {},
  message?: string,
): Promise<Subject> {
  if (!isPerson(ctx.viewer)) throw forbidden(message);
  const subject = await ctx.loaders.subject();
  if (!can(subject, action, facts)) throw forbidden(message);
  return subject;
}
