import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { test } from '../testkit/fixture.ts';
import { Widget } from '../../src/modules/dashboard/dashboard.entity.ts';
import type { SeededTenant, SeededUser, TestKit } from '../testkit/kit.ts';

const Delete = graphql(`
  mutation DeleteUserDelete($input: DeleteUserInput!) {
    deleteUser(input: $input) {
      deletedUserId
      transferredTo { id }
      moved { folders personalFolders dashboards personalDashboards widgets datasets dataSources shareableLinks }
    }
  }
`);
const Viewer = graphql(`query DeleteUserViewer { viewer { user { id } } }`);

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;
const fieldOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.field;

const it = test
  .extend(
    'sql',
    ({ kit }) =>
      <T extends object>(query: string, params: unknown[] = []) =>
        kit.orm.em.fork().execute<T[]>(query, params),
  )
  /** A user of `t` owning one of everything: team folder, personal folder and dashboard, team dashboard with a widget, dataset, data source. */
  .extend('owner', ({ kit }) => async (t: SeededTenant) => {
    const user = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const content = contentBuilders(kit, t.tenant);
    const teamFolder = await content.folder({ owner: user });
    const personalFolder = await content.folder({ owner: user, workspace: 'PERSONAL' });
    const personalDashboard = await content.dashboard({ owner: user, folder: personalFolder });
    const dashboard = await content.dashboard({ owner: t.admin, folder: teamFolder });
    const source = await content.dataSource(user);
    const dataset = await content.dataset(user, source);
    const em = kit.orm.em.fork();
    const widget = em.create(Widget, { tenant: t.tenant.id, dashboard: dashboard.id, dataset: dataset.id, owner: user.id, title: 'W', query: {} });
    await em.flush();
    const linkId = uuidv7();
    await em.execute(
      `insert into shareable_links (id, created_at, tenant_id, dashboard_id, created_by_id, token_hash, row_restrictions, user_attributes)
       values (?, now(), ?, ?, ?, ?, '[]', '{}')`,
      [linkId, t.tenant.id, dashboard.id, user.id, randomBytes(32).toString('hex')],
    );
    return { user, teamFolder, personalFolder, personalDashboard, dashboard, source, dataset, widget, linkId };
  });

const deleteAs = (kit: TestKit, who: SeededUser, id: string, transferOwnershipTo?: string) =>
  kit.gql(Delete, { input: { id, transferOwnershipTo } }, { token: who.token });

