import type { EntityManager } from '@mikro-orm/postgresql';
import { decryptSecret, encryptSecret } from '../../auth/secret-box.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri } from '../../auth/totp.ts';
import { tokenDigest } from '../../auth/tokens.ts';
import { canManagePeople, isOwnSession } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Session } from '../session/session.entity.ts';
import { User } from '../user/user.entity.ts';
import { RecoveryCode, TwoFactorSecret } from './two-factor.entity.ts';

/** Why a sign-in that passed its password still fails: the client asks for (another) code. */
export type SecondFactorRefusal = 'OTP_REQUIRED' | 'OTP_INVALID';

const refuse = (reason: SecondFactorRefusal) =>
  new DomainError(
    'UNAUTHENTICATED',
    reason === 'OTP_REQUIRED' ? 'A two-factor code is required' : 'The two-factor code is invalid or already used',
    undefined,
    { reason },
  );

/** The secret's encryption is bound to its row, so a ciphertext copied onto another user's row does not decrypt. */
const secretContext = (rowId: string) => `totp:${rowId}`;

function secretOf(deps: AppDeps, row: { id: string; secretCiphertext: string }): string {
  return decryptSecret(deps.keys.encryptionKey, row.secretCiphertext, secretContext(row.id));
}

/**
 * Accepts a TOTP code for a secret row at most once: the row's `last_used_step` only moves
 * forward, in one conditional UPDATE, so a replayed code (or two concurrent uses of one) fails.
 */
async function claimTotp(em: EntityManager, deps: AppDeps, row: TwoFactorSecret, code: string): Promise<number | undefined> {
  const step = matchTotp(secretOf(deps, row), code);
  if (step === undefined) return undefined;
  const claimed = await em.nativeUpdate(TwoFactorSecret, { id: row.id, lastUsedStep: { $lt: step } }, { lastUsedStep: step });
  return claimed === 1 ? step : undefined;
}

/**
 * The second factor of a sign-in whose password was already verified (so that nobody without the
 * password learns whether an account has two-factor sign-in): a current TOTP code, or one of the
 * user's unused recovery codes, which this uses up. Throws UNAUTHENTICATED with `reason`.
 */
export async function verifySecondFactor(em: EntityManager, deps: AppDeps, user: User, otp: string | null | undefined): Promise<void> {
  const given = otp?.trim() ?? '';
  if (given.length === 0) throw refuse('OTP_REQUIRED');
  if (given.length > 64) throw refuse('OTP_INVALID');
  if (/^\d{6}$/.test(given)) {
    const row = await em.findOne(TwoFactorSecret, { user: user.id, tenant: user.tenant.id, confirmedAt: { $ne: null } }, { populate: ['secretCiphertext'] });
    if (row && (await claimTotp(em, deps, row, given)) !== undefined) return;
    throw refuse('OTP_INVALID');
  }
  const code = normalizeRecoveryCode(given);
  // Single use under concurrency: only one UPDATE can mark the code used.
  const used = code
    ? await em.nativeUpdate(RecoveryCode, { user: user.id, tenant: user.tenant.id, codeHash: tokenDigest(code), usedAt: null }, { usedAt: new Date() })
    : 0;
  if (used !== 1) throw refuse('OTP_INVALID');
  deps.logger.info({ userId: user.id, tenantId: user.tenant.id }, 'recovery code used for sign-in');
}

function requireOwnSession(ctx: RequestScope) {
  const viewer = ctx.viewer;
  if (!isOwnSession(viewer)) throw forbidden('Two-factor sign-in is set up from your own signed-in session (not with an API token, nor while impersonating)');
  return viewer;
}

export interface Enrollment {
  secret: string;
  otpauthUri: string;
}

/**
 * Starts enrollment: a new TOTP secret, stored encrypted and unconfirmed (replacing an earlier
 * unconfirmed one), returned once for the authenticator app. Nothing changes for sign-in until
 * `confirmTwoFactor` proves the app has it.
 */
