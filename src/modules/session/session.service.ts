import type { EntityManager } from '@mikro-orm/postgresql';
import { signSessionToken } from '../../auth/session-token.ts';
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../../auth/password.ts';
import { isPerson } from '../../authz/policy.ts';
import { DomainError, badInput, forbidden } from '../../errors.ts';
import type { AppDeps } from '../../http/deps.ts';
import type { ServiceContext } from '../service-context.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { normalizeEmail, User } from '../user/user.entity.ts';
import { Session } from './session.entity.ts';

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

/** Opens a session for an ACTIVE user and returns its signed token. The caller flushes. */
export async function openSession(em: EntityManager, deps: AppDeps, user: User): Promise<string> {
  const expiresAt = new Date(Date.now() + deps.config.sessionTtlSeconds * 1000);
  const session = em.create(Session, { tenant: user.tenant.id, user: user.id, expiresAt });
  await em.flush();
  return signSessionToken(
    deps.keys.sessionSigningKey,
    { sessionId: session.id, userId: user.id, tenantId: user.tenant.id },
    expiresAt,
  );
}

const INVALID_SIGN_IN = 'Invalid workspace, email or password';

/**
 * Every failure (unknown workspace or email, wrong password, pending or deactivated account)
 * gets the same error after the same password-hashing work.
 */
export async function login(ctx: ServiceContext & { clientAddress: string }, input: LoginInput): Promise<SignedIn> {
  if (input.password.length > MAX_PASSWORD_LENGTH) throw badInput('input.password', 'Password is too long');
  const slug = input.tenant.trim().toLowerCase();
  const email = normalizeEmail(input.email);
  const { account, address } = ctx.deps.signInThrottle;
  const accountKey = `${slug}\u0000${email}`;
  account.check(accountKey);
  address.check(ctx.clientAddress);

  const tenant = slug.length <= 63 ? await ctx.em.findOne(Tenant, { slug }) : null;
  const user = tenant
    ? await ctx.em.findOne(User, { tenant: tenant.id, email }, { populate: ['passwordHash'] })
    : null;
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !passwordOk || user.status !== 'ACTIVE') {
    account.fail(accountKey);
    address.fail(ctx.clientAddress);
    throw new DomainError('UNAUTHENTICATED', INVALID_SIGN_IN);
  }
  account.reset(accountKey);
  const token = await openSession(ctx.em, ctx.deps, user);
  ctx.logger.info({ userId: user.id, tenantId: user.tenant.id }, 'signed in');
  return { token, user };
}

/** Ends the caller's own session; the token is refused from the next request on. */
export async function logout(ctx: ServiceContext): Promise<boolean> {
  if (!isPerson(ctx.viewer) || !ctx.viewer.sessionId) throw forbidden('Only a session can be signed out');
  const changed = await ctx.em.nativeUpdate(
    Session,
    { id: ctx.viewer.sessionId, revokedAt: null },
    { revokedAt: new Date() },
  );
  return changed > 0;
}
