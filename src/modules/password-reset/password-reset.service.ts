import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../auth/password.ts';
import type { Principal } from '../../auth/principal.ts';
import { randomToken, tokenDigest } from '../../auth/tokens.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { conflict, DomainError, forbidden, notFound } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { recordAudit, userActor } from '../audit/audit.service.ts';
import { validateNewPassword } from '../user/user.service.ts';
import { enqueueEmail } from '../outbox/outbox.service.ts';
import { Session } from '../session/session.entity.ts';
import { normalizeEmail, User } from '../user/user.entity.ts';
import { PasswordReset } from './password-reset.entity.ts';

/** A reset link works for 30 minutes, once. */
export const PASSWORD_RESET_TTL_MINUTES = 30;
/** At most one reset mail per account in this many seconds (asking again sends nothing new). */
const RESEND_AFTER_SECONDS = 60;

export function passwordResetUrl(deps: AppDeps, token: string): string {
  return `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

interface Account {
  id: string;
  email: string;
  tenant_id: string;
  tenant_name: string;
}

/** Writes a reset token and its mail in the caller's unit of work; the token exists in clear only in the mail. */
async function issueReset(em: EntityManager, deps: AppDeps, account: Account, token: string, requestedBy: string | null): Promise<void> {
  em.create(PasswordReset, {
    tenant: account.tenant_id,
    user: account.id,
    tokenHash: tokenDigest(token),
    requestedBy,
    expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000),
    usedAt: null,
  });
  const lines = [
    requestedBy
      ? `An admin of the ${account.tenant_name} workspace on Tessera sent you a link to set a new password.`
      : `Someone asked to reset the password of your ${account.tenant_name} account on Tessera. If it was not you, ignore this mail.`,
    '',
    `Set a new password: ${passwordResetUrl(deps, token)}`,
    `The link works once, for ${PASSWORD_RESET_TTL_MINUTES} minutes. Setting a new password signs you out everywhere.`,
  ];
  await enqueueEmail(em, deps, {
    tenantId: account.tenant_id,
    to: account.email,
    subject: `Reset your ${account.tenant_name} password on Tessera`,
    body: lines.join('\n'),
  });
}

/**
 * Forgot-password (PRODUCT.md §9): answers `true` whatever the workspace and email, after the same
 * work on the request path (one token made and digested, one lookup). Writing the token and its
 * mail, for an ACTIVE account only, happens after the answer, so neither the body nor the timing
 * says whether the account exists.
 */
export async function requestPasswordReset(ctx: RequestScope, input: { tenant: string; email: string }): Promise<boolean> {
  const slug = input.tenant.trim().toLowerCase().slice(0, 63);
  const email = normalizeEmail(input.email).slice(0, 320);
  const token = randomToken('pwr');
  tokenDigest(token);
  const [account] = await ctx.em.execute<(Account & { recent: boolean })[]>(
    `select u.id, u.email, t.id as tenant_id, t.name as tenant_name,
            exists (select 1 from password_resets r
                     where r.user_id = u.id and r.used_at is null and r.created_at > now() - make_interval(secs => ?)) as recent
       from users u join tenants t on t.id = u.tenant_id
      where t.slug = ? and u.email = ? and u.status = 'ACTIVE'`,
    [RESEND_AFTER_SECONDS, slug, email],
  );
  if (account && !account.recent) {
    const em = ctx.deps.orm.em.fork() as EntityManager;
    // Not awaited: the answer must not wait for (and so time) the write that only existing accounts get.
    void em
      .transactional(async (tx) => issueReset(tx, ctx.deps, account, token, null))
      .catch((error: unknown) => ctx.deps.logger.error({ err: error, tenantId: account.tenant_id }, 'writing a password reset failed'));
  }
  return true;
}

/** An admin sends a user the same reset mail (the user sets the password; the admin never sees it). */
export async function sendPasswordReset(ctx: RequestScope, userId: string): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!canManagePeople(viewer)) throw forbidden('Only admins can send password reset mails');
  const admin = viewer as Principal;
  const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId, tenant: admin.tenantId }, { populate: ['tenant'] }) : null;
  if (!user) throw notFound('User');
  if (user.status === 'PENDING') throw conflict('This user has not accepted the invitation yet; resend the invitation instead');
  if (user.status !== 'ACTIVE') throw conflict('Only active users can reset their password');
  await ctx.em.transactional(async (em) => {
    await issueReset(
      em,
      ctx.deps,
      { id: user.id, email: user.email, tenant_id: admin.tenantId, tenant_name: user.tenant.name },
      randomToken('pwr'),
      admin.userId,
    );
    recordAudit(em, admin, { action: 'user.sendPasswordReset', resourceType: 'USER', resourceId: user.id, summary: { email: user.email } });
  });
  return true;
}

const INVALID_RESET = 'This password reset link is invalid, already used or expired';

/**
 * Sets a new password with a reset link's token: once, before it expires, for an ACTIVE user.
 * Every session of the user ends (and every other reset link of theirs stops working); API tokens
 * stay, as they are credentials of their own the user lists and revokes. Two-factor sign-in stays
 * on: the next sign-in still needs the code.
 */
export async function resetPassword(ctx: RequestScope, input: { token: string; password: string }): Promise<boolean> {
  const password = validateNewPassword(input.password, 'input.password');
  const reset = input.token.length <= 200 ? await ctx.em.findOne(PasswordReset, { tokenHash: tokenDigest(input.token) }, { populate: ['user'] }) : null;
  const now = new Date();
  if (!reset || reset.usedAt || reset.expiresAt <= now || reset.user.status !== 'ACTIVE') throw new DomainError('BAD_USER_INPUT', INVALID_RESET, 'input.token');
  const passwordHash = await hashPassword(password);
  await ctx.em.transactional(async (em) => {
    // Single use under concurrency: only one UPDATE can claim the row.
    const claimed = await em.nativeUpdate(PasswordReset, { id: reset.id, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now });
    if (claimed !== 1) throw new DomainError('BAD_USER_INPUT', INVALID_RESET, 'input.token');
    const user = reset.user;
    await em.nativeUpdate(User, { id: user.id, tenant: user.tenant.id }, { passwordHash });
    await em.nativeUpdate(PasswordReset, { user: user.id, usedAt: null }, { usedAt: now });
    const ended = await em.nativeUpdate(Session, { $or: [{ user: user.id }, { impersonator: user.id }], revokedAt: null }, { revokedAt: now });
    const actor = userActor(user);
    recordAudit(em, actor, { action: 'user.resetPassword', resourceType: 'USER', resourceId: user.id, summary: { sessionsEnded: ended } });
  });
  ctx.logger.info({ userId: reset.user.id, tenantId: reset.user.tenant.id }, 'password reset');
  return true;
}
