import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/**
 * A user's TOTP secret (RFC 6238), AES-256-GCM encrypted and bound to the row's id. Unconfirmed
 * while `confirmedAt` is null (enrollment started); `users.two_factor_enabled` turns on with the
 * confirmation. One row per user: enrolling again replaces an unconfirmed one.
 */
export const TwoFactorSecret = defineEntity({
  name: 'TwoFactorSecret',
  tableName: 'two_factor_secrets',
  extends: TenantScoped,
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade').unique(),
    secretCiphertext: p.text().lazy(),
    confirmedAt: p.datetime().nullable(),
    /** The last 30-second step a code was accepted for: a code is never accepted twice (RFC 6238 §5.2). */
    lastUsedStep: p.bigint('number').default(0),
  },
});
export type TwoFactorSecret = InferEntity<typeof TwoFactorSecret>;

/** A single-use recovery code, stored as its SHA-256 digest (80 random bits: no brute force on a digest). */
export const RecoveryCode = defineEntity({
  name: 'RecoveryCode',
  tableName: 'two_factor_recovery_codes',
  extends: TenantScoped,
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade'),
    codeHash: p.string().length(64).lazy(),
    usedAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'two_factor_recovery_codes_user_code_unique', properties: ['user', 'codeHash'] }],
});
export type RecoveryCode = InferEntity<typeof RecoveryCode>;
