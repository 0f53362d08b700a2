import { describe, expect } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from '../generated/gql.ts';
import { TEST_PASSWORD } from '../testkit/kit.ts';
import { test as it } from '../testkit/fixture.ts';

const UpdateMe = graphql(`
  mutation UpdateMeSelf($input: UpdateMeInput!) {
    updateMe(input: $input) { id name timezone role status digest { frequency localTime weekday } }
  }
`);
const Viewer = graphql(`query UpdateMeViewer { viewer { user { id name } } }`);
const Login = graphql(`mutation UpdateMeLogin($input: LoginInput!) { login(input: $input) { token } }`);
const Impersonate = graphql(`mutation UpdateMeImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
const UpdateUser = graphql(`mutation UpdateMeUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }`);
const CreateAttribute = graphql(`mutation UpdateMeCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }`);
const SetAttribute = graphql(`mutation UpdateMeSetAttribute($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { __typename } }`);
const AddMembers = graphql(`mutation UpdateMeAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`);
const Deactivate = graphql(`mutation UpdateMeDeactivate($id: ID!) { deactivateUser(id: $id) { id } }`);

const errorOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions;
const NEW_PASSWORD = 'an entirely new passphrase';

describe('updateMe', () => {
  it('a person changes their own name and time zone; invalid values name the field', async ({ kit, tenant: t }) => {
    const me = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const res = await kit.gql(UpdateMe, { input: { name: '  Grace Hopper ', timezone: 'America/New_York' } }, { token: me.token });
    expect(res.data?.updateMe).toMatchObject({ id: me.globalId, name: 'Grace Hopper', timezone: 'America/New_York', role: 'VIEWER', status: 'ACTIVE' });
    for (const [input, field] of [
      [{ timezone: 'Mars/Olympus_Mons' }, 'input.timezone'],
      [{ timezone: 'not a zone' }, 'input.timezone'],
      [{ name: '   ' }, 'input.name'],
    ] as const) {
      const bad = await kit.gql(UpdateMe, { input }, { token: me.token });
      expect(bad.data?.updateMe).toBeNull();
      expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await kit.gql(UpdateMe, { input: {} }, { token: me.token })).data?.updateMe?.timezone).toBe('America/New_York');
  });

  it('digest settings: off by default, DAILY at 08:00 when turned on, WEEKLY on a day; bad times and days are refused', async ({ kit, tenant: t }) => {
    const me = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const set = (digest: Record<string, unknown>) => kit.gql(UpdateMe, { input: { digest } }, { token: me.token });
    expect((await kit.gql(UpdateMe, { input: {} }, { token: me.token })).data?.updateMe?.digest).toEqual({
      frequency: 'OFF',
      localTime: '08:00',
      weekday: null,
    });
    expect((await set({})).data?.updateMe?.digest).toEqual({ frequency: 'DAILY', localTime: '08:00', weekday: null });
    expect((await set({ frequency: 'WEEKLY', localTime: '17:30' })).data?.updateMe?.digest).toEqual({
      frequency: 'WEEKLY',
      localTime: '17:30',
      weekday: 'MONDAY',
    });
    expect((await set({ weekday: 'FRIDAY' })).data?.updateMe?.digest).toEqual({ frequency: 'WEEKLY', localTime: '17:30', weekday: 'FRIDAY' });
    for (const localTime of ['24:00', '8:00', '12:60', '12:00:00', '']) {
      expect(errorOf(await set({ localTime }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.digest.localTime' });
    }
    expect(errorOf(await set({ frequency: 'DAILY', weekday: 'MONDAY' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.digest.weekday' });
    expect((await set({ frequency: 'DAILY', localTime: '00:00' })).data?.updateMe?.digest).toEqual({ frequency: 'DAILY', localTime: '00:00', weekday: null });
    expect((await set({ frequency: 'OFF' })).data?.updateMe?.digest?.frequency).toBe('OFF');
  });

  it('a new password needs the current one, ends the other sessions and keeps this one', async ({ kit, tenant: t }) => {
    const me = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const login = () => kit.gql(Login, { input: { tenant: t.slug, email: me.email, password: TEST_PASSWORD } });
    const other = (await login()).data!.login!.token;
    const missing = await kit.gql(UpdateMe, { input: { password: NEW_PASSWORD } }, { token: me.token });
    expect(errorOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currentPassword' });
    const wrong = await kit.gql(UpdateMe, { input: { password: NEW_PASSWORD, currentPassword: 'not my password at all' } }, { token: me.token });
    expect(errorOf(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currentPassword' });
    const short = await kit.gql(UpdateMe, { input: { password: 'short', currentPassword: TEST_PASSWORD } }, { token: me.token });
    expect(errorOf(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    // Nothing changed so far: the other session still works.
    expect((await kit.gql(Viewer, {}, { token: other })).status).toBe(200);

    const ok = await kit.gql(UpdateMe, { input: { password: NEW_PASSWORD, currentPassword: TEST_PASSWORD } }, { token: me.token });
    expect(ok.errors).toBeUndefined();
    const ended = await kit.gql(Viewer, {}, { token: other });
    expect(ended.status).toBe(401);
    expect(errorOf(ended)?.code).toBe('UNAUTHENTICATED');
    expect((await kit.gql(Viewer, {}, { token: me.token })).data?.viewer?.user?.id).toBe(me.globalId);
    expect(errorOf(await login())?.code).toBe('UNAUTHENTICATED');
    expect((await kit.gql(Login, { input: { tenant: t.slug, email: me.email, password: NEW_PASSWORD } })).data?.login?.token).toBeTruthy();
    // The audit event records the change, never the password.
    const [event] = await kit.orm.em
      .fork()
      .execute<{ summary: Record<string, unknown> }[]>("select summary from audit_events where resource_id = ? and action = 'user.updateMe'", [me.id]);
    expect(JSON.stringify(event!.summary)).not.toContain(NEW_PASSWORD);
    expect(event!.summary.sessionsEnded).toBe(1);
  });

  it('wrong current passwords count against the sign-in throttle of the account', async ({ kit, tenant: t }) => {
    const me = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const codes: unknown[] = [];
    for (let i = 0; i < kit.config.signInLimits.accountAttempts + 1; i++) {
      const res = await kit.gql(UpdateMe, { input: { password: NEW_PASSWORD, currentPassword: `wrong guess ${i}` } }, { token: me.token });
      codes.push(errorOf(res)?.code);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.slice(0, -1).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('is refused while impersonating and to anonymous callers', async ({ kit, tenant: t }) => {
    const target = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const token = (await kit.gql(Impersonate, { userId: target.globalId }, { token: t.admin.token })).data!.impersonate!.token;
    const res = await kit.gql(UpdateMe, { input: { name: 'Renamed by someone else' } }, { token });
    expect(errorOf(res)?.code).toBe('FORBIDDEN');
    const anonymous = await kit.gql(UpdateMe, { input: { name: 'x' } });
    expect(anonymous.status).toBe(401);
  });

  it('has no role, group, flag, attribute or status field: such input is a validation error', async ({ kit, tenant: t }) => {
    for (const field of ['role: ADMIN', 'allowApiAccess: true', 'status: ACTIVE', 'groupIds: []']) {
      const document = parse(`mutation { updateMe(input: { ${field} }) { id } }`) as TypedDocumentNode<unknown, Record<string, never>>;
      const res = await kit.gql(document, {}, { token: t.viewer.token });
      expect(res.data ?? null).toBeNull();
      expect(errorOf(res)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

describe('nobody escalates through their own account, admins included', () => {
  it('updateUser on oneself: role, flags and overrides are FORBIDDEN, for admins and everyone else', async ({ kit }) => {
    const t = await kit.seedTenant();
    for (const input of [
      { role: 'VIEWER' as const },
      { allowApiAccess: true },
      { allowExportData: false },
      { datasetAccessMode: 'BLACKLIST' as const },
      { featurePermissions: [{ feature: 'DASHBOARDS' as const, state: 'DISABLED' as const }] },
    ]) {
      const res = await kit.gql(UpdateUser, { input: { id: t.admin.globalId, ...input } }, { token: t.admin.token });
      expect(res.data?.updateUser).toBeNull();
      expect(errorOf(res)?.code).toBe('FORBIDDEN');
    }
    for (const who of [t.analyst, t.viewer]) {
      const res = await kit.gql(UpdateUser, { input: { id: who.globalId, role: 'ADMIN' } }, { token: who.token });
      expect(errorOf(res)?.code).toBe('FORBIDDEN');
    }
    // The allowed case: another admin changes the same things.
    const second = await kit.addUser(t.tenant, { role: 'ADMIN' });
    expect((await kit.gql(UpdateUser, { input: { id: second.globalId, role: 'ANALYST' } }, { token: t.admin.token })).data?.updateUser?.role).toBe('ANALYST');
  });

  it('own attributes, groups and status are refused; someone else’s are not', async ({ kit }) => {
    const t = await kit.seedTenant();
    const created = await kit.gql(CreateAttribute, { input: { name: 'region_self', type: 'STRING' } }, { token: t.admin.token });
    expect(created.errors).toBeUndefined();
    const attribute = { attribute: 'region_self', mode: 'MANUAL' as const, values: ['EU'] };
    expect(errorOf(await kit.gql(SetAttribute, { input: { userId: t.admin.globalId, ...attribute } }, { token: t.admin.token }))?.code).toBe('FORBIDDEN');
    expect((await kit.gql(SetAttribute, { input: { userId: t.viewer.globalId, ...attribute } }, { token: t.admin.token })).errors).toBeUndefined();
    const group = await kit.addGroup(t.tenant, 'Self group', []);
    const groupId = Buffer.from(`Group:${group.id}`).toString('base64');
    const own = await kit.gql(AddMembers, { input: { groupId, userIds: [t.viewer.globalId, t.admin.globalId] } }, { token: t.admin.token });
    expect(errorOf(own)?.code).toBe('FORBIDDEN');
    expect((await kit.gql(AddMembers, { input: { groupId, userIds: [t.viewer.globalId] } }, { token: t.admin.token })).errors).toBeUndefined();
    expect(errorOf(await kit.gql(Deactivate, { id: t.admin.globalId }, { token: t.admin.token }))?.code).toBe('CONFLICT');
  });
});
