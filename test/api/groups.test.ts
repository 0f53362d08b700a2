import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { globalId, type GraphQLResponse, type SeededUser } from '../testkit/kit.ts';
import { test } from '../testkit/fixture.ts';

const CreateGroup = graphql(`mutation GroupsCreate($input: CreateGroupInput!) { createGroup(input: $input) { id name memberCount } }`);
const AddMembers = graphql(`mutation GroupsAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id memberCount } }`);
const RemoveMembers = graphql(`
  mutation GroupsRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id memberCount } }
`);
const GroupsList = graphql(`
  query GroupsList($first: Int, $after: String, $last: Int) {
    groups(first: $first, after: $after, last: $last) {
      edges { cursor node { id name memberCount } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const GroupById = graphql(`
  query GroupsById($id: ID!, $first: Int, $after: String) {
    group(id: $id) {
      id name memberCount
      members(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
    }
  }
`);
const GroupNode = graphql(`query GroupsNode($id: ID!) { node(id: $id) { id ... on Group { name memberCount } } }`);

const MISSING_UUID = '01900000-0000-7000-8000-000000000000';

const gid = (group: { id: string }) => globalId('Group', group.id);
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) => {
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
};
const sorted = (users: SeededUser[]) => users.map((u) => u.id).sort();
type MembersVars = { input: { groupId: string; userIds: string[] } };

const it = test
  .extend('nonAdmins', ({ tenant: t }) => () => [t.analyst, t.explorer, t.viewer])
  .extend(
    'sql',
    ({ kit }) =>
      <T extends object>(query: string, params: unknown[] = []) =>
        kit.orm.em.fork().execute<T[]>(query, params),
  )
  .extend(
    'groupRows',
    ({ sql }) =>
      async (tenantId: string, name: string) =>
        Number((await sql<{ count: string }>('select count(*) from groups where tenant_id = ? and name_key = ?', [tenantId, name.toLowerCase()]))[0]!.count),
  )
  .extend(
    'memberIds',
    ({ sql }) =>
      async (groupId: string) =>
        (await sql<{ user_id: string }>('select user_id from group_memberships where group_id = ? order by user_id', [groupId])).map((r) => r.user_id),
  )
  /** Runs addGroupMembers and removeGroupMembers with the same input, returning the field and the response of each. */
  .extend('addAndRemove', ({ kit }) => async (vars: MembersVars, token?: string) => {
    const add = await kit.gql(AddMembers, vars, { token });
    const remove = await kit.gql(RemoveMembers, vars, { token });
    return [
      { res: add, group: add.data?.addGroupMembers },
      { res: remove, group: remove.data?.removeGroupMembers },
    ];
  });

describe('createGroup', () => {
  it('an admin creates a group with a trimmed name and no members', async ({ kit, tenant: t, sql }) => {
    const res = await kit.gql(CreateGroup, { input: { name: '  Finance Team  ' } }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createGroup).toMatchObject({ name: 'Finance Team', memberCount: 0 });
    const id = Buffer.from(res.data!.createGroup!.id, 'base64').toString();
    expect(id).toMatch(/^Group:[0-9a-f-]{36}$/);
    const rows = await sql<{ tenant_id: string; name: string }>('select tenant_id, name from groups where id = ?', [id.slice(6)]);
    expect(rows).toEqual([{ tenant_id: t.tenant.id, name: 'Finance Team' }]);
  });

  for (const role of ['ANALYST', 'EXPLORER', 'VIEWER'] as const) {
    it(`${role} cannot create groups`, async ({ kit, tenant: t, groupRows }) => {
      const who = { ANALYST: t.analyst, EXPLORER: t.explorer, VIEWER: t.viewer }[role];
      const res = await kit.gql(CreateGroup, { input: { name: `By ${role}` } }, { token: who.token });
      expect(res.data?.createGroup).toBeNull();
      expectError(res, 'FORBIDDEN');
      expect(await groupRows(t.tenant.id, `By ${role}`)).toBe(0);
    });
  }

  it('anonymous callers get 401 UNAUTHENTICATED', async ({ kit, tenant: t, groupRows }) => {
    const res = await kit.gql(CreateGroup, { input: { name: 'Anonymous group' } });
    expect(res.status).toBe(401);
    expectError(res, 'UNAUTHENTICATED');
    expect(await groupRows(t.tenant.id, 'Anonymous group')).toBe(0);
  });

  it('a name already used in the tenant, in any case, is a CONFLICT; another tenant may use it', async ({ kit, tenant: t, otherTenant: other, groupRows }) => {
    const first = await kit.gql(CreateGroup, { input: { name: 'Sales EMEA' } }, { token: t.admin.token });
    expect(first.data?.createGroup?.name).toBe('Sales EMEA');
    for (const name of ['sales emea', ' SALES EMEA ']) {
      const dup = await kit.gql(CreateGroup, { input: { name } }, { token: t.admin.token });
      expect(dup.data?.createGroup).toBeNull();
      expectError(dup, 'CONFLICT', 'input.name');
    }
    expect(await groupRows(t.tenant.id, 'Sales EMEA')).toBe(1);
    const elsewhere = await kit.gql(CreateGroup, { input: { name: 'sales emea' } }, { token: other.admin.token });
    expect(elsewhere.data?.createGroup?.name).toBe('sales emea');
  });

  it('concurrent creates of one name give one group and CONFLICTs, never INTERNAL', async ({ kit, tenant: t, groupRows }) => {
    const names = ['Race Team', 'race team', 'RACE TEAM', 'Race team'];
    const results = await Promise.all(names.map((name) => kit.gql(CreateGroup, { input: { name } }, { token: t.admin.token })));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await groupRows(t.tenant.id, 'Race Team')).toBe(1);
  });

  it('names must be 1 to 200 characters after trimming', async ({ kit, tenant: t }) => {
    for (const name of ['', '    ', 'x'.repeat(201)]) {
      const res = await kit.gql(CreateGroup, { input: { name } }, { token: t.admin.token });
      expect(res.data?.createGroup).toBeNull();
      expectError(res, 'BAD_USER_INPUT', 'input.name');
    }
    const longest = await kit.gql(CreateGroup, { input: { name: 'y'.repeat(200) } }, { token: t.admin.token });
    expect(longest.data?.createGroup?.name).toHaveLength(200);
  });
});

describe('addGroupMembers and removeGroupMembers', () => {
  it('an admin adds and removes members, and both are idempotent', async ({ kit, tenant: t, memberIds }) => {
    const group = await kit.addGroup(t.tenant, 'Idempotent', []);
    const input = (users: SeededUser[]) => ({ input: { groupId: gid(group), userIds: users.map((u) => u.globalId) } });
    const add = await kit.gql(AddMembers, input([t.viewer, t.explorer, t.viewer]), { token: t.admin.token });
    expect(add.errors).toBeUndefined();
    expect(add.data?.addGroupMembers).toEqual({ id: gid(group), memberCount: 2 });
    const again = await kit.gql(AddMembers, input([t.explorer, t.analyst]), { token: t.admin.token });
    expect(again.data?.addGroupMembers?.memberCount).toBe(3);
    expect(await memberIds(group.id)).toEqual(sorted([t.viewer, t.explorer, t.analyst]));
    const remove = await kit.gql(RemoveMembers, input([t.viewer, t.explorer]), { token: t.admin.token });
    expect(remove.data?.removeGroupMembers?.memberCount).toBe(1);
    const removeAgain = await kit.gql(RemoveMembers, input([t.viewer]), { token: t.admin.token });
    expect(removeAgain.errors).toBeUndefined();
    expect(removeAgain.data?.removeGroupMembers?.memberCount).toBe(1);
    expect(await memberIds(group.id)).toEqual([t.analyst.id]);
  });

  it('concurrent adds of the same member all succeed (idempotent), never INTERNAL', async ({ kit, tenant: t, memberIds }) => {
    const group = await kit.addGroup(t.tenant, 'Concurrent adds', []);
    const vars = { input: { groupId: gid(group), userIds: [t.viewer.globalId, t.explorer.globalId] } };
    const results = await Promise.all([1, 2, 3, 4].map(() => kit.gql(AddMembers, vars, { token: t.admin.token })));
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(await memberIds(group.id)).toEqual(sorted([t.viewer, t.explorer]));
  });

  it('non-admins get FORBIDDEN and anonymous callers 401; memberships do not change', async ({ kit, tenant: t, nonAdmins, memberIds }) => {
    const group = await kit.addGroup(t.tenant, 'Guarded', [t.viewer]);
    const input = { input: { groupId: gid(group), userIds: [t.explorer.globalId] } };
    const removal = { input: { groupId: gid(group), userIds: [t.viewer.globalId] } };
    for (const who of nonAdmins()) {
      const add = await kit.gql(AddMembers, input, { token: who.token });
      expect(add.data?.addGroupMembers).toBeNull();
      expectError(add, 'FORBIDDEN');
      const remove = await kit.gql(RemoveMembers, removal, { token: who.token });
      expect(remove.data?.removeGroupMembers).toBeNull();
      expectError(remove, 'FORBIDDEN');
    }
    for (const res of [await kit.gql(AddMembers, input), await kit.gql(RemoveMembers, removal)]) {
      expect(res.status).toBe(401);
      expectError(res, 'UNAUTHENTICATED');
    }
    expect(await memberIds(group.id)).toEqual([t.viewer.id]);
  });

  it('an unknown, foreign or malformed user id is BAD_USER_INPUT naming its position; nothing changes', async ({
    kit,
    tenant: t,
    otherTenant: other,
    memberIds,
    addAndRemove,
  }) => {
    const group = await kit.addGroup(t.tenant, 'Strict', [t.analyst]);
    const bad = [globalId('User', MISSING_UUID), other.viewer.globalId, 'not-an-id', gid(group), globalId('User', 'nope')];
    for (const badId of bad) {
      for (const { res, group: field } of await addAndRemove({ input: { groupId: gid(group), userIds: [t.viewer.globalId, badId] } }, t.admin.token)) {
        expect(field).toBeNull();
        expectError(res, 'BAD_USER_INPUT', 'input.userIds[1]');
      }
    }
    const empty = await kit.gql(AddMembers, { input: { groupId: gid(group), userIds: [] } }, { token: t.admin.token });
    expectError(empty, 'BAD_USER_INPUT', 'input.userIds');
    expect(await memberIds(group.id)).toEqual([t.analyst.id]);
  });

  it('the position named is the one in the caller’s list, even after a repeated id', async ({ kit, tenant: t, otherTenant: other, memberIds }) => {
    const group = await kit.addGroup(t.tenant, 'Positions', []);
    const userIds = [t.viewer.globalId, t.viewer.globalId, other.viewer.globalId];
    const res = await kit.gql(AddMembers, { input: { groupId: gid(group), userIds } }, { token: t.admin.token });
    expectError(res, 'BAD_USER_INPUT', 'input.userIds[2]');
    expect(await memberIds(group.id)).toEqual([]);
  });

  it('a group of another tenant, or an unknown group, is NOT_FOUND', async ({ kit, tenant: t, otherTenant: other, memberIds, addAndRemove }) => {
    const foreign = await kit.addGroup(other.tenant, 'Theirs', [other.viewer]);
    for (const groupId of [gid(foreign), globalId('Group', MISSING_UUID), 'garbage', t.viewer.globalId]) {
      for (const userIds of [[t.viewer.globalId], [other.viewer.globalId]]) {
        for (const { res, group } of await addAndRemove({ input: { groupId, userIds } }, t.admin.token)) {
          expect(group).toBeNull();
          expectError(res, 'NOT_FOUND');
        }
      }
    }
    expect(await memberIds(foreign.id)).toEqual([other.viewer.id]);
  });
});

describe('reading groups', () => {
  it('the groups list shows only the tenant’s groups, with member counts, and paginates', async ({ kit, otherTenant: other }) => {
    const mine = await kit.seedTenant();
    const made: { id: string }[] = [];
    for (let i = 0; i < 5; i++) made.push(await kit.addGroup(mine.tenant, `Page ${i}`, [mine.viewer, mine.analyst].slice(0, i % 3)));
    await kit.addGroup(other.tenant, 'Not yours', [other.viewer]);
    const all = await kit.gql(GroupsList, { first: 100 }, { token: mine.viewer.token });
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.groups!.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id).sort()).toEqual(made.map(gid).sort());
    expect(nodes.find((n) => n.name === 'Page 2')?.memberCount).toBe(2);
    expect(nodes.find((n) => n.name === 'Page 4')?.memberCount).toBe(1);

    const seen: string[] = [];
    let after: string | null | undefined;
    for (const expected of [2, 2, 1]) {
      const page = await kit.gql(GroupsList, { first: 2, after }, { token: mine.admin.token });
      expect(page.data!.groups!.edges).toHaveLength(expected);
      expect(page.data!.groups!.pageInfo.hasNextPage).toBe(expected === 2);
      seen.push(...page.data!.groups!.edges.map((e) => e.node.id));
      after = page.data!.groups!.pageInfo.endCursor;
    }
    expect(seen).toEqual(nodes.map((n) => n.id));
    const tail = await kit.gql(GroupsList, { last: 2 }, { token: mine.admin.token });
    expect(tail.data!.groups!.edges.map((e) => e.node.id)).toEqual(seen.slice(3));
    const bad = await kit.gql(GroupsList, { after: 'not-a-cursor' }, { token: mine.admin.token });
    expectError(bad, 'BAD_USER_INPUT', 'after');
  });

  it('anonymous callers cannot list or read groups', async ({ kit, tenant: t }) => {
    const group = await kit.addGroup(t.tenant, 'Hidden from anonymous', []);
    const list = await kit.gql(GroupsList, { first: 5 });
    const one = await kit.gql(GroupById, { id: gid(group) });
    expect(list.data?.groups ?? null).toBeNull();
    expect(one.data?.group ?? null).toBeNull();
    for (const res of [list, one]) {
      expect(res.status).toBe(401);
      expectError(res, 'UNAUTHENTICATED');
    }
  });

  it('group(id) reads the tenant’s groups; another tenant’s is NOT_FOUND, like a missing one', async ({ kit, tenant: t, otherTenant: other }) => {
    const own = await kit.addGroup(t.tenant, 'Readable', [t.viewer]);
    const ok = await kit.gql(GroupById, { id: gid(own) }, { token: t.admin.token });
    expect(ok.data?.group).toMatchObject({ id: gid(own), name: 'Readable', memberCount: 1 });
    const foreign = await kit.addGroup(other.tenant, 'Foreign readable', []);
    for (const id of [gid(foreign), globalId('Group', MISSING_UUID), 'garbage', t.viewer.globalId]) {
      const res = await kit.gql(GroupById, { id }, { token: t.admin.token });
      expect(res.data?.group).toBeNull();
      expectError(res, 'NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe('Group not found');
    }
  });

  it('admins see and page through members; for non-admins members is FORBIDDEN and the rest resolves', async ({ kit, tenant: t, nonAdmins }) => {
    const users = [t.viewer, t.explorer, t.analyst];
    const group = await kit.addGroup(t.tenant, 'Members visible', users);
    const page1 = await kit.gql(GroupById, { id: gid(group), first: 2 }, { token: t.admin.token });
    expect(page1.errors).toBeUndefined();
    const members1 = page1.data!.group!.members!;
    expect(members1.edges).toHaveLength(2);
    expect(members1.pageInfo.hasNextPage).toBe(true);
    const page2 = await kit.gql(GroupById, { id: gid(group), first: 2, after: members1.pageInfo.endCursor }, { token: t.admin.token });
    const ids = [...members1.edges, ...page2.data!.group!.members!.edges].map((e) => e.node.id);
    expect(ids.sort()).toEqual(users.map((u) => u.globalId).sort());
    for (const who of nonAdmins()) {
      const res = await kit.gql(GroupById, { id: gid(group) }, { token: who.token });
      expect(res.data?.group).toMatchObject({ name: 'Members visible', memberCount: 3, members: null });
      expect(res.errors?.[0]?.path).toEqual(['group', 'members']);
      expectError(res, 'FORBIDDEN');
    }
  });

  it('node(id) resolves a group of the tenant and hides another tenant’s', async ({ kit, tenant: t, otherTenant: other }) => {
    const own = await kit.addGroup(t.tenant, 'Node group', [t.viewer, t.explorer]);
    const res = await kit.gql(GroupNode, { id: gid(own) }, { token: t.viewer.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toEqual({ id: gid(own), name: 'Node group', memberCount: 2 });
    const foreign = await kit.addGroup(other.tenant, 'Foreign node group', []);
    const hidden = await kit.gql(GroupNode, { id: gid(foreign) }, { token: t.viewer.token });
    expect(hidden.data?.node).toBeNull();
    expectError(hidden, 'NOT_FOUND');
    const anonymous = await kit.gql(GroupNode, { id: gid(own) });
    expect(anonymous.status).toBe(401);
    expectError(anonymous, 'UNAUTHENTICATED');
  });
});
