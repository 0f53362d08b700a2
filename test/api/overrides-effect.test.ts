import { describe, expect } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { graphql } from '../generated/gql.ts';
import { globalId, type SeededUser } from '../testkit/kit.ts';
import { test } from '../testkit/fixture.ts';

/** Per-user overrides (PRODUCT.md §4) change what the API allows, on the next request. */

const Create = graphql(`mutation OvCreate($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }`);
const AddWidget = graphql(`mutation OvAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id } }`);
const Update = graphql(`mutation OvUpdate($input: UpdateDashboardInput!) { updateDashboard(input: $input) { id } }`);

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code ?? 'OK';

const it = test
  .extend(
    'sql',
    ({ kit }) =>
      (query: string, params: unknown[]) =>
        kit.orm.em.fork().execute(query, params),
  )
  .extend(
    'setFeature',
    ({ tenant: t, sql }) =>
      (user: SeededUser, feature: string, state: 'ENABLED' | 'DISABLED') =>
        sql(
          `insert into user_feature_permissions (id, tenant_id, user_id, feature, state) values (?, ?, ?, ?, ?)
         on conflict (user_id, feature) do update set state = excluded.state`,
          [uuidv7(), t.tenant.id, user.id, feature, state],
        ),
  )
  .extend('setAccess', ({ tenant: t, sql }) => async (user: SeededUser, mode: string, entries: { datasetId: string; level: string }[]) => {
    await sql('update users set dataset_access_mode = ? where id = ?', [mode, user.id]);
    await sql('delete from user_dataset_access where user_id = ?', [user.id]);
    for (const e of entries) {
      await sql('insert into user_dataset_access (id, tenant_id, user_id, dataset_id, level) values (?, ?, ?, ?, ?)', [
        uuidv7(),
        t.tenant.id,
        user.id,
        e.datasetId,
        e.level,
      ]);
    }
  })
  .extend('widgetSetup', ({ kit, tenant: t, content: c }) => async (actor: SeededUser, owner: SeededUser) => {
    const source = await c.dataSource(t.admin);
    const dataset = await c.dataset(t.admin, source);
    const dashboard = await c.dashboard({ owner, workspace: 'TEAM' });
    await c.share('DASHBOARD', dashboard.id, { user: actor });
    await c.share('DATASET', dataset.id, { user: actor });
    const add = () =>
      kit.gql(
        AddWidget,
        {
          input: {
            dashboardId: globalId('Dashboard', dashboard.id),
            datasetId: globalId('Dataset', dataset.id),
            title: 'W',
            query: { dimensions: ['orders.country'] },
          },
        },
        { token: actor.token },
      );
    return { dataset, dashboard, add };
  });

describe('feature switches', () => {
  it('DASHBOARDS DISABLED takes dashboard creation away from an analyst', async ({ kit, tenant: t, setFeature }) => {
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    expect(code(await kit.gql(Create, { input: { title: 'ok', workspace: 'TEAM' } }, { token: analyst.token }))).toBe('OK');
    await setFeature(analyst, 'DASHBOARDS', 'DISABLED');
    expect(code(await kit.gql(Create, { input: { title: 'no', workspace: 'TEAM' } }, { token: analyst.token }))).toBe('FORBIDDEN');
  });

  it('DASHBOARDS ENABLED lets an explorer create in the team workspace, as an analyst would', async ({ kit, tenant: t, setFeature }) => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect(code(await kit.gql(Create, { input: { title: 'no', workspace: 'TEAM' } }, { token: explorer.token }))).toBe('FORBIDDEN');
    await setFeature(explorer, 'DASHBOARDS', 'ENABLED');
    expect(code(await kit.gql(Create, { input: { title: 'ok', workspace: 'TEAM' } }, { token: explorer.token }))).toBe('OK');
  });

  it('overrides never apply to admins', async ({ kit, tenant: t, setFeature }) => {
    const admin = await kit.addUser(t.tenant, { role: 'ADMIN' });
    await setFeature(admin, 'DASHBOARDS', 'DISABLED');
    expect(code(await kit.gql(Create, { input: { title: 'ok', workspace: 'TEAM' } }, { token: admin.token }))).toBe('OK');
  });
});

describe('dataset access modes', () => {
  it('a BLACKLIST entry beats a share', async ({ kit, tenant: t, setAccess, widgetSetup }) => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const { dataset, add } = await widgetSetup(explorer, explorer);
    expect(code(await add())).toBe('OK');
    await setAccess(explorer, 'BLACKLIST', [{ datasetId: dataset.id, level: 'READ' }]);
    expect(code(await add())).toBe('BAD_USER_INPUT'); // the dataset is unreachable, as if it did not exist
  });

  it('WHITELIST allows only listed datasets', async ({ kit, tenant: t, setAccess, widgetSetup }) => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const listed = await widgetSetup(explorer, explorer);
    const unlisted = await widgetSetup(explorer, explorer);
    await setAccess(explorer, 'WHITELIST', [{ datasetId: listed.dataset.id, level: 'READ' }]);
    expect(code(await listed.add())).toBe('OK');
    expect(code(await unlisted.add())).toBe('BAD_USER_INPUT');
  });

  it('READ_WRITE lets an explorer edit widgets on a dashboard they do not own; READ does not', async ({ kit, tenant: t, setAccess, widgetSetup }) => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    const setup = await widgetSetup(explorer, t.admin);
    await setAccess(explorer, 'WHITELIST', [{ datasetId: setup.dataset.id, level: 'READ' }]);
    expect(code(await setup.add())).toBe('FORBIDDEN');
    await setAccess(explorer, 'WHITELIST', [{ datasetId: setup.dataset.id, level: 'READ_WRITE' }]);
    expect(code(await setup.add())).toBe('OK');
    // READ_WRITE is about content only: the dashboard's title stays the owner's to change.
    const rename = await kit.gql(Update, { input: { id: globalId('Dashboard', setup.dashboard.id), title: 'x' } }, { token: explorer.token });
    expect(code(rename)).toBe('FORBIDDEN');
  });
});
