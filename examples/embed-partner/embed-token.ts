import { createHmac } from 'node:crypto';

/**
 * Signs a Tessera embed token with an HS256 embed key, using nothing but node:crypto: a JWT is
 * base64url(header) "." base64url(payload) "." base64url(HMAC-SHA-256 of the first two parts).
 * Any JWT library does the same (docs/embedding.md shows `jsonwebtoken`).
 *
 * This runs on the partner's server only: the secret must never reach a browser.
 */

export interface EmbedKey {
  /** `EmbedKey.kid` (the key's uuid), sent in the JWT header. */
  kid: string;
  /** The secret `createEmbedKey` returned once; its UTF-8 text is the HMAC key. */
  secret: string;
}

export type AttributeValue = string | number | boolean | (string | number | boolean)[];

export interface RowBasedRule {
  path: { dataset: string; model: string; field: string };
  operator: 'is' | 'is_not' | 'matches_user_attribute';
  values: (string | number | boolean)[];
}

export interface EmbedTokenInput {
  /** The tenant's embed audience, `tessera:embed:<tenant slug>` (`EmbedKey.audience`). */
  audience: string;
  /** The dashboard the token opens. */
  dashboardId: string;
  /** Seconds until it expires: keep it short, at most the key's `maxTokenLifetimeSeconds` (default 600). */
  lifetimeSeconds: number;
  /** Values for the workspace's user attributes, which its datasets' row rules read. */
  userAttributes?: Record<string, AttributeValue>;
  /** Your own id for the end user, recorded in Tessera's audit log. */
  embedUserId?: string;
  /** Extra row restrictions, on top of the datasets' own rules. */
  rowBased?: RowBasedRule[];
  allowRawDataExport?: boolean;
  /** Other dashboards the embed may open (drill-throughs). */
  drillthroughs?: string[];
  /** For tests: the signing time. */
  now?: Date;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function signEmbedToken(key: EmbedKey, input: EmbedTokenInput): string {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const header = { alg: 'HS256', typ: 'JWT', kid: key.kid };
  const payload = {
    aud: input.audience,
    iat,
    nbf: iat,
    exp: iat + input.lifetimeSeconds,
    object_type: 'Dashboard',
    object_id: input.dashboardId,
    ...(input.embedUserId ? { embed_user_id: input.embedUserId } : {}),
    user_attributes: input.userAttributes ?? {},
    permissions: { row_based: input.rowBased ?? [] },
    settings: { allow_raw_data_export: input.allowRawDataExport ?? false },
    drillthroughs: input.drillthroughs ?? [],
  };
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = createHmac('sha256', Buffer.from(key.secret, 'utf8')).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
