import { errors, importJWK, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { isUuid } from '../db/ids.ts';
import { unauthenticated, type DomainError } from '../errors.ts';
import { EMBED_ALGORITHMS, publicEmbedJwk, type EmbedAlgorithm } from './embed-jwk.ts';

/**
 * Verification of partner-signed embed JWTs (PRODUCT.md §7). Not wired into requests yet: the
 * caller loads the key the token names (`lookup`) from the tenant its `aud` names.
 */

/** The one message of every refusal: it never says which check failed (the `reason` does, for logs). */
export const EMBED_TOKEN_REFUSED = 'The embed token is invalid or expired';
/** Longest token accepted, in characters (a JWT is ASCII): checked before anything is decoded. */
export const MAX_EMBED_TOKEN_CHARS = 8192;
/** PRODUCT.md §7: `exp` is at most 24 h after `iat`, whatever a key allows. */
export const MAX_EMBED_TOKEN_LIFETIME_SECONDS = 86_400;
/** Seconds of clock difference tolerated between the partner and us, for `exp`, `nbf` and `iat`. */
export const EMBED_CLOCK_SKEW_SECONDS = 60;
export const MAX_DRILLTHROUGHS = 50;
export const MAX_EMBED_USER_ID_CHARS = 200;
const MAX_ID_CHARS = 200;

/**
 * Header members that carry a key or point to one (RFC 7515 §4.1): the key is always the stored
 * one, never the token's. `crit` too, empty or not (an empty list is invalid, RFC 7515 §4.1.11, and
 * no extension is understood here).
 */
const REFUSED_HEADER_MEMBERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit'] as const;

/** The key a token's `kid` names, as the caller loads it; undefined for unknown kids and other tenants' keys. */
export interface EmbedKeyMaterial {
  kid: string;
  algorithm: EmbedAlgorithm;
  /** HS256: the HMAC key bytes (the secret's text as UTF-8). ES256 / EdDSA: the public JWK. */
  key: Uint8Array | JWK;
  maxTokenLifetimeSeconds: number;
  revoked: boolean;
  tenantId: string;
}

export type EmbedKeyLookup = (audience: string, kid: string) => Promise<EmbedKeyMaterial | undefined>;

export type Scalar = string | number | boolean;

export interface RowBasedPath {
  dataset: string;
  model: string;
  field: string;
}

export type RowBasedRule =
  | { path: RowBasedPath; operator: 'is' | 'is_not'; values: Scalar[] }
  /** The field must match the value(s) of the user attribute `attribute` (the one entry of `values`). */
  | { path: RowBasedPath; operator: 'matches_user_attribute'; attribute: string };

export interface EmbedClaims {
  kid: string;
  tenantId: string;
  audience: string;
  dashboardId: string;
  embedUserId?: string;
  userAttributes: Readonly<Record<string, Scalar | Scalar[]>>;
  rowBased: RowBasedRule[];
  allowRawDataExport: boolean;
  drillthroughs: string[];
  issuedAt: Date;
  expiresAt: Date;
}

/** Why a token was refused: for the log, never for the client. */
export type EmbedTokenRefusalReason =
  | 'too_large'
  | 'malformed'
  | 'header_invalid'
  | 'header_key_member'
  | 'algorithm_not_allowed'
  | 'kid_invalid'
  | 'audience_invalid'
  | 'unknown_key'
  | 'revoked_key'
  | 'algorithm_mismatch'
  | 'key_material_invalid'
  | 'signature_invalid'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future'
  | 'lifetime_too_long'
  | 'claim_invalid';

/** The UNAUTHENTICATED error of a refusal, with the precise reason (and e.g. the claim at fault) to log. */
export type EmbedTokenRefusal = DomainError & { readonly reason: EmbedTokenRefusalReason; readonly detail: string | undefined };

function refuse(reason: EmbedTokenRefusalReason, detail?: string): never {
  throw Object.assign(unauthenticated(EMBED_TOKEN_REFUSED), { reason, detail }) as EmbedTokenRefusal;
}

export function isEmbedTokenRefusal(error: unknown): error is EmbedTokenRefusal {
  return error instanceof Error && (error as Partial<DomainError>).code === 'UNAUTHENTICATED' && typeof (error as { reason?: unknown }).reason === 'string';
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeJson(part: string, reason: EmbedTokenRefusalReason): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    refuse(reason, 'not JSON');
  }
  if (!isObject(value)) refuse(reason, 'not a JSON object');
  return value;
}

