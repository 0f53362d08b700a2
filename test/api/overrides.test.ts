import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.ts';
import { can } from '../../src/authz/decide.ts';
import { loadSubject } from '../../src/authz/subject.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import type { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import { graphql } from '../generated/gql.ts';
import type { UpdateUserInput } from '../generated/graphql.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const SetOverrides = graphql(`
  mutation OvSetOverrides($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id role datasetAccessMode
      datasetAccess { dataset { id name } level }
      featurePermissions { feature state }
    }
  }
`);
const ReadOverrides = graphql(`
  query OvReadOverrides($id: ID!) {
    user(id: $id) {
      id name datasetAccessMode
      datasetAccess { dataset { id name } level }
      featurePermissions { feature state }
    }
  }
`);

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;
const datasets: { id: string; globalId: string; name: string }[] = [];
let foreignDataset: { id: string; globalId: string };

/** Datasets straight into their table, so these tests do not depend on the datasets module. */
async function addDatasets(tenant: Tenant, owner: SeededUser, names: string[]) {
  const em = kit.orm.em.fork();
  const dataSourceId = uuidv7();
  await em.execute(
    `insert into data_sources (id, tenant_id, name, name_key, host, port, database, username, password_ciphertext, owner_id, created_at, updated_at)
     values (?, ?, 'warehouse', 'warehouse', 'localhost', 5432, 'dw', 'reader', 'x', ?, now(), now())`,
    [dataSourceId, tenant.id, owner.id],
  );
  const made = [];
  for (const name of names) {
    const id = uuidv7();
    await em.execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, '{"models":[],"relationships":[],"calculations":[]}', '[]', now(), now())`,
      [id, tenant.id, dataSourceId, name, name.toLowerCase(), owner.id],
    );
    made.push({ id, globalId: globalId('Dataset', id), name });
  }
  return made;
}

const viewerOf = (user: SeededUser, tenantId: string): Principal => ({
  kind: 'USER',
  tenantId,
  tenantSlug: t.slug,
  userId: user.id,
  role: user.role,
  status: 'ACTIVE',
  sessionId: undefined,
});
const subjectOf = (user: SeededUser) => loadSubject(kit.orm.em.fork(), viewerOf(user, t.tenant.id));
const expectBadInput = (res: GraphQLResponse<unknown>, field: string) => {
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
};

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
  datasets.push(...(await addDatasets(t.tenant, t.admin, ['Orders', 'Merchants', 'Refunds'])));
  [foreignDataset] = (await addDatasets(other.tenant, other.admin, ['Foreign'])) as [{ id: string; globalId: string; name: string }];
});
afterAll(() => kit.close());

