import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Folder } from '../../src/modules/folder/folder.entity.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders, type ContentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

/*
 * `Dashboard.folderPath` and `Folder.path` name folders: they stop below the first ancestor the
 * viewer cannot see, so a dashboard or folder shared on its own never names the folders above it.
 */

const DashboardPath = graphql(`query FpDashboard($id: ID!) { dashboard(id: $id) { id folderPath { id name } } }`);
const FolderPath = graphql(`query FpFolder($id: ID!) { folder(id: $id) { id path { id name } } }`);
const ListPaths = graphql(`query FpList { dashboards(first: 100) { edges { node { id folderPath { name } } } } }`);

let kit: TestKit;
let t: SeededTenant;
let cb: ContentBuilders;
let team: Folder;
let finance: Folder;
let sub: Folder;
let dashboardId: string;

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  cb = contentBuilders(kit, t.tenant);
  team = await cb.folder({ owner: t.admin, name: 'Team' });
  finance = await cb.folder({ owner: t.admin, name: 'Finance', parent: team });
  sub = await cb.folder({ owner: t.admin, name: 'Sub', parent: finance });
  dashboardId = (await cb.dashboard({ owner: t.admin, folder: sub, title: 'Budget' })).id;
});
afterAll(() => kit.close());

const names = (path: { name: string }[] | undefined) => path?.map((f) => f.name);
const dashboardPath = async (user: SeededUser) => {
  const res = await kit.gql(DashboardPath, { id: globalId('Dashboard', dashboardId) }, { token: user.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return names(res.data?.dashboard?.folderPath);
};
const folderPath = async (user: SeededUser, folder: Folder) => {
  const res = await kit.gql(FolderPath, { id: globalId('Folder', folder.id) }, { token: user.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return names(res.data?.folder?.path);
};

describe('folder paths name only folders the viewer can see', () => {
  it('a viewer shared the dashboard alone sees no folder names', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await cb.share('DASHBOARD', dashboardId, { user: viewer });
    expect(await dashboardPath(viewer)).toEqual([]);
  });

  it('a viewer shared the innermost folder sees it, not the folders above it (dashboard and folder paths)', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await cb.share('FOLDER', sub.id, { user: viewer });
    expect(await dashboardPath(viewer)).toEqual(['Sub']);
    expect(await folderPath(viewer, sub)).toEqual(['Sub']);
    const res = await kit.gql(DashboardPath, { id: globalId('Dashboard', dashboardId) }, { token: viewer.token });
    expect(res.data?.dashboard?.folderPath.map((f) => f.id)).toEqual([globalId('Folder', sub.id)]);
  });

  it('a viewer who sees the whole chain, and an analyst (team workspace), see every name', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    await cb.share('FOLDER', team.id, { user: viewer });
    for (const user of [viewer, t.analyst, t.admin]) {
      expect(await dashboardPath(user)).toEqual(['Team', 'Finance', 'Sub']);
      expect(await folderPath(user, sub)).toEqual(['Team', 'Finance', 'Sub']);
    }
  });

  it('the path stops at the first hidden ancestor, even when a folder above it is visible', async () => {
    // The viewer owns the top folder of a personal chain but sees nothing of the middle one.
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const top = await cb.folder({ owner: viewer, name: 'Mine', workspace: 'PERSONAL', workspaceOwner: t.admin });
    const middle = await cb.folder({ owner: t.admin, name: 'Private', parent: top });
    const inner = await cb.folder({ owner: t.admin, name: 'Inner', parent: middle });
    await cb.share('FOLDER', inner.id, { user: viewer });
    expect(await folderPath(viewer, inner)).toEqual(['Inner']);
    expect(await folderPath(t.admin, inner)).toEqual(['Mine', 'Private', 'Inner']);
  });

  it('a list of paths costs the same number of statements for 2 and for 20 dashboards', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const measure = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const folder = await cb.folder({ owner: t.admin, name: `F${i}`, parent: i % 2 ? finance : sub });
        const d = await cb.dashboard({ owner: t.admin, folder });
        await cb.share(i % 3 ? 'DASHBOARD' : 'FOLDER', i % 3 ? d.id : folder.id, { user: viewer });
      }
      await kit.gql(ListPaths, {}, { token: viewer.token });
      const { result, statements } = await kit.countStatements(() => kit.gql(ListPaths, {}, { token: viewer.token }));
      expect(result.errors).toBeUndefined();
      for (const edge of result.data!.dashboards!.edges) expect(edge.node.folderPath.map((f) => f.name)).not.toContain('Finance');
      return statements.map((s) => s.slice(0, 60));
    };
    const small = await measure(2);
    const large = await measure(20);
    expect(large.length, JSON.stringify({ small, large }, null, 1)).toBe(small.length);
  });
});
