import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, a 160-bit
 * secret (RFC 4226 §4's recommendation). A code is accepted one step either side of now, for
 * clock drift; the caller records the step it matched so that no code is accepted twice.
 */
const PERIOD = 30;
const DIGITS = 6;
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

const totpOf = (secretBase32: string, issuer = 'Tessera', label = 'Tessera') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

/** A new secret, base32 (what authenticator apps are given). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app reads from a QR code. */
export function otpauthUri(secretBase32: string, issuer: string, label: string): string {
  return totpOf(secretBase32, issuer, label).toString();
}

/** The 30-second step `code` is valid for (within one step of `now`), or undefined. */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The current code of a secret (for tests and tooling; the server never needs to show one). */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpOf(secretBase32).generate({ timestamp: now });
}

const RECOVERY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Recovery codes: 16 characters of a 32-letter alphabet (80 random bits), shown as
 * `xxxx-xxxx-xxxx-xxxx`. That much entropy makes a fast digest (SHA-256) safe to store: nobody
 * brute-forces 2^80 guesses from a leaked table, so a slow password hash would only cost time.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** A typed recovery code in its stored form (no dashes or spaces, lower case), or undefined when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toLowerCase();
  return /^[a-z2-7]{16}$/.test(code) ? code : undefined;
}