describe('updateUser: per-user overrides round-trip', () => {
  it('an admin sets the dataset access mode, the list and feature switches; the user sees their own', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const [orders, merchants] = datasets as [(typeof datasets)[0], (typeof datasets)[0]];
    const res = await kit.gql(
      SetOverrides,
      {
        input: {
          id: explorer.globalId,
          datasetAccessMode: 'WHITELIST',
          datasetAccess: [{ datasetId: orders.globalId, level: 'READ_WRITE' }, { datasetId: merchants.globalId }],
          featurePermissions: [
            { feature: 'DASHBOARDS', state: 'ENABLED' },
            { feature: 'ALERTS', state: 'DISABLED' },
          ],
        },
      },
      { token: t.admin.token },
    );
    expect(res.errors).toBeUndefined();
    const expected = {
      datasetAccessMode: 'WHITELIST',
      datasetAccess: [
        { dataset: { id: merchants.globalId, name: 'Merchants' }, level: 'READ' },
        { dataset: { id: orders.globalId, name: 'Orders' }, level: 'READ_WRITE' },
      ],
      featurePermissions: [
        { feature: 'DASHBOARDS', state: 'ENABLED' },
        { feature: 'DATASETS', state: 'DEFAULT' },
        { feature: 'SHARE_LINKS', state: 'DEFAULT' },
        { feature: 'SCHEDULES', state: 'DEFAULT' },
        { feature: 'ALERTS', state: 'DISABLED' },
        { feature: 'API_TOKENS', state: 'DEFAULT' },
      ],
    };
    expect(res.data?.updateUser).toMatchObject(expected);
    const own = await kit.gql(ReadOverrides, { id: explorer.globalId }, { token: explorer.token });
    expect(own.errors).toBeUndefined();
    expect(own.data?.user).toMatchObject(expected);
  });

  it('other non-admins get null + FORBIDDEN for those fields, their siblings still resolve', async () => {
    for (const who of [t.analyst, t.viewer]) {
      const res = await kit.gql(ReadOverrides, { id: t.explorer.globalId }, { token: who.token });
      expect(res.data?.user?.name).toBeTruthy();
      for (const field of ['datasetAccessMode', 'datasetAccess', 'featurePermissions'] as const) {
        expect(res.data?.user?.[field], field).toBeNull();
        expect(res.errors?.find((e) => e.path?.[1] === field)?.extensions?.code, field).toBe('FORBIDDEN');
      }
    }
  });

  it('datasetAccess replaces the list; DEFAULT removes a feature switch; unlisted features stay', async () => {
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const [orders, merchants, refunds] = datasets as [(typeof datasets)[0], (typeof datasets)[0], (typeof datasets)[0]];
    const set = (input: Omit<UpdateUserInput, 'id'>) => kit.gql(SetOverrides, { input: { id: analyst.globalId, ...input } }, { token: t.admin.token });
    await set({
      datasetAccessMode: 'BLACKLIST',
      datasetAccess: [{ datasetId: orders.globalId }, { datasetId: merchants.globalId }],
      featurePermissions: [
        { feature: 'SCHEDULES', state: 'DISABLED' },
        { feature: 'DATASETS', state: 'ENABLED' },
      ],
    });
    const res = await set({ datasetAccess: [{ datasetId: refunds.globalId }], featurePermissions: [{ feature: 'SCHEDULES', state: 'DEFAULT' }] });
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateUser?.datasetAccessMode).toBe('BLACKLIST');
    expect(res.data?.updateUser?.datasetAccess).toEqual([{ dataset: { id: refunds.globalId, name: 'Refunds' }, level: 'READ' }]);
    const states = Object.fromEntries(res.data!.updateUser!.featurePermissions!.map((f) => [f.feature, f.state]));
    expect(states).toMatchObject({ SCHEDULES: 'DEFAULT', DATASETS: 'ENABLED' });
    const rows = await kit.orm.em.fork().execute<{ feature: string }[]>('select feature from user_feature_permissions where user_id = ?', [analyst.id]);
    expect(rows.map((r) => r.feature)).toEqual(['DATASETS']);
    const cleared = await set({ datasetAccessMode: 'FULL', datasetAccess: [] });
    expect(cleared.data?.updateUser).toMatchObject({ datasetAccessMode: 'FULL', datasetAccess: [] });
  });
});

