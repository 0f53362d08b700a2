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

/** Returns the claims of a valid session token, or undefined for anything else (never throws). */
export async function verifySessionToken(key: Uint8Array, token: string): Promise<SessionClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ALGORITHMS,
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      typ: 'JWT',
    });
    if (payload.typ !== 'session' || typeof payload.tid !== 'string' || !payload.sub || !payload.jti) return undefined;
    return { sessionId: payload.jti, userId: payload.sub, tenantId: payload.tid };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
    throw error;
  }
}
