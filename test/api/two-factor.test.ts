import { describe, expect } from 'vitest';
import { currentTotp } from '../../src/auth/totp.ts';
import { graphql } from '../generated/gql.ts';
import { TEST_PASSWORD, type SeededUser, type TestKit } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const Login = graphql(`
  mutation TfLogin($input: LoginInput!) { login(input: $input) { token twoFactorEnrollmentRequired user { id twoFactorEnabled } } }
`);
const Enroll = graphql(`mutation TfEnroll { enrollTwoFactor { secret otpauthUri } }`);
const Confirm = graphql(`mutation TfConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }`);
const Reset = graphql(`mutation TfReset($userId: ID!) { resetTwoFactor(userId: $userId) { id twoFactorEnabled } }`);
const Settings = graphql(`
  mutation TfSettings($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { requireTwoFactor } }
`);
const ReadSettings = graphql(`query TfReadSettings { tenantSettings { requireTwoFactor } }`);
const Viewer = graphql(`query TfViewer { viewer { kind enrollmentOnly user { id email twoFactorEnabled } tenant { slug } } }`);
const UserStatus = graphql(`query TfUser($id: ID!) { user(id: $id) { id twoFactorEnabled } }`);
const Users = graphql(`query TfUsers { users(first: 5) { edges { node { id } } } }`);
const Logout = graphql(`mutation TfLogout { logout }`);

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions;
/** A step other than the current one, so that a code accepted a moment ago is not a replay. */
const codeAt = (secret: string, stepsFromNow: number) => currentTotp(secret, Date.now() + stepsFromNow * 30_000);

async function enrolled(kit: TestKit, user: SeededUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const enroll = await kit.gql(Enroll, {}, { token: user.token });
  expect(enroll.errors).toBeUndefined();
  const secret = enroll.data!.enrollTwoFactor!.secret;
  const confirm = await kit.gql(Confirm, { input: { code: codeAt(secret, -1) } }, { token: user.token });
  expect(confirm.errors, JSON.stringify(confirm.errors)).toBeUndefined();
  return { secret, recoveryCodes: confirm.data!.confirmTwoFactor!.recoveryCodes };
}

