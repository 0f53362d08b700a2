import { describe, expect } from 'vitest';
import { authScopes } from '../../src/graphql/scopes.ts';
import { assertCan } from '../../src/authz/policy.ts';
import { createContextFactory } from '../../src/http/context.ts';
import type { RequestScope as Context } from '../../src/scope/scope.ts';
import { graphql } from '../generated/gql.ts';
import { globalId, type GraphQLResponse, type SeededUser } from '../testkit/kit.ts';
import { test } from '../testkit/fixture.ts';

const Impersonate = graphql(`mutation ImpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);
const StopImpersonating = graphql(`mutation ImpStop { stopImpersonating }`);
const Me = graphql(`
  query ImpViewer { viewer { kind user { id role email } impersonator { id name } } }
`);
const UpdateUser = graphql(`
  mutation ImpUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id role } }
`);
const Deactivate = graphql(`mutation ImpDeactivate($id: ID!) { deactivateUser(id: $id) { id status } }`);
const Audit = graphql(`
  query ImpAudit($resourceId: ID) {
    auditEvents(first: 20, resourceId: $resourceId) { edges { node { action actor { id } impersonator { id } summary } } }
  }
`);

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

const it = test
  .extend('impersonate', ({ kit }) => async (who: SeededUser, target: { globalId: string }): Promise<string> => {
    const res = await kit.gql(Impersonate, { userId: target.globalId }, { token: who.token });
    expect(res.errors).toBeUndefined();
    return res.data!.impersonate!.token;
  })
  /** The request context the gateway builds for `token`: the same path every GraphQL request takes. */
  .extend('contextFor', ({ kit }) => (token: string): Promise<Context> => {
    const request = new Request('http://tessera.test/graphql', { headers: { authorization: `Bearer ${token}` } });
    return createContextFactory(kit.deps)({ request } as never);
  });

describe('impersonate: who may act as whom', () => {
  it('an admin acts as an analyst: viewer.user is the analyst, viewer.impersonator the admin', async ({ kit, tenant: t, impersonate }) => {
    const token = await impersonate(t.admin, t.analyst);
    const me = await kit.gql(Me, {}, { token });
    expect(me.errors).toBeUndefined();
    expect(me.data?.viewer).toMatchObject({
      kind: 'USER',
      user: { id: t.analyst.globalId, role: 'ANALYST', email: t.analyst.email },
      impersonator: { id: t.admin.globalId },
    });
    // Nobody impersonates while impersonating.
    const nested = await kit.gql(Impersonate, { userId: t.viewer.globalId }, { token });
    expect(nested.data?.impersonate).toBeNull();
    expect(code(nested)).toBe('FORBIDDEN');
    // The admin acts with the analyst's permissions only.
    const adminOnly = await kit.gql(UpdateUser, { input: { id: t.viewer.globalId, name: 'Nope' } }, { token });
    expect(code(adminOnly)).toBe('FORBIDDEN');
  });

  it('the impersonation session expires after one hour', async ({ kit, tenant: t, impersonate }) => {
    const token = await impersonate(t.admin, t.viewer);
    const rows = await kit.orm.em
      .fork()
      .execute<{ seconds: number }[]>(
        'select extract(epoch from expires_at - created_at)::int as seconds from sessions where impersonator_id = ? order by created_at desc limit 1',
        [t.admin.id],
      );
    expect(rows[0]!.seconds).toBe(3600);
    expect(token).toBeTruthy();
  });

  it('an analyst acts as a viewer and as an explorer', async ({ kit, tenant: t, impersonate }) => {
    for (const target of [t.viewer, t.explorer]) {
      const me = await kit.gql(Me, {}, { token: await impersonate(t.analyst, target) });
      expect(me.data?.viewer).toMatchObject({ user: { id: target.globalId }, impersonator: { id: t.analyst.globalId } });
    }
  });

  it('analyst → analyst, anyone → admin, viewer and explorer → anyone are FORBIDDEN', async ({ kit, tenant: t }) => {
    const analyst2 = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const admin2 = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const denied: [SeededUser, SeededUser][] = [
      [t.analyst, analyst2],
      [t.analyst, t.analyst],
      [t.analyst, t.admin],
      [t.admin, admin2],
      [t.admin, t.admin],
      [t.explorer, t.viewer],
      [t.viewer, t.explorer],
      [t.explorer, t.admin],
    ];
    for (const [who, target] of denied) {
      const res = await kit.gql(Impersonate, { userId: target.globalId }, { token: who.token });
      expect(res.data?.impersonate, `${who.role} → ${target.role}`).toBeNull();
      expect(code(res), `${who.role} → ${target.role}`).toBe('FORBIDDEN');
    }
    const anonymous = await kit.gql(Impersonate, { userId: t.viewer.globalId });
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('another tenant’s, missing and invisible users are NOT_FOUND; an admin gets CONFLICT for an inactive user', async ({
    kit,
    tenant: t,
    otherTenant: other,
  }) => {
    const missing = globalId('User', '01900000-0000-7000-8000-000000000000');
    for (const id of [other.viewer.globalId, missing, 'garbage']) {
      const res = await kit.gql(Impersonate, { userId: id }, { token: t.admin.token });
      expect(code(res)).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toBe('User not found');
    }
    // Analysts cannot see deactivated or pending users at all.
    for (const target of [t.deactivated, t.pending]) {
      expect(code(await kit.gql(Impersonate, { userId: target.globalId }, { token: t.analyst.token }))).toBe('NOT_FOUND');
      expect(code(await kit.gql(Impersonate, { userId: target.globalId }, { token: t.admin.token }))).toBe('CONFLICT');
    }
  });
});

describe('the impersonation session is re-checked on every request', () => {
  it('dies (401) when the impersonator is deactivated', async ({ kit, tenant: t, impersonate }) => {
    const admin2 = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const token = await impersonate(admin2, t.explorer);
    expect((await kit.gql(Me, {}, { token })).status).toBe(200);
    await kit.gql(Deactivate, { id: admin2.globalId }, { token: t.admin.token });
    const res = await kit.gql(Me, {}, { token });
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
  });

  it('dies (401) when the impersonator stops being ACTIVE, even if the session row was not revoked', async ({ kit, tenant: t, impersonate }) => {
    const analyst2 = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const token = await impersonate(analyst2, t.viewer);
    await kit.orm.em.fork().execute("update users set status = 'DEACTIVATED' where id = ?", [analyst2.id]);
    const res = await kit.gql(Me, {}, { token });
    expect(res.status).toBe(401);
  });

  it('dies when a demotion takes the right away, and survives one that keeps it', async ({ kit, tenant: t, impersonate }) => {
    const admin2 = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const analyst2 = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const asAnalyst = await impersonate(admin2, analyst2);
    const asExplorer = await impersonate(admin2, t.explorer);
    // admin2 becomes an ANALYST: analysts may act as explorers, not as analysts.
    await kit.gql(UpdateUser, { input: { id: admin2.globalId, role: 'ANALYST' } }, { token: t.admin.token });
    expect((await kit.gql(Me, {}, { token: asAnalyst })).status).toBe(401);
    const still = await kit.gql(Me, {}, { token: asExplorer });
    expect(still.data?.viewer?.impersonator?.id).toBe(admin2.globalId);
    // admin2 becomes an EXPLORER: no impersonation at all.
    await kit.gql(UpdateUser, { input: { id: admin2.globalId, role: 'EXPLORER' } }, { token: t.admin.token });
    expect((await kit.gql(Me, {}, { token: asExplorer })).status).toBe(401);
  });

  it('dies when the target is promoted to admin', async ({ kit, tenant: t, impersonate }) => {
    const target = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const token = await impersonate(t.admin, target);
    await kit.gql(UpdateUser, { input: { id: target.globalId, role: 'ADMIN' } }, { token: t.admin.token });
    expect((await kit.gql(Me, {}, { token })).status).toBe(401);
  });
});

describe('stopImpersonating', () => {
  it('revokes the impersonation session; the impersonator’s own session keeps working', async ({ kit, tenant: t, impersonate }) => {
    const token = await impersonate(t.admin, t.viewer);
    const stop = await kit.gql(StopImpersonating, {}, { token });
    expect(stop.errors).toBeUndefined();
    expect(stop.data?.stopImpersonating).toBe(true);
    expect((await kit.gql(Me, {}, { token })).status).toBe(401);
    expect((await kit.gql(Me, {}, { token: t.admin.token })).data?.viewer?.impersonator).toBeNull();
  });

  it('is FORBIDDEN outside an impersonation', async ({ kit, tenant: t }) => {
    const res = await kit.gql(StopImpersonating, {}, { token: t.admin.token });
    expect(res.data?.stopImpersonating).toBeNull();
    expect(code(res)).toBe('FORBIDDEN');
  });

  it('audit events made while impersonating record both people', async ({ kit, tenant: t, impersonate }) => {
    const target = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const token = await impersonate(t.analyst, target);
    await kit.gql(StopImpersonating, {}, { token });
    const res = await kit.gql(Audit, { resourceId: target.globalId }, { token: t.admin.token });
    const events = res.data!.auditEvents!.edges.map((e) => e.node);
    expect(events.map((e) => e.action)).toEqual(['user.stopImpersonating', 'user.impersonate']);
    // Made while impersonating: the person acted as, and the impersonator.
    expect(events[0]).toMatchObject({ actor: { id: target.globalId }, impersonator: { id: t.analyst.globalId } });
    // Starting the impersonation is the analyst's own act.
    expect(events[1]).toMatchObject({ actor: { id: t.analyst.globalId }, impersonator: null, summary: { role: 'EXPLORER' } });
    expect(JSON.stringify(events)).not.toContain(token);
  });
});

describe('an analyst impersonator acts with the intersection of both users’ permissions', () => {
  /*
   * A real intersection: the explorer has DASHBOARDS ENABLED, which lets them create dashboards in
   * the team workspace as an analyst would; the analyst has DASHBOARDS DISABLED, so they may not.
   * Each alone differs, so "allowed for the target" and "allowed for the impersonator" are both
   * needed for the decision to be denied only while impersonating. (Reading one's own email would
   * not do: that is the acted-as identity, not a permission of either user.)
   */
  let explorer: SeededUser;
  let analyst: SeededUser;
  const teamDashboard = { workspace: 'TEAM' as const };

  it.beforeAll(async ({ kit, tenant: t }) => {
    explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const set = async (user: SeededUser, state: 'ENABLED' | 'DISABLED') => {
      const res = await kit.gql(UpdateUser, { input: { id: user.globalId, featurePermissions: [{ feature: 'DASHBOARDS', state }] } }, { token: t.admin.token });
      expect(res.errors).toBeUndefined();
    };
    await set(explorer, 'ENABLED');
    await set(analyst, 'DISABLED');
  });

  it('each user alone: the explorer may create a team dashboard, the analyst may not', async ({ contextFor }) => {
    const asExplorer = await contextFor(explorer.token!);
    expect(await authScopes(asExplorer).allowed({ action: 'dashboard.create', facts: teamDashboard })).toBe(true);
    const asAnalyst = await contextFor(analyst.token!);
    await expect(assertCan(asAnalyst, 'dashboard.create', teamDashboard)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the analyst acting as the explorer may not (both the scope and the service check say so)', async ({ impersonate, contextFor }) => {
    const ctx = await contextFor(await impersonate(analyst, explorer));
    expect(ctx.viewer).toMatchObject({ userId: explorer.id, role: 'EXPLORER', impersonatorId: analyst.id, impersonatorRole: 'ANALYST' });
    expect(await authScopes(ctx).allowed({ action: 'dashboard.create', facts: teamDashboard })).toBe(false);
    await expect(assertCan(ctx, 'dashboard.create', teamDashboard)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // What both may do stays allowed: a team dashboard shared with the explorer (analysts see the team workspace).
    expect(await authScopes(ctx).allowed({ action: 'dashboard.view', facts: { ...teamDashboard, shared: true } })).toBe(true);
    // "Own personal workspace" means the explorer's, the person acted as; but only what both can see
    // is visible, so it takes the analyst's own share of it.
    const ownWorkspace = { workspace: 'PERSONAL' as const, workspaceOwnerId: explorer.id };
    expect(await authScopes(ctx).allowed({ action: 'dashboard.view', facts: ownWorkspace })).toBe(false);
    const sharedWithAnalyst = { ...ownWorkspace, impersonatorFacts: { ...ownWorkspace, shared: true } };
    expect(await authScopes(ctx).allowed({ action: 'dashboard.view', facts: sharedWithAnalyst })).toBe(true);
  });

  it('an analyst without the restriction, acting as the explorer, may', async ({ tenant: t, impersonate, contextFor }) => {
    const ctx = await contextFor(await impersonate(t.analyst, explorer));
    expect(await authScopes(ctx).allowed({ action: 'dashboard.create', facts: teamDashboard })).toBe(true);
  });

  it('an admin impersonator acts with the target’s permissions alone (no admin powers lent)', async ({ tenant: t, impersonate, contextFor }) => {
    const withOverride = await contextFor(await impersonate(t.admin, explorer));
    expect(await authScopes(withOverride).allowed({ action: 'dashboard.create', facts: teamDashboard })).toBe(true);
    const plain = await contextFor(await impersonate(t.admin, t.explorer));
    expect(await authScopes(plain).allowed({ action: 'dashboard.create', facts: teamDashboard })).toBe(false);
    expect(await authScopes(plain).allowed({ action: 'people.manage', facts: {} })).toBe(false);
  });
});
