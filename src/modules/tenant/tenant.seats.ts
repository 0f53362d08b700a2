import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../../errors.ts';

/** Paid seats (PENDING and ACTIVE users; PUBLIC never) of a tenant, with its limit. */
export async function countSeats(em: EntityManager, tenantId: string): Promise<{ paid: number; public: number }> {
  const [row] = await em.execute<{ paid: string; public: string }[]>(
    `select count(*) filter (where status in ('PENDING', 'ACTIVE')) as paid, count(*) filter (where status = 'PUBLIC') as public
       from users where tenant_id = ?`,
    [tenantId],
  );
  return { paid: Number(row?.paid ?? 0), public: Number(row?.public ?? 0) };
}

/**
 * Refuses `adding` more paid seats past the tenant's limit. Call inside the transaction that adds
 * them, after `lockTenant`: concurrent invitations and restores are serialized on the tenant row.
 */
export async function assertSeatsLeft(
  em: EntityManager,
  tenant: { id: string; seatLimit?: number | null },
  adding: number,
  field: string,
  code: 'BAD_USER_INPUT' | 'CONFLICT',
) {
  if (tenant.seatLimit == null || adding <= 0) return;
  const { paid } = await countSeats(em, tenant.id);
  const left = Math.max(0, tenant.seatLimit - paid);
  if (adding > left) {
    const message = `The workspace has ${tenant.seatLimit} paid seats and ${left} seat${left === 1 ? '' : 's'} left; ${adding} requested`;
    throw new DomainError(code, message, field, { seatLimit: tenant.seatLimit, seatsLeft: left });
  }
}

/**
 * Locks the tenant's row until the transaction ends (`no key update`: inserts referencing the
 * tenant are not blocked) and reads it afresh. Invitations, restores, admin removals and settings
 * changes of one tenant are serialized on it, so counts read afterwards are not outrun.
 */
export async function lockTenant(
  em: EntityManager,
  tenantId: string,
): Promise<{ id: string; name: string; invitationTtlDays: number; seatLimit: number | null; requireTwoFactor: boolean }> {
  const [row] = await em.execute<{ id: string; name: string; invitation_ttl_days: number; seat_limit: number | null; require_two_factor: boolean }[]>(
    'select id, name, invitation_ttl_days, seat_limit, require_two_factor from tenants where id = ? for no key update',
    [tenantId],
  );
  if (!row) throw notFound('Tenant');
  return { id: row.id, name: row.name, invitationTtlDays: row.invitation_ttl_days, seatLimit: row.seat_limit, requireTwoFactor: row.require_two_factor };
}
