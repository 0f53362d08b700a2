import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { TEST_PASSWORD } from '../testkit/kit.ts';
import { test as it } from '../testkit/fixture.ts';

const Viewer = graphql(`query LifecycleViewer { viewer { user { id status } } }`);
const Deactivate = graphql(`mutation LifecycleDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const Restore = graphql(`mutation LifecycleRestore($id: ID!) { restoreUser(id: $id) { id status } }`);
const Login = graphql(`mutation LifecycleLogin($input: LoginInput!) { login(input: $input) { token } }`);
const Impersonate = graphql(`mutation LifecycleImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);

describe('deactivate and restore', () => {
  it('a deactivated user’s session gets 401 on the next request, their sign-in is refused, and they keep what they own', async ({
    kit,
    tenant: t,
    content,
  }) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const dashboard = await content.dashboard({ owner: user });
    expect((await kit.gql(Viewer, {}, { token: user.token })).data?.viewer?.user?.status).toBe('ACTIVE');
    expect((await kit.gql(Deactivate, { id: user.globalId }, { token: t.admin.token })).data?.deactivateUser?.status).toBe('DEACTIVATED');
    const next = await kit.gql(Viewer, {}, { token: user.token });
    expect(next.status).toBe(401);
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const signIn = await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: TEST_PASSWORD } });
    expect(signIn.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await kit.orm.em.fork().execute<{ owner_id: string }[]>('select owner_id from dashboards where id = ?', [dashboard.id]);
    expect(row!.owner_id).toBe(user.id);

    // Restored: the old session stays ended; a new sign-in works.
    expect((await kit.gql(Restore, { id: user.globalId }, { token: t.admin.token })).data?.restoreUser?.status).toBe('ACTIVE');
    expect((await kit.gql(Viewer, {}, { token: user.token })).status).toBe(401);
    const again = await kit.gql(Login, { input: { tenant: t.slug, email: user.email, password: TEST_PASSWORD } });
    expect((await kit.gql(Viewer, {}, { token: again.data!.login!.token })).data?.viewer?.user?.id).toBe(user.globalId);
  });

  it('deactivating an admin ends the impersonations they started', async ({ kit, tenant: t }) => {
    const admin = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const token = (await kit.gql(Impersonate, { userId: t.viewer.globalId }, { token: admin.token })).data!.impersonate!.token;
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(200);
    await kit.gql(Deactivate, { id: admin.globalId }, { token: t.admin.token });
    expect((await kit.gql(Viewer, {}, { token })).status).toBe(401);
    // The person impersonated is untouched.
    expect((await kit.gql(Viewer, {}, { token: t.viewer.token })).status).toBe(200);
  });

  it('non-admins cannot deactivate or restore; restoring an active user is a CONFLICT', async ({ kit, tenant: t }) => {
    const target = await kit.addUser(t.tenant, { role: 'VIEWER' });
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      expect((await kit.gql(Deactivate, { id: target.globalId }, { token: who.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await kit.gql(Viewer, {}, { token: target.token })).status).toBe(200);
    expect((await kit.gql(Restore, { id: target.globalId }, { token: t.admin.token })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
