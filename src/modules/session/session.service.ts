import type { EntityManager } from '@mikro-orm/postgresql';
import { signSessionToken } from '../../auth/session-token.ts';
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../../auth/password.ts';
import { canImpersonate, isAdmin, isPerson } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { DomainError, badInput, conflict, forbidden, notFound } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { ROLES } from '../../authz/vocabulary.ts';
import { normalizeEmail, User } from '../user/user.entity.ts';
import { Session } from './session.entity.ts';
import { verifySecondFactor } from '../two-factor/two-factor.service.ts';

export interface LoginInput {
  tenant: string;
  email: string;
  password: string;
  otp?: string | null;
}

export interface SignedIn {
  token: string;
  user: User;
}

/** Impersonation sessions are short-lived (PRODUCT.md §1). */
export const IMPERSONATION_TTL_SECONDS = 3600;

/**
 * Whether a session `user` opens now may only enroll in two-factor sign-in: their workspace
 * requires it and they have none (PRODUCT.md §9). Every sign-in path (password, invitation,
 * password reset) opens its session through `openSession`, which asks this.
 */
export async function needsTwoFactorEnrollment(em: EntityManager, user: User): Promise<boolean> {
  if (user.twoFactorEnabled) return false;
  const tenant = await em.findOneOrFail(Tenant, { id: user.tenant.id });
  return tenant.requireTwoFactor;
}

/**
 * Opens a session for an ACTIVE user and returns its signed token (flushes). With
 * `impersonatorId`, the session acts as `user` on behalf of that person (who signed in
 * themselves: impersonation is never enrollment-only).
 */
export async function openSession(
  em: EntityManager,
  deps: AppDeps,
  user: User,
  options: { impersonatorId?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const expiresAt = new Date(Date.now() + (options.ttlSeconds ?? deps.config.sessionTtlSeconds) * 1000);
  const enrollmentOnly = !options.impersonatorId && (await needsTwoFactorEnrollment(em, user));
  const session = em.create(Session, { tenant: user.tenant.id, user: user.id, expiresAt, impersonator: options.impersonatorId ?? null, enrollmentOnly });
  await em.flush();
  return signSessionToken(deps.keys.sessionSigningKey, { sessionId: session.id, userId: user.id, tenantId: user.tenant.id }, expiresAt);
}

const INVALID_SIGN_IN = 'Invalid workspace, email or password';

/**
 * Every failure (unknown workspace or email, wrong password, pending or deactivated account)
 * gets the same error after the same password-hashing work. Only then, with the password proven,
 * does an account with two-factor sign-in ask for its code (`reason` OTP_REQUIRED / OTP_INVALID);
 * a wrong code is a failed attempt for the throttle like a wrong password.
 */
export async function login(ctx: RequestScope & { clientAddress: string }, input: LoginInput): Promise<SignedIn> {
  if (input.password.length > MAX_PASSWORD_LENGTH) throw badInput('input.password', 'Password is too long');
  const slug = input.tenant.trim().toLowerCase();
  const email = normalizeEmail(input.email);
  // Counted before the password is checked, so that parallel guesses cannot outrun the limit.
  const attempt = await ctx.deps.signInThrottle.attempt(`${slug}\u0000${email}`, ctx.clientAddress);

  const tenant = slug.length <= 63 ? await ctx.em.findOne(Tenant, { slug }) : null;
  const user = tenant ? await ctx.em.findOne(User, { tenant: tenant.id, email }, { populate: ['passwordHash'] }) : null;
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !passwordOk || user.status !== 'ACTIVE') throw new DomainError('UNAUTHENTICATED', INVALID_SIGN_IN);
  if (user.twoFactorEnabled) await verifySecondFactor(ctx.em, ctx.deps, user, input.otp);
  await attempt.succeeded();
  const token = await openSession(ctx.em, ctx.deps, user);
  ctx.logger.info({ userId: user.id, tenantId: user.tenant.id }, 'signed in');
  return { token, user };
}

/** Ends the caller's own session; the token is refused from the next request on. */
export async function logout(ctx: RequestScope): Promise<boolean> {
  // Enrollment-only sessions too: they are no person, but they can end themselves.
  if (ctx.viewer?.kind !== 'USER' || !ctx.viewer.sessionId) throw forbidden('Only a session can be signed out');
  const changed = await ctx.em.nativeUpdate(Session, { id: ctx.viewer.sessionId, revokedAt: null }, { revokedAt: new Date() });
  return changed > 0;
}

/**
 * Opens a one-hour session acting as `userId` on behalf of the caller (PRODUCT.md §1): admins act
 * as any non-admin, analysts as explorers and viewers; nobody acts as an admin, and nobody starts
 * an impersonation from inside one. Users the caller cannot see are NOT_FOUND.
 */
export async function impersonate(ctx: RequestScope, userId: string): Promise<string> {
  const viewer = ctx.viewer;
  if (!isPerson(viewer) || viewer.kind !== 'USER') throw forbidden('Only a signed-in person can impersonate');
  if (viewer.impersonatorId) throw forbidden('You cannot impersonate while impersonating; stop impersonating first');
  // Roles that may impersonate nobody are refused before the lookup, so they learn nothing.
  if (!ROLES.some((role) => canImpersonate(viewer, role))) throw forbidden('You are not allowed to impersonate users');
  const target = isUuid(userId) ? await ctx.em.findOne(User, { id: userId, tenant: viewer.tenantId }) : null;
  if (!target || (!isAdmin(viewer) && target.status !== 'ACTIVE')) throw notFound('User');
  if (target.role === 'ADMIN') throw forbidden('No one can impersonate an admin');
  if (!canImpersonate(viewer, target.role)) throw forbidden(`You are not allowed to impersonate ${target.role.toLowerCase()}s`);
  if (target.status !== 'ACTIVE') throw conflict('Only active users can be impersonated');
  return ctx.em.transactional(async (em) => {
    const token = await openSession(em, ctx.deps, target, { impersonatorId: viewer.userId, ttlSeconds: IMPERSONATION_TTL_SECONDS });
    recordAudit(em, viewer, {
      action: 'user.impersonate',
      resourceType: 'USER',
      resourceId: target.id,
      summary: { role: target.role, expiresInSeconds: IMPERSONATION_TTL_SECONDS },
    });
    ctx.logger.info({ userId: target.id, impersonatorId: viewer.userId, tenantId: viewer.tenantId }, 'impersonation started');
    return token;
  });
}

/** Ends the caller's impersonation session; its token is refused from the next request on. */
export async function stopImpersonating(ctx: RequestScope): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!isPerson(viewer) || !viewer.impersonatorId || !viewer.sessionId) throw forbidden('You are not impersonating anyone');
  const sessionId = viewer.sessionId;
  await ctx.em.transactional(async (em) => {
    await em.nativeUpdate(Session, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
    recordAudit(em, viewer, { action: 'user.stopImpersonating', resourceType: 'USER', resourceId: viewer.userId, summary: {} });
  });
  return true;
}
