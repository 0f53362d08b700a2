import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { test } from '../testkit/fixture.ts';
import { globalId, type SeededUser } from '../testkit/kit.ts';

const Move = graphql(`
  mutation LockMove($input: PlaceDashboardInput!) { moveDashboard(input: $input) { id workspace folder { id } } }
`);
const Delete = graphql(`mutation LockDelete($id: ID!) { deleteDashboard(id: $id) }`);
const Can = graphql(`query LockCan($id: ID!) { dashboard(id: $id) { workspace viewerCan { move delete copy } } }`);

const id = (d: { id: string }) => globalId('Dashboard', d.id);
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;

const it = test
  /** A second analyst, the one who is not the owner. */
  .extend('other', { scope: 'file' }, ({ kit, tenant: t }) => kit.addUser(t.tenant, { role: 'ANALYST' }))
  .extend(
    'teamFolder',
    ({ tenant: t, content: c }) =>
      () =>
        c.folder({ owner: t.admin, workspace: 'TEAM' }),
  )
  .extend(
    'lockedOf',
    ({ content: c }) =>
      (owner: SeededUser) =>
        c.dashboard({ owner, workspace: 'TEAM', locked: true }),
  );

describe('moving a locked dashboard', () => {
  it('is refused to another analyst, between team folders and into their own personal workspace; the owner keeps it', async ({
    kit,
    tenant: t,
    other,
    teamFolder,
    lockedOf,
  }) => {
    const d = await lockedOf(t.analyst);
    const folder = await teamFolder();
    const toFolder = await kit.gql(Move, { input: { id: id(d), folderId: globalId('Folder', folder.id) } }, { token: other.token });
    expect(toFolder.data?.moveDashboard).toBeNull();
    expect(codeOf(toFolder)).toBe('FORBIDDEN');
    const toPersonal = await kit.gql(Move, { input: { id: id(d), workspace: 'PERSONAL' } }, { token: other.token });
    expect(codeOf(toPersonal)).toBe('FORBIDDEN');
    const seen = await kit.gql(Can, { id: id(d) }, { token: t.analyst.token });
    expect(seen.data?.dashboard).toMatchObject({ workspace: 'TEAM', viewerCan: { move: true, delete: true } });
    const byOther = await kit.gql(Can, { id: id(d) }, { token: other.token });
    expect(byOther.data?.dashboard?.viewerCan).toEqual({ move: false, delete: false, copy: true });
  });

  it('is allowed to its owner and to an admin', async ({ kit, tenant: t, teamFolder, lockedOf }) => {
    const d = await lockedOf(t.analyst);
    const folder = await teamFolder();
    const byOwner = await kit.gql(Move, { input: { id: id(d), workspace: 'PERSONAL' } }, { token: t.analyst.token });
    expect(byOwner.errors).toBeUndefined();
    expect(byOwner.data?.moveDashboard?.workspace).toBe('PERSONAL');
    const byAdmin = await kit.gql(Move, { input: { id: id(d), folderId: globalId('Folder', folder.id) } }, { token: t.admin.token });
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data?.moveDashboard).toMatchObject({ workspace: 'TEAM', folder: { id: globalId('Folder', folder.id) } });
  });
});

describe('moving into a personal workspace', () => {
  it('lands a dashboard only in its owner’s: refused to another analyst and to an admin for their own, even unlocked', async ({
    kit,
    tenant: t,
    content: c,
    other,
  }) => {
    const d = await c.dashboard({ owner: t.analyst, workspace: 'TEAM' });
    const byOther = await kit.gql(Move, { input: { id: id(d), workspace: 'PERSONAL' } }, { token: other.token });
    expect(codeOf(byOther)).toBe('FORBIDDEN');
    const byAdmin = await kit.gql(Move, { input: { id: id(d), workspace: 'PERSONAL' } }, { token: t.admin.token });
    expect(codeOf(byAdmin)).toBe('FORBIDDEN');
    const seen = await kit.gql(Can, { id: id(d) }, { token: t.analyst.token });
    expect(seen.data?.dashboard?.workspace).toBe('TEAM');
  });

  it('is allowed into the owner’s own: by the owner, and by an admin into the owner’s personal folder', async ({ kit, tenant: t, content: c, other }) => {
    const mine = await c.dashboard({ owner: other, workspace: 'TEAM' });
    const byOwner = await kit.gql(Move, { input: { id: id(mine), workspace: 'PERSONAL' } }, { token: other.token });
    expect(byOwner.data?.moveDashboard?.workspace).toBe('PERSONAL');
    const d = await c.dashboard({ owner: t.analyst, workspace: 'TEAM' });
    const personal = await c.folder({ owner: t.analyst, workspace: 'PERSONAL', workspaceOwner: t.analyst });
    const byAdmin = await kit.gql(Move, { input: { id: id(d), folderId: globalId('Folder', personal.id) } }, { token: t.admin.token });
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data?.moveDashboard?.workspace).toBe('PERSONAL');
  });
});

describe('deleting a locked dashboard', () => {
  it('is refused to another analyst (the dashboard stays) and allowed to its owner', async ({ kit, tenant: t, other, lockedOf }) => {
    const d = await lockedOf(t.analyst);
    const byOther = await kit.gql(Delete, { id: id(d) }, { token: other.token });
    expect(byOther.data?.deleteDashboard).toBeNull();
    expect(codeOf(byOther)).toBe('FORBIDDEN');
    expect((await kit.gql(Can, { id: id(d) }, { token: t.analyst.token })).data?.dashboard).not.toBeNull();
    const byOwner = await kit.gql(Delete, { id: id(d) }, { token: t.analyst.token });
    expect(byOwner.data?.deleteDashboard).toBe(true);
  });

  it('is allowed to an admin', async ({ kit, tenant: t, lockedOf }) => {
    const d = await lockedOf(t.analyst);
    const byAdmin = await kit.gql(Delete, { id: id(d) }, { token: t.admin.token });
    expect(byAdmin.data?.deleteDashboard).toBe(true);
  });
});