describe('enrollment', () => {
  it('gives a secret and an otpauth URI; a wrong code confirms nothing; the right one turns it on with ten recovery codes', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const enroll = await kit.gql(Enroll, {}, { token: user.token });
    const { secret, otpauthUri } = enroll.data!.enrollTwoFactor!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(uri.pathname)).toContain(user.email);
    // Not on until confirmed: sign-in needs no code yet.
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: TEST_PASSWORD } })).errors).toBeUndefined();

    const wrong = await kit.gql(Confirm, { input: { code: String((Number(codeAt(secret, 0)) + 1) % 1_000_000).padStart(6, '0') } }, { token: user.token });
    expect(code(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect((await kit.gql(UserStatus, { id: user.globalId }, { token: t.admin.token })).data?.user?.twoFactorEnabled).toBe(false);

    const confirm = await kit.gql(Confirm, { input: { code: codeAt(secret, 0) } }, { token: user.token });
    const recoveryCodes = confirm.data!.confirmTwoFactor!.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const recovery of recoveryCodes) expect(recovery).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    // The admin and the user see it on; others do not see the field.
    expect((await kit.gql(UserStatus, { id: user.globalId }, { token: t.admin.token })).data?.user?.twoFactorEnabled).toBe(true);
    expect((await kit.gql(Viewer, {}, { token: user.token })).data?.viewer?.user?.twoFactorEnabled).toBe(true);
    const peer = await kit.gql(UserStatus, { id: user.globalId }, { token: t.analyst.token });
    expect(peer.data?.user?.twoFactorEnabled ?? null).toBeNull();
    // Enrolling again while on is refused (an admin resets it).
    expect(code(await kit.gql(Enroll, {}, { token: user.token }))?.code).toBe('CONFLICT');
  });

  it('is refused with an API token and while impersonating', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.orm.em.fork().execute('update users set allow_api_access = true where id = ?', [user.id]);
    const CreateToken = graphql(`mutation TfCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`);
    const apiToken = (await kit.gql(CreateToken, { input: { name: 'x' } }, { token: user.token })).data!.createApiToken!.token;
    expect(code(await kit.gql(Enroll, {}, { token: apiToken }))?.code).toBe('FORBIDDEN');
    const Impersonate = graphql(`mutation TfImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
    const acting = (await kit.gql(Impersonate, { userId: user.globalId }, { token: t.admin.token })).data!.impersonate!.token;
    expect(code(await kit.gql(Enroll, {}, { token: acting }))?.code).toBe('FORBIDDEN');
    expect(await kit.orm.em.fork().execute('select 1 from two_factor_secrets where user_id = ?', [user.id])).toHaveLength(0);
  });
});

describe('signing in with two-factor sign-in on', () => {
  it('asks for the code only after the password; a current code signs in, a replayed or wrong one does not', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const { secret } = await enrolled(kit, user);
    const input = { tenant: t.slug, email: user.email, password: TEST_PASSWORD };
    // Without the password nothing says the account has two-factor sign-in.
    const badPassword = await kit.gql(Login, { input: { ...input, password: 'not the password at all' } });
    expect(code(badPassword)).toEqual({ code: 'UNAUTHENTICATED' });

    const missing = await kit.gql(Login, { input });
    expect(missing.status).toBe(401);
    expect(code(missing)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'OTP_REQUIRED' });
    expect(missing.data?.login).toBeNull();
    const wrongCode = String((Number(codeAt(secret, 1)) + 7) % 1_000_000).padStart(6, '0');
    expect(code(await kit.gql(Login, { input: { ...input, otp: wrongCode } }))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'OTP_INVALID' });

    const otp = codeAt(secret, 1);
    const ok = await kit.gql(Login, { input: { ...input, otp } });
    expect(ok.errors).toBeUndefined();
    expect((await kit.gql(Viewer, {}, { token: ok.data!.login!.token })).data?.viewer).toMatchObject({ kind: 'USER', enrollmentOnly: false });
    // The same code a second time: refused (RFC 6238 §5.2).
    expect(code(await kit.gql(Login, { input: { ...input, otp } }))).toMatchObject({ reason: 'OTP_INVALID' });
  });

  it('a recovery code signs in once', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const { recoveryCodes } = await enrolled(kit, user);
    const input = { tenant: t.slug, email: user.email, password: TEST_PASSWORD };
    const first = await kit.gql(Login, { input: { ...input, otp: recoveryCodes[3]!.toUpperCase() } });
    expect(first.errors).toBeUndefined();
    expect(code(await kit.gql(Login, { input: { ...input, otp: recoveryCodes[3] } }))).toMatchObject({ reason: 'OTP_INVALID' });
    // Another one still works; someone else's does not.
    expect((await kit.gql(Login, { input: { ...input, otp: recoveryCodes[4]!.replaceAll('-', '') } })).errors).toBeUndefined();
    const other = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await enrolled(kit, other);
    expect(code(await kit.gql(Login, { input: { tenant: t.slug, email: other.email, password: TEST_PASSWORD, otp: recoveryCodes[5] } }))).toMatchObject({
      reason: 'OTP_INVALID',
    });
  });

  it('wrong codes count against the sign-in throttle', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const { secret } = await enrolled(kit, user);
    const input = { tenant: t.slug, email: user.email, password: TEST_PASSWORD };
    for (let i = 0; i < 10; i++) await kit.gql(Login, { input: { ...input, otp: '000000' === codeAt(secret, 0) ? '111111' : '000000' } });
    const blocked = await kit.gql(Login, { input: { ...input, otp: codeAt(secret, 1) } });
    expect(code(blocked)?.code).toBe('RATE_LIMITED');
  });
});

describe('admin reset', () => {
  it('turns it off so the user signs in with the password and enrolls again; refused for non-admins and for oneself', async ({
    kit,
    tenant: t,
    otherTenant,
  }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await enrolled(kit, user);
    expect(code(await kit.gql(Reset, { userId: user.globalId }, { token: t.analyst.token }))?.code).toBe('FORBIDDEN');
    expect(code(await kit.gql(Reset, { userId: user.globalId }, { token: otherTenant.admin.token }))?.code).toBe('NOT_FOUND');
    expect(code(await kit.gql(Reset, { userId: t.admin.globalId }, { token: t.admin.token }))?.code).toBe('FORBIDDEN');
    const input = { tenant: t.slug, email: user.email, password: TEST_PASSWORD };
    expect(code(await kit.gql(Login, { input }))).toMatchObject({ reason: 'OTP_REQUIRED' });

    const reset = await kit.gql(Reset, { userId: user.globalId }, { token: t.admin.token });
    expect(reset.data?.resetTwoFactor?.twoFactorEnabled).toBe(false);
    expect(await kit.orm.em.fork().execute('select 1 from two_factor_recovery_codes where user_id = ?', [user.id])).toHaveLength(0);
    const signedIn = await kit.gql(Login, { input });
    expect(signedIn.errors).toBeUndefined();
    const again = await kit.gql(Enroll, {}, { token: signedIn.data!.login!.token });
    expect(again.data?.enrollTwoFactor?.secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('a workspace that requires two-factor sign-in', () => {
  it('admins turn it on; a member without it gets an enrollment-only session until they confirm', async ({ kit }) => {
    const t = await kit.seedTenant();
    expect(code(await kit.gql(Settings, { input: { requireTwoFactor: true } }, { token: t.analyst.token }))?.code).toBe('FORBIDDEN');
    const on = await kit.gql(Settings, { input: { requireTwoFactor: true } }, { token: t.admin.token });
    expect(on.data?.updateTenantSettings?.requireTwoFactor).toBe(true);
    expect((await kit.gql(ReadSettings, {}, { token: t.admin.token })).data?.tenantSettings?.requireTwoFactor).toBe(true);

    const login = await kit.gql(Login, { input: { tenant: t.slug, email: t.viewer.email, password: TEST_PASSWORD } });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login?.twoFactorEnrollmentRequired).toBe(true);
    const token = login.data!.login!.token;
    // The viewer is readable (with their own user), everything else is FORBIDDEN.
    const me = await kit.gql(Viewer, {}, { token });
    expect(me.errors).toBeUndefined();
    expect(me.data?.viewer).toMatchObject({
      kind: 'USER',
      enrollmentOnly: true,
      user: { id: t.viewer.globalId, email: t.viewer.email },
      tenant: { slug: t.slug },
    });
    const users = await kit.gql(Users, {}, { token });
    expect(code(users)?.code).toBe('FORBIDDEN');
    expect(users.data?.users).toBeNull();
    expect(code(await kit.gql(UserStatus, { id: t.viewer.globalId }, { token }))?.code).toBe('FORBIDDEN');

    const secret = (await kit.gql(Enroll, {}, { token })).data!.enrollTwoFactor!.secret;
    expect((await kit.gql(Users, {}, { token })).data?.users).toBeNull();
    const confirmed = await kit.gql(Confirm, { input: { code: codeAt(secret, 0) } }, { token });
    expect(confirmed.data?.confirmTwoFactor?.recoveryCodes).toHaveLength(10);
    // The same session now has both factors behind it: a full session.
    expect((await kit.gql(Users, {}, { token })).data?.users?.edges.length).toBeGreaterThan(0);
    expect((await kit.gql(Viewer, {}, { token })).data?.viewer?.enrollmentOnly).toBe(false);
    // The next sign-in asks for the code.
    expect(code(await kit.gql(Login, { input: { tenant: t.slug, email: t.viewer.email, password: TEST_PASSWORD } }))).toMatchObject({ reason: 'OTP_REQUIRED' });
  });

  it('an enrollment-only session can sign out; without the requirement sign-in is a full session', async ({ kit }) => {
    const t = await kit.seedTenant();
    const plain = await kit.gql(Login, { input: { tenant: t.slug, email: t.explorer.email, password: TEST_PASSWORD } });
    expect(plain.data?.login?.twoFactorEnrollmentRequired).toBe(false);
    expect((await kit.gql(Users, {}, { token: plain.data!.login!.token })).data?.users).not.toBeNull();

    await kit.gql(Settings, { input: { requireTwoFactor: true } }, { token: t.admin.token });
    const login = await kit.gql(Login, { input: { tenant: t.slug, email: t.explorer.email, password: TEST_PASSWORD } });
    const token = login.data!.login!.token;
    expect((await kit.gql(Logout, {}, { token })).data?.logout).toBe(true);
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(401);
  });
});
