import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { test as it } from '../testkit/fixture.ts';

const Seats = graphql(`query SeatsUsage { seatUsage { paid public limit } }`);
const Settings = graphql(
  `mutation SeatsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { seatLimit invitationExpiryDays } }`,
);
const Invite = graphql(`
  mutation SeatsInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { user { id } } skipped { email reason } } }
`);
const Deactivate = graphql(`mutation SeatsDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const Restore = graphql(`mutation SeatsRestore($id: ID!) { restoreUser(id: $id) { id status } }`);

const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;

describe('seatUsage', () => {
  it('counts PENDING and ACTIVE users as paid, PUBLIC principals apart, DEACTIVATED nowhere; admins only', async ({ kit }) => {
    const t = await kit.seedTenant();
    // Seeded: admin, analyst, explorer, viewer (ACTIVE), one PENDING, one DEACTIVATED.
    await kit.addUser(t.tenant, { role: 'VIEWER', status: 'PUBLIC' });
    await kit.addUser(t.tenant, { role: 'VIEWER', status: 'PUBLIC' });
    const res = await kit.gql(Seats, {}, { token: t.admin.token });
    expect(res.data?.seatUsage).toEqual({ paid: 5, public: 2, limit: null });
    await kit.gql(Deactivate, { id: t.viewer.globalId }, { token: t.admin.token });
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data?.seatUsage?.paid).toBe(4);
    for (const who of [t.analyst, t.explorer]) {
      const denied = await kit.gql(Seats, {}, { token: who.token });
      expect(denied.data?.seatUsage).toBeNull();
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('is one SQL count', async ({ kit, tenant: t }) => {
    await kit.gql(Seats, {}, { token: t.admin.token });
    const { statements } = await kit.countStatements(() => kit.gql(Seats, {}, { token: t.admin.token }));
    expect(statements.filter((sql) => /count\(\*\)/i.test(sql))).toHaveLength(1);
  });

  it('never counts another tenant', async ({ kit, tenant: t }) => {
    const other = await kit.seedTenant();
    const before = (await kit.gql(Seats, {}, { token: t.admin.token })).data!.seatUsage!.paid;
    await kit.gql(Invite, { input: { emails: [email('elsewhere')], role: 'VIEWER' } }, { token: other.admin.token });
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data!.seatUsage!.paid).toBe(before);
  });
});

describe('the seat limit', () => {
  it('invitations past the limit are refused naming input.emails with the seats left; within it they go through', async ({ kit }) => {
    const t = await kit.seedTenant();
    // 5 paid seats in use.
    const set = await kit.gql(Settings, { input: { seatLimit: 7 } }, { token: t.admin.token });
    expect(set.data?.updateTenantSettings).toEqual({ seatLimit: 7, invitationExpiryDays: 7 });
    const tooMany = await kit.gql(Invite, { input: { emails: [email('a'), email('b'), email('c')], role: 'VIEWER' } }, { token: t.admin.token });
    expect(tooMany.data?.inviteUsers).toBeNull();
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.emails', seatsLeft: 2, seatLimit: 7 });
    expect(tooMany.errors?.[0]?.message).toContain('2 seats left');
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data?.seatUsage).toEqual({ paid: 5, public: 0, limit: 7 });
    // Addresses already in the workspace take no seat.
    const fits = await kit.gql(Invite, { input: { emails: [email('a'), t.analyst.email, email('b')], role: 'VIEWER' } }, { token: t.admin.token });
    expect(fits.errors).toBeUndefined();
    expect(fits.data?.inviteUsers?.invitations).toHaveLength(2);
    const full = await kit.gql(Invite, { input: { emails: [email('c')], role: 'VIEWER' } }, { token: t.admin.token });
    expect(full.errors?.[0]?.message).toContain('0 seats left');
    // Removing the limit lets invitations through again.
    await kit.gql(Settings, { input: { seatLimit: null } }, { token: t.admin.token });
    expect((await kit.gql(Invite, { input: { emails: [email('c')], role: 'VIEWER' } }, { token: t.admin.token })).data?.inviteUsers?.invitations).toHaveLength(
      1,
    );
  });

  it('concurrent invitations cannot pass the limit together', async ({ kit }) => {
    const t = await kit.seedTenant();
    await kit.gql(Settings, { input: { seatLimit: 6 } }, { token: t.admin.token });
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) => kit.gql(Invite, { input: { emails: [email(`c${i}`)], role: 'VIEWER' } }, { token: t.admin.token })),
    );
    expect(results.filter((r) => r.data?.inviteUsers?.invitations.length === 1)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(3);
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data?.seatUsage?.paid).toBe(6);
  });

  it('restoring a deactivated user takes a seat: refused when none is left', async ({ kit }) => {
    const t = await kit.seedTenant();
    await kit.gql(Settings, { input: { seatLimit: 5 } }, { token: t.admin.token });
    const refused = await kit.gql(Restore, { id: t.deactivated.globalId }, { token: t.admin.token });
    expect(refused.data?.restoreUser).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain('0 seats left');
    await kit.gql(Deactivate, { id: t.viewer.globalId }, { token: t.admin.token });
    expect((await kit.gql(Restore, { id: t.deactivated.globalId }, { token: t.admin.token })).data?.restoreUser?.status).toBe('ACTIVE');
  });

  it('a limit below the seats in use is accepted (nobody loses a seat); bad limits name the field; non-admins are refused', async ({ kit }) => {
    const t = await kit.seedTenant();
    const low = await kit.gql(Settings, { input: { seatLimit: 1 } }, { token: t.admin.token });
    expect(low.data?.updateTenantSettings?.seatLimit).toBe(1);
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data?.seatUsage).toEqual({ paid: 5, public: 0, limit: 1 });
    for (const seatLimit of [0, -3]) {
      const bad = await kit.gql(Settings, { input: { seatLimit } }, { token: t.admin.token });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seatLimit' });
    }
    const denied = await kit.gql(Settings, { input: { seatLimit: 100 } }, { token: t.analyst.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await kit.gql(Seats, {}, { token: t.admin.token })).data?.seatUsage?.limit).toBe(1);
  });
});