describe('deleteUser', () => {
  it('moves everything the user owned to the target in one go, ends their sessions and is audited', async ({ kit, sql, owner }) => {
    const t = await kit.seedTenant();
    const o = await owner(t);
    const group = await kit.addGroup(t.tenant, 'Leavers', [o.user]);
    const content = contentBuilders(kit, t.tenant);
    await content.share('DASHBOARD', o.dashboard.id, { user: o.user });
    const target = t.explorer;
    expect((await kit.gql(Viewer, {}, { token: o.user.token })).status).toBe(200);

    const res = await deleteAs(kit, t.admin, o.user.globalId, target.globalId);
    expect(res.errors).toBeUndefined();
    expect(res.data?.deleteUser).toEqual({
      deletedUserId: o.user.globalId,
      transferredTo: { id: target.globalId },
      moved: { folders: 2, personalFolders: 1, dashboards: 1, personalDashboards: 1, widgets: 1, datasets: 1, dataSources: 1, shareableLinks: 1 },
    });
    const owners = await sql<{ kind: string; owner_id: string; workspace_owner_id: string | null }>(
      `select 'teamFolder' as kind, owner_id, workspace_owner_id from folders where id = ?
       union all select 'personalFolder', owner_id, workspace_owner_id from folders where id = ?
       union all select 'personalDashboard', owner_id, workspace_owner_id from dashboards where id = ?
       union all select 'dashboard', owner_id, workspace_owner_id from dashboards where id = ?
       union all select 'widget', owner_id, null from widgets where id = ?
       union all select 'dataset', owner_id, null from datasets where id = ?
       union all select 'dataSource', owner_id, null from data_sources where id = ?
       union all select 'link', created_by_id, null from shareable_links where id = ?`,
      [o.teamFolder.id, o.personalFolder.id, o.personalDashboard.id, o.dashboard.id, o.widget.id, o.dataset.id, o.source.id, o.linkId],
    );
    expect(Object.fromEntries(owners.map((r) => [r.kind, [r.owner_id, r.workspace_owner_id]]))).toEqual({
      teamFolder: [target.id, null],
      // The personal workspace's contents are now in the target's personal workspace.
      personalFolder: [target.id, target.id],
      personalDashboard: [target.id, target.id],
      // Someone else's dashboard stays theirs.
      dashboard: [t.admin.id, null],
      widget: [target.id, null],
      dataset: [target.id, null],
      dataSource: [target.id, null],
      link: [target.id, null],
    });
    const gone = await sql<{ users: string; sessions: string; memberships: string; shares: string }>(
      `select (select count(*) from users where id = ?) as users, (select count(*) from sessions where user_id = ?) as sessions,
              (select count(*) from group_memberships where group_id = ?) as memberships, (select count(*) from shares where grantee_user_id = ?) as shares`,
      [o.user.id, o.user.id, group.id, o.user.id],
    );
    expect(gone[0]).toEqual({ users: '0', sessions: '0', memberships: '0', shares: '0' });
    const stale = await kit.gql(Viewer, {}, { token: o.user.token });
    expect(stale.status).toBe(401);
    expect(codeOf(stale)).toBe('UNAUTHENTICATED');
    const audit = await sql<{ actor_id: string; summary: Record<string, unknown> }>(
      "select actor_id, summary from audit_events where tenant_id = ? and action = 'user.delete' and resource_id = ?",
      [t.tenant.id, o.user.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(t.admin.id);
    expect(audit[0]!.summary).toMatchObject({ email: o.user.email, transferredTo: target.id, moved: { folders: 2, personalFolders: 1, widgets: 1 } });
  });

  it('refuses without a transfer target when the user owns anything, and changes nothing', async ({ kit, sql, owner }) => {
    const t = await kit.seedTenant();
    const o = await owner(t);
    const res = await deleteAs(kit, t.admin, o.user.globalId);
    expect(res.data?.deleteUser).toBeNull();
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(fieldOf(res)).toBe('input.transferOwnershipTo');
    expect(res.errors?.[0]?.message).toContain('1 datasets');
    const still = await sql<{ count: string }>('select count(*) from users where id = ?', [o.user.id]);
    expect(still[0]!.count).toBe('1');
    expect((await kit.gql(Viewer, {}, { token: o.user.token })).data?.viewer?.user?.id).toBe(o.user.globalId);
  });

  it('a user who owns nothing is deleted without a target', async ({ kit, sql }) => {
    const t = await kit.seedTenant();
    const res = await deleteAs(kit, t.admin, t.pending.globalId);
    expect(res.data?.deleteUser).toMatchObject({ deletedUserId: t.pending.globalId, transferredTo: null, moved: { folders: 0, datasets: 0 } });
    expect((await sql<{ count: string }>('select count(*) from users where id = ?', [t.pending.id]))[0]!.count).toBe('0');
  });

  it('the target must be an active user of the same tenant other than the one deleted', async ({ kit, owner }) => {
    const t = await kit.seedTenant();
    const other = await kit.seedTenant();
    const o = await owner(t);
    for (const bad of [t.deactivated.globalId, t.pending.globalId, other.admin.globalId, o.user.globalId, 'garbage']) {
      const res = await deleteAs(kit, t.admin, o.user.globalId, bad);
      expect(res.data?.deleteUser).toBeNull();
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toBe('input.transferOwnershipTo');
    }
    expect((await deleteAs(kit, t.admin, o.user.globalId, t.viewer.globalId)).data?.deleteUser?.transferredTo?.id).toBe(t.viewer.globalId);
  });

  it('non-admins are refused, another tenant’s user is NOT_FOUND, nobody deletes themself, and the last active admin stays', async ({ kit }) => {
    const t = await kit.seedTenant();
    const other = await kit.seedTenant();
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const res = await deleteAs(kit, who, t.pending.globalId);
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
    expect(codeOf(await deleteAs(kit, t.admin, other.pending.globalId))).toBe('NOT_FOUND');
    const self = await deleteAs(kit, t.admin, t.admin.globalId, t.analyst.globalId);
    expect(codeOf(self)).toBe('CONFLICT');
    // A second admin deletes the first; then nobody can remove the one left.
    const second = await kit.addUser(t.tenant, { role: 'ADMIN' });
    expect((await deleteAs(kit, second, t.admin.globalId)).data?.deleteUser?.deletedUserId).toBe(t.admin.globalId);
    const third = await kit.addUser(t.tenant, { role: 'ADMIN', status: 'DEACTIVATED' });
    expect(codeOf(await deleteAs(kit, second, second.globalId))).toBe('CONFLICT');
    // A deactivated admin is no active admin: deleting them is fine.
    expect((await deleteAs(kit, second, third.globalId)).data?.deleteUser?.deletedUserId).toBe(third.globalId);
  });
});
