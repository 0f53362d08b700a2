import { importJWK, type JWK } from 'jose';

/**
 * The algorithms an embed key may be for (PRODUCT.md §7), as JOSE names them: the stored value is
 * the one allowlist token verification will pass to jose, so no mapping can drift in between.
 */
export const EMBED_ALGORITHMS = ['HS256', 'ES256', 'EdDSA'] as const;
export type EmbedAlgorithm = (typeof EMBED_ALGORITHMS)[number];

/** The one key type and curve each asymmetric algorithm accepts (never RSA, never P-384, never Ed448). */
const CURVES = { ES256: { kty: 'EC', crv: 'P-256', members: ['x', 'y'] }, EdDSA: { kty: 'OKP', crv: 'Ed25519', members: ['x'] } } as const;

/** JWK members that only a private or symmetric key has (RFC 7518 §6): a partner must never send them. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const MAX_JWK_CHARS = 4096;

/**
 * A partner's public JWK for `alg`, reduced to its public members (what verification needs and
 * nothing a client could smuggle in, such as `kid` or `x5u`), or why it is refused.
 */
export async function publicEmbedJwk(alg: 'ES256' | 'EdDSA', value: unknown): Promise<{ jwk: JWK } | { problem: string }> {
  let jwk = value;
  if (typeof jwk === 'string') {
    if (jwk.length > MAX_JWK_CHARS) return { problem: `The JWK must be at most ${MAX_JWK_CHARS} characters` };
    try {
      jwk = JSON.parse(jwk);
    } catch {
      return { problem: 'The JWK is not valid JSON' };
    }
  }
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) return { problem: 'The JWK must be a JSON object' };
  if (JSON.stringify(jwk).length > MAX_JWK_CHARS) return { problem: `The JWK must be at most ${MAX_JWK_CHARS} characters` };
  const given = jwk as Record<string, unknown>;
  const secret = PRIVATE_MEMBERS.filter((member) => member in given);
  if (secret.length > 0) return { problem: `The JWK carries private key material (${secret.join(', ')}); send the public key only` };
  const { kty, crv, members } = CURVES[alg];
  if (given.kty !== kty || given.crv !== crv) return { problem: `A ${alg === 'EdDSA' ? 'EDDSA' : alg} key must be a JWK with kty "${kty}" and crv "${crv}"` };
  if (given.alg !== undefined && given.alg !== alg) return { problem: `The JWK says alg "${String(given.alg)}", not ${alg}` };
  if (given.use !== undefined && given.use !== 'sig') return { problem: 'The JWK must be a signing key (use "sig")' };
  const reduced: JWK = { kty, crv };
  for (const member of members) {
    if (typeof given[member] !== 'string') return { problem: `The JWK lacks "${member}"` };
    reduced[member] = given[member];
  }
  try {
    // jose checks the point lies on the curve and the key fits the algorithm.
    await importJWK(reduced, alg);
  } catch {
    return { problem: `The JWK is not a valid ${crv} public key` };
  }
  return { jwk: reduced };
}
