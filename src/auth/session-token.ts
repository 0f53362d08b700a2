import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'tessera';
const AUDIENCE = 'tessera:session';
const ALGORITHMS = ['HS256'];

export interface SessionClaims {
  sessionId: string;
  userId: string;
  tenantId: string;
}

export async function signSessionToken(key: Uint8Array, claims: SessionClaims, expiresAt: Date): Promise<string> {
  return new SignJWT({ tid: claims.tenantId, typ: 'session' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setJti(claims.sessionId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/** Tokens already verified, per signing key: the signature of a given string never changes. */
const verified = new WeakMap<Uint8Array, Map<string, { claims: SessionClaims; expiresAtMs: number }>>();
const MAX_VERIFIED = 10_000;

/**
 * Returns the claims of a valid session token, or undefined for anything else (never throws).
 * A token that verified before is recognised by its exact text until it expires, without checking
 * its signature again; revocation is the session row's business (see `context.ts`).
 */
export async function verifySessionToken(key: Uint8Array, token: string): Promise<SessionClaims | undefined> {
  let known = verified.get(key);
  const hit = known?.get(token);
  if (hit) {
    if (hit.expiresAtMs > Date.now()) return hit.claims;
    known!.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ALGORITHMS,
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      typ: 'JWT',
    });
    if (payload.typ !== 'session' || typeof payload.tid !== 'string' || !payload.sub || !payload.jti) return undefined;
    const claims: SessionClaims = Object.freeze({ sessionId: payload.jti, userId: payload.sub, tenantId: payload.tid });
    if (!known) verified.set(key, (known = new Map()));
    if (known.size >= MAX_VERIFIED) known.delete(known.keys().next().value!);
    known.set(token, { claims, expiresAtMs: payload.exp! * 1000 });
    return claims;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
    throw error;
  }
}
