import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const UserPrivate = graphql(`
  query UserPrivate($id: ID!) {
    user(id: $id) {
      id name role email status timezone allowApiAccess allowExportData twoFactorEnabled lastActiveAt createdAt
      groups { name }
    }
  }
`);
const UsersList = graphql(`
  query UsersList($search: String, $status: UserStatus, $role: Role, $first: Int, $after: String) {
    users(search: $search, status: $status, role: $role, first: $first, after: $after) {
      edges { cursor node { id name email } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const UsersWithGroups = graphql(`
  query UsersWithGroups($first: Int) {
    users(first: $first) { edges { node { groups { name } } } }
  }
`);
const NodeQuery = graphql(`query NodeQuery($id: ID!) { node(id: $id) { id ... on User { name } ... on Group { name } } }`);
const UpdateUser = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) { id role name timezone allowApiAccess allowExportData }
  }
`);
const Deactivate = graphql(`mutation Deactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const Restore = graphql(`mutation Restore($id: ID!) { restoreUser(id: $id) { id status } }`);

const PRIVATE_FIELDS = ['email', 'status', 'timezone', 'allowApiAccess', 'allowExportData', 'twoFactorEnabled', 'lastActiveAt', 'createdAt', 'groups'] as const;

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
  await kit.addGroup(t.tenant, 'Field Team', [t.viewer, t.explorer]);
  // Each user makes one request, which records their lastActiveAt.
  for (const user of [t.admin, t.analyst, t.explorer, t.viewer]) await kit.gql(UsersList, { first: 1 }, { token: user.token });
});
afterAll(() => kit.close());

const roles = () => ({ ADMIN: t.admin, ANALYST: t.analyst, EXPLORER: t.explorer, VIEWER: t.viewer });

describe('User field visibility', () => {
  for (const role of ['ADMIN', 'ANALYST', 'EXPLORER', 'VIEWER'] as const) {
    it(`${role} reading another user: private fields ${role === 'ADMIN' ? 'allowed' : 'denied'}`, async () => {
      const viewer = roles()[role];
      const target = role === 'VIEWER' ? t.explorer : t.viewer;
      const res = await kit.gql(UserPrivate, { id: target.globalId }, { token: viewer.token });
      const user = res.data?.user as Record<string, unknown> | null | undefined;
      expect(user?.name).toBeTruthy();
      expect(user?.role).toBe(target.role);
      for (const field of PRIVATE_FIELDS) {
        const error = res.errors?.find((e) => e.path?.[1] === field);
        if (role === 'ADMIN') {
          expect(error, field).toBeUndefined();
          expect(user?.[field], field).not.toBeNull();
        } else {
          expect(user?.[field], field).toBeNull();
          expect(error?.extensions?.code, field).toBe('FORBIDDEN');
        }
      }
    });

    it(`${role} reading themself: private fields allowed`, async () => {
      const me = roles()[role];
      const res = await kit.gql(UserPrivate, { id: me.globalId }, { token: me.token });
      expect(res.errors).toBeUndefined();
      expect(res.data?.user?.email).toBe(me.email);
      expect(res.data?.user?.status).toBe('ACTIVE');
    });
  }

  it('the admin sees the groups of a user', async () => {
    const res = await kit.gql(UserPrivate, { id: t.viewer.globalId }, { token: t.admin.token });
    expect(res.data?.user?.groups).toEqual([{ name: 'Field Team' }]);
  });
});

describe('users list', () => {
  it('admins list everyone in their tenant only, and search name and email', async () => {
    const all = await kit.gql(UsersList, { first: 100 }, { token: t.admin.token });
    const emails = all.data!.users!.edges.map((e) => e.node.email);
    expect(emails).toHaveLength(6);
    expect(emails).toContain(t.pending.email);
    expect(emails).not.toContain(other.admin.email);
    const byEmail = await kit.gql(UsersList, { search: t.deactivated.email.slice(0, 14) }, { token: t.admin.token });
    expect(byEmail.data!.users!.edges.map((e) => e.node.email)).toEqual([t.deactivated.email]);
    const byStatus = await kit.gql(UsersList, { status: 'PENDING' }, { token: t.admin.token });
    expect(byStatus.data!.users!.edges.map((e) => e.node.email)).toEqual([t.pending.email]);
    const byRole = await kit.gql(UsersList, { role: 'EXPLORER' }, { token: t.admin.token });
    expect(byRole.data!.users!.edges.map((e) => e.node.id)).toEqual([t.explorer.globalId]);
  });

  it('non-admins see active users only and cannot search emails or list by status', async () => {
    const res = await kit.gql(UsersList, { first: 100 }, { token: t.viewer.token });
    const ids = res.data!.users!.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain(t.pending.globalId);
    expect(ids).not.toContain(t.deactivated.globalId);
    const emailSearch = await kit.gql(UsersList, { search: t.admin.email.slice(0, 12) }, { token: t.viewer.token });
    expect(emailSearch.data!.users!.edges).toHaveLength(0);
    const byStatus = await kit.gql(UsersList, { status: 'DEACTIVATED' }, { token: t.viewer.token });
    expect(byStatus.data?.users).toBeNull();
    expect(byStatus.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('treats LIKE wildcards in search literally', async () => {
    const res = await kit.gql(UsersList, { search: '%' }, { token: t.admin.token });
    expect(res.data!.users!.edges).toHaveLength(0);
  });

  it('paginates with cursors and rejects foreign cursors and oversized pages', async () => {
    const first = await kit.gql(UsersList, { first: 4 }, { token: t.admin.token });
    expect(first.data!.users!.edges).toHaveLength(4);
    expect(first.data!.users!.pageInfo.hasNextPage).toBe(true);
    const second = await kit.gql(UsersList, { first: 4, after: first.data!.users!.pageInfo.endCursor }, { token: t.admin.token });
    expect(second.data!.users!.edges).toHaveLength(2);
    expect(second.data!.users!.pageInfo.hasNextPage).toBe(false);
    const seen = new Set([...first.data!.users!.edges, ...second.data!.users!.edges].map((e) => e.node.id));
    expect(seen.size).toBe(6);
    const bad = await kit.gql(UsersList, { after: 'not-a-cursor' }, { token: t.admin.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const huge = await kit.gql(UsersList, { first: 1000 }, { token: t.admin.token });
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('loads groups for a page of users with a constant number of statements', async () => {
    const big = await kit.seedTenant();
    const users: SeededUser[] = [];
    for (let i = 0; i < 44; i++) users.push(await kit.addUser(big.tenant, { role: 'VIEWER' }));
    await kit.addGroup(big.tenant, 'A', users.slice(0, 30));
    await kit.addGroup(big.tenant, 'B', users.slice(10));
    const small = await kit.seedTenant();
    await kit.addGroup(small.tenant, 'A', [small.viewer]);

    const run = (tenant: SeededTenant) => kit.countStatements(() => kit.gql(UsersWithGroups, { first: 50 }, { token: tenant.admin.token }));
    const few = await run(small);
    const many = await run(big);
    expect(few.result.data!.users!.edges).toHaveLength(6);
    expect(many.result.data!.users!.edges).toHaveLength(50);
    expect(many.result.data!.users!.edges.filter((e) => e.node.groups!.length === 2)).toHaveLength(20);
    expect(many.statements.length).toBe(few.statements.length);
    expect(many.statements.length).toBeLessThanOrEqual(4);
  });
});

describe('user(id) and node(id)', () => {
  it('another tenant’s user is NOT_FOUND, exactly like a missing id', async () => {
    const foreign = await kit.gql(UserPrivate, { id: other.viewer.globalId }, { token: t.admin.token });
    const missing = await kit.gql(UserPrivate, { id: globalId('User', '01900000-0000-7000-8000-000000000000') }, { token: t.admin.token });
    const garbage = await kit.gql(UserPrivate, { id: 'garbage' }, { token: t.admin.token });
    for (const res of [foreign, missing, garbage]) {
      expect(res.data?.user).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe('User not found');
    }
  });

  it('non-admins cannot look up deactivated users; admins can', async () => {
    const denied = await kit.gql(UserPrivate, { id: t.deactivated.globalId }, { token: t.analyst.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const allowed = await kit.gql(UserPrivate, { id: t.deactivated.globalId }, { token: t.admin.token });
    expect(allowed.data?.user?.status).toBe('DEACTIVATED');
  });

  it('node(id) resolves users of the tenant and hides others', async () => {
    const own = await kit.gql(NodeQuery, { id: t.viewer.globalId }, { token: t.explorer.token });
    expect(own.data?.node).toMatchObject({ id: t.viewer.globalId });
    const foreign = await kit.gql(NodeQuery, { id: other.viewer.globalId }, { token: t.explorer.token });
    expect(foreign.data?.node).toBeNull();
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('updateUser', () => {
  it('an admin changes role, name, time zone and flags', async () => {
    const target = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const res = await kit.gql(
      UpdateUser,
      { input: { id: target.globalId, role: 'EXPLORER', name: 'Renamed', timezone: 'Asia/Ho_Chi_Minh', allowApiAccess: true, allowExportData: false } },
      { token: t.admin.token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateUser).toMatchObject({
      role: 'EXPLORER',
      name: 'Renamed',
      timezone: 'Asia/Ho_Chi_Minh',
      allowApiAccess: true,
      allowExportData: false,
    });
  });

  for (const role of ['ANALYST', 'EXPLORER', 'VIEWER'] as const) {
    it(`${role} cannot update users, including raising their own role`, async () => {
      const me = roles()[role];
      for (const id of [me.globalId, t.viewer.globalId]) {
        const res = await kit.gql(UpdateUser, { input: { id, role: 'ADMIN' } }, { token: me.token });
        expect(res.data?.updateUser).toBeNull();
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const check = await kit.gql(UserPrivate, { id: me.globalId }, { token: me.token });
      expect(check.data?.user?.role).toBe(role);
    });
  }

  it('an admin cannot change their own role', async () => {
    const res = await kit.gql(UpdateUser, { input: { id: t.admin.globalId, role: 'VIEWER' } }, { token: t.admin.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('demotes another admin while at least one active admin remains', async () => {
    const solo = await kit.seedTenant();
    const second = await kit.addUser(solo.tenant, { role: 'ADMIN' });
    const demote = await kit.gql(UpdateUser, { input: { id: second.globalId, role: 'ANALYST' } }, { token: solo.admin.token });
    expect(demote.data?.updateUser?.role).toBe('ANALYST');
    // solo.admin is now the only admin and may not demote themself.
    const self = await kit.gql(UpdateUser, { input: { id: solo.admin.globalId, role: 'ANALYST' } }, { token: solo.admin.token });
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admins = await kit.orm.em
      .fork()
      .execute<{ count: string }[]>("select count(*) from users where tenant_id = ? and role = 'ADMIN' and status = 'ACTIVE'", [solo.tenant.id]);
    expect(Number(admins[0]!.count)).toBe(1);
  });

  it('validates input and names the field', async () => {
    const bad = await kit.gql(UpdateUser, { input: { id: t.viewer.globalId, timezone: 'Mars/Olympus' } }, { token: t.admin.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timezone' });
    const blank = await kit.gql(UpdateUser, { input: { id: t.viewer.globalId, name: '   ' } }, { token: t.admin.token });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const foreign = await kit.gql(UpdateUser, { input: { id: other.viewer.globalId, name: 'Hijacked' } }, { token: t.admin.token });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('deactivate and restore', () => {
  it('an admin deactivates and restores; others are refused', async () => {
    const target = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const denied = await kit.gql(Deactivate, { id: target.globalId }, { token: who.token });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const deniedRestore = await kit.gql(Restore, { id: target.globalId }, { token: who.token });
      expect(deniedRestore.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const off = await kit.gql(Deactivate, { id: target.globalId }, { token: t.admin.token });
    expect(off.data?.deactivateUser?.status).toBe('DEACTIVATED');
    const on = await kit.gql(Restore, { id: target.globalId }, { token: t.admin.token });
    expect(on.data?.restoreUser?.status).toBe('ACTIVE');
  });

  it('restoring a user who never accepted their invitation makes them PENDING again', async () => {
    const invited = await kit.addUser(t.tenant, { role: 'VIEWER', status: 'PENDING' });
    await kit.gql(Deactivate, { id: invited.globalId }, { token: t.admin.token });
    const res = await kit.gql(Restore, { id: invited.globalId }, { token: t.admin.token });
    expect(res.data?.restoreUser?.status).toBe('PENDING');
  });

  it('admins cannot deactivate themselves or the last active admin', async () => {
    const self = await kit.gql(Deactivate, { id: t.admin.globalId }, { token: t.admin.token });
    expect(self.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const solo = await kit.seedTenant();
    const helper = await kit.addUser(solo.tenant, { role: 'ADMIN' });
    const first = await kit.gql(Deactivate, { id: solo.admin.globalId }, { token: helper.token });
    expect(first.data?.deactivateUser?.status).toBe('DEACTIVATED');
    // helper is now the last active admin; nobody else can deactivate them, and they cannot themselves.
    const last = await kit.gql(Deactivate, { id: helper.globalId }, { token: helper.token });
    expect(last.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('self-service limits for admins', () => {
  it('an admin may rename themself but not change their own flags', async () => {
    const admin = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const renamed = await kit.gql(UpdateUser, { input: { id: admin.globalId, name: 'New Name', timezone: 'Europe/Paris' } }, { token: admin.token });
    expect(renamed.data?.updateUser).toMatchObject({ name: 'New Name', timezone: 'Europe/Paris' });
    for (const flags of [{ allowApiAccess: true }, { allowExportData: false }]) {
      const res = await kit.gql(UpdateUser, { input: { id: admin.globalId, ...flags } }, { token: admin.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Another admin may change them.
    const other = await kit.gql(UpdateUser, { input: { id: admin.globalId, allowApiAccess: true } }, { token: t.admin.token });
    expect(other.data?.updateUser?.allowApiAccess).toBe(true);
  });
});
