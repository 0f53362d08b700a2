import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { InviteUsersInput, Role } from '../generated/graphql.ts';
import { globalId, type GraphQLResponse } from '../testkit/kit.ts';
import { test } from '../testkit/fixture.ts';

const Invite = graphql(`
  mutation InvitationsInvite($input: InviteUsersInput!) {
    inviteUsers(input: $input) {
      invitations { token user { id email role status allowApiAccess allowExportData groups { name } } }
      skipped { email index reason message }
    }
  }
`);
const Accept = graphql(`
  mutation InvitationsAccept($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) { token user { id name email status } }
  }
`);
const Resend = graphql(`
  mutation InvitationsResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token user { id status } } } }
`);
const Me = graphql(`query InvitationsViewer { viewer { user { id name email status } tenant { slug } } }`);
const Login = graphql(`mutation InvitationsLogin($input: LoginInput!) { login(input: $input) { token user { id } } }`);

const NEW_PASSWORD = 'a brand new passphrase';

const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) => {
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
};

const it = test
  .extend(
    'sql',
    ({ kit }) =>
      <T extends object>(query: string, params: unknown[] = []) =>
        kit.orm.em.fork().execute<T[]>(query, params),
  )
  .extend(
    'userCount',
    ({ sql }) =>
      async (tenantId: string) =>
        Number((await sql<{ count: string }>('select count(*) from users where tenant_id = ?', [tenantId]))[0]!.count),
  )
  .extend(
    'userRow',
    ({ sql }) =>
      async (tenantId: string, address: string) =>
        (
          await sql<{ id: string; name: string; status: string; password_hash: string | null }>(
            'select id, name, status, password_hash from users where tenant_id = ? and email = ?',
            [tenantId, address],
          )
        )[0],
  )
  .extend(
    'invite',
    ({ kit, tenant: t }) =>
      (input: Omit<InviteUsersInput, 'role'> & { role?: Role }, token = t.admin.token) =>
        kit.gql(Invite, { input: { ...input, role: input.role ?? 'VIEWER' } }, { token }),
  )
  /** Invites one address into `tenant` and returns its token and global user id. */
  .extend('inviteOne', ({ invite }) => async (address = email('one')) => {
    const res = await invite({ emails: [address] });
    const invitation = res.data!.inviteUsers!.invitations[0]!;
    return { address, token: invitation.token, userId: invitation.user.id };
  })
  .extend(
    'accept',
    ({ kit }) =>
      (token: string, password = NEW_PASSWORD, name = 'New Person') =>
        kit.gql(Accept, { input: { token, name, password } }),
  );