/** The one audience: a string, or an array of exactly one string (RFC 7519 allows both forms). */
function singleAudience(aud: unknown): string {
  const value = Array.isArray(aud) && aud.length === 1 ? aud[0] : aud;
  if (typeof value !== 'string' || value.length === 0) refuse('audience_invalid');
  return value;
}

async function verificationKey(material: EmbedKeyMaterial): Promise<Uint8Array | CryptoKey> {
  if (material.algorithm === 'HS256') {
    // Never a JWK here: a public key's bytes must not become an HMAC secret.
    if (!(material.key instanceof Uint8Array) || material.key.length < 32) refuse('key_material_invalid', 'HS256 needs a secret of at least 32 bytes');
    return material.key;
  }
  if (material.key instanceof Uint8Array || !isObject(material.key)) refuse('key_material_invalid', `${material.algorithm} needs a public JWK`);
  // Only the public members of the one key type and curve the algorithm allows.
  const checked = await publicEmbedJwk(material.algorithm, material.key);
  if ('problem' in checked) refuse('key_material_invalid', checked.problem);
  const key = await importJWK(checked.jwk, material.algorithm);
  if (key instanceof Uint8Array) refuse('key_material_invalid', 'a symmetric JWK');
  return key;
}

function joseReason(error: unknown): [EmbedTokenRefusalReason, string?] {
  if (error instanceof errors.JWTExpired) return ['expired', error.claim];
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') return ['not_yet_valid'];
    if (error.claim === 'aud') return ['audience_invalid'];
    return ['claim_invalid', error.claim];
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return ['signature_invalid'];
  if (error instanceof errors.JOSEAlgNotAllowed) return ['algorithm_mismatch'];
  return ['malformed', error instanceof Error ? error.message : undefined];
}

const optional = (value: unknown) => value === undefined || value === null;

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function nonEmptyString(value: unknown, claim: string, maxChars = MAX_ID_CHARS): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxChars) refuse('claim_invalid', claim);
  return value;
}

function userAttributes(value: unknown): Readonly<Record<string, Scalar | Scalar[]>> {
  if (optional(value)) return Object.freeze({});
  if (!isObject(value)) refuse('claim_invalid', 'user_attributes');
  const entries = Object.entries(value).map(([name, given]): [string, Scalar | Scalar[]] => {
    if (name.length === 0 || name.length > MAX_ID_CHARS) refuse('claim_invalid', 'user_attributes');
    if (isScalar(given)) return [name, given];
    if (Array.isArray(given) && given.every(isScalar)) return [name, Object.freeze([...given]) as Scalar[]];
    return refuse('claim_invalid', `user_attributes.${name}`);
  });
  // fromEntries defines own properties: a `__proto__` attribute cannot change the prototype.
  return Object.freeze(Object.fromEntries(entries));
}

function rowBasedRules(permissions: unknown): RowBasedRule[] {
  if (optional(permissions)) return [];
  if (!isObject(permissions)) refuse('claim_invalid', 'permissions');
  const rules = permissions.row_based;
  if (optional(rules)) return [];
  if (!Array.isArray(rules)) refuse('claim_invalid', 'permissions.row_based');
  return rules.map((rule, index): RowBasedRule => {
    const at = `permissions.row_based[${index}]`;
    if (!isObject(rule) || !isObject(rule.path)) refuse('claim_invalid', `${at}.path`);
    const path = {
      dataset: nonEmptyString(rule.path.dataset, `${at}.path.dataset`),
      model: nonEmptyString(rule.path.model, `${at}.path.model`),
      field: nonEmptyString(rule.path.field, `${at}.path.field`),
    };
    const { operator, values } = rule;
    if (operator === 'is' || operator === 'is_not') {
      if (!Array.isArray(values) || !values.every(isScalar)) refuse('claim_invalid', `${at}.values`);
      return { path, operator, values: [...values] };
    }
    if (operator === 'matches_user_attribute') {
      if (!Array.isArray(values) || values.length !== 1) refuse('claim_invalid', `${at}.values`);
      return { path, operator, attribute: nonEmptyString(values[0], `${at}.values`) };
    }
    return refuse('claim_invalid', `${at}.operator`);
  });
}

