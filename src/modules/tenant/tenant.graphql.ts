import { builder } from '../../graphql/builder.ts';
import type { Tenant } from './tenant.entity.ts';
import { seatUsage, tenantSettings, updateTenantSettings, type TenantSettings } from './tenant.service.ts';

export const TenantSettingsRef = builder.objectRef<TenantSettings>('TenantSettings').implement({
  description: 'Workspace-wide settings; admins only',
  authScopes: { managePeople: true },
  fields: (t) => ({
    invitationExpiryDays: t.exposeInt('invitationExpiryDays', { description: 'Days an invitation link works (default 7)' }),
    seatLimit: t.exposeInt('seatLimit', { nullable: true, description: 'At most this many paid seats (PENDING and ACTIVE users); null: no limit' }),
    requireTwoFactor: t.exposeBoolean('requireTwoFactor', {
      description: 'Members must sign in with a second factor; one without it gets a session that may only enroll',
    }),
  }),
});

export const TenantRef = builder.objectRef<Tenant>('Tenant').implement({
  description: 'A customer workspace; everything belongs to exactly one',
  // Reached through `viewer`, which an enrollment-only session may read too.
  authScopes: { signedIn: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    settings: t.field({
      type: TenantSettingsRef,
      nullable: true,
      authScopes: { managePeople: true },
      resolve: (tenant) => ({ invitationExpiryDays: tenant.invitationTtlDays, seatLimit: tenant.seatLimit ?? null, requireTwoFactor: tenant.requireTwoFactor }),
    }),
  }),
});

const SeatUsageRef = builder.objectRef<{ paid: number; public: number; limit: number | null }>('SeatUsage').implement({
  description: 'PENDING and ACTIVE users are paid seats; PUBLIC principals (embedding, shareable links) never are',
  authScopes: { managePeople: true },
  fields: (t) => ({
    paid: t.exposeInt('paid'),
    public: t.exposeInt('public'),
    limit: t.exposeInt('limit', { nullable: true, description: 'The workspace’s seat limit; null: none' }),
  }),
});

builder.queryFields((t) => ({
  seatUsage: t.field({
    type: SeatUsageRef,
    nullable: true,
    authScopes: { managePeople: true },
    resolve: (_root, _args, ctx) => seatUsage(ctx),
  }),
  tenantSettings: t.field({
    type: TenantSettingsRef,
    nullable: true,
    authScopes: { managePeople: true },
    resolve: (_root, _args, ctx) => tenantSettings(ctx),
  }),
}));

const UpdateTenantSettingsInput = builder.inputType('UpdateTenantSettingsInput', {
  fields: (t) => ({
    invitationExpiryDays: t.int({ description: '1 to 90; applies to invitations issued from now on' }),
    seatLimit: t.int({ description: 'At least 1; null removes the limit; omitted: unchanged' }),
    requireTwoFactor: t.boolean({ description: 'Applies from each member’s next sign-in' }),
  }),
});

builder.mutationFields((t) => ({
  updateTenantSettings: t.field({
    type: TenantSettingsRef,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: UpdateTenantSettingsInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateTenantSettings(ctx, input),
  }),
}));
