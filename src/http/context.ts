import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { YogaInitialContext } from 'graphql-yoga';
import type { Viewer } from '../auth/principal.ts';
import { canImpersonate } from '../authz/policy.ts';
import { internalError } from '../graphql/errors.ts';
import { verifySessionToken } from '../auth/session-token.ts';
import type { Logger } from '../logger.ts';
import type { Role, UserStatus } from '../modules/user/user.entity.ts';
import type { AppDeps } from './deps.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  viewer: Viewer | null;
  em: EntityManager;
  loaders: Loaders;
  deps: AppDeps;
  logger: Logger;
  /** The caller's address, for throttling sign-in attempts. */
  clientAddress: string;
}

/** Only one write per minute per user keeps `lastActiveAt` fresh without a write per request. */
const LAST_ACTIVE_RESOLUTION_MS = 60_000;

export function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

interface SessionRow {
  user_id: string;
  email: string;
  tenant_id: string;
  tenant_slug: string;
  role: Role;
  status: UserStatus;
  last_active_at: Date | null;
  impersonator_id: string | null;
  impersonator_role: Role | null;
  impersonator_status: UserStatus | null;
  impersonator_last_active_at: Date | null;
}

/**
 * An impersonation session (PRODUCT.md §1) is valid only while its impersonator is still ACTIVE
 * and still allowed to act as the target: both are read here on every request, so a demotion,
 * a deactivation or a promotion of the target ends it at once.
 */
function impersonationHolds(row: SessionRow): boolean {
  if (row.impersonator_id === null) return true;
  if (row.impersonator_status !== 'ACTIVE' || row.impersonator_role === null) return false;
  return canImpersonate({ userId: row.impersonator_id, role: row.impersonator_role }, row.role);
}

async function viewerFromToken(deps: AppDeps, em: EntityManager, token: string): Promise<Viewer> {
  const claims = await verifySessionToken(deps.keys.sessionSigningKey, token);
  if (!claims) throw unauthenticatedError('The token is invalid or expired');
  const rows = await em.execute<SessionRow[]>(
    `select u.id as user_id, u.email, t.id as tenant_id, t.slug as tenant_slug, u.role, u.status, u.last_active_at,
            s.impersonator_id, i.role as impersonator_role, i.status as impersonator_status,
            i.last_active_at as impersonator_last_active_at
       from sessions s
       join users u on u.id = s.user_id and u.tenant_id = s.tenant_id
       join tenants t on t.id = s.tenant_id
       left join users i on i.id = s.impersonator_id and i.tenant_id = s.tenant_id
      where s.id = ? and s.user_id = ? and s.tenant_id = ?
        and s.revoked_at is null and s.expires_at > now() and u.status = 'ACTIVE'`,
    [claims.sessionId, claims.userId, claims.tenantId],
  );
  const row = rows[0];
  if (!row) throw unauthenticatedError('The session has ended; sign in again');
  if (!impersonationHolds(row)) throw unauthenticatedError('The impersonation has ended; sign in again');
  // While impersonating, the person at the keyboard is the impersonator, not the target.
  const activeId = row.impersonator_id ?? row.user_id;
  const lastActive = row.impersonator_id ? row.impersonator_last_active_at : row.last_active_at;
  if (!lastActive || Date.now() - new Date(lastActive).getTime() > LAST_ACTIVE_RESOLUTION_MS) {
    await em.execute('update users set last_active_at = now() where id = ?', [activeId]);
  }
  return {
    kind: 'USER',
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    status: row.status,
    sessionId: claims.sessionId,
    ...(row.impersonator_id ? { impersonatorId: row.impersonator_id, impersonatorRole: row.impersonator_role! } : {}),
  };
}

export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header.trim());
  if (!match?.[1]) throw unauthenticatedError('The Authorization header must be "Bearer <token>"');
  return match[1];
}

export function createContextFactory(deps: AppDeps) {
  return async (initial: YogaInitialContext & { clientAddress?: string }): Promise<Context> => {
    const requestId = initial.request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
    const em = deps.orm.em.fork() as EntityManager;
    const logger = deps.logger.child({ requestId });
    const token = bearerToken(initial.request.headers.get('authorization'));
    let viewer: Viewer | null = null;
    if (token !== undefined) {
      try {
        viewer = await viewerFromToken(deps, em, token);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        logger.error({ err: error }, 'resolving the principal failed');
        throw internalError(requestId);
      }
    }
    return {
      requestId,
      viewer,
      em,
      loaders: createLoaders(em, viewer),
      deps,
      logger,
      clientAddress: initial.clientAddress ?? 'unknown',
    };
  };
}
