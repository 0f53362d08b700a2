import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, sign as cryptoSign } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EMBED_TOKEN_REFUSED,
  isEmbedTokenRefusal,
  verifyEmbedToken,
  type EmbedKeyLookup,
  type EmbedKeyMaterial,
  type EmbedTokenRefusal,
  type EmbedTokenRefusalReason,
} from '../../src/auth/embed-token.ts';
import { DomainError } from '../../src/errors.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const AUDIENCE = 'tessera:embed:acme';
const OTHER_AUDIENCE = 'tessera:embed:globex';
const TENANT = '01930000-0000-7000-8000-00000000a001';
const OTHER_TENANT = '01930000-0000-7000-8000-00000000b001';
const HS_KID = '01930000-0000-7000-8000-000000000001';
const ES_KID = '01930000-0000-7000-8000-000000000002';
const ED_KID = '01930000-0000-7000-8000-000000000003';
const REVOKED_KID = '01930000-0000-7000-8000-000000000004';
const LONG_KID = '01930000-0000-7000-8000-000000000005';
const NODE_ED_KID = '01930000-0000-7000-8000-000000000006';
const MISCONFIGURED_KID = '01930000-0000-7000-8000-000000000007';
const GLOBEX_KID = '01930000-0000-7000-8000-000000000008';
const DASHBOARD = '01930000-0000-7000-8000-00000000d001';

/** As `createEmbedKey` makes it: 32 random bytes in base64url, whose UTF-8 text is the HMAC key. */
const hsSecretText = randomBytes(32).toString('base64url');
const hsSecret = new TextEncoder().encode(hsSecretText);
const globexSecret = new TextEncoder().encode(randomBytes(32).toString('base64url'));
let es: { privateKey: CryptoKey; publicJwk: JWK };
let ed: { privateKey: CryptoKey; publicJwk: JWK };
const nodeEd = generateKeyPairSync('ed25519');

const materials = new Map<string, EmbedKeyMaterial>();
let lookups = 0;
/** The caller's lookup: a key of the tenant the audience names, else undefined. */
const lookup: EmbedKeyLookup = async (audience, kid) => {
  lookups += 1;
  const material = materials.get(kid);
  const tenant = audience === AUDIENCE ? TENANT : audience === OTHER_AUDIENCE ? OTHER_TENANT : undefined;
  return material && material.tenantId === tenant ? material : undefined;
};

beforeAll(async () => {
  const esPair = await generateKeyPair('ES256', { extractable: true });
  es = { privateKey: esPair.privateKey, publicJwk: await exportJWK(esPair.publicKey) };
  const edPair = await generateKeyPair('EdDSA', { extractable: true });
  ed = { privateKey: edPair.privateKey, publicJwk: await exportJWK(edPair.publicKey) };
  const base = { maxTokenLifetimeSeconds: 600, revoked: false, tenantId: TENANT };
  const add = (material: EmbedKeyMaterial) => materials.set(material.kid, material);
  add({ ...base, kid: HS_KID, algorithm: 'HS256', key: hsSecret });
  add({ ...base, kid: ES_KID, algorithm: 'ES256', key: es.publicJwk });
  add({ ...base, kid: ED_KID, algorithm: 'EdDSA', key: ed.publicJwk });
  add({ ...base, kid: REVOKED_KID, algorithm: 'HS256', key: hsSecret, revoked: true });
  // More than the product allows (24 h): the 24 h cap still applies.
  add({ ...base, kid: LONG_KID, algorithm: 'HS256', key: hsSecret, maxTokenLifetimeSeconds: 172_800 });
  add({ ...base, kid: NODE_ED_KID, algorithm: 'EdDSA', key: nodeEd.publicKey.export({ format: 'jwk' }) as JWK });
  add({ ...base, kid: MISCONFIGURED_KID, algorithm: 'HS256', key: es.publicJwk });
  add({ ...base, kid: GLOBEX_KID, algorithm: 'HS256', key: globexSecret, tenantId: OTHER_TENANT });
});

const baseClaims = () => ({ aud: AUDIENCE, iat: NOW_S, exp: NOW_S + 300, object_type: 'Dashboard', object_id: DASHBOARD });

type Signer = 'HS256' | 'ES256' | 'EdDSA';
const KIDS: Record<Signer, string> = { HS256: HS_KID, ES256: ES_KID, EdDSA: ED_KID };

