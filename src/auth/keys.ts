import { hkdfSync } from 'node:crypto';

/** Purpose-bound keys derived from TESSERA_SECRET_KEY, so one leaked key never serves two uses. */
export interface Keys {
  sessionSigningKey: Uint8Array;
  encryptionKey: Uint8Array;
}

function derive(secret: string, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('tessera/v1'), info, 32));
}

export function deriveKeys(secretKey: string): Keys {
  if (secretKey.length < 32) throw new Error('the secret key must be at least 32 characters long');
  return {
    sessionSigningKey: derive(secretKey, 'session-signing'),
    encryptionKey: derive(secretKey, 'encryption-at-rest'),
  };
}
