import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { AuditEventsQuery, AuditEventsQueryVariables } from '../generated/graphql.ts';
import { test } from '../testkit/fixture.ts';
import { globalId } from '../testkit/kit.ts';

const Events = graphql(`
  query AuditEvents($first: Int, $after: String, $last: Int, $before: String, $resourceId: ID, $actorId: ID) {
    auditEvents(first: $first, after: $after, last: $last, before: $before, resourceId: $resourceId, actorId: $actorId) {
      edges { cursor node { id createdAt action resourceType resourceId summary actor { id name } impersonator { id name } } }
      pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    }
  }
`);
const UpdateUser = graphql(`mutation AuditUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id } }`);
const Deactivate = graphql(`mutation AuditDeactivate($id: ID!) { deactivateUser(id: $id) { id } }`);
const Restore = graphql(`mutation AuditRestore($id: ID!) { restoreUser(id: $id) { id } }`);
const CreateGroup = graphql(`mutation AuditCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }`);
const AddMembers = graphql(`mutation AuditAddMembers($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`);
const RemoveMembers = graphql(`mutation AuditRemoveMembers($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }`);
const Invite = graphql(`
  mutation AuditInvite($input: InviteUsersInput!) { inviteUsers(input: $input) { invitations { token user { id } } } }
`);
const Resend = graphql(`mutation AuditResend($userId: ID!) { resendInvitation(userId: $userId) { invitation { token } } }`);
const Accept = graphql(`mutation AuditAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`);
const Impersonate = graphql(`mutation AuditImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
const Stop = graphql(`mutation AuditStop { stopImpersonating }`);

const PASSWORD = 'a passphrase nobody should see';

type Connection = NonNullable<AuditEventsQuery['auditEvents']>;
type Node = Connection['edges'][number]['node'];

const it = test
  /** One page of the log (the first 100 events unless paging is asked for), as `token` sees it. */
  .extend('events', ({ kit, tenant: t }) => async (variables: AuditEventsQueryVariables = {}, token = t.admin.token): Promise<Connection> => {
    const paging = variables.first != null || variables.last != null;
    const res = await kit.gql(Events, paging ? variables : { first: 100, ...variables }, { token });
    expect(res.errors).toBeUndefined();
    return res.data!.auditEvents!;
  })
  .extend(
    'about',
    ({ events }) =>
      async (resourceId: string): Promise<Node[]> =>
        (await events({ resourceId })).edges.map((e) => e.node),
  );

describe('audited mutations', () => {
  it('updateUser records the changed fields, with before/after for role and flags', async ({ kit, tenant: t, about }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const res = await kit.gql(
      UpdateUser,
      {
        input: {
          id: user.globalId,
          role: 'EXPLORER',
          allowExportData: false,
          allowApiAccess: false,
          featurePermissions: [{ feature: 'ALERTS', state: 'ENABLED' }],
        },
      },
      { token: t.admin.token },
    );
    expect(res.errors).toBeUndefined();
    const [event] = await about(user.globalId);
    expect(event).toMatchObject({
      action: 'user.update',
      resourceType: 'USER',
      resourceId: user.globalId,
      actor: { id: t.admin.globalId },
      impersonator: null,
      summary: {
        role: { before: 'VIEWER', after: 'EXPLORER' },
        allowExportData: { before: true, after: false },
        featurePermissions: { ALERTS: { before: 'DEFAULT', after: 'ENABLED' } },
      },
    });
    // allowApiAccess was already false: not a change.
    expect(Object.keys(event!.summary as object).sort()).toEqual(['allowExportData', 'featurePermissions', 'role']);
  });

  it('a refused change records nothing (same transaction)', async ({ kit, tenant: t, about }) => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await kit.gql(UpdateUser, { input: { id: user.globalId, name: 'Nope' } }, { token: t.analyst.token });
    await kit.gql(UpdateUser, { input: { id: user.globalId, name: 'x', timezone: 'Mars/Olympus' } }, { token: t.admin.token });
    expect(await about(user.globalId)).toEqual([]);
  });

  it('deactivateUser and restoreUser', async ({ kit, tenant: t, about }) => {
    const user = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await kit.gql(Deactivate, { id: user.globalId }, { token: t.admin.token });
    await kit.gql(Restore, { id: user.globalId }, { token: t.admin.token });
    expect((await about(user.globalId)).map((e) => [e.action, e.summary])).toEqual([
      ['user.restore', { status: { before: 'DEACTIVATED', after: 'ACTIVE' } }],
      ['user.deactivate', { status: { before: 'ACTIVE', after: 'DEACTIVATED' } }],
    ]);
  });

  it('createGroup, addGroupMembers, removeGroupMembers (a no-op records nothing)', async ({ kit, tenant: t, about }) => {
    const created = await kit.gql(CreateGroup, { input: { name: 'Auditors' } }, { token: t.admin.token });
    const groupId = created.data!.createGroup!.id;
    const members = { groupId, userIds: [t.viewer.globalId, t.explorer.globalId] };
    await kit.gql(AddMembers, { input: members }, { token: t.admin.token });
    await kit.gql(AddMembers, { input: members }, { token: t.admin.token });
    await kit.gql(RemoveMembers, { input: { groupId, userIds: [t.viewer.globalId] } }, { token: t.admin.token });
    const duplicate = await kit.gql(CreateGroup, { input: { name: 'auditors' } }, { token: t.admin.token });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const list = await about(groupId);
    expect(list.map((e) => e.action)).toEqual(['group.removeMembers', 'group.addMembers', 'group.create']);
    expect(list[0]!.summary).toEqual({ userIds: [t.viewer.id] });
    expect((list[1]!.summary as { userIds: string[] }).userIds.sort()).toEqual([t.viewer.id, t.explorer.id].sort());
    expect(list[2]).toMatchObject({ resourceType: 'GROUP', summary: { name: 'Auditors' } });
  });

  it('inviteUsers, resendInvitation, and acceptInvitation by the new user; never a token or password', async ({ kit, tenant: t, about }) => {
    const email = `audit-${Date.now()}@example.com`;
    const invited = await kit.gql(Invite, { input: { emails: [email], role: 'ANALYST' } }, { token: t.admin.token });
    const userId = invited.data!.inviteUsers!.invitations[0]!.user.id;
    const resent = await kit.gql(Resend, { userId }, { token: t.admin.token });
    const invitationToken = resent.data!.resendInvitation!.invitation.token;
    const accepted = await kit.gql(Accept, { input: { token: invitationToken, name: 'New Person', password: PASSWORD } });
    expect(accepted.errors).toBeUndefined();
    const list = await about(userId);
    expect(list.map((e) => [e.action, e.actor?.id])).toEqual([
      ['invitation.accept', userId],
      ['invitation.resend', t.admin.globalId],
      ['user.invite', t.admin.globalId],
    ]);
    expect(list[2]!.summary).toMatchObject({ email, role: 'ANALYST', allowApiAccess: false, allowExportData: true });
    const text = JSON.stringify(list);
    for (const secret of [invited.data!.inviteUsers!.invitations[0]!.token, invitationToken, accepted.data!.acceptInvitation!.token, PASSWORD]) {
      expect(text).not.toContain(secret);
    }
  });

  it('impersonate and stopImpersonating record both people', async ({ kit, tenant: t, about }) => {
    const target = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const started = await kit.gql(Impersonate, { userId: target.globalId }, { token: t.admin.token });
    const token = started.data!.impersonate!.token;
    await kit.gql(Stop, {}, { token });
    const list = await about(target.globalId);
    expect(list.map((e) => [e.action, e.actor?.id, e.impersonator?.id ?? null])).toEqual([
      ['user.stopImpersonating', target.globalId, t.admin.globalId],
      ['user.impersonate', t.admin.globalId, null],
    ]);
    expect(JSON.stringify(list)).not.toContain(token);
  });
});

describe('auditEvents', () => {
  it('is admin only: analysts, explorers, viewers and an impersonating admin get FORBIDDEN', async ({ kit, tenant: t }) => {
    const target = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const impersonating = (await kit.gql(Impersonate, { userId: target.globalId }, { token: t.admin.token })).data!.impersonate!.token;
    for (const token of [t.analyst.token, t.explorer.token, t.viewer.token, impersonating]) {
      const res = await kit.gql(Events, { first: 5 }, { token });
      expect(res.data?.auditEvents).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await kit.gql(Events, { first: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters by actor and resource in SQL; unknown or malformed ids match nothing', async ({ tenant: t, otherTenant: other, events }) => {
    const byAdmin = await events({ actorId: t.admin.globalId });
    expect(byAdmin.edges.length).toBeGreaterThan(5);
    expect(byAdmin.edges.every((e) => e.node.actor?.id === t.admin.globalId)).toBe(true);
    const all = (await events()).edges;
    expect(byAdmin.edges.length).toBeLessThan(all.length);
    for (const id of ['garbage', globalId('User', '01900000-0000-7000-8000-000000000000'), other.admin.globalId]) {
      expect((await events({ actorId: id })).edges).toEqual([]);
      expect((await events({ resourceId: id })).edges).toEqual([]);
    }
  });

  it('pages newest first with cursors, forwards and backwards', async ({ kit, tenant: t, events }) => {
    const all = (await events()).edges.map((e) => e.node);
    expect(all.length).toBeGreaterThan(6);
    const times = all.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const page1 = await events({ first: 3 });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await events({ first: 3, after: page1.pageInfo.endCursor });
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual(all.slice(0, 6).map((e) => e.id));
    const back = await events({ last: 2, before: page2.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.id)).toEqual(all.slice(1, 3).map((e) => e.id));
    const bad = await kit.gql(Events, { after: 'not-a-cursor' }, { token: t.admin.token });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('is tenant-scoped: another tenant’s admin sees none of these events', async ({ kit, tenant: t, otherTenant: other, events }) => {
    const ours = new Set((await events()).edges.map((e) => e.node.id));
    await kit.gql(CreateGroup, { input: { name: 'Theirs' } }, { token: other.admin.token });
    const theirs = (await events({}, other.admin.token)).edges.map((e) => e.node);
    expect(theirs.map((e) => e.action)).toEqual(['group.create']);
    expect(theirs.some((e) => ours.has(e.id))).toBe(false);
    expect((await events({ actorId: t.admin.globalId }, other.admin.token)).edges).toEqual([]);
  });
});
