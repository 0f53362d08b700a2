import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal.ts';
import type { Role, UserStatus } from '../../authz/vocabulary.ts';
import { isAdmin } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { newestFirstQuery, type NewestFirstWindow } from '../../db/id-window.ts';
import { forbidden } from '../../errors.ts';
import { AuditEvent } from './audit.entity.ts';
import { requirePerson } from '../../scope/scope.ts';

const SECRET_KEYS = /password|secret|token|hash|ciphertext/i;

/** Drops anything secret-looking from a change summary, at any depth. */
export function redactSummary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSummary);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEYS.test(key))
        .map(([key, v]) => [key, redactSummary(v)]),
    );
  }
  return value;
}

/**
 * A user as the actor of their own change when no session of theirs exists yet (accepting an
 * invitation, resetting a password): `recordAudit` reads only the tenant and user ids.
 */
export function userActor(user: { id: string; role: Role; status: UserStatus; tenant: { id: string } }): Principal {
  return { kind: 'USER', tenantId: user.tenant.id, tenantSlug: '', userId: user.id, role: user.role, status: user.status, sessionId: undefined };
}

/**
 * Records an audit event in the caller's unit of work, so it commits with the change it
 * describes (or not at all).
 */
export function recordAudit(
  em: EntityManager,
  viewer: Principal,
  event: { action: string; resourceType: string; resourceId: string | null; summary?: Record<string, unknown> },
): void {
  em.create(AuditEvent, auditRecord(viewer, event));
}

/** An audit event as a plain row (id included, summary redacted), for batched inserts in the caller's transaction. */
export function auditRecord(viewer: Principal, event: { action: string; resourceType: string; resourceId: string | null; summary?: Record<string, unknown> }) {
  return {
    id: uuidv7(),
    createdAt: new Date(),
    tenant: viewer.tenantId,
    actor: viewer.userId,
    impersonator: viewer.impersonatorId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    summary: redactSummary(event.summary ?? {}) as Record<string, unknown>,
  };
}

export interface AuditFilter {
  /** Raw id of the resource; '' (a malformed or foreign global id) matches nothing. */
  resourceId?: string | null;
  /** Raw id of the acting user; '' matches nothing. */
  actorId?: string | null;
}

/**
 * The tenant's audit log, newest first (ids are time-ordered), filtered and paged in SQL.
 * Admins only (PRODUCT.md §3); while impersonating, the viewer is the non-admin acted as.
 */
export async function listAuditEvents(
  ctx: { em: EntityManager; viewer: Principal | null },
  filter: AuditFilter,
  window: NewestFirstWindow,
): Promise<AuditEvent[]> {
  if (!isAdmin(ctx.viewer)) throw forbidden('Only admins can read the audit log');
  const viewer = requirePerson(ctx);
  const matchesNothing = [filter.resourceId, filter.actorId].some((id) => id != null && !isUuid(id));
  if (matchesNothing || window.limit === 0) return [];
  const page = newestFirstQuery(window);
  const where: FilterQuery<AuditEvent> = { tenant: viewer.tenantId, ...page.where };
  if (filter.resourceId != null) where.resourceId = filter.resourceId;
  if (filter.actorId != null) where.actor = filter.actorId;
  return ctx.em.find(AuditEvent, where, { orderBy: page.orderBy, limit: page.limit });
}
