import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { globalId } from '../testkit/kit.ts';
import { test } from '../testkit/fixture.ts';

const DashboardsList = graphql(`
  query DashList($search: String, $first: Int) {
    dashboards(search: $search, first: $first) { edges { node { id title } } }
  }
`);
const DashboardFull = graphql(`
  query DashFull($first: Int) {
    dashboards(first: $first) {
      edges { node { id title owner { name } folderPath { name } shares { granteeType } viewerCan { edit lock share copy move export } } }
    }
  }
`);
const DashboardById = graphql(`
  query DashById($id: ID!) {
    dashboard(id: $id) { id title locked folderPath { name } viewerCan { edit lock share delete copy move settings } }
  }
`);
const FolderById = graphql(`query DashFolderById($id: ID!) { folder(id: $id) { id name path { name } } }`);
const Folders = graphql(`
  query DashFolders($parentId: ID, $workspace: Workspace) {
    folders(parentId: $parentId, workspace: $workspace) { edges { node { id name } } }
  }
`);
const NodeById = graphql(`query DashNode($id: ID!) { node(id: $id) { id } }`);
const ShareIt = graphql(`mutation DashShare($input: ShareInput!) { share(input: $input) { granteeType } }`);
const UnshareIt = graphql(`mutation DashUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }`);
const Update = graphql(`mutation DashUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id title description } }`);
const LockIt = graphql(`mutation DashLock($id: ID!) { lockDashboard(id: $id) { locked } }`);
const UnlockIt = graphql(`mutation DashUnlock($id: ID!) { unlockDashboard(id: $id) { locked } }`);
const Create = graphql(`mutation DashCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id workspace } }`);
const Copy = graphql(
  `mutation DashCopy($input: PlaceDashboardInput!) { copyDashboard(input: $input) { id title workspace widgets { title } owner { name } } }`,
);
const Move = graphql(`mutation DashMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace } }`);
const Delete = graphql(`mutation DashDelete($id: ID!) { deleteDashboard(id: $id) }`);
const CreateFolder = graphql(`mutation DashCreateFolder($input: CreateFolderInput!) { createFolder(input: $input) { id workspace } }`);
const MoveFolder = graphql(`mutation DashMoveFolder($input: MoveFolderInput!) { moveFolder(input: $input) { id } }`);
const DeleteFolder = graphql(`mutation DashDeleteFolder($id: ID!) { deleteFolder(id: $id) }`);
const AddWidget = graphql(`mutation DashAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title } }`);

const ListCan = graphql(`
  query DashListCan {
    dashboards(first: 100) { edges { node { id viewerCan { edit delete lock share copy move settings export } } } }
  }
`);
const OneCan = graphql(`
  query DashOneCan($id: ID!) { dashboard(id: $id) { id viewerCan { edit delete lock share copy move settings export } } }
`);
const Page = graphql(`
  query DashPage($first: Int, $after: String, $last: Int, $before: String) {
    dashboards(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id viewerCan { share } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);
const ImpersonateFor = graphql(`mutation DashImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);

const did = (id: string) => globalId('Dashboard', id);
const fid = (id: string) => globalId('Folder', id);

const it = test.extend(
  'listed',
  ({ kit }) =>
    async (token: string | undefined) =>
      (await kit.gql(DashboardsList, { first: 100 }, { token })).data!.dashboards!.edges.map((e) => e.node.id),
);

