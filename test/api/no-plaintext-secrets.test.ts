import { expect } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { currentTotp } from '../../src/auth/totp.ts';
import { graphql } from '../generated/gql.ts';
import { TEST_PASSWORD } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const RequestReset = graphql(`mutation NpRequest($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`);
const ResetPassword = graphql(`mutation NpReset($input: ResetPasswordInput!) { resetPassword(input: $input) }`);
const Login = graphql(`mutation NpLogin($input: LoginInput!) { login(input: $input) { token } }`);
const CreateToken = graphql(`mutation NpCreateToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`);
const Enroll = graphql(`mutation NpEnroll { enrollTwoFactor { secret otpauthUri } }`);
const Confirm = graphql(`mutation NpConfirm($input: ConfirmTwoFactorInput!) { confirmTwoFactor(input: $input) { recoveryCodes } }`);
const Viewer = graphql(`query NpViewer { viewer { kind } }`);
const Invite = graphql(`mutation NpInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token } } }`);
const Import = graphql(`mutation NpImport($input: ImportUsersInput!) { importUsers(input: $input) { invitations { token } } }`);

/**
 * Every row of every table of the test database as text (`t::text` of each row: all columns), read
 * with a connection of the test's own. Tables other test files drop meanwhile are skipped.
 */
async function everyRow(): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    const dump = new Map<string, string>();
    for (const table of tables) {
      const qualified = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
      try {
        const { rows } = await client.query<{ row: string }>(`select t::text as row from ${qualified} t`);
        dump.set(qualified, rows.map((r) => r.row).join('\n'));
      } catch (error) {
        if ((error as { code?: string }).code !== '42P01') throw error;
      }
    }
    return dump;
  } finally {
    await client.end();
  }
}

it('no password, API token, TOTP secret, recovery code or invitation token is stored or logged in clear', async ({ kit, tenant: t }) => {
  const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
  await kit.orm.em.fork().execute('update users set allow_api_access = true where id = ?', [user.id]);

  // A new password through a reset link.
  const newPassword = `fresh-passphrase-${Math.random().toString(36).slice(2)}`;
  await kit.gql(RequestReset, { input: { tenant: t.slug, email: user.email } });
  let resetToken = '';
  for (let i = 0; i < 100 && !resetToken; i++) {
    const [mail] = await kit.orm.em.fork().execute<{ body: string }[]>('select body from outbox_emails where to_address = ?', [user.email]);
    resetToken = mail ? decodeURIComponent(/token=(\S+)/.exec(mail.body)![1]!) : '';
    if (!resetToken) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect((await kit.gql(ResetPassword, { input: { token: resetToken, password: newPassword } })).data?.resetPassword).toBe(true);
  const session = (await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: newPassword } })).data!.login!.token;

  // An API token, used once.
  const apiToken = (await kit.gql(CreateToken, { input: { name: 'scan' } }, { token: session })).data!.createApiToken!.token;
  expect((await kit.gql(Viewer, {}, { token: apiToken })).data?.viewer?.kind).toBe('API_TOKEN');

  // Two-factor sign-in: the secret, its codes, the recovery codes, and a sign-in with one of each.
  const { secret } = (await kit.gql(Enroll, {}, { token: session })).data!.enrollTwoFactor!;
  const recoveryCodes = (await kit.gql(Confirm, { input: { code: currentTotp(secret, Date.now() - 30_000) } }, { token: session })).data!.confirmTwoFactor!
    .recoveryCodes;
  const otp = currentTotp(secret);
  expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: newPassword, otp } })).errors).toBeUndefined();
  expect((await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: newPassword, otp: recoveryCodes[0] } })).errors).toBeUndefined();
  // Failed attempts log nothing secret either.
  await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: `${newPassword}-wrong`, otp: recoveryCodes[1] } });

  // Invitation links, one invited and two imported: the tokens are in their mails only.
  const tag = Math.random().toString(36).slice(2);
  const invited = (await kit.gql(Invite, { input: { emails: [`np-invite-${tag}@example.com`], role: 'VIEWER' } }, { token: t.admin.token })).data!.inviteUsers!;
  const csv = `email,name\nnp-import-a-${tag}@example.com,A\nnp-import-b-${tag}@example.com,B`;
  const imported = (await kit.gql(Import, { input: { csv } }, { token: t.admin.token })).data!.importUsers!;
  const invitationTokens = [...invited.invitations, ...imported.invitations].map((i) => i.token);
  expect(invitationTokens).toHaveLength(3);

  const secrets: Record<string, string> = {
    'the new password': newPassword,
    'the wrong password': `${newPassword}-wrong`,
    'the fixture password': TEST_PASSWORD,
    'the API token': apiToken,
    'the API token without its shown prefix': apiToken.slice(12),
    'the TOTP secret': secret,
    'the TOTP secret (lower case)': secret.toLowerCase(),
    'the TOTP secret (hex)': Buffer.from(base32Decode(secret)).toString('hex'),
    ...Object.fromEntries(
      recoveryCodes.flatMap((code, i) => [
        [`recovery code ${i}`, code],
        [`recovery code ${i} (compact)`, code.replaceAll('-', '')],
      ]),
    ),
  };
  const rows = await everyRow();
  expect(rows.size).toBeGreaterThan(20);
  expect(rows.get('"public"."two_factor_secrets"')).toContain(user.id);
  expect(rows.get('"public"."api_tokens"')).toContain(user.id);
  for (const [table, text] of rows) {
    for (const [what, value] of Object.entries(secrets)) expect(text.includes(value), `${what} stored in ${table}`).toBe(false);
    // The reset link's token is in its mail only (the outbox holds mail until it is delivered).
    if (table !== '"public"."outbox_emails"') {
      expect(text.includes(resetToken), `the reset token stored in ${table}`).toBe(false);
      invitationTokens.forEach((token, i) => expect(text.includes(token), `invitation token ${i} stored in ${table}`).toBe(false));
    }
  }
  const logs = kit.logs.join('\n');
  expect(logs).toContain('signed in');
  expect(logs).toContain('users imported');
  const tokens = Object.fromEntries(invitationTokens.map((token, i) => [`invitation token ${i}`, token]));
  for (const [what, value] of Object.entries({ ...secrets, ...tokens, 'the reset token': resetToken }))
    expect(logs.includes(value), `${what} logged`).toBe(false);
});

/** RFC 4648 base32 → bytes (the TOTP secret's raw form). */
function base32Decode(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '')) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}
