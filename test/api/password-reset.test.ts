import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { TEST_PASSWORD, type TestKit } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const RequestReset = graphql(`mutation PrRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`);
const ResetPassword = graphql(`mutation PrReset($input: ResetPasswordInput!) { resetPassword(input: $input) }`);
const SendReset = graphql(`mutation PrSend($userId: ID!) { sendPasswordReset(userId: $userId) }`);
const Login = graphql(`mutation PrLogin($input: LoginInput!) { login(input: $input) { token } }`);
const Viewer = graphql(`query PrViewer { viewer { kind } }`);

const NEW_PASSWORD = 'a brand new passphrase 42';

async function mailsTo(kit: TestKit, address: string): Promise<{ subject: string; body: string }[]> {
  return kit.orm.em.fork().execute('select subject, body from outbox_emails where to_address = ? order by id', [address]);
}

/** The reset mail is written just after the answer (so that its timing says nothing): wait for it. */
async function resetMail(kit: TestKit, address: string, count = 1): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mails = await mailsTo(kit, address);
    if (mails.length >= count) {
      const match = /reset-password\?token=(\S+)/.exec(mails[count - 1]!.body);
      return decodeURIComponent(match![1]!);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no reset mail for ${address}`);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('requestPasswordReset', () => {
  it('answers the same for existing, unknown, pending and deactivated accounts and unknown workspaces; mails only the active one', async ({ kit }) => {
    const t = await kit.seedTenant();
    const inputs = [
      { tenant: t.slug, email: t.viewer.email.toUpperCase() },
      { tenant: t.slug, email: 'nobody@example.com' },
      { tenant: 'no-such-workspace', email: t.viewer.email },
      { tenant: t.slug, email: t.pending.email },
      { tenant: t.slug, email: t.deactivated.email },
    ];
    const bodies = new Set<string>();
    for (const input of inputs) {
      const res = await kit.gql(RequestReset, { input });
      expect(res.status).toBe(200);
      bodies.add(JSON.stringify({ data: res.data, errors: res.errors }));
    }
    expect([...bodies]).toEqual([JSON.stringify({ data: { requestPasswordReset: true } })]);
    const token = await resetMail(kit, t.viewer.email);
    expect(token).toMatch(/^pwr_/);
    await settle();
    expect(await mailsTo(kit, 'nobody@example.com')).toHaveLength(0);
    expect(await mailsTo(kit, t.pending.email)).toHaveLength(0);
    expect(await mailsTo(kit, t.deactivated.email)).toHaveLength(0);
    // Asking again at once sends nothing new.
    await kit.gql(RequestReset, { input: inputs[0]! });
    await settle();
    expect(await mailsTo(kit, t.viewer.email)).toHaveLength(1);
  });

  it('takes as long for an unknown account as for an existing one', async ({ kit, tenant: t }) => {
    const time = async (email: string) => {
      const started = performance.now();
      await kit.gql(RequestReset, { input: { tenant: t.slug, email } });
      return performance.now() - started;
    };
    await time(t.analyst.email);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(t.analyst.email));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[3]!;
    // Both paths run the same one lookup; the machine's noise (shared cores) gets a few milliseconds.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(20, 0.5 * Math.max(median(known), median(unknown))));
  });
});

describe('resetPassword', () => {
  it('sets the password once, ends every session of the user, and the old password stops working', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const other = await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: TEST_PASSWORD } });
    await kit.gql(RequestReset, { input: { tenant: t.slug, email: user.email } });
    const token = await resetMail(kit, user.email);

    const short = await kit.gql(ResetPassword, { input: { token, password: 'short' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect((await kit.gql(Viewer, {}, { token: user.token })).status).toBe(200);

    const res = await kit.gql(ResetPassword, { input: { token, password: NEW_PASSWORD } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.resetPassword).toBe(true);
    expect((await kit.gql(Viewer, {}, { token: user.token })).status).toBe(401);
    expect((await kit.gql(Viewer, {}, { token: other.data!.login!.token })).status).toBe(401);
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: TEST_PASSWORD } })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: NEW_PASSWORD } })).errors).toBeUndefined();

    const again = await kit.gql(ResetPassword, { input: { token, password: 'yet another passphrase' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: NEW_PASSWORD } })).errors).toBeUndefined();
  });

  it('refuses expired and made-up tokens', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.gql(RequestReset, { input: { tenant: t.slug, email: user.email } });
    const token = await resetMail(kit, user.email);
    await kit.orm.em.fork().execute(`update password_resets set expires_at = now() - interval '1 second' where user_id = ?`, [user.id]);
    for (const given of [token, 'pwr_made-up', '']) {
      const res = await kit.gql(ResetPassword, { input: { token: given, password: NEW_PASSWORD } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.token' });
    }
    expect((await kit.gql(Viewer, {}, { token: user.token })).status).toBe(200);
  });
});

describe('sendPasswordReset (admin)', () => {
  it('mails the same kind of link; refused for non-admins, other tenants and pending users', async ({ kit, tenant: t, otherTenant }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect((await kit.gql(SendReset, { userId: user.globalId }, { token: t.analyst.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await kit.gql(SendReset, { userId: user.globalId }, { token: otherTenant.admin.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await kit.gql(SendReset, { userId: t.pending.globalId }, { token: t.admin.token })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await mailsTo(kit, user.email)).toHaveLength(0);

    const sent = await kit.gql(SendReset, { userId: user.globalId }, { token: t.admin.token });
    expect(sent.data?.sendPasswordReset).toBe(true);
    const [mail] = await mailsTo(kit, user.email);
    expect(mail!.body).toContain('An admin');
    const token = /reset-password\?token=(\S+)/.exec(mail!.body)![1]!;
    expect((await kit.gql(ResetPassword, { input: { token: decodeURIComponent(token), password: NEW_PASSWORD } })).data?.resetPassword).toBe(true);
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: NEW_PASSWORD } })).errors).toBeUndefined();
  });
});
