import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { SeededUser, TestKit } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const Create = graphql(`
  mutation AtCreate($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name prefix lastUsedAt revokedAt } } }
`);
const Revoke = graphql(`mutation AtRevoke($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`);
const List = graphql(`query AtList { apiTokens(first: 100) { edges { node { id name prefix createdAt lastUsedAt revokedAt } } } }`);
const Viewer = graphql(`query AtViewer { viewer { kind user { id email role } tenant { slug } } }`);
const UpdateUser = graphql(`mutation AtUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id allowApiAccess } }`);
const Deactivate = graphql(`mutation AtDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const Restore = graphql(`mutation AtRestore($id: ID!) { restoreUser(id: $id) { id status } }`);
const NodeById = graphql(`query AtNode($id: ID!) { node(id: $id) { id ... on ApiToken { name revokedAt } } }`);
const Impersonate = graphql(`mutation AtImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);

const sql = <T extends object>(kit: TestKit, query: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(query, params);
const allowApi = (kit: TestKit, user: SeededUser, on = true) => sql(kit, 'update users set allow_api_access = ? where id = ?', [on, user.id]);
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;

async function tokenFor(kit: TestKit, user: SeededUser, name = 'ci'): Promise<{ token: string; id: string }> {
  const res = await kit.gql(Create, { input: { name } }, { token: user.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { token: res.data!.createApiToken!.token, id: res.data!.createApiToken!.apiToken.id };
}

describe('creating API tokens', () => {
  it('a user with allowApiAccess gets a tsk_ token, shown once and stored as a digest; it acts as them (viewer.kind API_TOKEN)', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    await allowApi(kit, user);
    const res = await kit.gql(Create, { input: { name: ' Nightly sync ' } }, { token: user.token });
    expect(res.errors).toBeUndefined();
    const { token, apiToken } = res.data!.createApiToken!;
    expect(token).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'Nightly sync', prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null });
    const [row] = await sql<{ token_hash: string }>(kit, 'select token_hash from api_tokens where user_id = ?', [user.id]);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await sql(kit, 'select * from api_tokens'))).not.toContain(token.slice(12));

    const me = await kit.gql(Viewer, {}, { token });
    expect(me.status).toBe(200);
    expect(me.data?.viewer).toMatchObject({ kind: 'API_TOKEN', user: { id: user.globalId, email: user.email, role: 'ANALYST' }, tenant: { slug: t.slug } });
    // The list shows it (never the token), to its owner only.
    const listed = await kit.gql(List, {}, { token: user.token });
    expect(listed.data?.apiTokens?.edges.map((e) => e.node.id)).toEqual([apiToken.id]);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect((await kit.gql(List, {}, { token: t.admin.token })).data?.apiTokens?.edges.map((e) => e.node.id)).not.toContain(apiToken.id);
  });

  it('is refused without allowApiAccess, with the API_TOKENS feature DISABLED, with an API token and while impersonating', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const refused = await kit.gql(Create, { input: { name: 'x' } }, { token: user.token });
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain('allowApiAccess');
    expect(await sql(kit, 'select 1 from api_tokens where user_id = ?', [user.id])).toHaveLength(0);

    await allowApi(kit, user);
    const { token } = await tokenFor(kit, user);
    // A token cannot mint more tokens (a leaked one would otherwise outlive its revocation).
    const fromToken = await kit.gql(Create, { input: { name: 'y' } }, { token });
    expect(code(fromToken)).toBe('FORBIDDEN');
    // An admin acting as the user cannot mint tokens in their name.
    const acting = (await kit.gql(Impersonate, { userId: user.globalId }, { token: t.admin.token })).data!.impersonate!.token;
    expect(code(await kit.gql(Create, { input: { name: 'z' } }, { token: acting }))).toBe('FORBIDDEN');

    const set = await kit.gql(
      UpdateUser,
      { input: { id: user.globalId, featurePermissions: [{ feature: 'API_TOKENS', state: 'DISABLED' }] } },
      { token: t.admin.token },
    );
    expect(set.errors).toBeUndefined();
    const disabled = await kit.gql(Create, { input: { name: 'w' } }, { token: user.token });
    expect(code(disabled)).toBe('FORBIDDEN');
    expect(disabled.errors?.[0]?.message).toContain('API tokens feature');
    await kit.gql(UpdateUser, { input: { id: user.globalId, featurePermissions: [{ feature: 'API_TOKENS', state: 'DEFAULT' }] } }, { token: t.admin.token });
    expect((await kit.gql(Create, { input: { name: 'v' } }, { token: user.token })).errors).toBeUndefined();
    expect(await sql(kit, 'select name from api_tokens where user_id = ? order by id', [user.id])).toEqual([{ name: 'ci' }, { name: 'v' }]);
  });

  it('validates the name', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await allowApi(kit, user);
    const res = await kit.gql(Create, { input: { name: '   ' } }, { token: user.token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });
});