describe('inviteUsers', () => {
  it('an admin invites PENDING users with role, flags and groups, and queues one email each', async ({ kit, tenant: t, sql, invite }) => {
    const g1 = await kit.addGroup(t.tenant, 'Invite A', []);
    const g2 = await kit.addGroup(t.tenant, 'Invite B', []);
    const emails = [email('alice'), email('bob')];
    const res = await invite({
      emails: [` ${emails[0]!.toUpperCase()} `, emails[1]!],
      role: 'EXPLORER',
      allowApiAccess: true,
      allowExportData: false,
      groupIds: [globalId('Group', g2.id), globalId('Group', g1.id)],
      message: 'Welcome aboard',
    });
    expect(res.errors).toBeUndefined();
    const invitations = res.data!.inviteUsers!.invitations;
    expect(invitations.map((i) => i.user.email)).toEqual(emails);
    expect(new Set(invitations.map((i) => i.token)).size).toBe(2);
    for (const { token, user } of invitations) {
      expect(token).toMatch(/^inv_[\w-]{40,}$/);
      expect(user).toMatchObject({ role: 'EXPLORER', status: 'PENDING', allowApiAccess: true, allowExportData: false });
      expect(user.groups).toEqual([{ name: 'Invite A' }, { name: 'Invite B' }]);
      const mail = await sql<{ tenant_id: string; body: string }>('select tenant_id, body from outbox_emails where to_address = ?', [user.email]);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.tenant_id).toBe(t.tenant.id);
      expect(mail[0]!.body).toContain(`${kit.config.publicUrl}/accept-invitation?token=${token}`);
      expect(mail[0]!.body).toContain('Welcome aboard');
      const stored = await sql<{ token_hash: string; invited_by_id: string; expires_at: Date }>(
        'select i.token_hash, i.invited_by_id, i.expires_at from invitations i join users u on u.id = i.user_id where u.email = ? and u.tenant_id = ?',
        [user.email, t.tenant.id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0]!.token_hash).not.toBe(token);
      expect(stored[0]!.token_hash).not.toContain(token.slice(4));
      expect(stored[0]!.invited_by_id).toBe(t.admin.id);
      const days = (new Date(stored[0]!.expires_at).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
    }
  });

  it('defaults to no API access, export allowed and no groups; 50 addresses are accepted', async ({ invite }) => {
    const emails = Array.from({ length: 50 }, (_, i) => email(`bulk${i}`));
    const res = await invite({ emails });
    expect(res.errors).toBeUndefined();
    expect(res.data!.inviteUsers!.invitations).toHaveLength(50);
    expect(res.data!.inviteUsers!.invitations[0]!.user).toMatchObject({ role: 'VIEWER', allowApiAccess: false, allowExportData: true, groups: [] });
  });

  it('non-admins get FORBIDDEN and anonymous callers 401; nobody is created', async ({ kit, tenant: t, userCount, invite }) => {
    const before = await userCount(t.tenant.id);
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const res = await invite({ emails: [email('denied')], role: 'ADMIN' }, who.token);
      expect(res.data?.inviteUsers).toBeNull();
      expectError(res, 'FORBIDDEN');
    }
    const anonymous = await kit.gql(Invite, { input: { emails: [email('anon')], role: 'VIEWER' } });
    expect(anonymous.status).toBe(401);
    expectError(anonymous, 'UNAUTHENTICATED');
    expect(await userCount(t.tenant.id)).toBe(before);
  });

  it('rejects bad address lists with the field at fault and creates nobody', async ({ tenant: t, userCount, invite }) => {
    const before = await userCount(t.tenant.id);
    const good = email('good');
    const cases: [string[], string][] = [
      [[], 'input.emails'],
      [Array.from({ length: 51 }, (_, i) => email(`many${i}`)), 'input.emails'],
      [[good, 'not-an-email'], 'input.emails[1]'],
      [[good, 'someone@nodot'], 'input.emails[1]'],
    ];
    for (const [emails, field] of cases) {
      const res = await invite({ emails });
      expect(res.data?.inviteUsers).toBeNull();
      expectError(res, 'BAD_USER_INPUT', field);
    }
    const long = await invite({ emails: [good], message: 'm'.repeat(2001) });
    expectError(long, 'BAD_USER_INPUT', 'input.message');
    expect(await userCount(t.tenant.id)).toBe(before);
  });

  it('51 addresses are refused naming input.emails, and nobody of them is invited', async ({ tenant: t, userCount, invite }) => {
    const before = await userCount(t.tenant.id);
    const res = await invite({ emails: Array.from({ length: 51 }, (_, i) => email(`over${i}`)) });
    expect(res.data?.inviteUsers).toBeNull();
    expectError(res, 'BAD_USER_INPUT', 'input.emails');
    expect(res.errors?.[0]?.message).toContain('51 given');
    expect(await userCount(t.tenant.id)).toBe(before);
  });

  it('repeated addresses and those already in the tenant are reported per email while the rest are invited; another tenant may invite them', async ({
    tenant: t,
    otherTenant: other,
    sql,
    userCount,
    invite,
    inviteOne,
  }) => {
    const pending = await inviteOne();
    const before = await userCount(t.tenant.id);
    const fresh = [email('fresh1'), email('fresh2')];
    const res = await invite({ emails: [fresh[0]!, t.analyst.email.toUpperCase(), t.deactivated.email, pending.address, fresh[1]!, fresh[0]!.toUpperCase()] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.inviteUsers!.invitations.map((i) => i.user.email)).toEqual(fresh);
    expect(res.data!.inviteUsers!.skipped.map(({ email, index, reason }) => ({ email, index, reason }))).toEqual([
      { email: t.analyst.email, index: 1, reason: 'ALREADY_USER' },
      { email: t.deactivated.email, index: 2, reason: 'ALREADY_USER' },
      { email: pending.address, index: 3, reason: 'ALREADY_INVITED' },
      { email: fresh[0], index: 5, reason: 'DUPLICATE' },
    ]);
    expect(res.data!.inviteUsers!.skipped[2]!.message).toContain('resend');
    expect(await userCount(t.tenant.id)).toBe(before + 2);
    // Nobody skipped got a second invitation or email.
    const mails = await sql<{ count: string }>('select count(*) from outbox_emails where to_address = ?', [pending.address]);
    expect(Number(mails[0]!.count)).toBe(1);
    const allTaken = await invite({ emails: [t.analyst.email] });
    expect(allTaken.data!.inviteUsers).toMatchObject({ invitations: [], skipped: [{ reason: 'ALREADY_USER', index: 0 }] });
    const elsewhere = await invite({ emails: [t.analyst.email, pending.address] }, other.admin.token);
    expect(elsewhere.errors).toBeUndefined();
    expect(elsewhere.data!.inviteUsers!.invitations.map((i) => i.user.status)).toEqual(['PENDING', 'PENDING']);
  });

  it('concurrent invitations of one address create one user; the others report it as already invited, never INTERNAL', async ({ tenant: t, sql, invite }) => {
    const address = email('race');
    const results = await Promise.all([1, 2, 3, 4].map(() => invite({ emails: [address] })));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(results.map((r) => r.data!.inviteUsers!.invitations.length).sort()).toEqual([0, 0, 0, 1]);
    expect(results.flatMap((r) => r.data!.inviteUsers!.skipped.map((s) => s.reason))).toEqual(['ALREADY_INVITED', 'ALREADY_INVITED', 'ALREADY_INVITED']);
    const rows = await sql<{ count: string }>('select count(*) from users where tenant_id = ? and email = ?', [t.tenant.id, address]);
    expect(Number(rows[0]!.count)).toBe(1);
  });

  it('an unknown, foreign or malformed group id is BAD_USER_INPUT naming its position', async ({ kit, tenant: t, otherTenant: other, userCount, invite }) => {
    const own = globalId('Group', (await kit.addGroup(t.tenant, 'Invite own', [])).id);
    const foreign = globalId('Group', (await kit.addGroup(other.tenant, 'Invite foreign', [])).id);
    const before = await userCount(t.tenant.id);
    for (const bad of [foreign, globalId('Group', '01900000-0000-7000-8000-000000000000'), 'garbage', t.viewer.globalId]) {
      const res = await invite({ emails: [email('grp')], groupIds: [own, bad] });
      expect(res.data?.inviteUsers).toBeNull();
      expectError(res, 'BAD_USER_INPUT', 'input.groupIds[1]');
    }
    expect(await userCount(t.tenant.id)).toBe(before);
  });

  it('the group position named is the one in the caller’s list, even after a repeated id', async ({ kit, tenant: t, userCount, invite }) => {
    const own = globalId('Group', (await kit.addGroup(t.tenant, 'Invite repeated', [])).id);
    const before = await userCount(t.tenant.id);
    const res = await invite({ emails: [email('grp')], groupIds: [own, own, 'garbage'] });
    expect(res.data?.inviteUsers).toBeNull();
    expectError(res, 'BAD_USER_INPUT', 'input.groupIds[2]');
    expect(await userCount(t.tenant.id)).toBe(before);
  });
});

