import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveFromValues, loadEffectiveAttributes } from '../../src/modules/attribute/effective.ts';
import { graphql } from '../generated/gql.ts';
import type { SetUserAttributeValueInput, UserAttributeMode } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(`mutation AttrCreate($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id name type system createdAt } }`);
const Update = graphql(`mutation AttrUpdate($input: UpdateUserAttributeInput!) { updateUserAttribute(input: $input) { id name type } }`);
const Delete = graphql(`mutation AttrDelete($id: ID!) { deleteUserAttribute(id: $id) }`);
const List = graphql(`query AttrList { userAttributes { id name type system } }`);
const SetUser = graphql(`
  mutation AttrSetUser($input: SetUserAttributeValueInput!) {
    setUserAttributeValue(input: $input) { attribute { name type } mode source effective { all values missing } }
  }
`);
const SetGroup = graphql(`
  mutation AttrSetGroup($input: SetGroupAttributeValueInput!) {
    setGroupAttributeValue(input: $input) { group { name } attribute { name } all values }
  }
`);
const UserAttrs = graphql(`
  query AttrOfUser($id: ID!) {
    user(id: $id) { id attributes { attribute { name type system } mode source effective { all values missing } } }
  }
`);
const GroupAttrs = graphql(`query AttrOfGroup($id: ID!) { group(id: $id) { name attributeValues { attribute { name } all values } } }`);
const UsersAttrs = graphql(`query AttrUsersList($first: Int) { users(first: $first) { edges { node { attributes { attribute { name } source } } } } }`);
const RemoveMembers = graphql(`mutation AttrRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }`);

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;
const attrs: Record<string, string> = {};

const sql = <T extends object>(query: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(query, params);
const rawOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) => {
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (field !== undefined) expect(res.errors?.[0]?.extensions?.field, JSON.stringify(res.errors)).toBe(field);
};
const setUser = (user: SeededUser, attribute: string, mode: UserAttributeMode, values?: unknown[], token = t.admin.token) =>
  kit.gql(SetUser, { input: { userId: user.globalId, attribute, mode, values } as SetUserAttributeValueInput }, { token });
const setGroup = (groupId: string, attribute: string, input: { all?: boolean; values?: unknown[] | null }, token = t.admin.token) =>
  kit.gql(SetGroup, { input: { groupId: globalId('Group', groupId), attribute, ...input } }, { token });
async function attributesOf(user: SeededUser, token = t.admin.token) {
  const res = await kit.gql(UserAttrs, { id: user.globalId }, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.fromEntries(res.data!.user!.attributes!.map((a) => [a.attribute.name, a]));
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
  for (const [name, type] of [
    ['region', 'STRING'],
    ['level', 'NUMBER'],
    ['start', 'DATE'],
    ['flag', 'BOOLEAN'],
  ] as const) {
    const res = await kit.gql(Create, { input: { name, type } }, { token: t.admin.token });
    attrs[name] = res.data!.createUserAttribute!.id;
  }
  await kit.gql(Create, { input: { name: 'only_other', type: 'STRING' } }, { token: other.admin.token });
});
afterAll(() => kit.close());