/** A token signed with jose's SignJWT; `header` adds or overrides protected header members. */
async function signed(claims: Record<string, unknown> = baseClaims(), alg: Signer = 'HS256', header: Record<string, unknown> = {}): Promise<string> {
  const key = alg === 'HS256' ? hsSecret : alg === 'ES256' ? es.privateKey : ed.privateKey;
  return new SignJWT(claims).setProtectedHeader({ alg, kid: KIDS[alg], typ: 'JWT', ...header }).sign(key);
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token built and HMAC-signed with node:crypto alone, any header and key: nothing checks it on the way. */
function hmacToken(header: unknown, claims: unknown, key: Uint8Array | string = hsSecret): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

const verify = (token: string, now = NOW) => verifyEmbedToken(token, lookup, { now });

const messages = new Set<string>();
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9#]+/)
    .filter(Boolean);

/** The refusal: UNAUTHENTICATED, the fixed message (never the reason or detail), the reason for logs. */
async function expectRefused(token: string | Promise<string>, reason: EmbedTokenRefusalReason, now = NOW): Promise<EmbedTokenRefusal> {
  const error: unknown = await verify(await token, now).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(isEmbedTokenRefusal(error)).toBe(true);
  const refusal = error as EmbedTokenRefusal;
  expect(refusal.code).toBe('UNAUTHENTICATED');
  expect(refusal.message).toBe(EMBED_TOKEN_REFUSED);
  expect(refusal.reason).toBe(reason);
  // Nothing beyond the code reaches the client (`graphql/errors.ts` sends `extensions`).
  expect(refusal.extensions).toBeUndefined();
  // The message names no check: no word of the reason or detail beyond the fixed text's own
  // ("expired" is in every refusal's message, whichever check failed).
  const fixedWords = new Set(words(EMBED_TOKEN_REFUSED));
  for (const word of words(`${reason} ${refusal.detail ?? ''}`)) if (!fixedWords.has(word)) expect(words(refusal.message)).not.toContain(word);
  messages.add(refusal.message);
  return refusal;
}

async function expectNoLookup(token: string, reason: EmbedTokenRefusalReason) {
  const before = lookups;
  await expectRefused(token, reason);
  expect(lookups).toBe(before);
}

describe('embed tokens: accepted', () => {
  it.each<Signer>(['HS256', 'ES256', 'EdDSA'])('a %s token signed with SignJWT gives its typed claims', async (alg) => {
    const claims = await verify(await signed(baseClaims(), alg));
    expect(claims).toEqual({
      kid: KIDS[alg],
      tenantId: TENANT,
      audience: AUDIENCE,
      dashboardId: DASHBOARD,
      userAttributes: {},
      rowBased: [],
      allowRawDataExport: false,
      drillthroughs: [],
      issuedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 300_000),
    });
    expect('embedUserId' in claims).toBe(false);
  });

  it('every optional claim is read and typed; unknown top-level claims are ignored', async () => {
    const token = await signed({
      ...baseClaims(),
      embed_user_id: 'partner-user-42',
      // JSON.parse makes `__proto__` an own member, as a partner's JSON would.
      user_attributes: JSON.parse('{"country":"VN","region_ids":[1,2],"vip":true,"__proto__":"x"}'),
      permissions: {
        row_based: [
          { path: { dataset: 'ds1', model: 'orders', field: 'status' }, operator: 'is', values: ['paid', 'shipped'] },
          { path: { dataset: 'ds1', model: 'orders', field: 'amount' }, operator: 'is_not', values: [0], modifier: null },
          { path: { dataset: 'ds1', model: 'customers', field: 'country' }, operator: 'matches_user_attribute', values: ['country'] },
        ],
      },
      settings: { allow_raw_data_export: true, theme: 'dark' },
      drillthroughs: ['d2', 'd3', 'd2'],
      iss: 'partner',
      something_new: { nested: true },
    });
    const claims = await verify(token);
    expect(claims.embedUserId).toBe('partner-user-42');
    expect(claims.userAttributes).toEqual({ country: 'VN', region_ids: [1, 2], vip: true, ['__proto__']: 'x' });
    expect(Object.getPrototypeOf(claims.userAttributes)).toBe(Object.prototype);
    expect(Object.isFrozen(claims.userAttributes)).toBe(true);
    expect(claims.rowBased).toEqual([
      { path: { dataset: 'ds1', model: 'orders', field: 'status' }, operator: 'is', values: ['paid', 'shipped'] },
      { path: { dataset: 'ds1', model: 'orders', field: 'amount' }, operator: 'is_not', values: [0] },
      { path: { dataset: 'ds1', model: 'customers', field: 'country' }, operator: 'matches_user_attribute', attribute: 'country' },
    ]);
    expect(claims.allowRawDataExport).toBe(true);
    expect(claims.drillthroughs).toEqual(['d2', 'd3']);
    expect(claims).not.toHaveProperty('something_new');
  });

  it('null optional claims count as absent', async () => {
    const claims = await verify(
      await signed({
        ...baseClaims(),
        embed_user_id: null,
        user_attributes: null,
        permissions: { row_based: null },
        settings: { allow_raw_data_export: null },
        drillthroughs: null,
      }),
    );
    expect(claims).toMatchObject({ userAttributes: {}, rowBased: [], allowRawDataExport: false, drillthroughs: [] });
    expect(claims.embedUserId).toBeUndefined();
  });

  it('interoperates with node:crypto: an HMAC-SHA256 token made by hand', async () => {
    const claims = await verify(hmacToken({ alg: 'HS256', kid: HS_KID }, baseClaims(), hsSecretText));
    expect(claims).toMatchObject({ kid: HS_KID, tenantId: TENANT, dashboardId: DASHBOARD });
  });

  it('interoperates with node:crypto: an Ed25519 token signed with crypto.sign, verified against the exported public JWK', async () => {
    const input = `${b64({ alg: 'EdDSA', kid: NODE_ED_KID, typ: 'JWT' })}.${b64(baseClaims())}`;
    const token = `${input}.${cryptoSign(null, Buffer.from(input), nodeEd.privateKey).toString('base64url')}`;
    expect(await verify(token)).toMatchObject({ kid: NODE_ED_KID, tenantId: TENANT });
  });

  it('aud may be an array of exactly that one audience', async () => {
    expect((await verify(await signed({ ...baseClaims(), aud: [AUDIENCE] }))).audience).toBe(AUDIENCE);
  });

  it('another tenant’s key verifies that tenant’s tokens', async () => {
    const token = hmacToken({ alg: 'HS256', kid: GLOBEX_KID }, { ...baseClaims(), aud: OTHER_AUDIENCE }, globexSecret);
    expect(await verify(token)).toMatchObject({ tenantId: OTHER_TENANT, audience: OTHER_AUDIENCE });
  });

  it('a failing lookup (the database) is passed on, not turned into a refusal', async () => {
    const failure = new Error('connection lost');
    const token = await signed();
    await expect(
      verifyEmbedToken(token, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});

describe('embed tokens: the token’s shape, refused before any key lookup', () => {
  it('a token over 8 KB', async () => {
    const token = await signed({ ...baseClaims(), padding: 'x'.repeat(8_192) });
    await expectNoLookup(token, 'too_large');
  });

  it.each([
    ['two parts', 'eyJhbGciOiJIUzI1NiJ9.e30'],
    ['four parts', 'a.b.c.d'],
    ['an empty signature', `${b64({ alg: 'HS256', kid: HS_KID })}.${b64(baseClaims())}.`],
    ['characters outside base64url', `${b64({ alg: 'HS256', kid: HS_KID })}.${b64(baseClaims())}.ab+c/d==`],
    ['the empty string', ''],
  ])('not three base64url parts: %s', async (_, token) => {
    await expectNoLookup(token, 'malformed');
  });

  it.each([
    ['not JSON', 'not json'],
    ['a JSON array', '["HS256"]'],
    ['a JSON string', '"HS256"'],
    ['null', 'null'],
  ])('a header that is %s', async (_, header) => {
    await expectNoLookup(`${b64(header)}.${b64(baseClaims())}.c2ln`, 'header_invalid');
  });

  it('a payload that is not JSON', async () => {
    await expectNoLookup(`${b64({ alg: 'HS256', kid: HS_KID })}.${b64('{nope')}.c2ln`, 'malformed');
  });

  it.each([
    ['none', { alg: 'none', kid: HS_KID }],
    ['RS256', { alg: 'RS256', kid: HS_KID }],
    ['hs256 (case matters)', { alg: 'hs256', kid: HS_KID }],
    ['missing', { kid: HS_KID }],
    ['not a string', { alg: ['HS256'], kid: HS_KID }],
  ])('alg %s', async (_, header) => {
    await expectNoLookup(hmacToken(header, baseClaims()), 'algorithm_not_allowed');
  });

  it.each([
    ['jwk', { kty: 'oct', k: 'c2VjcmV0' }],
    ['jku', 'https://attacker.example/jwks.json'],
    ['x5u', 'https://attacker.example/cert.pem'],
    ['x5c', ['MIIB']],
    ['x5t', 'dGh1bWI'],
    ['x5t#S256', 'dGh1bWI'],
    ['crit', ['exp']],
    ['crit', []],
  ])('a header carrying or pointing to a key, or with crit: %s', async (member, value) => {
    const refusal = await expectRefused(hmacToken({ alg: 'HS256', kid: HS_KID, [member]: value }, baseClaims()), 'header_key_member');
    expect(refusal.detail).toBe(member);
  });

  it('a key header member is refused before any lookup', async () => {
    await expectNoLookup(hmacToken({ alg: 'HS256', kid: HS_KID, jwk: es.publicJwk }, baseClaims()), 'header_key_member');
  });

  it.each([
    ['missing', { alg: 'HS256' }],
    ['a number', { alg: 'HS256', kid: 7 }],
    ['null', { alg: 'HS256', kid: null }],
    ['not a key id', { alg: 'HS256', kid: '../../etc/passwd' }],
  ])('kid %s', async (_, header) => {
    await expectNoLookup(hmacToken(header, baseClaims()), 'kid_invalid');
  });

  it.each([
    ['missing', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['an array of two audiences', [AUDIENCE, OTHER_AUDIENCE]],
    ['an empty array', []],
  ])('aud %s', async (_, aud) => {
    await expectNoLookup(await signed({ ...baseClaims(), aud }), 'audience_invalid');
  });
});

describe('embed tokens: the key', () => {
  it('an unknown kid', async () => {
    await expectRefused(signed(baseClaims(), 'HS256', { kid: '01930000-0000-7000-8000-0000000000ff' }), 'unknown_key');
  });

  it('a kid of another tenant (the audience names this tenant)', async () => {
    await expectRefused(hmacToken({ alg: 'HS256', kid: GLOBEX_KID }, baseClaims(), globexSecret), 'unknown_key');
  });

  it('a known kid under an audience no tenant has', async () => {
    await expectRefused(signed({ ...baseClaims(), aud: 'tessera:embed:nobody' }), 'unknown_key');
  });

  it('a revoked key', async () => {
    await expectRefused(signed(baseClaims(), 'HS256', { kid: REVOKED_KID }), 'revoked_key');
  });

  it('a lookup answering for another kid', async () => {
    const token = await signed();
    const error = await verifyEmbedToken(token, async () => materials.get(ES_KID), { now: NOW }).catch((thrown: unknown) => thrown);
    expect(isEmbedTokenRefusal(error) && error.reason).toBe('unknown_key');
  });

  it('an ES256 token for an EdDSA key (alg other than the key’s)', async () => {
    await expectRefused(signed(baseClaims(), 'ES256', { kid: ED_KID }), 'algorithm_mismatch');
  });

  it('algorithm confusion: HS256 whose HMAC key is the ES256 public JWK’s JSON', async () => {
    await expectRefused(hmacToken({ alg: 'HS256', kid: ES_KID }, baseClaims(), JSON.stringify(es.publicJwk)), 'algorithm_mismatch');
  });

  it('algorithm confusion: HS256 whose HMAC key is the ES256 public key’s SPKI / PEM / raw point bytes', async () => {
    const publicKey = createPublicKey({ key: es.publicJwk as JsonWebKeyInput['key'], format: 'jwk' });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(es.publicJwk.x!, 'base64url'), Buffer.from(es.publicJwk.y!, 'base64url')]);
    for (const key of [spki, Buffer.from(pem), point]) await expectRefused(hmacToken({ alg: 'HS256', kid: ES_KID }, baseClaims(), key), 'algorithm_mismatch');
  });

  it('algorithm confusion: HS256 whose HMAC key is the Ed25519 public key', async () => {
    await expectRefused(hmacToken({ alg: 'HS256', kid: ED_KID }, baseClaims(), Buffer.from(ed.publicJwk.x!, 'base64url')), 'algorithm_mismatch');
  });

  it('an HS256 key whose stored material is a public JWK is never used as an HMAC secret', async () => {
    await expectRefused(hmacToken({ alg: 'HS256', kid: MISCONFIGURED_KID }, baseClaims(), JSON.stringify(es.publicJwk)), 'key_material_invalid');
  });

  it('a signature by another key', async () => {
    const other = await generateKeyPair('ES256');
    const token = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'ES256', kid: ES_KID }).sign(other.privateKey);
    await expectRefused(token, 'signature_invalid');
    await expectRefused(hmacToken({ alg: 'HS256', kid: HS_KID }, baseClaims(), randomBytes(32).toString('base64url')), 'signature_invalid');
  });

  it('a changed payload under the original signature', async () => {
    const [header, , signature] = (await signed(baseClaims(), 'EdDSA')).split('.');
    await expectRefused(`${header}.${b64({ ...baseClaims(), object_id: 'another-dashboard' })}.${signature}`, 'signature_invalid');
  });
});

describe('embed tokens: time', () => {
  it.each([
    ['exp', { exp: undefined }],
    ['iat', { iat: undefined }],
  ])('%s missing', async (_, change) => {
    await expectRefused(signed({ ...baseClaims(), ...change }), 'claim_invalid');
  });

  it.each([
    ['exp', { exp: String(NOW_S + 300) }],
    ['iat', { iat: String(NOW_S) }],
    ['nbf', { nbf: 'now' }],
  ])('%s not a number', async (_, change) => {
    await expectRefused(hmacToken({ alg: 'HS256', kid: HS_KID }, { ...baseClaims(), ...change }), 'claim_invalid');
  });

  it('expired 59 s ago is within the skew; 61 s ago is refused', async () => {
    const token = await signed({ ...baseClaims(), iat: NOW_S - 300, exp: NOW_S - 59 });
    expect((await verify(token)).expiresAt).toEqual(new Date((NOW_S - 59) * 1000));
    await expectRefused(signed({ ...baseClaims(), iat: NOW_S - 300, exp: NOW_S - 61 }), 'expired');
  });

  it('the same token: accepted until 60 s after exp, refused after', async () => {
    const token = await signed({ ...baseClaims(), exp: NOW_S + 100 });
    expect(await verify(token, new Date((NOW_S + 159) * 1000))).toMatchObject({ dashboardId: DASHBOARD });
    await expectRefused(token, 'expired', new Date((NOW_S + 161) * 1000));
  });

  it('nbf: 59 s ahead is within the skew, 61 s ahead is refused, in the past is fine', async () => {
    expect(await verify(await signed({ ...baseClaims(), nbf: NOW_S + 59 }))).toMatchObject({ dashboardId: DASHBOARD });
    expect(await verify(await signed({ ...baseClaims(), nbf: NOW_S - 10 }))).toMatchObject({ dashboardId: DASHBOARD });
    await expectRefused(signed({ ...baseClaims(), nbf: NOW_S + 61 }), 'not_yet_valid');
  });

  it('iat: 59 s ahead is within the skew, 61 s ahead is refused', async () => {
    expect(await verify(await signed({ ...baseClaims(), iat: NOW_S + 59, exp: NOW_S + 300 }))).toMatchObject({ dashboardId: DASHBOARD });
    await expectRefused(signed({ ...baseClaims(), iat: NOW_S + 61, exp: NOW_S + 300 }), 'issued_in_future');
  });

  it('lifetime: exactly the key’s maximum (600 s) is fine, one second more is refused', async () => {
    expect(await verify(await signed({ ...baseClaims(), exp: NOW_S + 600 }))).toMatchObject({ dashboardId: DASHBOARD });
    await expectRefused(signed({ ...baseClaims(), exp: NOW_S + 601 }), 'lifetime_too_long');
  });

  it('lifetime: never over 24 h, whatever the key says', async () => {
    const claims = { ...baseClaims(), iat: NOW_S - 3600 };
    expect(await verify(await signed({ ...claims, exp: claims.iat + 86_400 }, 'HS256', { kid: LONG_KID }))).toMatchObject({ kid: LONG_KID });
    await expectRefused(signed({ ...claims, exp: claims.iat + 86_401 }, 'HS256', { kid: LONG_KID }), 'lifetime_too_long');
  });

  it('exp not after iat', async () => {
    await expectRefused(signed({ ...baseClaims(), exp: NOW_S }), 'claim_invalid');
    await expectRefused(signed({ ...baseClaims(), exp: NOW_S - 10 }), 'claim_invalid');
  });
});

describe('embed tokens: claims of the wrong type', () => {
  const row = (rule: Record<string, unknown>) => ({
    permissions: { row_based: [{ path: { dataset: 'ds1', model: 'orders', field: 'status' }, operator: 'is', values: ['paid'], ...rule }] },
  });

  it.each<[string, Record<string, unknown>]>([
    ['object_type missing', { object_type: undefined }],
    ['object_type lower case', { object_type: 'dashboard' }],
    ['object_type another resource', { object_type: 'Report' }],
    ['object_id missing', { object_id: undefined }],
    ['object_id empty', { object_id: '' }],
    ['object_id a number', { object_id: 7 }],
    ['embed_user_id a number', { embed_user_id: 42 }],
    ['embed_user_id empty', { embed_user_id: '' }],
    ['embed_user_id over 200 characters', { embed_user_id: 'u'.repeat(201) }],
    ['user_attributes an array', { user_attributes: ['VN'] }],
    ['user_attributes a string', { user_attributes: 'country=VN' }],
    ['a user attribute that is an object', { user_attributes: { country: { code: 'VN' } } }],
    ['a user attribute that is null', { user_attributes: { country: null } }],
    ['a user attribute array holding an object', { user_attributes: { countries: ['VN', { code: 'TH' }] } }],
    ['a user attribute array holding an array', { user_attributes: { countries: [['VN']] } }],
    ['permissions an array', { permissions: [] }],
    ['permissions.row_based an object', { permissions: { row_based: {} } }],
    ['a rule that is a string', { permissions: { row_based: ['ds1.orders.status is paid'] } }],
    ['a rule path that is a string', row({ path: 'ds1.orders.status' })],
    ['a rule path without field', row({ path: { dataset: 'ds1', model: 'orders' } })],
    ['a rule path with a numeric dataset', row({ path: { dataset: 1, model: 'orders', field: 'status' } })],
    ['an unknown operator', row({ operator: 'contains' })],
    ['an operator missing', row({ operator: undefined })],
    ['is without values', row({ values: undefined })],
    ['is with values not an array', row({ values: 'paid' })],
    ['is_not with an object among values', row({ operator: 'is_not', values: [{}] })],
    ['matches_user_attribute without values', row({ operator: 'matches_user_attribute', values: undefined })],
    ['matches_user_attribute with two attributes', row({ operator: 'matches_user_attribute', values: ['a', 'b'] })],
    ['matches_user_attribute with a number', row({ operator: 'matches_user_attribute', values: [1] })],
    ['settings a string', { settings: 'raw' }],
    ['settings.allow_raw_data_export a string', { settings: { allow_raw_data_export: 'true' } }],
    ['settings.allow_raw_data_export a number', { settings: { allow_raw_data_export: 1 } }],
    ['drillthroughs a string', { drillthroughs: 'd2' }],
    ['drillthroughs holding a number', { drillthroughs: ['d2', 3] }],
    ['drillthroughs holding an empty id', { drillthroughs: [''] }],
    ['more than 50 drillthroughs', { drillthroughs: Array.from({ length: 51 }, (_, i) => `d${i}`) }],
  ])('%s', async (_, change) => {
    await expectRefused(signed({ ...baseClaims(), ...change }), 'claim_invalid');
  });

  it('at the limits: 200-character embed_user_id, 50 drillthroughs, is with no values', async () => {
    const claims = await verify(
      await signed({ ...baseClaims(), embed_user_id: 'u'.repeat(200), drillthroughs: Array.from({ length: 50 }, (_, i) => `d${i}`), ...row({ values: [] }) }),
    );
    expect(claims.embedUserId).toHaveLength(200);
    expect(claims.drillthroughs).toHaveLength(50);
    expect(claims.rowBased[0]).toMatchObject({ operator: 'is', values: [] });
  });
});

describe('embed tokens: refusals', () => {
  it('every refusal above had the one fixed message', () => {
    expect([...messages]).toEqual([EMBED_TOKEN_REFUSED]);
  });
});

type JsonWebKeyInput = Extract<Parameters<typeof createPublicKey>[0], { format: 'jwk' }>;