function allowRawDataExport(settings: unknown): boolean {
  if (optional(settings)) return false;
  if (!isObject(settings)) refuse('claim_invalid', 'settings');
  const value = settings.allow_raw_data_export;
  if (optional(value)) return false;
  if (typeof value !== 'boolean') refuse('claim_invalid', 'settings.allow_raw_data_export');
  return value;
}

function drillthroughs(value: unknown): string[] {
  if (optional(value)) return [];
  if (!Array.isArray(value) || value.length > MAX_DRILLTHROUGHS) refuse('claim_invalid', 'drillthroughs');
  return [...new Set(value.map((id, index) => nonEmptyString(id, `drillthroughs[${index}]`)))];
}

/**
 * The claims of a valid embed token, or an UNAUTHENTICATED refusal (`EmbedTokenRefusal`, always
 * the message `EMBED_TOKEN_REFUSED`). Everything that can be checked without a key is checked
 * before `lookup` runs; an error `lookup` throws (the database) is passed on, not a refusal.
 */
export async function verifyEmbedToken(token: string, lookup: EmbedKeyLookup, options: { now?: Date } = {}): Promise<EmbedClaims> {
  if (typeof token !== 'string') refuse('malformed');
  if (token.length > MAX_EMBED_TOKEN_CHARS) refuse('too_large');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) refuse('malformed', 'not three base64url parts');
  const header = decodeJson(parts[0]!, 'header_invalid');
  for (const member of REFUSED_HEADER_MEMBERS) if (member in header) refuse('header_key_member', member);
  const alg = header.alg;
  if (typeof alg !== 'string' || !(EMBED_ALGORITHMS as readonly string[]).includes(alg))
    refuse('algorithm_not_allowed', typeof alg === 'string' ? alg : undefined);
  const kid = header.kid;
  if (typeof kid !== 'string' || !isUuid(kid)) refuse('kid_invalid');
  const audience = singleAudience(decodeJson(parts[1]!, 'malformed').aud);

  const material = await lookup(audience, kid);
  if (!material || material.kid !== kid) refuse('unknown_key');
  if (material.revoked) refuse('revoked_key');
  if (alg !== material.algorithm) refuse('algorithm_mismatch', `${alg} for a ${material.algorithm} key`);
  const key = await verificationKey(material);

  const now = options.now ?? new Date();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [material.algorithm],
      audience,
      clockTolerance: EMBED_CLOCK_SKEW_SECONDS,
      currentDate: now,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) refuse(...joseReason(error));
    throw error;
  }

  const { exp, iat } = payload as { exp: number; iat: number };
  if (iat > Math.floor(now.getTime() / 1000) + EMBED_CLOCK_SKEW_SECONDS) refuse('issued_in_future');
  const maxLifetime = Math.min(material.maxTokenLifetimeSeconds, MAX_EMBED_TOKEN_LIFETIME_SECONDS);
  if (exp - iat > maxLifetime) refuse('lifetime_too_long', `${exp - iat} s over ${maxLifetime} s`);
  if (exp <= iat) refuse('claim_invalid', 'exp');

  if (payload.object_type !== 'Dashboard') refuse('claim_invalid', 'object_type');
  const dashboardId = nonEmptyString(payload.object_id, 'object_id');
  const embedUserId = optional(payload.embed_user_id) ? undefined : nonEmptyString(payload.embed_user_id, 'embed_user_id', MAX_EMBED_USER_ID_CHARS);
  const claims: EmbedClaims = {
    kid,
    tenantId: material.tenantId,
    audience,
    dashboardId,
    userAttributes: userAttributes(payload.user_attributes),
    rowBased: rowBasedRules(payload.permissions),
    allowRawDataExport: allowRawDataExport(payload.settings),
    drillthroughs: drillthroughs(payload.drillthroughs),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
  if (embedUserId !== undefined) claims.embedUserId = embedUserId;
  return claims;
}
