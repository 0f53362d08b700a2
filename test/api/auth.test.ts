import { SignJWT } from 'jose';
import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { deriveKeys } from '../../src/auth/keys.ts';
import { TEST_PASSWORD, TEST_SECRET_KEY } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const Login = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      user { id email role }
    }
  }
`);
const ViewerQuery = graphql(`
  query ViewerQuery {
    viewer { kind user { id email role status } tenant { slug } impersonator { id } }
  }
`);
const Logout = graphql(`mutation Logout { logout }`);
const Deactivate = graphql(`mutation DeactivateForAuth($id: ID!) { deactivateUser(id: $id) { id status } }`);

describe('login', () => {
  it('signs in an active user (email case-insensitive) and the token works', async ({ kit, tenant: t }) => {
    const res = await kit.gql(Login, { input: { tenant: t.slug, email: t.analyst.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.login?.user.email).toBe(t.analyst.email);
    const me = await kit.gql(ViewerQuery, {}, { token: res.data!.login!.token });
    expect(me.status).toBe(200);
    expect(me.data?.viewer).toMatchObject({
      kind: 'USER',
      user: { email: t.analyst.email, role: 'ANALYST', status: 'ACTIVE' },
      tenant: { slug: t.slug },
      impersonator: null,
    });
  });

  it('refuses wrong password, unknown email, unknown tenant, pending and deactivated users with one error', async ({ kit, tenant: t }) => {
    const attempts = [
      { tenant: t.slug, email: t.viewer.email, password: 'wrong password!!' },
      { tenant: t.slug, email: 'nobody@example.com', password: TEST_PASSWORD },
      { tenant: 'no-such-tenant', email: t.viewer.email, password: TEST_PASSWORD },
      { tenant: t.slug, email: t.pending.email, password: TEST_PASSWORD },
      { tenant: t.slug, email: t.deactivated.email, password: TEST_PASSWORD },
    ];
    const messages = new Set<string>();
    for (const input of attempts) {
      const res = await kit.gql(Login, { input });
      expect(res.data?.login).toBeNull();
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      messages.add(res.errors![0]!.message);
    }
    expect(messages.size).toBe(1);
  });

  it('spends the same password-hashing work on unknown and on existing accounts', async ({ kit, tenant: t }) => {
    const time = async (email: string) => {
      const started = performance.now();
      await kit.gql(Login, { input: { tenant: t.slug, email, password: 'not the password' } });
      return performance.now() - started;
    };
    // Warm up, then compare medians: an unknown account must not answer much faster.
    await time(t.explorer.email);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(t.explorer.email));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('throttles repeated failures for one account', async ({ kit, tenant: t }) => {
    const victim = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const input = { tenant: t.slug, email: victim.email, password: 'guess guess guess' };
    for (let i = 0; i < 10; i++) await kit.gql(Login, { input });
    const blocked = await kit.gql(Login, { input: { ...input, password: TEST_PASSWORD } });
    expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(blocked.data?.login).toBeNull();
  });
});

describe('tokens', () => {
  it('anonymous requests to guarded fields get 401 UNAUTHENTICATED', async ({ kit }) => {
    const res = await kit.gql(ViewerQuery, {});
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a malformed Authorization header', async ({ kit }) => {
    const res = await kit.gql(ViewerQuery, {}, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered token', async ({ kit, tenant: t }) => {
    const [header, payload, signature] = t.viewer.token!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: t.admin.id })).toString('base64url');
    const res = await kit.gql(ViewerQuery, {}, { token: `${header}.${forged}.${signature}` });
    expect(res.status).toBe(401);
    expect(res.data).toBeFalsy();
  });

  it('rejects tokens signed with another key, with alg none, or expired', async ({ kit, tenant: t }) => {
    const claims = JSON.parse(Buffer.from(t.viewer.token!.split('.')[1]!, 'base64url').toString());
    const otherKey = deriveKeys('another-secret-key-that-is-long-enough-xx').sessionSigningKey;
    const ownKey = deriveKeys(TEST_SECRET_KEY).sessionSigningKey;
    const sign = (key: Uint8Array, patch: Record<string, unknown>) =>
      new SignJWT({ ...claims, ...patch }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${t.viewer.token!.split('.')[1]}.`;
    const nowS = Math.floor(Date.now() / 1000);
    const tokens = [await sign(otherKey, {}), none, await sign(ownKey, { exp: nowS - 10, iat: nowS - 100 }), await sign(ownKey, { aud: 'somebody-else' })];
    // The same claims with our key are accepted: the refusals above are about the changes only.
    expect((await kit.gql(ViewerQuery, {}, { token: await sign(ownKey, {}) })).status).toBe(200);
    for (const token of tokens) {
      const res = await kit.gql(ViewerQuery, {}, { token });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('logout revokes the session at once', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect((await kit.gql(ViewerQuery, {}, { token: user.token })).status).toBe(200);
    const out = await kit.gql(Logout, {}, { token: user.token });
    expect(out.data?.logout).toBe(true);
    const after = await kit.gql(ViewerQuery, {}, { token: user.token });
    expect(after.status).toBe(401);
  });

  it('deactivation ends the user’s sessions on the next request', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    expect((await kit.gql(ViewerQuery, {}, { token: user.token })).status).toBe(200);
    const res = await kit.gql(Deactivate, { id: user.globalId }, { token: t.admin.token });
    expect(res.data?.deactivateUser?.status).toBe('DEACTIVATED');
    expect((await kit.gql(ViewerQuery, {}, { token: user.token })).status).toBe(401);
  });

  it('reads the role from the database, not from the token', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.orm.em.fork().execute('update users set role = ? where id = ?', ['ANALYST', user.id]);
    const res = await kit.gql(ViewerQuery, {}, { token: user.token });
    expect(res.data?.viewer?.user?.role).toBe('ANALYST');
  });
});