export async function enrollTwoFactor(ctx: RequestScope): Promise<Enrollment> {
  const viewer = requireOwnSession(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId, tenant: viewer.tenantId });
  if (user.twoFactorEnabled) throw conflict('Two-factor sign-in is already on; an admin can reset it');
  const secret = newTotpSecret();
  const id = uuidv7();
  await ctx.em.transactional(async (em) => {
    await em.nativeDelete(TwoFactorSecret, { user: user.id, tenant: user.tenant.id });
    em.create(TwoFactorSecret, {
      id,
      tenant: user.tenant.id,
      user: user.id,
      secretCiphertext: encryptSecret(ctx.deps.keys.encryptionKey, secret, secretContext(id)),
      confirmedAt: null,
    });
  });
  return { secret, otpauthUri: otpauthUri(secret, `Tessera (${viewer.tenantSlug})`, user.email) };
}

/**
 * Confirms enrollment with a code from the app: two-factor sign-in is on from now, and ten
 * recovery codes are returned, here only (stored as digests). An enrollment-only session becomes a
 * full one: its holder now has both factors.
 */
export async function confirmTwoFactor(ctx: RequestScope, input: { code: string }): Promise<{ recoveryCodes: string[] }> {
  const viewer = requireOwnSession(ctx);
  const row = await ctx.em.findOne(TwoFactorSecret, { user: viewer.userId, tenant: viewer.tenantId }, { populate: ['secretCiphertext'] });
  if (!row || row.confirmedAt) throw conflict(row ? 'Two-factor sign-in is already on' : 'Start with enrollTwoFactor');
  const code = input.code.replace(/\s/g, '');
  const step = matchTotp(secretOf(ctx.deps, row), code);
  if (step === undefined) throw badInput('input.code', 'The code does not match; check the app’s clock and enter the current code');
  const recoveryCodes = newRecoveryCodes();
  await ctx.em.transactional(async (em) => {
    // Two confirmations at once: only one claims the row.
    const claimed = await em.nativeUpdate(TwoFactorSecret, { id: row.id, confirmedAt: null }, { confirmedAt: new Date(), lastUsedStep: step });
    if (claimed !== 1) throw conflict('Two-factor sign-in is already on');
    await em.nativeUpdate(User, { id: viewer.userId, tenant: viewer.tenantId }, { twoFactorEnabled: true });
    await em.nativeDelete(RecoveryCode, { user: viewer.userId, tenant: viewer.tenantId });
    for (const recovery of recoveryCodes) {
      em.create(RecoveryCode, { tenant: viewer.tenantId, user: viewer.userId, codeHash: tokenDigest(normalizeRecoveryCode(recovery)!), usedAt: null });
    }
    if (viewer.enrollmentOnly) await em.nativeUpdate(Session, { id: viewer.sessionId }, { enrollmentOnly: false });
    recordAudit(em, viewer, { action: 'user.twoFactor.enable', resourceType: 'USER', resourceId: viewer.userId, summary: { twoFactorEnabled: true } });
  });
  return { recoveryCodes };
}

/**
 * An admin turns a user's two-factor sign-in off (a lost device): the secret and recovery codes
 * are deleted and the user enrolls again (at their next sign-in, if the workspace requires it).
 * Not on one's own account: another admin must do it.
 */
export async function resetTwoFactor(ctx: RequestScope, userId: string): Promise<User> {
  const viewer = ctx.viewer;
  if (!canManagePeople(viewer)) throw forbidden('Only admins can reset two-factor sign-in');
  const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId, tenant: viewer!.tenantId }) : null;
  if (!user) throw notFound('User');
  if (user.id === viewer!.userId) throw forbidden('You cannot reset your own two-factor sign-in; another admin can');
  const before = user.twoFactorEnabled;
  await ctx.em.transactional(async (em) => {
    await em.nativeDelete(TwoFactorSecret, { user: user.id, tenant: user.tenant.id });
    await em.nativeDelete(RecoveryCode, { user: user.id, tenant: user.tenant.id });
    user.twoFactorEnabled = false;
    recordAudit(em, viewer!, {
      action: 'user.twoFactor.reset',
      resourceType: 'USER',
      resourceId: user.id,
      summary: { twoFactorEnabled: { before, after: false } },
    });
  });
  return user;
}
