import type { Principal } from './principal.ts';
import { unauthenticated } from '../errors.ts';
import { principalFromSession, type SessionResolution } from './session-principal.ts';

export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * The one place a request's credentials become a principal: no `Authorization` header is
 * anonymous (null), a bad one is 401 UNAUTHENTICATED. Today every bearer token is a session
 * token (the USER kind); other kinds are told apart here by their token.
 */
export async function resolvePrincipal(authorization: string | null, with_: SessionResolution): Promise<Principal | null> {
  const token = bearerToken(authorization);
  if (token === undefined) return null;
  return principalFromSession(with_, token);
}
