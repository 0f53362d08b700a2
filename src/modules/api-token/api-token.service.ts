import { randomToken, tokenDigest } from '../../auth/tokens.ts';
import { API_TOKEN_PREFIX } from '../../auth/api-token-principal.ts';
import { apiTokenCreationDenial } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, forbidden, notFound } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newestFirstQuery, type NewestFirstWindow } from '../../db/id-window.ts';
import { User } from '../user/user.entity.ts';
import { ApiToken } from './api-token.entity.ts';

/** Live tokens a user may hold at once. */
export const MAX_LIVE_API_TOKENS = 50;
/** What a list shows of a token: `tsk_` and 8 characters (48 bits, nowhere near enough to use it). */
const SHOWN_CHARS = API_TOKEN_PREFIX.length + 8;

/**
 * Creates a personal API token for the caller (PRODUCT.md §1, §4): only from their own session,
 * only while their `allowApiAccess` is on (read now, not from any cache), and not when the
 * API_TOKENS feature is DISABLED for them. The token is returned here only; the table keeps its
 * SHA-256 digest (256 random bits: a fast digest cannot be reversed by guessing).
 */
export async function createApiToken(ctx: RequestScope, input: { name: string }): Promise<{ token: string; apiToken: ApiToken }> {
  const viewer = requirePerson(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId, tenant: viewer.tenantId });
  const denial = apiTokenCreationDenial(viewer, { allowApiAccess: user.allowApiAccess, subject: await ctx.loaders.subject() });
  if (denial) throw forbidden(denial);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badInput('input.name', 'The name must be 1 to 200 characters');
  const live = await ctx.em.count(ApiToken, { user: viewer.userId, tenant: viewer.tenantId, revokedAt: null });
  if (live >= MAX_LIVE_API_TOKENS) throw conflict(`You have ${MAX_LIVE_API_TOKENS} live API tokens; revoke one first`);
  const token = randomToken(API_TOKEN_PREFIX.slice(0, -1));
  const id = uuidv7();
  const apiToken = await ctx.em.transactional(async (em) => {
    const created = em.create(ApiToken, {
      id,
      tenant: viewer.tenantId,
      user: viewer.userId,
      name,
      tokenHash: tokenDigest(token),
      prefix: token.slice(0, SHOWN_CHARS),
      lastUsedAt: null,
      revokedAt: null,
    });
    recordAudit(em, viewer, { action: 'apiToken.create', resourceType: 'API_TOKEN', resourceId: id, summary: { name, shown: created.prefix } });
    return created;
  });
  ctx.logger.info({ apiTokenId: id, userId: viewer.userId, tenantId: viewer.tenantId }, 'API token created');
  return { token, apiToken };
}

/** One of the caller's own tokens (revoked ones included); anyone else's, and unknown ids, are NOT_FOUND. */
export async function findOwnApiToken(ctx: RequestScope, id: string): Promise<ApiToken> {
  const viewer = requirePerson(ctx);
  const apiToken = isUuid(id) ? await ctx.em.findOne(ApiToken, { id, user: viewer.userId, tenant: viewer.tenantId }) : null;
  if (!apiToken) throw notFound('API token');
  return apiToken;
}

/**
 * Revokes one of the caller's own tokens (an API token may revoke itself or a sibling); the next
 * request with it is 401. Others' tokens, and unknown ids, are NOT_FOUND. Revoking again changes nothing.
 */
export async function revokeApiToken(ctx: RequestScope, id: string): Promise<ApiToken> {
  const viewer = requirePerson(ctx);
  const apiToken = await findOwnApiToken(ctx, id);
  if (apiToken.revokedAt) return apiToken;
  await ctx.em.transactional(async (em) => {
    apiToken.revokedAt = new Date();
    recordAudit(em, viewer, { action: 'apiToken.revoke', resourceType: 'API_TOKEN', resourceId: apiToken.id, summary: { name: apiToken.name } });
  });
  return apiToken;
}

/** The caller's own tokens, revoked ones included, newest first, paged in SQL. */
export async function listApiTokens(ctx: RequestScope, window: NewestFirstWindow): Promise<ApiToken[]> {
  const viewer = requirePerson(ctx);
  if (window.limit === 0) return [];
  const page = newestFirstQuery(window);
  return ctx.em.find(ApiToken, { user: viewer.userId, tenant: viewer.tenantId, ...page.where }, { orderBy: page.orderBy, limit: page.limit });
}
