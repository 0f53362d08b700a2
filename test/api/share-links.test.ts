/**
 * Shareable links through the real request path (PRODUCT.md §8): an analyst or admin creates a link
 * to a dashboard (token shown once, stored hashed; optional password, expiry, row restrictions and
 * attribute values); opening it gives a short-lived link session, a SHARE_LINK principal that sees
 * only that dashboard with the restrictions applied; revocation, expiry and the dashboard's deletion
 * stop its sessions at the very next request, on every gateway instance.
 */
import { createHash, randomInt } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { LINK_SESSION_REFUSED } from '../../src/auth/link-principal.ts';
import { LINK_REFUSED } from '../../src/modules/share-link/share-link.service.ts';
import { graphql } from '../generated/gql.ts';
import type { CreateShareableLinkInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(`
  mutation ShareLinksCreate($input: CreateShareableLinkInput!) {
    createShareableLink(input: $input) {
      link { id hasPassword expiresAt allowExport rowRestrictions { field values } userAttributes { attribute values } createdBy { id } }
      token
    }
  }
`);
const Open = graphql(`mutation ShareLinksOpen($input: OpenShareableLinkInput!) { openShareableLink(input: $input) { token expiresAt } }`);
const Revoke = graphql(`mutation ShareLinksRevoke($id: ID!) { revokeShareableLink(id: $id) { id revokedAt } }`);
const List = graphql(`
  query ShareLinksList($dashboardId: ID!) {
    shareableLinks(dashboardId: $dashboardId, first: 50) {
      edges { node { id createdAt expiresAt revokedAt hasPassword rowRestrictions { field values } userAttributes { attribute values } createdBy { id } } }
    }
  }
`);
const Viewer = graphql(`query ShareLinksViewer { viewer { kind user { id } tenant { slug } } }`);
const Board = graphql(`
  query ShareLinksBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) {
      title
      widgets { title data(filters: $filters) { rows missingAttributes } }
      filters { id label options }
    }
  }
`);
const BoardTitle = graphql(`query ShareLinksBoardTitle($id: ID!) { dashboard(id: $id) { title } }`);
const DeleteBoard = graphql(`mutation ShareLinksDeleteBoard($id: ID!) { deleteDashboard(id: $id) }`);
const Node = graphql(`query ShareLinksNode($id: ID!) { node(id: $id) { id ... on ShareableLink { hasPassword } } }`);
const Everything = {
  dashboards: graphql(`query ShareLinksDashboards { dashboards(first: 10) { edges { node { id } } } }`),
  datasets: graphql(`query ShareLinksDatasets { datasets(first: 10) { edges { node { id } } } }`),
  users: graphql(`query ShareLinksUsers { users(first: 10) { edges { node { id } } } }`),
  owner: graphql(`query ShareLinksOwner($id: ID!) { dashboard(id: $id) { owner { id } } }`),
  widgetQuery: graphql(`query ShareLinksWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }`),
  sql: graphql(`query ShareLinksSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }`),
  createDashboard: graphql(`mutation ShareLinksCreateDashboard { createDashboard(input: { title: "x" }) { id } }`),
  dataset: graphql(`query ShareLinksDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: ["sales.country"] }) { rows } } }`),
  list: List,
};

let kit: TestKit;
let other: TestKit;
let t: SeededTenant;
let u: SeededTenant;
let client: pg.Client;
let schema: string;
let salesId: string;
let ordersId: string;
let sourceId: string;
let dashboardId: string;
let mixedId: string;
let hiddenId: string;
let filterId: string;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);
const board = (id = dashboardId) => globalId('Dashboard', id);
const freshAddress = () => `2001:db8:${randomInt(0, 0xffff).toString(16)}::${randomInt(1, 0xffff).toString(16)}`;
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;
const byKey = (rows: unknown[][] | undefined) => Object.fromEntries((rows ?? []).map((r) => [String(r[0]), Number(r[1])]));
/** The raw id inside a global id. */
const decode = (id: string) => Buffer.from(id, 'base64').toString('utf8').split(':')[1]!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function createLink(input: Partial<CreateShareableLinkInput> = {}, as: SeededUser = t.analyst) {
  const res = await kit.gql(Create, { input: { dashboardId: board(), ...input } }, { token: as.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { id: res.data!.createShareableLink!.link.id, token: res.data!.createShareableLink!.token, link: res.data!.createShareableLink!.link };
}
const open = (token: string, password?: string, clientAddress = freshAddress()) =>
  kit.gql(Open, { input: { token, ...(password === undefined ? {} : { password }) } }, { clientAddress });
async function session(linkToken: string, password?: string) {
  const res = await open(linkToken, password);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.openShareableLink!.token;
}
const COUNTRY_ATTRIBUTE = [{ attribute: 'country', values: ['France', 'Japan'] }];

async function setFeature(user: SeededUser, state: 'ENABLED' | 'DISABLED') {
  await sql(
    `insert into user_feature_permissions (id, tenant_id, user_id, feature, state) values (?, ?, ?, 'SHARE_LINKS', ?)
     on conflict (user_id, feature) do update set state = excluded.state`,
    [uuidv7(), t.tenant.id, user.id, state],
  );
}

beforeAll(async () => {
  kit = await createTestKit();
  other = await createTestKit();
  [t, u] = await Promise.all([kit.seedTenant(), kit.seedTenant()]);
  ({ schema, client } = await kit.warehouse(
    (schema) => `
    create table ${schema}.sales (id int primary key, country text, channel text, amount numeric(12, 2));
    insert into ${schema}.sales select g, (array['France', 'Germany', 'Japan'])[g % 3 + 1], (array['web', 'store'])[g % 2 + 1], g
      from generate_series(1, 60) g;`,
    { prefix: 'lnk' },
  ));
  const content = contentBuilders(kit, t.tenant);
  sourceId = (await content.warehouseSource(t.admin, [schema])).id;
  const insertDataset = (name: string, definition: unknown, rules: unknown[]) =>
    content.datasetRow({ owner: t.admin, dataSourceId: sourceId, name, definition, rules });
  const field = (name: string, type = 'STRING') => ({ name, column: name, type });
  salesId = await insertDataset(
    'lnk_sales',
    {
      models: [{ name: 'sales', table: `${schema}.sales`, fields: [field('id', 'NUMBER'), field('country'), field('channel'), field('amount', 'NUMBER')] }],
      relationships: [],
      calculations: [],
    },
    [{ field: 'sales.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }],
  );
  // The same table under another model name: it has no `sales.channel`.
  ordersId = await insertDataset(
    'lnk_orders',
    { models: [{ name: 'orders', table: `${schema}.sales`, fields: [field('country'), field('amount', 'NUMBER')] }], relationships: [], calculations: [] },
    [],
  );
  for (const [name, type] of [
    ['country', 'STRING'],
    ['level', 'NUMBER'],
  ]) {
    await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, ?, ?, now(), now())`, [
      uuidv7(),
      t.tenant.id,
      name,
      type,
    ]);
  }
  const widget = (dashboardId: string, datasetId: string, title: string, dimension: string, position: number) =>
    content.widget({
      owner: t.admin,
      dashboardId,
      datasetId,
      title,
      position,
      query: {
        dimensions: [dimension],
        measures: [{ field: `${dimension.split('.')[0]}.amount`, aggregation: 'SUM' }],
        sort: [{ field: dimension, direction: 'ASC' }],
      },
    });
  dashboardId = (await content.dashboard({ owner: t.admin, title: 'Shared sales' })).id;
  mixedId = (await content.dashboard({ owner: t.admin, title: 'Two datasets' })).id;
  hiddenId = (await content.dashboard({ owner: t.admin, title: 'Not linked' })).id;
  await widget(dashboardId, salesId, 'By country', 'sales.country', 0);
  await widget(dashboardId, salesId, 'By channel', 'sales.channel', 1);
  await widget(mixedId, salesId, 'Sales by country', 'sales.country', 0);
  await widget(mixedId, ordersId, 'Orders by country', 'orders.country', 1);
  await widget(hiddenId, salesId, 'Hidden', 'sales.country', 0);
  const filter = uuidv7();
  filterId = globalId('DashboardFilter', filter);
  await sql(
    `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at)
     values (?, ?, ?, ?, 'DROPDOWN', 'Country', 'sales.country', null, now())`,
    [filter, t.tenant.id, dashboardId, salesId],
  );
  for (const id of [dashboardId, mixedId, hiddenId]) await content.share('DASHBOARD', id, 'all');
  // The analyst reads the data: widget data needs the data source (or dataset) shared (PRODUCT.md §3).
  await content.share('DATA_SOURCE', sourceId, { user: t.analyst });
});
afterAll(async () => {
  await other?.close();
  await kit?.close();
});

const reference = async (column: 'country' | 'channel', where: string, params: unknown[]) =>
  Object.fromEntries(
    (await client.query(`select ${column} as k, sum(amount)::float as total from ${schema}.sales where ${where} group by 1`, params)).rows.map((r) => [
      r.k,
      r.total,
    ]),
  );

describe('an opened link', () => {
  it('is a SHARE_LINK principal with no user, reading its dashboard with the restrictions and attributes applied', async () => {
    const { token, link } = await createLink({ rowRestrictions: [{ field: 'sales.channel', values: ['web'] }], userAttributes: COUNTRY_ATTRIBUTE });
    expect(token).toMatch(/^tsl_[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({
      hasPassword: false,
      expiresAt: null,
      allowExport: false,
      rowRestrictions: [{ field: 'sales.channel', values: ['web'] }],
      userAttributes: [{ attribute: 'country', values: ['France', 'Japan'] }],
      createdBy: { id: t.analyst.globalId },
    });
    const bearer = await session(token);
    expect(bearer).toMatch(/^tss_/);
    const viewer = await kit.gql(Viewer, {}, { token: bearer });
    expect(viewer.data?.viewer).toEqual({ kind: 'SHARE_LINK', user: null, tenant: { slug: t.slug } });
    const res = await kit.gql(Board, { id: board() }, { token: bearer });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const [country, channel] = res.data!.dashboard!.widgets;
    const expected = await reference('country', `country = any($1) and channel = 'web'`, [['France', 'Japan']]);
    expect(Object.keys(expected).length).toBe(2);
    expect(byKey(country!.data!.rows)).toEqual(expected);
    expect(byKey(channel!.data!.rows)).toEqual(await reference('channel', `country = any($1) and channel = 'web'`, [['France', 'Japan']]));
    expect(country!.data!.missingAttributes).toEqual([]);
    expect(res.data!.dashboard!.filters[0]!.options).toEqual(['France', 'Japan']);
    // Filter values narrow further, never widen.
    const filtered = await kit.gql(Board, { id: board(), filters: [{ filterId, values: ['Japan', 'Germany'] }] }, { token: bearer });
    expect(byKey(filtered.data!.dashboard!.widgets[0]!.data!.rows)).toEqual(await reference('country', `country = 'Japan' and channel = 'web'`, []));
  });

  it('without the attribute a dataset rule needs, no rows, and the result names the attribute', async () => {
    const bearer = await session((await createLink()).token);
    const res = await kit.gql(Board, { id: board() }, { token: bearer });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    for (const widget of res.data!.dashboard!.widgets) {
      expect(widget.data!.rows).toEqual([]);
      expect(widget.data!.missingAttributes).toEqual(['country']);
    }
    expect(res.data!.dashboard!.filters[0]!.options).toEqual([]);
  });

  it('a restriction applies to every dataset of the dashboard: one without the field shows no rows (fail closed)', async () => {
    const unrestricted = await session((await createLink({ dashboardId: board(mixedId), userAttributes: COUNTRY_ATTRIBUTE })).token);
    const plain = await kit.gql(Board, { id: board(mixedId) }, { token: unrestricted });
    expect(byKey(plain.data!.dashboard!.widgets[1]!.data!.rows)).toEqual(await reference('country', 'true', []));
    const restricted = await session(
      (await createLink({ dashboardId: board(mixedId), userAttributes: COUNTRY_ATTRIBUTE, rowRestrictions: [{ field: 'sales.channel', values: ['store'] }] }))
        .token,
    );
    const res = await kit.gql(Board, { id: board(mixedId) }, { token: restricted });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const [sales, orders] = res.data!.dashboard!.widgets;
    expect(byKey(sales!.data!.rows)).toEqual(await reference('country', `country = any($1) and channel = 'store'`, [['France', 'Japan']]));
    expect(orders!.data!.rows).toEqual([]);
  });

  it('reaches no other dashboard (NOT_FOUND) and nothing else (FORBIDDEN or NOT_FOUND)', async () => {
    const bearer = await session((await createLink({ userAttributes: COUNTRY_ATTRIBUTE })).token);
    const hidden = await kit.gql(BoardTitle, { id: board(hiddenId) }, { token: bearer });
    expect(hidden.data?.dashboard).toBeNull();
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect((await kit.gql(BoardTitle, { id: board() }, { token: bearer })).data?.dashboard?.title).toBe('Shared sales');
    const id = board();
    const cases = [
      await kit.gql(Everything.dashboards, {}, { token: bearer }),
      await kit.gql(Everything.datasets, {}, { token: bearer }),
      await kit.gql(Everything.users, {}, { token: bearer }),
      await kit.gql(Everything.owner, { id }, { token: bearer }),
      await kit.gql(Everything.widgetQuery, { id }, { token: bearer }),
      await kit.gql(Everything.sql, { id }, { token: bearer }),
      await kit.gql(Everything.createDashboard, {}, { token: bearer }),
      await kit.gql(Everything.dataset, { id: globalId('Dataset', salesId) }, { token: bearer }),
      await kit.gql(Everything.list, { dashboardId: id }, { token: bearer }),
      await kit.gql(Create, { input: { dashboardId: id } }, { token: bearer }),
    ];
    for (const res of cases) {
      expect(res.errors?.length, JSON.stringify(res.data)).toBeGreaterThan(0);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(res));
    }
    // The same as a person of the tenant is allowed: the refusals are the principal's.
    expect((await kit.gql(Everything.owner, { id }, { token: t.admin.token })).errors).toBeUndefined();
    expect((await kit.gql(Everything.list, { dashboardId: id }, { token: t.analyst.token })).errors).toBeUndefined();
  });

  it('is resolved with one statement per request, without caching', async () => {
    const bearer = await session((await createLink()).token);
    for (let i = 0; i < 2; i++) {
      const { result, statements } = await kit.countStatements(() => kit.gql(Viewer, {}, { token: bearer }));
      expect(result.data?.viewer?.kind).toBe('SHARE_LINK');
      expect(statements.filter((s) => s.includes('link_sessions'))).toHaveLength(1);
    }
  });

  it('a raw link token is no bearer token (401): it must be opened first', async () => {
    const { token } = await createLink();
    const res = await kit.gql(Viewer, {}, { token });
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    const made = await kit.gql(Viewer, {}, { token: `tss_${'A'.repeat(43)}` });
    expect(made.status).toBe(401);
    expect(made.errors?.[0]?.message).toBe(LINK_SESSION_REFUSED);
  });
});

describe('passwords', () => {
  it('a link with a password opens only with it; a wrong or missing one gets the one refusal', async () => {
    const { token, link } = await createLink({ password: 'open sesame' });
    expect(link.hasPassword).toBe(true);
    for (const password of [undefined, '', 'open sesame!', 'OPEN SESAME']) {
      const res = await open(token, password);
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toBe(LINK_REFUSED);
      expect(res.data?.openShareableLink ?? null).toBeNull();
    }
    // Unknown and malformed tokens: the same words.
    for (const bad of [`tsl_${'x'.repeat(43)}`, 'nonsense', token.slice(0, -1)]) expect((await open(bad)).errors?.[0]?.message).toBe(LINK_REFUSED);
    const res = await open(token, 'open sesame');
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect((await kit.gql(Viewer, {}, { token: res.data!.openShareableLink!.token })).data?.viewer?.kind).toBe('SHARE_LINK');
  });

  it('wrong passwords are throttled per link (from any address, on any instance): then even the right one is RATE_LIMITED', async () => {
    const { token } = await createLink({ password: 'open sesame' });
    for (let i = 0; i < 10; i++) {
      const res = await (i % 2 ? other : kit).gql(Open, { input: { token, password: `guess ${i}` } }, { clientAddress: freshAddress() });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const blocked = await open(token, 'open sesame');
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.errors?.[0]?.message).toMatch(/Too many password attempts/);
    // Another link is not affected.
    const fresh = await createLink({ password: 'open sesame' });
    expect((await open(fresh.token, 'open sesame')).errors).toBeUndefined();
  });

  it('wrong passwords are throttled per client address too, across links', async () => {
    // A gateway with small limits, so that the address limit is reached with few password checks.
    const tight = await createTestKit({ config: { signInLimits: { accountAttempts: 3, addressAttempts: 5, windowSeconds: 900 } } });
    try {
      const from = freshAddress();
      const codes: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const { token } = await createLink({ password: 'open sesame' });
        for (let j = 0; j < 2; j++) codes.push(codeOf(await tight.gql(Open, { input: { token, password: `guess ${j}` } }, { clientAddress: from })));
      }
      expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
      const { token } = await createLink({ password: 'open sesame' });
      expect(codeOf(await tight.gql(Open, { input: { token, password: 'open sesame' } }, { clientAddress: from }))).toBe('RATE_LIMITED');
      expect((await tight.gql(Open, { input: { token, password: 'open sesame' } }, { clientAddress: freshAddress() })).errors).toBeUndefined();
    } finally {
      await tight.close();
    }
  });
});

describe('ending a link', () => {
  it('revocation refuses its opened sessions on the very next request, on every gateway instance', async () => {
    const { id, token } = await createLink({ userAttributes: COUNTRY_ATTRIBUTE });
    const bearer = await session(token);
    for (const instance of [kit, other])
      for (let i = 0; i < 2; i++) expect((await instance.gql(Board, { id: board() }, { token: bearer })).data?.dashboard?.title).toBe('Shared sales');
    const revoked = await kit.gql(Revoke, { id }, { token: t.analyst.token });
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    expect(revoked.data?.revokeShareableLink?.revokedAt).toBeTruthy();
    // No waiting for change notices.
    const [here, there] = await Promise.all([
      kit.gql(Board, { id: board() }, { token: bearer, sync: false }),
      other.gql(Board, { id: board() }, { token: bearer, sync: false }),
    ]);
    for (const res of [here, there]) {
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toBe(LINK_SESSION_REFUSED);
    }
    // It cannot be opened again, and revoking again changes nothing.
    expect((await open(token)).errors?.[0]?.message).toBe(LINK_REFUSED);
    const again = await kit.gql(Revoke, { id }, { token: t.analyst.token });
    expect(again.data?.revokeShareableLink?.revokedAt).toBe(revoked.data?.revokeShareableLink?.revokedAt);
  });

  it('expiry: an expired link refuses its opened sessions at the next request, and cannot be opened', async () => {
    const { id, token } = await createLink({ expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    const opened = await open(token);
    // A session never outlives its link.
    expect(new Date(opened.data!.openShareableLink!.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    const bearer = opened.data!.openShareableLink!.token;
    expect((await kit.gql(Viewer, {}, { token: bearer })).data?.viewer?.kind).toBe('SHARE_LINK');
    await sql(`update shareable_links set expires_at = now() - interval '1 second' where id = ?`, [decode(id)]);
    const res = await kit.gql(Viewer, {}, { token: bearer });
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect((await open(token)).errors?.[0]?.message).toBe(LINK_REFUSED);
  });

  it('an expired session is refused, while the link still opens new ones', async () => {
    const { token } = await createLink();
    const bearer = await session(token);
    await sql(`update link_sessions set expires_at = now() - interval '1 second' where token_hash = ?`, [sha256(bearer)]);
    expect((await kit.gql(Viewer, {}, { token: bearer })).status).toBe(401);
    const opened = await open(token);
    expect(new Date(opened.data!.openShareableLink!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect((await kit.gql(Viewer, {}, { token: opened.data!.openShareableLink!.token })).data?.viewer?.kind).toBe('SHARE_LINK');
  });

  it('deleting the dashboard deletes its links and refuses their sessions at the next request', async () => {
    const content = contentBuilders(kit, t.tenant);
    const doomed = (await content.dashboard({ owner: t.admin, title: 'Doomed' })).id;
    await content.share('DASHBOARD', doomed, 'all');
    const { id, token } = await createLink({ dashboardId: board(doomed) });
    const bearer = await session(token);
    expect((await other.gql(BoardTitle, { id: board(doomed) }, { token: bearer })).data?.dashboard?.title).toBe('Doomed');
    expect((await kit.gql(DeleteBoard, { id: board(doomed) }, { token: t.admin.token })).data?.deleteDashboard).toBe(true);
    const res = await other.gql(BoardTitle, { id: board(doomed) }, { token: bearer, sync: false });
    expect(res.status).toBe(401);
    expect(await sql(`select id from shareable_links where id = ?`, [decode(id)])).toEqual([]);
    expect(await sql(`select l.id from link_sessions l where l.token_hash = ?`, [sha256(bearer)])).toEqual([]);
  });
});

describe('secrets', () => {
  it('tokens and passwords are stored hashed: the raw ones appear nowhere in the database', async () => {
    const { id, token } = await createLink({ password: 'a link password' });
    const bearer = await session(token, 'a link password');
    const [link] = (await sql(`select token_hash, password_hash from shareable_links where id = ?`, [decode(id)])) as {
      token_hash: string;
      password_hash: string;
    }[];
    expect(link!.token_hash).toBe(sha256(token));
    expect(link!.password_hash).toMatch(/^\$argon2id\$/);
    const dump = JSON.stringify([
      await sql(`select row_to_json(l) as r from shareable_links l where tenant_id = ?`, [t.tenant.id]),
      await sql(`select row_to_json(s) as r from link_sessions s where tenant_id = ?`, [t.tenant.id]),
      await sql(`select row_to_json(a) as r from audit_events a where tenant_id = ?`, [t.tenant.id]),
      await sql(`select row_to_json(r) as r from rate_limits r`),
    ]);
    for (const secret of [token, token.slice(4), bearer, bearer.slice(4), 'a link password']) expect(dump).not.toContain(secret);
    expect(kit.logs.join('\n')).not.toContain(token.slice(4));
    expect(kit.logs.join('\n')).not.toContain(bearer.slice(4));
  });

  it('audits creation and revocation without the token or the password', async () => {
    const { id } = await createLink({ password: 'a link password', rowRestrictions: [{ field: 'sales.channel', values: ['web'] }] });
    await kit.gql(Revoke, { id }, { token: t.analyst.token });
    const events = (await sql(`select action, actor_id, summary from audit_events where resource_id = ? order by created_at`, [decode(id)])) as {
      action: string;
      actor_id: string;
      summary: Record<string, unknown>;
    }[];
    expect(events.map((e) => e.action)).toEqual(['shareLink.create', 'shareLink.revoke']);
    expect(events[0]!.actor_id).toBe(t.analyst.id);
    expect(events[0]!.summary).toMatchObject({ dashboardId, passphraseRequired: true, restrictedFields: ['sales.channel'], allowExport: false });
  });
});

describe('who may manage links', () => {
  it('VIEWER and EXPLORER cannot create links (FORBIDDEN) while ANALYST and ADMIN can', async () => {
    for (const user of [t.viewer, t.explorer]) {
      // They see the dashboard: the refusal is the matrix's row, not visibility.
      expect((await kit.gql(BoardTitle, { id: board() }, { token: user.token })).data?.dashboard?.title).toBe('Shared sales');
      const res = await kit.gql(Create, { input: { dashboardId: board() } }, { token: user.token });
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(codeOf(await kit.gql(List, { dashboardId: board() }, { token: user.token }))).toBe('FORBIDDEN');
    }
    for (const user of [t.analyst, t.admin]) await createLink({}, user);
  });

  it('SHARE_LINKS DISABLED takes the right from an analyst; ENABLED grants it to an explorer (PRODUCT.md §4)', async () => {
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    await contentBuilders(kit, t.tenant).share('DATA_SOURCE', sourceId, { user: analyst });
    await createLink({}, analyst);
    await setFeature(analyst, 'DISABLED');
    expect(codeOf(await kit.gql(Create, { input: { dashboardId: board() } }, { token: analyst.token }))).toBe('FORBIDDEN');
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect(codeOf(await kit.gql(Create, { input: { dashboardId: board() } }, { token: explorer.token }))).toBe('FORBIDDEN');
    await setFeature(explorer, 'ENABLED');
    await createLink({}, explorer);
  });

  it('a dashboard the caller cannot see is NOT_FOUND; one whose data they cannot read is FORBIDDEN', async () => {
    const foreign = await kit.gql(Create, { input: { dashboardId: board() } }, { token: u.admin.token });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    expect(codeOf(await kit.gql(List, { dashboardId: board() }, { token: u.admin.token }))).toBe('NOT_FOUND');
    // An analyst without the data source or datasets shared cannot hand out their rows.
    const analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const res = await kit.gql(Create, { input: { dashboardId: board() } }, { token: analyst.token });
    expect(codeOf(res)).toBe('FORBIDDEN');
    await contentBuilders(kit, t.tenant).share('DATASET', salesId, { user: analyst });
    await createLink({}, analyst);
  });

  it('lists a dashboard’s links (never a token) for those who manage them; revocation by a manager, NOT_FOUND for others', async () => {
    const content = contentBuilders(kit, t.tenant);
    const listed = (await content.dashboard({ owner: t.admin, title: 'Listed' })).id;
    await content.share('DASHBOARD', listed, 'all');
    const a = await createLink({ dashboardId: board(listed), password: 'a link password', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const b = await createLink({ dashboardId: board(listed), userAttributes: COUNTRY_ATTRIBUTE }, t.admin);
    const res = await kit.gql(List, { dashboardId: board(listed) }, { token: t.analyst.token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const nodes = res.data!.shareableLinks!.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual([b.id, a.id]);
    expect(nodes[1]).toMatchObject({ hasPassword: true, revokedAt: null, createdBy: { id: t.analyst.globalId } });
    expect(nodes[0]).toMatchObject({
      hasPassword: false,
      userAttributes: [{ attribute: 'country', values: ['France', 'Japan'] }],
      createdBy: { id: t.admin.globalId },
    });
    expect(JSON.stringify(res.data)).not.toContain(a.token.slice(4));
    expect((await kit.gql(Node, { id: a.id }, { token: t.admin.token })).data?.node).toEqual({ id: a.id, hasPassword: true });
    // A viewer and another tenant learn nothing of it.
    expect(codeOf(await kit.gql(Revoke, { id: a.id }, { token: t.viewer.token }))).toBe('FORBIDDEN');
    expect(codeOf(await kit.gql(Revoke, { id: a.id }, { token: u.admin.token }))).toBe('NOT_FOUND');
    expect(codeOf(await kit.gql(Node, { id: a.id }, { token: u.admin.token }))).toBe('NOT_FOUND');
    // Another analyst manages the same dashboard's links.
    const colleague = await kit.addUser(t.tenant, { role: 'ANALYST' });
    const revoked = await kit.gql(Revoke, { id: b.id }, { token: colleague.token });
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    const after = await kit.gql(List, { dashboardId: board(listed) }, { token: t.admin.token });
    expect(after.data!.shareableLinks!.edges.map((e) => e.node.revokedAt !== null)).toEqual([true, false]);
  });
});

describe('validation', () => {
  const cases: [string, Partial<CreateShareableLinkInput>, string][] = [
    [
      'a field of no dataset of the dashboard',
      {
        rowRestrictions: [
          { field: 'sales.channel', values: ['web'] },
          { field: 'sales.nope', values: ['x'] },
        ],
      },
      'input.rowRestrictions[1].field',
    ],
    ['a field that is not model.field', { rowRestrictions: [{ field: 'channel', values: ['web'] }] }, 'input.rowRestrictions[0].field'],
    ['a value of the wrong type', { rowRestrictions: [{ field: 'sales.id', values: [1, 'two'] }] }, 'input.rowRestrictions[0].values[1]'],
    ['no values', { rowRestrictions: [{ field: 'sales.channel', values: [] }] }, 'input.rowRestrictions[0].values'],
    ['too many restrictions', { rowRestrictions: Array.from({ length: 21 }, () => ({ field: 'sales.channel', values: ['web'] })) }, 'input.rowRestrictions'],
    ['an unknown attribute', { userAttributes: [{ attribute: 'region', values: ['x'] }] }, 'input.userAttributes[0].attribute'],
    ['a system attribute', { userAttributes: [{ attribute: 'h_email', values: ['a@b.c'] }] }, 'input.userAttributes[0].attribute'],
    ['an attribute twice', { userAttributes: [...COUNTRY_ATTRIBUTE, ...COUNTRY_ATTRIBUTE] }, 'input.userAttributes[1].attribute'],
    ['an attribute value of the wrong type', { userAttributes: [{ attribute: 'level', values: [1, '2'] }] }, 'input.userAttributes[0].values[1]'],
    ['a short password', { password: 'short' }, 'input.password'],
    ['an expiry in the past', { expiresAt: new Date(Date.now() - 1000).toISOString() }, 'input.expiresAt'],
    ['an expiry over a year away', { expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'input.expiresAt'],
  ];
  it.each(cases)('%s is BAD_USER_INPUT naming the field', async (_name, input, field) => {
    const res = await kit.gql(Create, { input: { dashboardId: board(), ...input } }, { token: t.analyst.token });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('valid values of each type are kept, each once', async () => {
    const { link } = await createLink({
      rowRestrictions: [{ field: 'sales.id', values: [1, 2, 2] }],
      userAttributes: [{ attribute: 'level', values: [3] }],
      allowExport: true,
    });
    expect(link).toMatchObject({
      rowRestrictions: [{ field: 'sales.id', values: [1, 2] }],
      userAttributes: [{ attribute: 'level', values: [3] }],
      allowExport: true,
    });
  });
});

describe('what a link reads is recorded, and exported only when the link allows it', () => {
  const Audit = graphql(`
    query ShareLinksAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }
  `);
  const ExportWidget = graphql(`mutation ShareLinksExportWidget($input: ExportWidgetInput!) { exportWidget(input: $input) { url } }`);
  const ExportDataset = graphql(`mutation ShareLinksExportDataset($input: ExportDatasetQueryInput!) { exportDatasetQuery(input: $input) { url } }`);
  const WidgetIds = graphql(`query ShareLinksWidgetIds($id: ID!) { dashboard(id: $id) { widgets { id data { rows } } } }`);

  it('records dashboard.view for the link, once a minute, with the rows', async () => {
    const { id, token } = await createLink({ userAttributes: COUNTRY_ATTRIBUTE });
    const bearer = await session(token);
    await sql(`delete from audit_events where action = 'dashboard.view'`);
    const read = await kit.gql(WidgetIds, { id: board() }, { token: bearer });
    const rows = read.data!.dashboard!.widgets.reduce((n, w) => n + w.data!.rows.length, 0);
    expect(rows).toBeGreaterThan(0);
    await kit.gql(WidgetIds, { id: board() }, { token: bearer });
    await other.gql(WidgetIds, { id: board() }, { token: bearer });
    const res = await kit.gql(Audit, { resourceId: board() }, { token: t.admin.token });
    const views = res.data!.auditEvents!.edges.map((e) => e.node).filter((n) => n.action === 'dashboard.view');
    expect(views).toEqual([
      { action: 'dashboard.view', actor: null, summary: expect.objectContaining({ principal: 'SHARE_LINK', shareableLinkId: decode(id), rows }) },
    ]);
  });

  it('exports a widget only from a link that allows it, and never a dataset query', async () => {
    const refused = await session((await createLink({ userAttributes: COUNTRY_ATTRIBUTE })).token);
    const allowed = await session((await createLink({ userAttributes: COUNTRY_ATTRIBUTE, allowExport: true })).token);
    const widgetId = (await kit.gql(WidgetIds, { id: board() }, { token: allowed })).data!.dashboard!.widgets[0]!.id;
    const no = await kit.gql(ExportWidget, { input: { widgetId } }, { token: refused });
    expect(codeOf(no)).toBe('FORBIDDEN');
    const yes = await kit.gql(ExportWidget, { input: { widgetId } }, { token: allowed });
    expect(yes.errors, JSON.stringify(yes.errors)).toBeUndefined();
    const download = await kit.app.fetch(new Request(yes.data!.exportWidget!.url));
    expect(download.status).toBe(200);
    const lines = (await download.text()).trim().split('\n');
    const widget = (await kit.gql(WidgetIds, { id: board() }, { token: allowed })).data!.dashboard!.widgets[0]!;
    expect(lines.length - 1).toBe(widget.data!.rows.length);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(widget.data!.rows.map((r) => String(r[0])).sort());
    const dataset = await kit.gql(
      ExportDataset,
      { input: { datasetId: globalId('Dataset', salesId), query: { dimensions: ['sales.country'] } } },
      { token: allowed },
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(dataset));
  });
});
