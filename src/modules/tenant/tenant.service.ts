import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { badInput, conflict, forbidden } from '../../errors.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { invitationUrl, issueInvitation, validateEmail } from '../invitation/invitation.service.ts';
import { User } from '../user/user.entity.ts';
import { Tenant } from './tenant.entity.ts';
import { countSeats, lockTenant } from './tenant.seats.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface CreatedTenant {
  tenant: Tenant;
  admin: User;
  invitationToken: string;
  invitationUrl: string;
}

/** A new tenant with its first admin as a PENDING user holding an invitation. */
export async function createTenant(em: EntityManager, deps: AppDeps, input: { slug: string; name: string; adminEmail: string }): Promise<CreatedTenant> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) throw badInput('slug', 'The slug must be 1-63 lower-case letters, digits or inner hyphens');
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badInput('name', 'The name must be 1 to 200 characters');
  const adminEmail = validateEmail(input.adminEmail, 'adminEmail');
  if (await em.findOne(Tenant, { slug })) throw conflict(`A tenant with slug "${slug}" already exists`, 'slug');
  return em.transactional(async (tx) => {
    const tenant = tx.create(Tenant, { slug, name });
    const admin = tx.create(User, { tenant, email: adminEmail, role: 'ADMIN', status: 'PENDING', allowApiAccess: true });
    const invitationToken = await issueInvitation(tx, deps, { tenant, user: admin, invitedBy: null, message: null });
    await tx.flush();
    return { tenant, admin, invitationToken, invitationUrl: invitationUrl(deps, invitationToken) };
  });
}

export const MAX_INVITATION_EXPIRY_DAYS = 90;
export const MAX_SEAT_LIMIT = 1_000_000;

export interface TenantSettings {
  invitationExpiryDays: number;
  /** null: no limit */
  seatLimit: number | null;
  /** Members must sign in with a second factor; one without it gets an enrollment-only session (PRODUCT.md §9). */
  requireTwoFactor: boolean;
}

const settingsOf = (tenant: { invitationTtlDays: number; seatLimit: number | null; requireTwoFactor: boolean }): TenantSettings => ({
  invitationExpiryDays: tenant.invitationTtlDays,
  seatLimit: tenant.seatLimit,
  requireTwoFactor: tenant.requireTwoFactor,
});

function requireAdmin(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can read or change workspace settings');
  return viewer as Principal;
}

export async function tenantSettings(ctx: RequestScope): Promise<TenantSettings> {
  const viewer = requireAdmin(ctx.viewer);
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: viewer.tenantId });
  return settingsOf({ invitationTtlDays: tenant.invitationTtlDays, seatLimit: tenant.seatLimit ?? null, requireTwoFactor: tenant.requireTwoFactor });
}

/** Paid seats (PENDING and ACTIVE users) and PUBLIC principals of the viewer's tenant, in one count. */
export async function seatUsage(ctx: RequestScope): Promise<{ paid: number; public: number; limit: number | null }> {
  const viewer = requireAdmin(ctx.viewer);
  const [tenant, seats] = await Promise.all([ctx.em.findOneOrFail(Tenant, { id: viewer.tenantId }), countSeats(ctx.em, viewer.tenantId)]);
  return { ...seats, limit: tenant.seatLimit ?? null };
}

/**
 * Changes the listed settings (an omitted one stays; `seatLimit: null` removes the limit). A limit
 * below the seats in use is allowed: nobody loses their seat, and invitations are refused until
 * seats are freed. Requiring two-factor sign-in applies from each member's next sign-in: one
 * without a second factor then gets a session that may only enroll.
 */
export async function updateTenantSettings(
  ctx: RequestScope,
  input: { invitationExpiryDays?: number | null; seatLimit?: number | null; requireTwoFactor?: boolean | null },
): Promise<TenantSettings> {
  const viewer = requireAdmin(ctx.viewer);
  const days = input.invitationExpiryDays;
  if (days === null) throw badInput('input.invitationExpiryDays', 'Give a number of days, or leave the field out');
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_INVITATION_EXPIRY_DAYS)) {
    throw badInput('input.invitationExpiryDays', `Invitations expire after 1 to ${MAX_INVITATION_EXPIRY_DAYS} days`);
  }
  const limit = input.seatLimit;
  if (limit != null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEAT_LIMIT)) {
    throw badInput('input.seatLimit', `The seat limit must be 1 to ${MAX_SEAT_LIMIT}, or null for no limit`);
  }
  return ctx.em.transactional(async (em) => {
    const before = await lockTenant(em, viewer.tenantId);
    const after = {
      invitationTtlDays: days ?? before.invitationTtlDays,
      seatLimit: limit === undefined ? before.seatLimit : limit,
      requireTwoFactor: input.requireTwoFactor ?? before.requireTwoFactor,
    };
    const changes: Record<string, unknown> = {};
    if (after.invitationTtlDays !== before.invitationTtlDays)
      changes.invitationExpiryDays = { before: before.invitationTtlDays, after: after.invitationTtlDays };
    if (after.seatLimit !== before.seatLimit) changes.seatLimit = { before: before.seatLimit, after: after.seatLimit };
    if (after.requireTwoFactor !== before.requireTwoFactor) changes.requireTwoFactor = { before: before.requireTwoFactor, after: after.requireTwoFactor };
    if (Object.keys(changes).length > 0) {
      await em.nativeUpdate(Tenant, { id: viewer.tenantId }, after);
      recordAudit(em, viewer, { action: 'tenant.updateSettings', resourceType: 'TENANT', resourceId: viewer.tenantId, summary: changes });
      await em.flush();
    }
    return settingsOf(after);
  });
}
