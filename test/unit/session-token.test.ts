import { describe, expect, it } from 'vitest';
import { signSessionToken, verifySessionToken } from '../../src/auth/session-token.ts';

const key = new TextEncoder().encode('a-session-signing-key-that-is-long-enough-0123');
const claims = {
  sessionId: '01930000-0000-7000-8000-000000000001',
  userId: '01930000-0000-7000-8000-000000000002',
  tenantId: '01930000-0000-7000-8000-000000000003',
};

describe('session tokens', () => {
  it('a token verified before is refused once it expires', async () => {
    const token = await signSessionToken(key, claims, new Date(Date.now() + 1_500));
    expect(await verifySessionToken(key, token)).toEqual(claims);
    expect(await verifySessionToken(key, token)).toEqual(claims);
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 50));
    expect(await verifySessionToken(key, token)).toBeUndefined();
  });

  it('another key, or a changed signature, is refused even after the token was verified', async () => {
    const token = await signSessionToken(key, claims, new Date(Date.now() + 60_000));
    expect(await verifySessionToken(key, token)).toEqual(claims);
    const otherKey = new TextEncoder().encode('another-signing-key-that-is-long-enough-012345');
    expect(await verifySessionToken(otherKey, token)).toBeUndefined();
    // The first character of the signature (the last ones may carry only base64 padding bits).
    const at = token.lastIndexOf('.') + 1;
    const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(await verifySessionToken(key, tampered)).toBeUndefined();
  });
});