describe('sharing and visibility', () => {
  it('a folder shared with a group shows dashboards three levels down, until the share is revoked', async ({ kit, tenant: t, content: c, listed }) => {
    const group = await kit.addGroup(t.tenant, `Readers ${Date.now()}`, [t.viewer]);
    const top = await c.folder({ owner: t.admin, name: 'Top' });
    const mid = await c.folder({ owner: t.admin, name: 'Mid', parent: top });
    const deep = await c.folder({ owner: t.admin, name: 'Deep', parent: mid });
    const d = await c.dashboard({ owner: t.admin, folder: deep, title: 'Deep dashboard' });
    expect(await listed(t.viewer.token)).not.toContain(did(d.id));

    const shared = await kit.gql(ShareIt, { input: { resourceId: fid(top.id), groupIds: [globalId('Group', group.id)] } }, { token: t.analyst.token });
    expect(shared.data?.share).toEqual([{ granteeType: 'GROUP' }]);
    expect(await listed(t.viewer.token)).toContain(did(d.id));
    const byId = await kit.gql(DashboardById, { id: did(d.id) }, { token: t.viewer.token });
    expect(byId.data?.dashboard?.folderPath.map((f) => f.name)).toEqual(['Top', 'Mid', 'Deep']);
    expect((await kit.gql(FolderById, { id: fid(deep.id) }, { token: t.viewer.token })).data?.folder?.path.map((f) => f.name)).toEqual(['Top', 'Mid', 'Deep']);
    // The shared folder is a root of what the viewer sees.
    const roots = await kit.gql(Folders, {}, { token: t.viewer.token });
    expect(roots.data!.folders!.edges.map((e) => e.node.id)).toContain(fid(top.id));

    await kit.gql(UnshareIt, { input: { resourceId: fid(top.id), groupIds: [globalId('Group', group.id)] } }, { token: t.analyst.token });
    expect(await listed(t.viewer.token)).not.toContain(did(d.id));
    const gone = await kit.gql(DashboardById, { id: did(d.id) }, { token: t.viewer.token });
    expect(gone.errors?.[0]?.extensions?.code, JSON.stringify(gone.errors)).toBe('NOT_FOUND');
  });

  it('a share with All users reaches every user of the tenant, not other tenants', async ({ kit, tenant: t, otherTenant: other, content: c, listed }) => {
    const d = await c.dashboard({ owner: t.admin, title: 'For everyone' });
    await c.share('DASHBOARD', d.id, 'all');
    for (const user of [t.viewer, t.explorer, t.analyst]) expect(await listed(user.token)).toContain(did(d.id));
    const foreign = await kit.gql(DashboardById, { id: did(d.id) }, { token: other.viewer.token });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('personal workspaces are private to their owner and admins until shared, then view-only', async ({ kit, tenant: t, content: c, listed }) => {
    const personal = await c.dashboard({ owner: t.explorer, workspace: 'PERSONAL', workspaceOwner: t.explorer, title: 'Mine' });
    expect(await listed(t.explorer.token)).toContain(did(personal.id));
    expect(await listed(t.admin.token)).toContain(did(personal.id));
    expect(await listed(t.analyst.token)).not.toContain(did(personal.id));
    expect(await listed(t.viewer.token)).not.toContain(did(personal.id));
    await c.share('DASHBOARD', personal.id, { user: t.analyst });
    expect(await listed(t.analyst.token)).toContain(did(personal.id));
    const edit = await kit.gql(Update, { input: { id: did(personal.id), title: 'Hijacked' } }, { token: t.analyst.token });
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const caps = await kit.gql(DashboardById, { id: did(personal.id) }, { token: t.analyst.token });
    expect(caps.data?.dashboard?.viewerCan).toMatchObject({ edit: false, share: false, move: false });
  });

  it('ids of another tenant are NOT_FOUND for dashboards, folders and node()', async ({ kit, tenant: t, otherTenant: other, listed }) => {
    const oc = contentBuilders(kit, other.tenant);
    const foreignDashboard = await oc.dashboard({ owner: other.admin });
    const foreignFolder = await oc.folder({ owner: other.admin });
    for (const res of [
      await kit.gql(DashboardById, { id: did(foreignDashboard.id) }, { token: t.admin.token }),
      await kit.gql(FolderById, { id: fid(foreignFolder.id) }, { token: t.admin.token }),
      await kit.gql(NodeById, { id: did(foreignDashboard.id) }, { token: t.admin.token }),
      await kit.gql(NodeById, { id: fid(foreignFolder.id) }, { token: t.admin.token }),
      await kit.gql(Update, { input: { id: did(foreignDashboard.id), title: 'x' } }, { token: t.admin.token }),
    ]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await listed(t.admin.token)).not.toContain(did(foreignDashboard.id));
  });

  it('search filters in SQL and treats wildcards literally', async ({ kit, tenant: t, content: c }) => {
    const d = await c.dashboard({ owner: t.admin, title: 'Quarterly 100% revenue' });
    const hit = await kit.gql(DashboardsList, { search: '100%' }, { token: t.admin.token });
    expect(hit.data!.dashboards!.edges.map((e) => e.node.id)).toEqual([did(d.id)]);
    const miss = await kit.gql(DashboardsList, { search: '1_0' }, { token: t.admin.token });
    expect(miss.data!.dashboards!.edges).toHaveLength(0);
  });
});

describe('locks', () => {
  it('an analyst cannot lock another’s dashboard; the owner can, and then only owner and admins edit it', async ({ kit, tenant: t, content: c }) => {
    const d = await c.dashboard({ owner: t.analyst, title: 'Owned by analyst' });
    const second = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const denied = await kit.gql(LockIt, { id: did(d.id) }, { token: second.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await kit.gql(LockIt, { id: did(d.id) }, { token: t.analyst.token })).data?.lockDashboard?.locked).toBe(true);
    const blocked = await kit.gql(Update, { input: { id: did(d.id), title: 'Edited by another' } }, { token: second.token });
    expect(blocked.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOwner = await kit.gql(Update, { input: { id: did(d.id), description: 'Owner edit' } }, { token: t.analyst.token });
    expect(byOwner.data?.updateDashboard?.description).toBe('Owner edit');
    const byAdmin = await kit.gql(Update, { input: { id: did(d.id), title: 'Admin edit' } }, { token: t.admin.token });
    expect(byAdmin.data?.updateDashboard?.title).toBe('Admin edit');
    expect((await kit.gql(UnlockIt, { id: did(d.id) }, { token: t.admin.token })).data?.unlockDashboard?.locked).toBe(false);
  });
});

describe('workspaces, copy and move', () => {
  it('explorers create dashboards in their personal workspace only', async ({ kit, tenant: t }) => {
    const personal = await kit.gql(Create, { input: { title: 'Scratch', workspace: 'PERSONAL' } }, { token: t.explorer.token });
    expect(personal.data?.createDashboard?.workspace).toBe('PERSONAL');
    const team = await kit.gql(Create, { input: { title: 'Team', workspace: 'TEAM' } }, { token: t.explorer.token });
    expect(team.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const viewer = await kit.gql(Create, { input: { title: 'Nope', workspace: 'PERSONAL' } }, { token: t.viewer.token });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('copies with widgets to the copier; explorers cannot move a dashboard to the team workspace', async ({ kit, tenant: t, content: c }) => {
    const source = await c.dataSource(t.admin);
    const dataset = await c.dataset(t.admin, source);
    const d = await c.dashboard({ owner: t.explorer, workspace: 'PERSONAL', workspaceOwner: t.explorer, title: 'Original' });
    await c.share('DATASET', dataset.id, { user: t.explorer });
    const widget = await kit.gql(
      AddWidget,
      {
        input: {
          dashboardId: did(d.id),
          datasetId: globalId('Dataset', dataset.id),
          title: 'Revenue',
          query: { measures: [{ field: 'orders.amount', aggregation: 'SUM' }] },
        },
      },
      { token: t.explorer.token },
    );
    expect(widget.data?.addWidget?.title).toBe('Revenue');
    const copy = await kit.gql(Copy, { input: { id: did(d.id), workspace: 'PERSONAL' } }, { token: t.explorer.token });
    expect(copy.data?.copyDashboard).toMatchObject({ title: 'Original (copy)', workspace: 'PERSONAL', widgets: [{ title: 'Revenue' }] });
    const toTeam = await kit.gql(Move, { input: { id: did(d.id), workspace: 'TEAM' } }, { token: t.explorer.token });
    expect(toTeam.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const analystMove = await c.dashboard({ owner: t.analyst, workspace: 'PERSONAL', workspaceOwner: t.analyst });
    const moved = await kit.gql(Move, { input: { id: did(analystMove.id), workspace: 'TEAM' } }, { token: t.analyst.token });
    expect(moved.data?.moveDashboard?.workspace).toBe('TEAM');
  });

  it('deleting needs edit rights', async ({ kit, tenant: t, content: c }) => {
    const d = await c.dashboard({ owner: t.admin });
    await c.share('DASHBOARD', d.id, { user: t.viewer });
    expect((await kit.gql(Delete, { id: did(d.id) }, { token: t.viewer.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await kit.gql(Delete, { id: did(d.id) }, { token: t.analyst.token })).data?.deleteDashboard).toBe(true);
  });
});

describe('folders', () => {
  it('refuses moving a folder into its own subtree, and deleting a non-empty folder', async ({ kit, tenant: t, content: c }) => {
    const a = await c.folder({ owner: t.analyst, name: 'A' });
    const b = await c.folder({ owner: t.analyst, name: 'B', parent: a });
    const cycle = await kit.gql(MoveFolder, { input: { id: fid(a.id), parentId: fid(b.id) } }, { token: t.analyst.token });
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const self = await kit.gql(MoveFolder, { input: { id: fid(a.id), parentId: fid(a.id) } }, { token: t.analyst.token });
    expect(self.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const busy = await kit.gql(DeleteFolder, { id: fid(a.id) }, { token: t.analyst.token });
    expect(busy.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await kit.gql(DeleteFolder, { id: fid(b.id) }, { token: t.analyst.token })).data?.deleteFolder).toBe(true);
  });

  it('viewers and explorers cannot create team folders; a blank name names the field', async ({ kit, tenant: t }) => {
    for (const user of [t.viewer, t.explorer]) {
      const res = await kit.gql(CreateFolder, { input: { name: 'Nope' } }, { token: user.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const blank = await kit.gql(CreateFolder, { input: { name: '  ' } }, { token: t.analyst.token });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const ok = await kit.gql(CreateFolder, { input: { name: 'Reports' } }, { token: t.analyst.token });
    expect(ok.data?.createFolder?.workspace).toBe('TEAM');
  });
});

describe('list rows decide like the dashboard itself', () => {
  // A list page reads its rows without the ORM and decides their fields without waiting; the
  // single-dashboard path loads the entity and its share fact through loaders. Both must agree.
  it('every listed dashboard has the viewerCan of dashboard(id), for every role and while impersonating', async ({ kit, tenant: t, content: c }) => {
    const group = await kit.addGroup(t.tenant, `Can ${Date.now()}`, [t.viewer, t.explorer]);
    const top = await c.folder({ owner: t.admin, name: 'Shared top' });
    const below = await c.folder({ owner: t.admin, name: 'Below', parent: top });
    await c.share('FOLDER', top.id, { groupId: group.id });
    const seeded = [
      await c.dashboard({ owner: t.analyst, title: 'Analyst own' }),
      await c.dashboard({ owner: t.analyst, title: 'Analyst own, locked', locked: true }),
      await c.dashboard({ owner: t.admin, title: 'In a shared tree', folder: below }),
      await c.dashboard({ owner: t.admin, title: 'Shared with the group' }),
      await c.dashboard({ owner: t.admin, title: 'Shared with the viewer, locked', locked: true }),
      await c.dashboard({ owner: t.admin, title: 'Shared with all users' }),
      await c.dashboard({ owner: t.explorer, title: 'Explorer personal', workspace: 'PERSONAL' }),
      await c.dashboard({ owner: t.admin, title: 'Team, not shared' }),
    ];
    await c.share('DASHBOARD', seeded[3]!.id, { groupId: group.id });
    await c.share('DASHBOARD', seeded[4]!.id, { user: t.viewer });
    await c.share('DASHBOARD', seeded[5]!.id, 'all');
    const impersonated = await kit.gql(ImpersonateFor, { userId: t.explorer.globalId }, { token: t.analyst.token });
    expect(impersonated.errors).toBeUndefined();
    const tokens = {
      admin: t.admin.token,
      analyst: t.analyst.token,
      explorer: t.explorer.token,
      viewer: t.viewer.token,
      'analyst as explorer': impersonated.data!.impersonate!.token,
    };
    const decided = new Set<string>();
    for (const [who, token] of Object.entries(tokens)) {
      const list = await kit.gql(ListCan, {}, { token });
      expect(list.errors, who).toBeUndefined();
      const rows = list.data!.dashboards!.edges.map((e) => e.node);
      expect(rows.length, who).toBeGreaterThan(0);
      for (const row of rows) {
        const one = await kit.gql(OneCan, { id: row.id }, { token });
        expect(one.errors, `${who} ${row.id}`).toBeUndefined();
        expect(row.viewerCan, `${who} ${row.id}`).toEqual(one.data!.dashboard!.viewerCan);
        decided.add(JSON.stringify(row.viewerCan));
      }
    }
    // The fixture reaches both answers of several actions (not one answer everywhere).
    expect(decided.size).toBeGreaterThanOrEqual(3);
  });
});

describe('paging', () => {
  it('pages forward and backward by cursor over the viewer’s dashboards only, with the same rows and decisions as one page', async ({
    kit,
    tenant: t,
    content: c,
  }) => {
    const mine = [];
    for (let i = 0; i < 5; i++) {
      const d = await c.dashboard({ owner: t.admin, title: `Paged ${i}` });
      await c.share('DASHBOARD', d.id, { user: t.viewer });
      mine.push(d.id);
    }
    const hidden = await c.dashboard({ owner: t.admin, title: 'Not shared' });
    const all = await kit.gql(Page, { first: 100 }, { token: t.viewer.token });
    expect(all.errors).toBeUndefined();
    const ids = all.data!.dashboards!.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining(mine.map(did)));
    expect(ids).not.toContain(did(hidden.id));
    expect(ids).toEqual([...ids].sort((a, b) => (Buffer.from(a, 'base64').toString() < Buffer.from(b, 'base64').toString() ? -1 : 1)));
    expect(all.data!.dashboards!.edges.every((e) => e.node.viewerCan.share === false)).toBe(true);

    const first = await kit.gql(Page, { first: 2 }, { token: t.viewer.token });
    expect(first.data!.dashboards!.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    expect(first.data!.dashboards!.pageInfo.hasNextPage).toBe(true);
    const next = await kit.gql(Page, { first: 2, after: first.data!.dashboards!.pageInfo.endCursor }, { token: t.viewer.token });
    expect(next.data!.dashboards!.edges.map((e) => e.node.id)).toEqual(ids.slice(2, 4));
    const back = await kit.gql(Page, { last: 2, before: next.data!.dashboards!.pageInfo.startCursor }, { token: t.viewer.token });
    expect(back.data!.dashboards!.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 2));
    const tail = await kit.gql(Page, { last: 2 }, { token: t.viewer.token });
    expect(tail.data!.dashboards!.edges.map((e) => e.node.id)).toEqual(ids.slice(-2));
    expect(tail.data!.dashboards!.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe('no N+1', () => {
  it('listing dashboards with owner, folder path, shares and viewerCan costs the same at 10 and at 100', async ({ kit }) => {
    const measure = async (count: number) => {
      const tenant = await kit.seedTenant();
      const cb = contentBuilders(kit, tenant.tenant);
      const group = await kit.addGroup(tenant.tenant, 'G', [tenant.analyst]);
      const root = await cb.folder({ owner: tenant.admin, name: 'Root' });
      const leaf = await cb.folder({ owner: tenant.admin, name: 'Leaf', parent: root });
      for (let i = 0; i < count; i++) {
        const d = await cb.dashboard({ owner: i % 2 ? tenant.admin : tenant.analyst, folder: i % 3 ? leaf : null });
        if (i % 4 === 0) await cb.share('DASHBOARD', d.id, { groupId: group.id });
      }
      const { result, statements } = await kit.countStatements(() => kit.gql(DashboardFull, { first: 100 }, { token: tenant.analyst.token }));
      expect(result.errors).toBeUndefined();
      expect(result.data!.dashboards!.edges).toHaveLength(count);
      return statements.map((sql) => sql.slice(0, 60));
    };
    const small = await measure(10);
    const large = await measure(100);
    expect(large.length, JSON.stringify({ small, large }, null, 1)).toBe(small.length);
    expect(large.length).toBeLessThanOrEqual(12);
  });
});

describe('widgets', () => {
  const WidgetNode = graphql(`query DashWidgetNode($id: ID!) { node(id: $id) { id ... on Widget { title } } }`);
  const DeleteWidget = graphql(`mutation DashDeleteWidget($id: ID!) { deleteWidget(id: $id) }`);

  it('are reachable through node() only on a visible dashboard, and removable by editors only', async ({ kit, tenant: t, otherTenant: other, content: c }) => {
    const source = await c.dataSource(t.admin);
    const dataset = await c.dataset(t.admin, source);
    const d = await c.dashboard({ owner: t.admin, title: 'With widget' });
    const added = await kit.gql(
      AddWidget,
      { input: { dashboardId: did(d.id), datasetId: globalId('Dataset', dataset.id), title: 'Sales', query: { dimensions: ['orders.country'] } } },
      { token: t.admin.token },
    );
    const widgetId = added.data!.addWidget!.id;
    expect((await kit.gql(WidgetNode, { id: widgetId }, { token: t.analyst.token })).data?.node).toMatchObject({ title: 'Sales' });
    const hidden = await kit.gql(WidgetNode, { id: widgetId }, { token: t.viewer.token });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const foreign = await kit.gql(WidgetNode, { id: widgetId }, { token: other.admin.token });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await c.share('DASHBOARD', d.id, { user: t.viewer });
    expect((await kit.gql(DeleteWidget, { id: widgetId }, { token: t.viewer.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await kit.gql(DeleteWidget, { id: widgetId }, { token: t.admin.token })).data?.deleteWidget).toBe(true);
  });
});

describe('fields for those who may share or edit', () => {
  const Guarded = graphql(`
    query DashGuarded($dashboard: ID!, $folder: ID!) {
      dashboard(id: $dashboard) { title shares { granteeType } filters { field permissions } }
      folder(id: $folder) { name shares { granteeType } }
    }
  `);
  const AddFilter = graphql(`mutation DashAddFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { field } }`);

  it('Dashboard.shares, Folder.shares and DashboardFilter.permissions: allowed to editors, FORBIDDEN to a viewer', async ({ kit, tenant: t, content: c }) => {
    const folder = await c.folder({ owner: t.admin, name: 'Guarded' });
    const d = await c.dashboard({ owner: t.admin, folder, title: 'Guarded dashboard' });
    const source = await c.dataSource(t.admin);
    const dataset = await c.dataset(t.admin, source);
    const added = await kit.gql(
      AddFilter,
      {
        input: {
          dashboardId: did(d.id),
          datasetId: globalId('Dataset', dataset.id),
          type: 'DROPDOWN',
          field: 'orders.country',
          permissions: '- if_group: Sales\n  then_value: [FR]',
        },
      },
      { token: t.admin.token },
    );
    expect(added.errors).toBeUndefined();
    await c.share('FOLDER', folder.id, { user: t.viewer });
    const vars = { dashboard: did(d.id), folder: fid(folder.id) };

    const editor = await kit.gql(Guarded, vars, { token: t.analyst.token });
    expect(editor.errors).toBeUndefined();
    expect(editor.data?.dashboard?.shares).toEqual([]);
    expect(editor.data?.folder?.shares).toEqual([{ granteeType: 'USER' }]);
    expect(editor.data?.dashboard?.filters[0]?.permissions).toContain('if_group: Sales');

    const viewer = await kit.gql(Guarded, vars, { token: t.viewer.token });
    expect(viewer.data?.dashboard?.title).toBe('Guarded dashboard');
    expect(viewer.data?.dashboard?.shares).toBeNull();
    expect(viewer.data?.folder?.shares).toBeNull();
    expect(viewer.data?.dashboard?.filters[0]).toEqual({ field: 'orders.country', permissions: null });
    const denied = (viewer.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();
    expect(denied).toEqual([
      ['dashboard.filters.0.permissions', 'FORBIDDEN'],
      ['dashboard.shares', 'FORBIDDEN'],
      ['folder.shares', 'FORBIDDEN'],
    ]);
  });
});