describe('defining attributes', () => {
  it('admins create attributes; others are FORBIDDEN, anonymous 401; each create is audited', async () => {
    const res = await kit.gql(Create, { input: { name: 'cost_center', type: 'STRING' } }, { token: t.admin.token });
    expect(res.data?.createUserAttribute).toMatchObject({ name: 'cost_center', type: 'STRING', system: false });
    for (const user of [t.analyst, t.explorer, t.viewer]) {
      const denied = await kit.gql(Create, { input: { name: 'nope', type: 'STRING' } }, { token: user.token });
      expect(denied.data?.createUserAttribute).toBeNull();
      expectError(denied, 'FORBIDDEN');
    }
    const anonymous = await kit.gql(Create, { input: { name: 'nope', type: 'STRING' } });
    expect(anonymous.status).toBe(401);
    expectError(anonymous, 'UNAUTHENTICATED');
    const [audit] = await sql<{ n: number }>(
      `select count(*)::int as n from audit_events where tenant_id = ? and action = 'userAttribute.create' and resource_id = ?`,
      [t.tenant.id, rawOf(res.data!.createUserAttribute!.id)],
    );
    expect(audit?.n).toBe(1);
    expect((await sql(`select 1 from user_attributes where name = 'nope'`)).length).toBe(0);
  });

  it('refuses system names, malformed names and duplicates (per tenant only)', async () => {
    for (const name of ['h_email', 'h_custom', 'Region', '1st', 'a-b', 'x'.repeat(64), '']) {
      expectError(await kit.gql(Create, { input: { name, type: 'STRING' } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.name');
    }
    expectError(await kit.gql(Create, { input: { name: 'region', type: 'NUMBER' } }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    const elsewhere = await kit.gql(Create, { input: { name: 'region', type: 'NUMBER' } }, { token: other.admin.token });
    expect(elsewhere.data?.createUserAttribute?.type).toBe('NUMBER');
  });

  it('userAttributes lists system attributes first, then the tenant’s, to any signed-in person', async () => {
    const res = await kit.gql(List, {}, { token: t.viewer.token });
    const list = res.data!.userAttributes!;
    expect(list.slice(0, 3).map((a) => [a.name, a.system, a.type])).toEqual([
      ['h_email', true, 'STRING'],
      ['h_user_id', true, 'STRING'],
      ['h_role', true, 'STRING'],
    ]);
    expect(list.filter((a) => !a.system).map((a) => a.name)).toEqual(expect.arrayContaining(['flag', 'level', 'region', 'start']));
    expect(list.map((a) => a.name)).not.toContain('only_other');
    expect((await kit.gql(List, {})).status).toBe(401);
  });

  it('renames and retypes; refuses system ids, h_ names, taken names and another tenant’s ids', async () => {
    const created = await kit.gql(Create, { input: { name: 'tmp_attr', type: 'STRING' } }, { token: t.admin.token });
    const id = created.data!.createUserAttribute!.id;
    const renamed = await kit.gql(Update, { input: { id, name: 'tmp_renamed', type: 'NUMBER' } }, { token: t.admin.token });
    expect(renamed.data?.updateUserAttribute).toMatchObject({ name: 'tmp_renamed', type: 'NUMBER' });
    expectError(await kit.gql(Update, { input: { id, name: 'x' } }, { token: t.analyst.token }), 'FORBIDDEN');
    expectError(await kit.gql(Update, { input: { id, name: 'h_mine' } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.name');
    expectError(await kit.gql(Update, { input: { id, name: 'region' } }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    const systemId = (await kit.gql(List, {}, { token: t.admin.token })).data!.userAttributes![0]!.id;
    expectError(await kit.gql(Update, { input: { id: systemId, name: 'email' } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.id');
    expectError(await kit.gql(Delete, { id: systemId }, { token: t.admin.token }), 'BAD_USER_INPUT');
    expectError(await kit.gql(Update, { input: { id, name: 'stolen' } }, { token: other.admin.token }), 'NOT_FOUND');
    expectError(await kit.gql(Delete, { id }, { token: other.admin.token }), 'NOT_FOUND');
  });

  it('refuses a type change while values are set', async () => {
    const created = await kit.gql(Create, { input: { name: 'typed', type: 'STRING' } }, { token: t.admin.token });
    const id = created.data!.createUserAttribute!.id;
    expect((await setUser(t.viewer, 'typed', 'MANUAL', ['a'])).errors).toBeUndefined();
    expectError(await kit.gql(Update, { input: { id, type: 'NUMBER' } }, { token: t.admin.token }), 'CONFLICT', 'input.type');
    await setUser(t.viewer, 'typed', 'INHERIT');
    expect((await kit.gql(Update, { input: { id, type: 'NUMBER' } }, { token: t.admin.token })).data?.updateUserAttribute?.type).toBe('NUMBER');
  });
});

describe('deleting attributes', () => {
  it('is refused with CONFLICT naming the datasets and rules that use it; then deletes its values too', async () => {
    const created = await kit.gql(Create, { input: { name: 'country_code', type: 'STRING' } }, { token: t.admin.token });
    const id = created.data!.createUserAttribute!.id;
    const content = contentBuilders(kit, t.tenant);
    const dataset = await content.dataset(t.admin, await content.dataSource(t.admin));
    const rules = [{ field: 'orders.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country_code', values: null }];
    await sql('update datasets set permission_rules = ?::jsonb where id = ?', [JSON.stringify(rules), dataset.id]);
    const group = await kit.addGroup(t.tenant, 'Deleters', [t.explorer]);
    await setGroup(group.id, 'country_code', { values: ['FR'] });
    await setUser(t.viewer, 'country_code', 'ALL');

    expectError(await kit.gql(Delete, { id }, { token: t.viewer.token }), 'FORBIDDEN');
    const refused = await kit.gql(Delete, { id }, { token: t.admin.token });
    expectError(refused, 'CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(dataset.name);
    expect(refused.errors?.[0]?.message).toContain('orders.country');
    expectError(await kit.gql(Update, { input: { id, name: 'country' } }, { token: t.admin.token }), 'CONFLICT', 'input.name');

    await sql(`update datasets set permission_rules = '[]'::jsonb where id = ?`, [dataset.id]);
    expect((await kit.gql(Delete, { id }, { token: t.admin.token })).data?.deleteUserAttribute).toBe(id);
    const left = await sql<{ n: number }>(
      `select (select count(*) from user_attribute_values where attribute_id = ?)::int + (select count(*) from group_attribute_values where attribute_id = ?)::int as n`,
      [rawOf(id), rawOf(id)],
    );
    expect(left[0]?.n).toBe(0);
    expect((await attributesOf(t.viewer)).country_code).toBeUndefined();
  });
});

describe('setting values', () => {
  it('admins only; system, unknown and foreign attributes are BAD_USER_INPUT; foreign users and groups NOT_FOUND', async () => {
    expectError(await setUser(t.viewer, 'region', 'ALL', undefined, t.analyst.token), 'FORBIDDEN');
    expectError(await kit.gql(SetUser, { input: { userId: t.viewer.globalId, attribute: 'region', mode: 'ALL' } }), 'UNAUTHENTICATED');
    const group = await kit.addGroup(t.tenant, 'Setters', []);
    expectError(await setGroup(group.id, 'region', { all: true }, t.viewer.token), 'FORBIDDEN');
    for (const attribute of ['h_email', 'h_role', 'h_user_id']) {
      expectError(await setUser(t.viewer, attribute, 'MANUAL', ['x']), 'BAD_USER_INPUT', 'input.attribute');
      expectError(await setGroup(group.id, attribute, { values: ['x'] }), 'BAD_USER_INPUT', 'input.attribute');
    }
    expectError(await setUser(t.viewer, 'nonexistent', 'ALL'), 'BAD_USER_INPUT', 'input.attribute');
    expectError(await setUser(t.viewer, 'only_other', 'ALL'), 'BAD_USER_INPUT', 'input.attribute');
    expectError(await setUser(other.viewer, 'region', 'ALL'), 'NOT_FOUND');
    const foreignGroup = await kit.addGroup(other.tenant, 'Foreign', []);
    expectError(await setGroup(foreignGroup.id, 'region', { all: true }), 'NOT_FOUND');
    expectError(await setUser(t.admin, 'region', 'ALL'), 'FORBIDDEN');
    expectError(await setUser(t.viewer, 'region', 'MANUAL'), 'BAD_USER_INPUT', 'input.values');
    expectError(await setUser(t.viewer, 'region', 'ALL', ['US']), 'BAD_USER_INPUT', 'input.values');
    expectError(await setGroup(group.id, 'region', { all: true, values: ['US'] }), 'BAD_USER_INPUT', 'input.values');
    expect((await sql('select 1 from user_attribute_values where user_id = ?', [t.viewer.id])).length).toBe(0);
  });

  it('checks every value against the attribute type, naming its position', async () => {
    const bad: [string, unknown[], number][] = [
      ['region', ['ok', 5], 1],
      ['region', ['x'.repeat(501)], 0],
      ['region', [true], 0],
      ['level', [1, '2'], 1],
      ['level', [{ n: 1 }], 0],
      ['start', ['2024-02-29', '2023-02-29'], 1],
      ['start', ['2024-1-01'], 0],
      ['start', [20240101], 0],
      ['start', ['2024-13-01'], 0],
      ['flag', [true, 'false'], 1],
      ['flag', [0], 0],
    ];
    for (const [attribute, values, index] of bad) {
      expectError(await setUser(t.viewer, attribute, 'MANUAL', values), 'BAD_USER_INPUT', `input.values[${index}]`);
    }
    const group = await kit.addGroup(t.tenant, 'Typed', []);
    expectError(await setGroup(group.id, 'level', { values: [1, 'x'] }), 'BAD_USER_INPUT', 'input.values[1]');
    expectError(
      await setUser(
        t.viewer,
        'level',
        'MANUAL',
        Array.from({ length: 1001 }, (_, i) => i),
      ),
      'BAD_USER_INPUT',
      'input.values',
    );

    const good: [string, unknown[]][] = [
      ['region', ['x'.repeat(500), 'US', 'US']],
      ['level', [3, 1.5, -2]],
      ['start', ['2024-02-29']],
      ['flag', [false]],
    ];
    for (const [attribute, values] of good) {
      const res = await setUser(t.viewer, attribute, 'MANUAL', values);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    const mine = await attributesOf(t.viewer, t.viewer.token);
    expect(mine.region?.effective.values).toHaveLength(2);
    expect(mine.level?.effective.values).toEqual([-2, 1.5, 3]);
    expect(mine.start?.effective.values).toEqual(['2024-02-29']);
    expect(mine.flag?.effective.values).toEqual([false]);
    for (const attribute of Object.keys(attrs)) await setUser(t.viewer, attribute, 'INHERIT');
  });
});

describe('effective values', () => {
  let alice: SeededUser;
  let east: string;
  let west: string;

  beforeAll(async () => {
    alice = await kit.addUser(t.tenant, { role: 'VIEWER' });
    east = (await kit.addGroup(t.tenant, 'East', [alice])).id;
    west = (await kit.addGroup(t.tenant, 'West', [alice])).id;
    await setGroup(east, 'region', { values: ['US', 'FR'] });
    await setGroup(west, 'region', { values: ['FR', 'DE'] });
  });

  it('system attributes come first, from the user’s email, id and role, and cannot be set', async () => {
    const mine = await attributesOf(alice, alice.token);
    expect(Object.keys(mine).slice(0, 3)).toEqual(['h_email', 'h_user_id', 'h_role']);
    expect(mine.h_email).toEqual({
      attribute: { name: 'h_email', type: 'STRING', system: true },
      mode: null,
      source: 'SYSTEM',
      effective: { all: false, values: [alice.email], missing: false },
    });
    expect(mine.h_user_id?.effective.values).toEqual([alice.id]);
    expect(mine.h_role?.effective.values).toEqual(['VIEWER']);
  });

  it('INHERIT is the union of the groups that set it; nothing set anywhere is missing', async () => {
    const mine = await attributesOf(alice);
    expect(mine.region).toMatchObject({ mode: 'INHERIT', source: 'GROUPS', effective: { all: false, values: ['DE', 'FR', 'US'], missing: false } });
    expect(mine.level).toMatchObject({ mode: 'INHERIT', source: null, effective: { all: false, values: null, missing: true } });
  });

  it('ALL in one group beats the lists; leaving that group brings the lists back on the next request', async () => {
    const global = (await kit.addGroup(t.tenant, 'Global', [alice])).id;
    const set = await setGroup(global, 'region', { all: true });
    expect(set.data?.setGroupAttributeValue).toEqual({ group: { name: 'Global' }, attribute: { name: 'region' }, all: true, values: null });
    expect((await attributesOf(alice)).region).toMatchObject({ source: 'GROUPS', effective: { all: true, values: null, missing: false } });
    await kit.gql(RemoveMembers, { input: { groupId: globalId('Group', global), userIds: [alice.globalId] } }, { token: t.admin.token });
    expect((await attributesOf(alice)).region?.effective).toEqual({ all: false, values: ['DE', 'FR', 'US'], missing: false });
  });

  it('MANUAL overrides the groups, an empty MANUAL means nothing (not missing), ALL lifts it, INHERIT goes back', async () => {
    const manual = await setUser(alice, 'region', 'MANUAL', ['JP']);
    expect(manual.data?.setUserAttributeValue).toEqual({
      attribute: { name: 'region', type: 'STRING' },
      mode: 'MANUAL',
      source: 'MANUAL',
      effective: { all: false, values: ['JP'], missing: false },
    });
    const empty = await setUser(alice, 'region', 'MANUAL', []);
    expect(empty.data?.setUserAttributeValue).toMatchObject({ mode: 'MANUAL', effective: { all: false, values: [], missing: false } });
    const all = await setUser(alice, 'region', 'ALL');
    expect(all.data?.setUserAttributeValue).toMatchObject({ mode: 'ALL', source: 'USER_ALL', effective: { all: true, values: null, missing: false } });
    await setUser(alice, 'level', 'ALL');
    expect((await attributesOf(alice)).level).toMatchObject({ mode: 'ALL', source: 'USER_ALL' });
    const back = await setUser(alice, 'region', 'INHERIT');
    expect(back.data?.setUserAttributeValue).toMatchObject({ mode: 'INHERIT', source: 'GROUPS', effective: { values: ['DE', 'FR', 'US'] } });
    await setUser(alice, 'level', 'INHERIT');
  });

  it('a group’s empty list means nothing; all false without values stops the group setting it', async () => {
    await setGroup(east, 'flag', { values: [] });
    expect((await attributesOf(alice)).flag).toMatchObject({ source: 'GROUPS', effective: { values: [], missing: false } });
    const cleared = await setGroup(east, 'flag', { all: false, values: null });
    expect(cleared.data?.setGroupAttributeValue).toMatchObject({ all: false, values: null });
    expect((await attributesOf(alice)).flag?.effective.missing).toBe(true);
  });

  it('User.attributes is for admins and the user themself; Group.attributeValues for admins', async () => {
    for (const token of [t.analyst.token, t.explorer.token, t.viewer.token]) {
      const res = await kit.gql(UserAttrs, { id: alice.globalId }, { token });
      expect(res.data?.user?.id).toBe(alice.globalId);
      expect(res.data?.user?.attributes).toBeNull();
      expectError(res, 'FORBIDDEN');
      const group = await kit.gql(GroupAttrs, { id: globalId('Group', east) }, { token });
      expect(group.data?.group?.name).toBe('East');
      expect(group.data?.group?.attributeValues).toBeNull();
      expectError(group, 'FORBIDDEN');
    }
    expect((await attributesOf(alice, alice.token)).region?.effective.values).toEqual(['DE', 'FR', 'US']);
    const group = await kit.gql(GroupAttrs, { id: globalId('Group', east) }, { token: t.admin.token });
    expect(group.data?.group?.attributeValues).toEqual([{ attribute: { name: 'region' }, all: false, values: ['US', 'FR'] }]);
    expect((await kit.gql(UserAttrs, { id: alice.globalId })).status).toBe(401);
  });

  it('loadEffectiveAttributes reads the database as it is, in one statement', async () => {
    const principal = { tenantId: t.tenant.id, userId: alice.id, email: alice.email, role: 'VIEWER' };
    const { result: before, statements } = await kit.countStatements(() => loadEffectiveAttributes(kit.orm.em.fork(), principal));
    expect(statements).toHaveLength(1);
    expect(before.get('region')).toEqual({ kind: 'VALUES', values: ['DE', 'FR', 'US'], source: 'GROUPS' });
    expect(before.get('h_email')).toEqual({ kind: 'VALUES', values: [alice.email], source: 'SYSTEM' });
    expect(before.get('level')).toEqual({ kind: 'MISSING' });
    expect(before.get('no_such_attribute')).toEqual({ kind: 'MISSING' });
    expect([before.typeOf('level'), before.typeOf('h_role'), before.typeOf('only_other')]).toEqual(['NUMBER', 'STRING', undefined]);
    await sql('delete from group_memberships where group_id = ? and user_id = ?', [west, alice.id]);
    const after = await loadEffectiveAttributes(kit.orm.em.fork(), principal);
    expect(after.get('region')).toEqual({ kind: 'VALUES', values: ['FR', 'US'], source: 'GROUPS' });
    await sql('delete from group_memberships where group_id = ? and user_id = ?', [east, alice.id]);
    expect((await loadEffectiveAttributes(kit.orm.em.fork(), principal)).get('region')).toEqual({ kind: 'MISSING' });
    expect((await attributesOf(alice)).region?.effective.missing).toBe(true);
  });

  it('effectiveFromValues takes explicit values (source TOKEN), typed, never widened', () => {
    const types = new Map([
      ['region', 'STRING'],
      ['level', 'NUMBER'],
      ['start', 'DATE'],
    ] as const);
    const effective = effectiveFromValues(types, { region: ['US', 'US', 7], level: 3, h_email: 'forged@example.com', extra: ['x'] });
    expect(effective.get('region')).toEqual({ kind: 'VALUES', values: ['US'], source: 'TOKEN' });
    expect(effective.get('level')).toEqual({ kind: 'VALUES', values: [3], source: 'TOKEN' });
    expect(effective.get('start')).toEqual({ kind: 'MISSING' });
    expect(effective.get('h_email')).toEqual({ kind: 'MISSING' });
    expect(effective.get('extra')).toEqual({ kind: 'MISSING' });
    const withSystem = effectiveFromValues(types, {}, { email: 'e@example.com', userId: 'embed-1', role: 'VIEWER' });
    expect(withSystem.get('h_user_id')).toEqual({ kind: 'VALUES', values: ['embed-1'], source: 'SYSTEM' });
  });
});

describe('batching, cascades and audit', () => {
  it('a page of 50 users with attributes costs the same statements as a page of 6', async () => {
    const big = await kit.seedTenant();
    await kit.gql(Create, { input: { name: 'region', type: 'STRING' } }, { token: big.admin.token });
    const users: SeededUser[] = [];
    for (let i = 0; i < 44; i++) users.push(await kit.addUser(big.tenant, { role: 'VIEWER' }));
    const group = await kit.addGroup(big.tenant, 'A', users.slice(0, 30));
    await setGroup(group.id, 'region', { values: ['US'] }, big.admin.token);
    const small = await kit.seedTenant();
    // Counted on a second, identical request: the first records lastActiveAt and fills the metadata cache.
    const run = async (tenant: SeededTenant) => {
      await kit.gql(UsersAttrs, { first: 50 }, { token: tenant.admin.token });
      return kit.countStatements(() => kit.gql(UsersAttrs, { first: 50 }, { token: tenant.admin.token }));
    };
    const few = await run(small);
    const many = await run(big);
    expect(many.result.data!.users!.edges).toHaveLength(50);
    const sources = many.result.data!.users!.edges.map((e) => e.node.attributes!.find((a) => a.attribute.name === 'region')?.source);
    expect(sources.filter((s) => s === 'GROUPS')).toHaveLength(30);
    expect(many.statements.length).toBe(few.statements.length);
    expect(many.statements.length).toBeLessThanOrEqual(4);
  });

  it('deleting a group or a user deletes its values', async () => {
    const bob = await kit.addUser(t.tenant, { role: 'VIEWER', status: 'PENDING' });
    const group = await kit.addGroup(t.tenant, 'Doomed', [bob]);
    await setGroup(group.id, 'region', { values: ['IT'] });
    await setUser(bob, 'level', 'MANUAL', [1]);
    await sql('delete from groups where id = ?', [group.id]);
    await sql('delete from users where id = ?', [bob.id]);
    expect((await sql('select 1 from group_attribute_values where group_id = ?', [group.id])).length).toBe(0);
    expect((await sql('select 1 from user_attribute_values where user_id = ?', [bob.id])).length).toBe(0);
  });

  it('records each change with before and after, and nothing when nothing changed', async () => {
    const carol = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const events = () =>
      sql<{ action: string; summary: Record<string, unknown> }>(
        `select action, summary from audit_events where tenant_id = ? and resource_id = ? order by id`,
        [t.tenant.id, carol.id],
      );
    await setUser(carol, 'region', 'MANUAL', ['US']);
    await setUser(carol, 'region', 'MANUAL', ['US']);
    await setUser(carol, 'region', 'INHERIT');
    expect(await events()).toEqual([
      { action: 'user.setAttribute', summary: { attribute: 'region', before: { mode: 'INHERIT' }, after: { mode: 'MANUAL', values: ['US'] } } },
      { action: 'user.setAttribute', summary: { attribute: 'region', before: { mode: 'MANUAL', values: ['US'] }, after: { mode: 'INHERIT' } } },
    ]);
    const group = await kit.addGroup(t.tenant, 'Audited', []);
    await setGroup(group.id, 'region', { all: true });
    const [groupEvent] = await sql<{ summary: unknown }>(`select summary from audit_events where resource_id = ? and action = 'group.setAttribute'`, [
      group.id,
    ]);
    expect(groupEvent?.summary).toEqual({ attribute: 'region', before: { all: false, values: null }, after: { all: true, values: null } });
  });
});
