import type { Principal } from './principal.ts';
import { unauthenticated } from '../errors.ts';
import { principalFromSession, type SessionResolution } from './session-principal.ts';
import { principalFromEmbedToken, type EmbedResolution } from './embed-principal.ts';
import { isEmbedTokenRefusal } from './embed-token.ts';
import { LINK_SESSION_PREFIX, LINK_TOKEN_PREFIX, principalFromLinkSession } from './link-principal.ts';
import { API_TOKEN_PREFIX, principalFromApiToken } from './api-token-principal.ts';

export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  // Longer than any token Tessera accepts, so that an oversized embed token gets the embed refusal.
  const match = /^Bearer ([\x21-\x7e]{1,16384})$/.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Whether a bearer token is a partner's embed JWT: its header names a key (`kid`). Session tokens
 * never carry one. This only picks the verifier; each verifies the whole token itself.
 */
function namesAnEmbedKey(token: string): boolean {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 2048) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'kid' in header;
  } catch {
    return false;
  }
}

export interface PrincipalResolution extends SessionResolution, EmbedResolution {
  /** Told why an embed token was refused (for the log; the client only gets the one message). */
  onEmbedRefusal?: (reason: string, detail: string | undefined) => void;
}

/**
 * The one place a request's credentials become a principal: no `Authorization` header is
 * anonymous (null), a bad one is 401 UNAUTHENTICATED. Session tokens are the USER kind; a JWT that
 * names a key (`kid`) is a partner's embed token, the EMBED kind; a `tss_` token is an opened
 * shareable link's session, the SHARE_LINK kind. A raw link token (`tsl_`) is no bearer: it must be
 * opened first (`openShareableLink`, where its password is checked). `tsk_…` is a personal API token.
 */
export async function resolvePrincipal(authorization: string | null, with_: PrincipalResolution): Promise<Principal | null> {
  const token = bearerToken(authorization);
  if (token === undefined) return null;
  if (token.startsWith(API_TOKEN_PREFIX)) return principalFromApiToken(with_, token);
  if (token.startsWith(LINK_SESSION_PREFIX)) return principalFromLinkSession(with_, token);
  if (token.startsWith(LINK_TOKEN_PREFIX)) throw unauthenticated('A shareable link token is not a bearer token; open it with openShareableLink first');
  if (!namesAnEmbedKey(token)) return principalFromSession(with_, token);
  try {
    return await principalFromEmbedToken(with_, token);
  } catch (error) {
    if (isEmbedTokenRefusal(error)) with_.onEmbedRefusal?.(error.reason, error.detail);
    throw error;
  }
}
