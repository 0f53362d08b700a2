import { assertCan } from '../../authz/policy.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Tenant } from './tenant.entity.ts';

const DENIED = 'Only admins can see and change workspace settings';

export async function tenantSettings(ctx: RequestScope): Promise<Tenant> {
  await assertCan(ctx, 'tenant.administer', {}, DENIED);
  return ctx.em.findOneOrFail(Tenant, { id: requirePerson(ctx).tenantId });
}

export interface UpdateTenantSettingsInput {
  requireTwoFactor?: boolean | null;
}

/**
 * Changes the workspace's settings (admins). Requiring two-factor sign-in applies from each
 * member's next sign-in: one without a second factor then gets a session that may only enroll.
 */
export async function updateTenantSettings(ctx: RequestScope, input: UpdateTenantSettingsInput): Promise<Tenant> {
  await assertCan(ctx, 'tenant.administer', {}, DENIED);
  const viewer = requirePerson(ctx);
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: viewer.tenantId });
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  if (input.requireTwoFactor != null && input.requireTwoFactor !== tenant.requireTwoFactor) {
    changes.requireTwoFactor = { before: tenant.requireTwoFactor, after: input.requireTwoFactor };
    tenant.requireTwoFactor = input.requireTwoFactor;
  }
  if (Object.keys(changes).length > 0)
    recordAudit(ctx.em, viewer, { action: 'tenant.updateSettings', resourceType: 'TENANT', resourceId: tenant.id, summary: changes });
  await ctx.em.flush();
  return tenant;
}