describe('acceptInvitation', () => {
  it('an anonymous caller accepts: the user becomes ACTIVE with the name and gets a working session', async ({
    kit,
    tenant: t,
    userRow,
    inviteOne,
    accept,
  }) => {
    const { address, token, userId } = await inviteOne();
    const res = await accept(token, NEW_PASSWORD, '  Ada Lovelace ');
    expect(res.errors).toBeUndefined();
    expect(res.data?.acceptInvitation?.user).toEqual({ id: userId, name: 'Ada Lovelace', email: address, status: 'ACTIVE' });
    const me = await kit.gql(Me, {}, { token: res.data!.acceptInvitation!.token });
    expect(me.status).toBe(200);
    expect(me.data?.viewer).toEqual({ user: { id: userId, name: 'Ada Lovelace', email: address, status: 'ACTIVE' }, tenant: { slug: t.slug } });
    const row = await userRow(t.tenant.id, address);
    expect(row).toMatchObject({ name: 'Ada Lovelace', status: 'ACTIVE' });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('then login with the new password works, and not before', async ({ kit, tenant: t, inviteOne, accept }) => {
    const { address, token, userId } = await inviteOne();
    const input = { tenant: t.slug, email: address, password: NEW_PASSWORD };
    const early = await kit.gql(Login, { input });
    expectError(early, 'UNAUTHENTICATED');
    expect((await accept(token)).data?.acceptInvitation?.token).toBeTruthy();
    const res = await kit.gql(Login, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data?.login?.user.id).toBe(userId);
    expect((await kit.gql(Me, {}, { token: res.data!.login!.token })).data?.viewer?.user?.status).toBe('ACTIVE');
  });

  it('a short password or a blank name is refused and the invitation still works afterwards', async ({ tenant: t, userRow, inviteOne, accept }) => {
    const { address, token } = await inviteOne();
    const short = await accept(token, 'x'.repeat(11));
    expect(short.data?.acceptInvitation).toBeNull();
    expectError(short, 'BAD_USER_INPUT', 'input.password');
    const blank = await accept(token, NEW_PASSWORD, '   ');
    expectError(blank, 'BAD_USER_INPUT', 'input.name');
    expect((await userRow(t.tenant.id, address))?.status).toBe('PENDING');
    const ok = await accept(token, 'y'.repeat(12));
    expect(ok.data?.acceptInvitation?.user.status).toBe('ACTIVE');
  });

  it('a token works once only', async ({ tenant: t, userRow, inviteOne, accept }) => {
    const { address, token } = await inviteOne();
    expect((await accept(token, NEW_PASSWORD, 'First')).data?.acceptInvitation?.user.name).toBe('First');
    const second = await accept(token, 'another long password', 'Second');
    expect(second.data?.acceptInvitation).toBeNull();
    expectError(second, 'BAD_USER_INPUT', 'input.token');
    expect(second.errors?.[0]?.extensions?.reason).toBe('ACCEPTED');
    expect(second.errors?.[0]?.message).toContain('sign in');
    expect((await userRow(t.tenant.id, address))?.name).toBe('First');
  });

  it('an expired invitation is refused with a clear error, the user stays PENDING, and a resend gives a working link', async ({
    kit,
    tenant: t,
    sql,
    userRow,
    inviteOne,
    accept,
  }) => {
    const { address, token, userId } = await inviteOne();
    const id = Buffer.from(userId, 'base64').toString().slice('User:'.length);
    await sql("update invitations set expires_at = now() - interval '1 minute' where user_id = ?", [id]);
    const res = await accept(token);
    expectError(res, 'BAD_USER_INPUT', 'input.token');
    expect(res.errors?.[0]?.extensions?.reason).toBe('EXPIRED');
    expect(res.errors?.[0]?.message).toMatch(/expired.*send it again/);
    expect((await userRow(t.tenant.id, address))?.status).toBe('PENDING');
    const resent = await kit.gql(Resend, { userId }, { token: t.admin.token });
    expect(resent.errors).toBeUndefined();
    expect((await accept(resent.data!.resendInvitation!.invitation.token)).data?.acceptInvitation?.user.status).toBe('ACTIVE');
  });

  it('made-up tokens are refused', async ({ accept }) => {
    for (const token of ['inv_made-up-token', '', 'x'.repeat(500)]) {
      const res = await accept(token);
      expect(res.data?.acceptInvitation).toBeNull();
      expectError(res, 'BAD_USER_INPUT', 'input.token');
      expect(res.errors?.[0]?.extensions?.reason).toBe('INVALID');
    }
  });
});

describe('resendInvitation', () => {
  it('an admin resends: the new token works and the old one no longer does', async ({ kit, tenant: t, sql, inviteOne, accept }) => {
    const { address, token: oldToken, userId } = await inviteOne();
    const res = await kit.gql(Resend, { userId }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    const newToken = res.data!.resendInvitation!.invitation.token;
    expect(res.data!.resendInvitation!.invitation.user).toEqual({ id: userId, status: 'PENDING' });
    expect(newToken).not.toBe(oldToken);
    const mails = await sql<{ body: string }>('select body from outbox_emails where to_address = ? order by id', [address]);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.body).toContain(`accept-invitation?token=${newToken}`);
    const stale = await accept(oldToken);
    expectError(stale, 'BAD_USER_INPUT', 'input.token');
    expect(stale.errors?.[0]?.extensions?.reason).toBe('INVALID');
    expect((await accept(newToken)).data?.acceptInvitation?.user.status).toBe('ACTIVE');
  });

  it('works for a pending user who has no invitation yet', async ({ kit, tenant: t, accept }) => {
    const res = await kit.gql(Resend, { userId: t.pending.globalId }, { token: t.admin.token });
    const token = res.data!.resendInvitation!.invitation.token;
    expect((await accept(token)).data?.acceptInvitation?.user.id).toBe(t.pending.globalId);
  });

  it('non-admins get FORBIDDEN and anonymous callers 401; the current link keeps working', async ({ kit, tenant: t, inviteOne, accept }) => {
    const { token, userId } = await inviteOne();
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const res = await kit.gql(Resend, { userId }, { token: who.token });
      expect(res.data?.resendInvitation).toBeNull();
      expectError(res, 'FORBIDDEN');
    }
    const anonymous = await kit.gql(Resend, { userId });
    expect(anonymous.status).toBe(401);
    expectError(anonymous, 'UNAUTHENTICATED');
    expect((await accept(token)).data?.acceptInvitation?.user.status).toBe('ACTIVE');
  });

  it('an ACTIVE user is a CONFLICT; another tenant’s user is NOT_FOUND', async ({ kit, tenant: t, otherTenant: other }) => {
    const active = await kit.gql(Resend, { userId: t.viewer.globalId }, { token: t.admin.token });
    expect(active.data?.resendInvitation).toBeNull();
    expectError(active, 'CONFLICT');
    for (const userId of [other.pending.globalId, 'garbage']) {
      const res = await kit.gql(Resend, { userId }, { token: t.admin.token });
      expect(res.data?.resendInvitation).toBeNull();
      expectError(res, 'NOT_FOUND');
    }
  });
});

const Settings = graphql(`
  mutation InvitationsSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { invitationExpiryDays seatLimit } }
`);
const ReadSettings = graphql(
  `query InvitationsReadSettings { tenantSettings { invitationExpiryDays seatLimit } viewer { tenant { settings { invitationExpiryDays } } } }`,
);

describe('invitation expiry, a tenant setting', () => {
  it('an admin sets the days; new invitations (and resends) expire then; the email says so', async ({ kit, sql }) => {
    const t = await kit.seedTenant();
    const read = await kit.gql(ReadSettings, {}, { token: t.admin.token });
    expect(read.data).toEqual({ tenantSettings: { invitationExpiryDays: 7, seatLimit: null }, viewer: { tenant: { settings: { invitationExpiryDays: 7 } } } });
    const set = await kit.gql(Settings, { input: { invitationExpiryDays: 2 } }, { token: t.admin.token });
    expect(set.data?.updateTenantSettings).toEqual({ invitationExpiryDays: 2, seatLimit: null });
    const address = email('short');
    const res = await kit.gql(Invite, { input: { emails: [address], role: 'VIEWER' } }, { token: t.admin.token });
    const userId = res.data!.inviteUsers!.invitations[0]!.user.id;
    const expiry = async () => {
      const rows = await sql<{ expires_at: Date }>(
        'select i.expires_at from invitations i join users u on u.id = i.user_id where u.email = ? and i.revoked_at is null',
        [address],
      );
      return (new Date(rows[0]!.expires_at).getTime() - Date.now()) / 86_400_000;
    };
    expect(await expiry()).toBeGreaterThan(1.9);
    expect(await expiry()).toBeLessThanOrEqual(2);
    const mail = await sql<{ body: string }>('select body from outbox_emails where to_address = ?', [address]);
    expect(mail[0]!.body).toContain('expires in 2 days');
    await kit.gql(Settings, { input: { invitationExpiryDays: 30 } }, { token: t.admin.token });
    await kit.gql(Resend, { userId }, { token: t.admin.token });
    expect(await expiry()).toBeGreaterThan(29.9);
    const audit = await sql<{ summary: Record<string, unknown> }>(
      "select summary from audit_events where tenant_id = ? and action = 'tenant.updateSettings' order by id",
      [t.tenant.id],
    );
    expect(audit.map((a) => a.summary)).toEqual([{ invitationExpiryDays: { before: 7, after: 2 } }, { invitationExpiryDays: { before: 2, after: 30 } }]);
  });

  it('non-admins cannot read or change the settings; bad values name the field', async ({ kit, tenant: t }) => {
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const res = await kit.gql(Settings, { input: { invitationExpiryDays: 3 } }, { token: who.token });
      expect(res.data?.updateTenantSettings).toBeNull();
      expectError(res, 'FORBIDDEN');
      const read = await kit.gql(ReadSettings, {}, { token: who.token });
      expect(read.data?.tenantSettings).toBeNull();
      expect(read.data?.viewer?.tenant.settings).toBeNull();
    }
    for (const days of [0, 91, null]) {
      const res = await kit.gql(Settings, { input: { invitationExpiryDays: days } }, { token: t.admin.token });
      expectError(res, 'BAD_USER_INPUT', 'input.invitationExpiryDays');
    }
    expect((await kit.gql(ReadSettings, {}, { token: t.admin.token })).data?.tenantSettings?.invitationExpiryDays).toBe(7);
  });
});
