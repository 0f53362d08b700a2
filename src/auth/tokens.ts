import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token (256 bits) with a prefix naming its kind, e.g. `inv_…`. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are looked up by digest; the database never holds one in clear. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