describe('API tokens stop at once', () => {
  it('deactivating the user: 401 on the next request; restoring brings it back', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await allowApi(kit, user);
    const { token } = await tokenFor(kit, user);
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(200);
    expect((await kit.gql(Deactivate, { id: user.globalId }, { token: t.admin.token })).data?.deactivateUser?.status).toBe('DEACTIVATED');
    const after = await kit.gql(Viewer, {}, { token, sync: false });
    expect(after.status).toBe(401);
    expect(code(after)).toBe('UNAUTHENTICATED');
    await kit.gql(Restore, { id: user.globalId }, { token: t.admin.token });
    expect((await kit.gql(Viewer, {}, { token, sync: false })).status).toBe(200);
  });

  it('turning allowApiAccess off: 401 on the next request; on again: it works', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    await allowApi(kit, user);
    const { token } = await tokenFor(kit, user);
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(200);
    const off = await kit.gql(UpdateUser, { input: { id: user.globalId, allowApiAccess: false } }, { token: t.admin.token });
    expect(off.data?.updateUser?.allowApiAccess).toBe(false);
    expect((await kit.gql(Viewer, {}, { token, sync: false })).status).toBe(401);
    // The user's session is unaffected: the flag is about API tokens only.
    expect((await kit.gql(Viewer, {}, { token: user.token })).status).toBe(200);
    await kit.gql(UpdateUser, { input: { id: user.globalId, allowApiAccess: true } }, { token: t.admin.token });
    expect((await kit.gql(Viewer, {}, { token, sync: false })).status).toBe(200);
  });

  it('deleting the user: 401 (the token goes with them)', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await allowApi(kit, user);
    const { token } = await tokenFor(kit, user);
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(200);
    await sql(kit, 'delete from users where id = ?', [user.id]);
    expect((await kit.gql(Viewer, {}, { token, sync: false })).status).toBe(401);
    expect(await sql(kit, 'select 1 from api_tokens where user_id = ?', [user.id])).toHaveLength(0);
  });

  it('revoking: 401 on the next request, for that token only; others’ tokens are NOT_FOUND', async ({ kit, tenant: t, otherTenant }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await allowApi(kit, user);
    const first = await tokenFor(kit, user, 'one');
    const second = await tokenFor(kit, user, 'two');
    // Neither another user of the tenant nor someone of another tenant can revoke it.
    expect(code(await kit.gql(Revoke, { id: first.id }, { token: t.admin.token }))).toBe('NOT_FOUND');
    expect(code(await kit.gql(Revoke, { id: first.id }, { token: otherTenant.admin.token }))).toBe('NOT_FOUND');
    expect((await kit.gql(Viewer, {}, { token: first.token })).status).toBe(200);
    // A token may revoke a sibling (or itself).
    const revoked = await kit.gql(Revoke, { id: first.id }, { token: second.token });
    expect(revoked.data?.revokeApiToken?.revokedAt).toBeTruthy();
    expect((await kit.gql(Viewer, {}, { token: first.token, sync: false })).status).toBe(401);
    expect((await kit.gql(Viewer, {}, { token: second.token, sync: false })).status).toBe(200);
    const listed = (await kit.gql(List, {}, { token: user.token })).data?.apiTokens?.edges.map((e) => e.node);
    expect(listed?.map((n) => [n.id, n.revokedAt !== null])).toEqual([
      [second.id, false],
      [first.id, true],
    ]);
    // node(id) reaches its owner's tokens only, as the list does.
    expect((await kit.gql(NodeById, { id: first.id }, { token: user.token })).data?.node).toMatchObject({ id: first.id, name: 'one' });
    expect(code(await kit.gql(NodeById, { id: first.id }, { token: t.admin.token }))).toBe('NOT_FOUND');
    expect(code(await kit.gql(NodeById, { id: second.id }, { token: otherTenant.admin.token }))).toBe('NOT_FOUND');
  });

  it('unknown, malformed and made-up tsk_ tokens are 401', async ({ kit }) => {
    for (const token of ['tsk_', 'tsk_short', `tsk_${'A'.repeat(43)}`, `tsk_${'A'.repeat(44)}`]) {
      const res = await kit.gql(Viewer, {}, { token });
      expect(res.status).toBe(401);
      expect(code(res)).toBe('UNAUTHENTICATED');
    }
  });
});

describe('last use', () => {
  it('is recorded at most once a minute, in the one statement that resolves the token', async ({ kit, tenant: t }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await allowApi(kit, user);
    const { token, id } = await tokenFor(kit, user);
    const raw = Buffer.from(id, 'base64').toString().split(':')[1]!;
    const lastUsed = async () =>
      (await sql<{ at: string | null }>(kit, 'select (extract(epoch from last_used_at) * 1000)::bigint::text as at from api_tokens where id = ?', [raw]))[0]!
        .at;
    expect(await lastUsed()).toBeNull();
    await kit.gql(Viewer, {}, { token });
    const first = await lastUsed();
    expect(Number(first)).toBeGreaterThan(Date.now() - 60_000);
    // Within the minute: unchanged.
    await sql(kit, `update api_tokens set last_used_at = now() - interval '30 seconds' where user_id = ?`, [user.id]);
    const pinned = await lastUsed();
    await kit.gql(Viewer, {}, { token });
    expect(await lastUsed()).toBe(pinned);
    // Older than a minute: written again.
    await sql(kit, `update api_tokens set last_used_at = now() - interval '2 minutes' where user_id = ?`, [user.id]);
    const stale = await lastUsed();
    const { statements } = await kit.countStatements(() => kit.gql(Viewer, {}, { token, sync: false }));
    expect(Number(await lastUsed())).toBeGreaterThan(Number(stale) + 60_000);
    // Resolving the token (and recording its use) is one statement.
    expect(statements.filter((s) => s.includes('api_tokens'))).toHaveLength(1);
    const listed = (await kit.gql(List, {}, { token: user.token })).data?.apiTokens?.edges[0]?.node;
    expect(listed?.lastUsedAt).toBeTruthy();
  });
});
