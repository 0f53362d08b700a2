import { builder } from '../../graphql/builder.ts';
import type { Tenant } from './tenant.entity.ts';
import { tenantSettings, updateTenantSettings } from './tenant-settings.service.ts';

const administer = { allowed: { action: 'tenant.administer' as const, facts: {} } };

const TenantSettingsRef = builder.objectRef<Tenant>('TenantSettings').implement({
  description: 'The workspace’s settings (admins only)',
  authScopes: administer,
  fields: (t) => ({
    requireTwoFactor: t.exposeBoolean('requireTwoFactor', {
      description: 'Members must sign in with a second factor; one without it gets a session that may only enroll',
    }),
  }),
});

const UpdateTenantSettingsInput = builder.inputType('UpdateTenantSettingsInput', {
  fields: (t) => ({
    requireTwoFactor: t.boolean({ description: 'Applies from each member’s next sign-in' }),
  }),
});

builder.queryFields((t) => ({
  tenantSettings: t.field({
    type: TenantSettingsRef,
    nullable: true,
    authScopes: administer,
    resolve: (_root, _args, ctx) => tenantSettings(ctx),
  }),
}));

builder.mutationFields((t) => ({
  updateTenantSettings: t.field({
    type: TenantSettingsRef,
    nullable: true,
    authScopes: administer,
    description: 'Admins change the workspace’s settings; only the given ones change',
    args: { input: t.arg({ type: UpdateTenantSettingsInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateTenantSettings(ctx, input),
  }),
}));
