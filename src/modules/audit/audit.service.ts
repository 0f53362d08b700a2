import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../auth/principal.ts';
import { AuditEvent } from './audit.entity.ts';

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
 * Records an audit event in the caller's unit of work, so it commits with the change it
 * describes (or not at all).
 */
export function recordAudit(
  em: EntityManager,
  viewer: Viewer,
  event: { action: string; resourceType: string; resourceId: string | null; summary?: Record<string, unknown> },
): void {
  em.create(AuditEvent, {
    tenant: viewer.tenantId,
    actor: viewer.userId,
    impersonator: viewer.impersonatorId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    summary: redactSummary(event.summary ?? {}) as Record<string, unknown>,
  });
}
