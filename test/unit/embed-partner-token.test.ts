import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isEmbedTokenRefusal, verifyEmbedToken, type EmbedKeyLookup, type EmbedKeyMaterial } from '../../src/auth/embed-token.ts';
import { signEmbedToken } from '../../examples/embed-partner/embed-token.ts';

/** The example partner's node:crypto signer, checked by the gateway's verifier (jose): the two interoperate. */

const KID = '01930000-0000-7000-8000-0000000000e1';
const AUDIENCE = 'tessera:embed:acme';
const DASHBOARD = '01930000-0000-7000-8000-00000000d0e1';
const secret = randomBytes(32).toString('base64url');
const material: EmbedKeyMaterial = {
  kid: KID,
  algorithm: 'HS256',
  key: new TextEncoder().encode(secret),
  maxTokenLifetimeSeconds: 600,
  revoked: false,
  tenantId: '01930000-0000-7000-8000-00000000a0e1',
};
const lookup: EmbedKeyLookup = async (audience, kid) => (audience === AUDIENCE && kid === KID ? material : undefined);
const reasonOf = async (token: string) => {
  try {
    await verifyEmbedToken(token, lookup);
    return 'accepted';
  } catch (error) {
    return isEmbedTokenRefusal(error) ? error.reason : String(error);
  }
};

describe('the example partner’s token signer', () => {
  it('makes tokens the gateway accepts, with every claim read back as signed', async () => {
    const token = signEmbedToken(
      { kid: KID, secret },
      {
        audience: AUDIENCE,
        dashboardId: DASHBOARD,
        lifetimeSeconds: 300,
        userAttributes: { country: ['Vietnam', 'Singapore'], tier: 2 },
        embedUserId: 'partner-user-42',
        rowBased: [{ path: { dataset: 'ds-1', model: 'orders', field: 'status' }, operator: 'is', values: ['completed'] }],
        allowRawDataExport: true,
        drillthroughs: ['d-2'],
      },
    );
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: KID });
    const claims = await verifyEmbedToken(token, lookup);
    expect(claims).toMatchObject({
      kid: KID,
      audience: AUDIENCE,
      dashboardId: DASHBOARD,
      embedUserId: 'partner-user-42',
      userAttributes: { country: ['Vietnam', 'Singapore'], tier: 2 },
      rowBased: [{ path: { dataset: 'ds-1', model: 'orders', field: 'status' }, operator: 'is', values: ['completed'] }],
      allowRawDataExport: true,
      drillthroughs: ['d-2'],
    });
    expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(300_000);
  });

  it('is refused when signed with another secret, for another audience, or for longer than the key allows', async () => {
    const input = { audience: AUDIENCE, dashboardId: DASHBOARD, lifetimeSeconds: 300 };
    expect(await reasonOf(signEmbedToken({ kid: KID, secret }, input))).toBe('accepted');
    expect(await reasonOf(signEmbedToken({ kid: KID, secret: randomBytes(32).toString('base64url') }, input))).toBe('signature_invalid');
    expect(await reasonOf(signEmbedToken({ kid: KID, secret }, { ...input, audience: 'tessera:embed:globex' }))).toBe('unknown_key');
    expect(await reasonOf(signEmbedToken({ kid: KID, secret }, { ...input, lifetimeSeconds: 601 }))).toBe('lifetime_too_long');
    expect(await reasonOf(signEmbedToken({ kid: KID, secret }, { ...input, now: new Date(Date.now() - 400_000) }))).toBe('expired');
  });
});
