import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/modules/data-source/data-source.entity.ts';
import type { Dataset } from '../../src/modules/dataset/dataset.entity.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders, type ContentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const AddWidget = graphql(`mutation WuAddWidget($input: AddWidgetInput!) { addWidget(input: $input) { id title query } }`);
const UpdateWidget = graphql(`mutation WuUpdateWidget($input: UpdateWidgetInput!) { updateWidget(input: $input) { id title query } }`);
const Widgets = graphql(`query WuWidgets($id: ID!) { dashboard(id: $id) { widgets { id title query } } }`);

let kit: TestKit;
let t: SeededTenant;
let c: ContentBuilders;
let source: DataSource;
let dataset: Dataset;
let sharedAnalyst: SeededUser;
const byCountry = { dimensions: ['orders.country'], measures: [{ field: 'orders.amount', aggregation: 'SUM' }] };
const total = { measures: [{ field: 'orders.amount', aggregation: 'SUM' }], limit: 10 };
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions;

async function widgetOn(options: { locked?: boolean; owner?: SeededUser } = {}) {
  const dashboard = await c.dashboard({ owner: options.owner ?? t.admin, workspace: 'TEAM' });
  const input = { dashboardId: globalId('Dashboard', dashboard.id), title: 'Revenue', datasetId: globalId('Dataset', dataset.id), query: byCountry };
  const added = await kit.gql(AddWidget, { input }, { token: t.admin.token });
  expect(added.errors).toBeUndefined();
  if (options.locked) await kit.orm.em.fork().execute('update dashboards set locked = true where id = ?', [dashboard.id]);
  return { dashboard, widgetId: added.data!.addWidget!.id };
}
const update = (user: SeededUser, id: string, changes: { title?: string; query?: unknown } = { title: 'Renamed', query: total }) =>
  kit.gql(UpdateWidget, { input: { id, ...changes } }, { token: user.token });

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  c = contentBuilders(kit, t.tenant);
  source = await c.dataSource(t.admin);
  dataset = await c.dataset(t.admin, source);
  sharedAnalyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
  await c.share('DATA_SOURCE', source.id, { user: sharedAnalyst });
});
afterAll(async () => {
  await kit?.close();
});

describe('updateWidget', () => {
  it('changes the title and the query for an analyst with the data source shared, and an admin', async () => {
    const { dashboard, widgetId } = await widgetOn();
    const res = await update(sharedAnalyst, widgetId);
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateWidget).toMatchObject({ id: widgetId, title: 'Renamed', query: total });
    const seen = await kit.gql(Widgets, { id: globalId('Dashboard', dashboard.id) }, { token: t.admin.token });
    expect(seen.data?.dashboard?.widgets).toEqual([{ id: widgetId, title: 'Renamed', query: total }]);
    const byAdmin = await update(t.admin, widgetId, { title: 'Again' });
    expect(byAdmin.data?.updateWidget).toMatchObject({ title: 'Again', query: total });
  });

  it('is refused to a viewer, an explorer who does not own the dashboard, and an analyst without the data shared', async () => {
    const { dashboard, widgetId } = await widgetOn();
    // All of them can see the dashboard and the explorer can explore the dataset: only the right to edit is missing.
    await c.share('DASHBOARD', dashboard.id, 'all');
    await c.share('DATASET', dataset.id, { user: t.explorer });
    for (const user of [t.viewer, t.explorer, t.analyst]) {
      const res = await update(user, widgetId);
      expect(res.data?.updateWidget).toBeNull();
      expect(codeOf(res)?.code).toBe('FORBIDDEN');
    }
    const seen = await kit.gql(Widgets, { id: globalId('Dashboard', dashboard.id) }, { token: t.admin.token });
    expect(seen.data?.dashboard?.widgets[0]).toMatchObject({ title: 'Revenue', query: byCountry });
  });

  it('on a locked dashboard: refused to an analyst who is not the owner, allowed to the owner and to an admin', async () => {
    const { widgetId } = await widgetOn({ locked: true, owner: t.analyst });
    await c.share('DATA_SOURCE', source.id, { user: t.analyst });
    const denied = await update(sharedAnalyst, widgetId);
    expect(codeOf(denied)?.code).toBe('FORBIDDEN');
    const byOwner = await update(t.analyst, widgetId, { title: 'By owner' });
    expect(byOwner.data?.updateWidget?.title).toBe('By owner');
    const byAdmin = await update(t.admin, widgetId, { title: 'By admin' });
    expect(byAdmin.data?.updateWidget?.title).toBe('By admin');
  });

  it('checks the query against the dataset, naming the part at fault', async () => {
    const { widgetId } = await widgetOn();
    const unknownField = await update(t.admin, widgetId, { query: { dimensions: ['orders.nope'] } });
    expect(codeOf(unknownField)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query.dimensions[0]' });
    const badShape = await update(t.admin, widgetId, { query: { dimensions: 'orders.country' } });
    expect(codeOf(badShape)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query.dimensions' });
    const badAggregation = await update(t.admin, widgetId, { query: { measures: [{ field: 'orders.amount', aggregation: 'MEDIAN' }] } });
    expect(codeOf(badAggregation)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query.measures[0].aggregation' });
    const tooMany = await update(t.admin, widgetId, { query: { ...byCountry, limit: 100_000 } });
    expect(codeOf(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query.limit' });
    const title = await update(t.admin, widgetId, { title: '  ' });
    expect(codeOf(title)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
  });

  it('is NOT_FOUND for a widget of another tenant', async () => {
    const { widgetId } = await widgetOn();
    const elsewhere = await kit.seedTenant();
    const res = await update(elsewhere.admin, widgetId);
    expect(codeOf(res)?.code).toBe('NOT_FOUND');
  });
});

describe('addWidget', () => {
  it('checks the query against the dataset too', async () => {
    const dashboard = await c.dashboard({ owner: t.admin, workspace: 'TEAM' });
    const input = {
      dashboardId: globalId('Dashboard', dashboard.id),
      title: 'Bad',
      datasetId: globalId('Dataset', dataset.id),
      query: { dimensions: ['orders.nope'] },
    };
    const res = await kit.gql(AddWidget, { input }, { token: t.admin.token });
    expect(res.data?.addWidget).toBeNull();
    expect(codeOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query.dimensions[0]' });
  });
});