describe('updateUser: override validation', () => {
  it('is FORBIDDEN to non-admins', async () => {
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const res = await kit.gql(SetOverrides, { input: { id: t.viewer.globalId, datasetAccessMode: 'WHITELIST' } }, { token: who.token });
      expect(res.data?.updateUser).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('never for an admin, nor for a user this call makes an admin (the field is named)', async () => {
    const admin2 = await kit.addUser(t.tenant, { role: 'ADMIN' });
    expectBadInput(
      await kit.gql(SetOverrides, { input: { id: admin2.globalId, datasetAccessMode: 'BLACKLIST' } }, { token: t.admin.token }),
      'input.datasetAccessMode',
    );
    expectBadInput(
      await kit.gql(SetOverrides, { input: { id: admin2.globalId, featurePermissions: [{ feature: 'ALERTS', state: 'DISABLED' }] } }, { token: t.admin.token }),
      'input.featurePermissions',
    );
    const promoted = await kit.gql(
      SetOverrides,
      { input: { id: t.viewer.globalId, role: 'ADMIN', datasetAccess: [{ datasetId: datasets[0]!.globalId }] } },
      { token: t.admin.token },
    );
    expectBadInput(promoted, 'input.datasetAccess');
    const check = await kit.gql(ReadOverrides, { id: t.viewer.globalId }, { token: t.admin.token });
    expect(check.data?.user?.datasetAccess).toEqual([]);
  });

  it('never on one’s own account', async () => {
    const res = await kit.gql(SetOverrides, { input: { id: t.admin.globalId, datasetAccessMode: 'WHITELIST' } }, { token: t.admin.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('names the dataset entry at fault: malformed, another tenant’s, listed twice', async () => {
    const input = (datasetAccess: { datasetId: string }[]) => ({ input: { id: t.explorer.globalId, datasetAccess } });
    const ok = datasets[0]!.globalId;
    expectBadInput(await kit.gql(SetOverrides, input([{ datasetId: 'garbage' }]), { token: t.admin.token }), 'input.datasetAccess[0].datasetId');
    expectBadInput(await kit.gql(SetOverrides, input([{ datasetId: t.viewer.globalId }]), { token: t.admin.token }), 'input.datasetAccess[0].datasetId');
    expectBadInput(
      await kit.gql(SetOverrides, input([{ datasetId: ok }, { datasetId: foreignDataset.globalId }]), { token: t.admin.token }),
      'input.datasetAccess[1].datasetId',
    );
    expectBadInput(
      await kit.gql(SetOverrides, input([{ datasetId: ok }, { datasetId: datasets[1]!.globalId }, { datasetId: ok }]), { token: t.admin.token }),
      'input.datasetAccess[2].datasetId',
    );
    const foreign = await kit.gql(SetOverrides, input([{ datasetId: foreignDataset.globalId }]), { token: t.admin.token });
    const missing = await kit.gql(SetOverrides, input([{ datasetId: globalId('Dataset', uuidv7()) }]), { token: t.admin.token });
    expect(foreign.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
  });

  it('names a feature listed twice, and NOT_FOUND for another tenant’s user', async () => {
    const twice = await kit.gql(
      SetOverrides,
      {
        input: {
          id: t.explorer.globalId,
          featurePermissions: [
            { feature: 'ALERTS', state: 'ENABLED' },
            { feature: 'ALERTS', state: 'DISABLED' },
          ],
        },
      },
      { token: t.admin.token },
    );
    expectBadInput(twice, 'input.featurePermissions[1].feature');
    const foreign = await kit.gql(SetOverrides, { input: { id: other.viewer.globalId, datasetAccessMode: 'WHITELIST' } }, { token: t.admin.token });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('overrides reach authorization (subject loaded from the database)', () => {
  const set = (user: SeededUser, input: Omit<UpdateUserInput, 'id'>) =>
    kit.gql(SetOverrides, { input: { id: user.globalId, ...input } }, { token: t.admin.token });

  it('DISABLED takes create/edit away from an analyst; viewing stays', async () => {
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const team = { workspace: 'TEAM' as const };
    expect(can(await subjectOf(analyst), 'dashboard.create', team)).toBe(true);
    expect((await set(analyst, { featurePermissions: [{ feature: 'DASHBOARDS', state: 'DISABLED' }] })).errors).toBeUndefined();
    const subject = await subjectOf(analyst);
    expect(can(subject, 'dashboard.create', team)).toBe(false);
    expect(can(subject, 'dashboard.view', team)).toBe(true);
    await set(analyst, { featurePermissions: [{ feature: 'DASHBOARDS', state: 'DEFAULT' }] });
    expect(can(await subjectOf(analyst), 'dashboard.create', team)).toBe(true);
  });

  it('ENABLED grants an explorer create/edit as an analyst has it', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect(can(await subjectOf(explorer), 'shareLink.manage')).toBe(false);
    await set(explorer, { featurePermissions: [{ feature: 'SHARE_LINKS', state: 'ENABLED' }] });
    expect(can(await subjectOf(explorer), 'shareLink.manage')).toBe(true);
  });

  it('WHITELIST and BLACKLIST decide which shared datasets are reachable; READ_WRITE lets an explorer edit', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const [orders, merchants] = datasets as [(typeof datasets)[0], (typeof datasets)[0]];
    const explore = (datasetId: string) => ({ datasetShared: true, datasetId });
    await set(explorer, { datasetAccessMode: 'WHITELIST', datasetAccess: [{ datasetId: orders.globalId, level: 'READ_WRITE' }] });
    let subject = await subjectOf(explorer);
    expect(can(subject, 'dataset.explore', explore(orders.id))).toBe(true);
    expect(can(subject, 'dataset.explore', explore(merchants.id))).toBe(false);
    expect(can(subject, 'dashboard.editContent', { datasetShared: true, datasetId: orders.id })).toBe(true);
    await set(explorer, { datasetAccessMode: 'BLACKLIST' });
    subject = await subjectOf(explorer);
    expect(can(subject, 'dataset.explore', explore(orders.id))).toBe(false);
    expect(can(subject, 'dataset.explore', explore(merchants.id))).toBe(true);
  });

  it('allowExportData is stored for every role and decides for viewers only', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    for (const user of [viewer, analyst]) expect((await set(user, { allowExportData: false })).errors).toBeUndefined();
    expect(can(await subjectOf(viewer), 'data.export')).toBe(false);
    expect(can(await subjectOf(analyst), 'data.export')).toBe(true);
  });
});
