/**
 * Embed tokens through the real request path (PRODUCT.md §7): a partner-signed JWT becomes an EMBED
 * principal that reads exactly its dashboard (and listed drill-throughs), its widgets' data and its
 * filter options, with the dataset's rules fed by the token's attributes and `row_based` rules
 * ANDed on top; everything else is FORBIDDEN or NOT_FOUND, and every refusal is one 401 that says
 * nothing of why.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import type pg from 'pg';
import { SignJWT, exportJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { EMBED_TOKEN_REFUSED } from '../../src/auth/embed-token.ts';
import { graphql } from '../generated/gql.ts';
import type { CreateEmbedKeyInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const CreateKey = graphql(`
  mutation EmbedTokensCreateKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }
`);
const RevokeKey = graphql(`mutation EmbedTokensRevokeKey($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }`);
const Viewer = graphql(`query EmbedTokensViewer { viewer { kind user { id } tenant { slug } } }`);
const Board = graphql(`
  query EmbedTokensBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) {
      title
      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }
      filters { id label options }
    }
  }
`);
const BoardTitle = graphql(`query EmbedTokensBoardTitle($id: ID!) { dashboard(id: $id) { title } }`);
const Everything = {
  dashboards: graphql(`query EmbedTokensDashboards { dashboards(first: 10) { edges { node { id } } } }`),
  datasets: graphql(`query EmbedTokensDatasets { datasets(first: 10) { edges { node { id } } } }`),
  users: graphql(`query EmbedTokensUsers { users(first: 10) { edges { node { id } } } }`),
  node: graphql(`query EmbedTokensNode($id: ID!) { node(id: $id) { id } }`),
  owner: graphql(`query EmbedTokensOwner($id: ID!) { dashboard(id: $id) { owner { id } } }`),
  widgetQuery: graphql(`query EmbedTokensWidgetQuery($id: ID!) { dashboard(id: $id) { widgets { query } } }`),
  sql: graphql(`query EmbedTokensSql($id: ID!) { dashboard(id: $id) { widgets { data { sql } } } }`),
  create: graphql(`mutation EmbedTokensCreateDashboard { createDashboard(input: { title: "x" }) { id } }`),
  dataset: graphql(`query EmbedTokensDataset($id: ID!) { dataset(id: $id) { query(input: { dimensions: ["sales.country"] }) { rows } } }`),
};

let kit: TestKit;
let other: TestKit;
let t: SeededTenant;
let u: SeededTenant;
let client: pg.Client;
let schema: string;
let datasetId: string;
let dashboardId: string;
let drillId: string;
let hiddenId: string;
let filterId: string;
let key: { id: string; kid: string; audience: string; secret: string };
let otherKey: { kid: string; secret: string };
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

async function createKey(tenant: SeededTenant, input: CreateEmbedKeyInput) {
  const res = await kit.gql(CreateKey, { input }, { token: tenant.admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createEmbedKey!;
}

interface Claims {
  [claim: string]: unknown;
}
const now = () => Math.floor(Date.now() / 1000);
function claims(extra: Claims = {}): Claims {
  return { aud: key.audience, iat: now(), exp: now() + 300, object_type: 'Dashboard', object_id: dashboardId, ...extra };
}
function sign(payload: Claims, options: { kid?: string; secret?: string; header?: Record<string, unknown> } = {}) {
  return new SignJWT(payload as never)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: options.kid ?? key.kid, ...options.header } as never)
    .sign(new TextEncoder().encode(options.secret ?? key.secret));
}
/** A compact JWS made by hand, for headers and algorithms jose will not produce. */
function handmade(header: Record<string, unknown>, payload: Claims, hmacKey?: Uint8Array | string): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const signature = hmacKey === undefined ? '' : createHmac('sha256', hmacKey).update(input).digest('base64url');
  return `${input}.${signature}`;
}

const asEmbed = (token: string) => ({ token });
const byCountry = (rows: unknown[][] | undefined) => Object.fromEntries((rows ?? []).map((r) => [String(r[0]), Number(r[1])]));

async function setCountry(user: SeededUser, values: string[]) {
  const [attr] = await sql(`select id from user_attributes where tenant_id = ? and name = 'country'`, [t.tenant.id]);
  await sql('delete from user_attribute_values where user_id = ?', [user.id]);
  await sql(
    `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, 'MANUAL', ?, now(), now())`,
    [uuidv7(), t.tenant.id, user.id, (attr as { id: string }).id, JSON.stringify(values)],
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
    { prefix: 'emb' },
  ));
  const content = contentBuilders(kit, t.tenant);
  const sourceId = (await content.warehouseSource(t.admin, [schema])).id;
  const definition = {
    models: [
      {
        name: 'sales',
        table: `${schema}.sales`,
        fields: [
          { name: 'id', column: 'id', type: 'NUMBER' },
          { name: 'country', column: 'country', type: 'STRING' },
          { name: 'channel', column: 'channel', type: 'STRING' },
          { name: 'amount', column: 'amount', type: 'NUMBER' },
        ],
      },
    ],
    relationships: [],
    calculations: [],
  };
  datasetId = await content.datasetRow({
    owner: t.admin,
    dataSourceId: sourceId,
    name: 'emb',
    definition,
    rules: [{ field: 'sales.country', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }],
  });
  await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'country', 'STRING', now(), now())`, [
    uuidv7(),
    t.tenant.id,
  ]);
  await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'channel', 'STRING', now(), now())`, [
    uuidv7(),
    t.tenant.id,
  ]);
  const widget = (dashboardId: string, title: string, dimension: string, position: number) =>
    content.widget({
      owner: t.admin,
      dashboardId,
      datasetId,
      title,
      position,
      query: { dimensions: [dimension], measures: [{ field: 'sales.amount', aggregation: 'SUM' }], sort: [{ field: dimension, direction: 'ASC' }] },
    });
  dashboardId = (await content.dashboard({ owner: t.admin, title: 'Embedded sales' })).id;
  drillId = (await content.dashboard({ owner: t.admin, title: 'Drill target' })).id;
  hiddenId = (await content.dashboard({ owner: t.admin, title: 'Not embedded' })).id;
  await widget(dashboardId, 'By country', 'sales.country', 0);
  await widget(dashboardId, 'By channel', 'sales.channel', 1);
  await widget(drillId, 'Drill by country', 'sales.country', 0);
  await widget(hiddenId, 'Hidden by country', 'sales.country', 0);
  const filter = uuidv7();
  filterId = globalId('DashboardFilter', filter);
  await sql(
    `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at)
     values (?, ?, ?, ?, 'DROPDOWN', 'Country', 'sales.country', null, now())`,
    [filter, t.tenant.id, dashboardId, datasetId],
  );
  await content.share('DASHBOARD', dashboardId, 'all');
  const created = await createKey(t, { name: 'partner', algorithm: 'HS256' });
  key = { id: created.key.id, kid: created.key.kid, audience: created.key.audience, secret: created.secret! };
  const foreign = await createKey(u, { name: 'other partner', algorithm: 'HS256' });
  otherKey = { kid: foreign.key.kid, secret: foreign.secret! };
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

describe('a valid embed token', () => {
  it('is an EMBED principal of the key’s tenant, with no user', async () => {
    const res = await kit.gql(Viewer, {}, asEmbed(await sign(claims())));
    expect(res.errors).toBeUndefined();
    expect(res.data?.viewer).toEqual({ kind: 'EMBED', user: null, tenant: { slug: t.slug } });
  });

  it('reads its dashboard with the token’s attributes feeding the dataset’s rules', async () => {
    const res = await kit.gql(
      Board,
      { id: globalId('Dashboard', dashboardId) },
      asEmbed(await sign(claims({ user_attributes: { country: ['France', 'Japan'] } }))),
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const [country, channel] = res.data!.dashboard!.widgets;
    expect(byCountry(country!.data!.rows)).toEqual(await reference('country', `country = any($1)`, [['France', 'Japan']]));
    expect(byCountry(channel!.data!.rows)).toEqual(await reference('channel', `country = any($1)`, [['France', 'Japan']]));
    expect(res.data!.dashboard!.filters[0]!.options).toEqual(['France', 'Japan']);
    expect(country!.data!.missingAttributes).toEqual([]);
  });

  it('a single attribute value works like a list of one', async () => {
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims({ user_attributes: { country: 'Germany' } }))));
    expect(Object.keys(byCountry(res.data!.dashboard!.widgets[0]!.data!.rows))).toEqual(['Germany']);
  });

  it('without the attribute a rule needs, no rows, and the result names the attribute', async () => {
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims())));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    for (const widget of res.data!.dashboard!.widgets) {
      expect(widget.data!.rows).toEqual([]);
      expect(widget.data!.missingAttributes).toEqual(['country']);
    }
    expect(res.data!.dashboard!.filters[0]!.options).toEqual([]);
  });

  it('system attributes cannot be claimed', async () => {
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims({ user_attributes: { h_email: t.admin.email } }))));
    expect(res.data!.dashboard!.widgets[0]!.data!.rows).toEqual([]);
  });

  it('row_based rules are ANDed on top of the dataset’s rules, in SQL', async () => {
    const path = (field: string) => ({ dataset: datasetId, model: 'sales', field });
    const token = await sign(
      claims({
        user_attributes: { country: ['France', 'Germany'], channel: ['web'] },
        permissions: {
          row_based: [
            { path: path('country'), operator: 'is_not', values: ['Germany'] },
            { path: path('channel'), operator: 'matches_user_attribute', values: ['channel'] },
          ],
        },
      }),
    );
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(token));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const [country, channel] = res.data!.dashboard!.widgets;
    expect(byCountry(country!.data!.rows)).toEqual(await reference('country', `country = 'France' and channel = 'web'`, []));
    expect(byCountry(channel!.data!.rows)).toEqual({ web: (await reference('country', `country = 'France' and channel = 'web'`, [])).France });
    // `is` narrows too, and a GraphQL dataset id names the dataset as well as its raw id.
    const is = await sign(
      claims({
        user_attributes: { country: ['France', 'Germany', 'Japan'] },
        permissions: { row_based: [{ path: { ...path('country'), dataset: globalId('Dataset', datasetId) }, operator: 'is', values: ['Japan'] }] },
      }),
    );
    const narrowed = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(is));
    expect(Object.keys(byCountry(narrowed.data!.dashboard!.widgets[0]!.data!.rows))).toEqual(['Japan']);
  });

  it('a matches_user_attribute rule without that attribute in the token lets no row through', async () => {
    const token = await sign(
      claims({
        user_attributes: { country: ['France'] },
        permissions: {
          row_based: [{ path: { dataset: datasetId, model: 'sales', field: 'channel' }, operator: 'matches_user_attribute', values: ['channel'] }],
        },
      }),
    );
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(token));
    expect(res.data!.dashboard!.widgets[0]!.data!.rows).toEqual([]);
    expect(res.data!.dashboard!.widgets[0]!.data!.missingAttributes).toEqual(['channel']);
  });

  it('results cached for one token’s rules are never served to another token’s (the rules are part of the key)', async () => {
    await sql(`update dashboards set cache_ttl_seconds = 60 where id = ?`, [dashboardId]);
    try {
      const attrs = { user_attributes: { country: ['France', 'Germany', 'Japan'] } };
      const all = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims(attrs))));
      const only = await kit.gql(
        Board,
        { id: globalId('Dashboard', dashboardId) },
        asEmbed(
          await sign(
            claims({
              ...attrs,
              permissions: { row_based: [{ path: { dataset: datasetId, model: 'sales', field: 'country' }, operator: 'is', values: ['Japan'] }] },
            }),
          ),
        ),
      );
      expect(Object.keys(byCountry(all.data!.dashboard!.widgets[0]!.data!.rows)).sort()).toEqual(['France', 'Germany', 'Japan']);
      expect(Object.keys(byCountry(only.data!.dashboard!.widgets[0]!.data!.rows))).toEqual(['Japan']);
    } finally {
      await sql(`update dashboards set cache_ttl_seconds = 0 where id = ?`, [dashboardId]);
    }
  });

  it('sees the same rows as a VIEWER with the same attributes, for every widget and with filter values', async () => {
    await setCountry(t.viewer, ['Germany', 'Japan']);
    const embed = await sign(claims({ user_attributes: { country: ['Germany', 'Japan'] } }));
    for (const filters of [undefined, [{ filterId, values: ['Japan'] }]]) {
      const [asViewer, asPartner] = await Promise.all([
        kit.gql(Board, { id: globalId('Dashboard', dashboardId), filters }, { token: t.viewer.token }),
        kit.gql(Board, { id: globalId('Dashboard', dashboardId), filters }, asEmbed(embed)),
      ]);
      expect(asViewer.errors, JSON.stringify(asViewer.errors)).toBeUndefined();
      expect(asPartner.errors, JSON.stringify(asPartner.errors)).toBeUndefined();
      expect(asPartner.data).toEqual(asViewer.data);
      expect(asPartner.data!.dashboard!.widgets[0]!.data!.rows.length).toBeGreaterThan(0);
    }
  });

  it('opens the drill-throughs it lists, and nothing else', async () => {
    const token = await sign(claims({ drillthroughs: [drillId], user_attributes: { country: ['France'] } }));
    const drill = await kit.gql(Board, { id: globalId('Dashboard', drillId) }, asEmbed(token));
    expect(drill.errors, JSON.stringify(drill.errors)).toBeUndefined();
    expect(Object.keys(byCountry(drill.data!.dashboard!.widgets[0]!.data!.rows))).toEqual(['France']);
    const hidden = await kit.gql(BoardTitle, { id: globalId('Dashboard', hiddenId) }, asEmbed(token));
    expect(hidden.data?.dashboard).toBeNull();
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Without the claim, the drill target is as unknown as any other dashboard.
    const plain = await kit.gql(BoardTitle, { id: globalId('Dashboard', drillId) }, asEmbed(await sign(claims())));
    expect(plain.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reaches nothing else: lists, datasets, users, node, owners, saved queries, SQL and mutations are refused', async () => {
    const token = await sign(claims({ user_attributes: { country: ['France'] } }));
    const id = globalId('Dashboard', dashboardId);
    const cases = [
      await kit.gql(Everything.dashboards, {}, asEmbed(token)),
      await kit.gql(Everything.datasets, {}, asEmbed(token)),
      await kit.gql(Everything.users, {}, asEmbed(token)),
      await kit.gql(Everything.node, { id }, asEmbed(token)),
      await kit.gql(Everything.owner, { id }, asEmbed(token)),
      await kit.gql(Everything.widgetQuery, { id }, asEmbed(token)),
      await kit.gql(Everything.sql, { id }, asEmbed(token)),
      await kit.gql(Everything.create, {}, asEmbed(token)),
      await kit.gql(Everything.dataset, { id: globalId('Dataset', datasetId) }, asEmbed(token)),
    ];
    for (const res of cases) {
      expect(res.errors?.length, JSON.stringify(res.data)).toBeGreaterThan(0);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.errors![0]!.extensions?.code);
    }
    // The same queries as a person of the tenant are allowed: the refusals are the principal's.
    expect((await kit.gql(Everything.owner, { id }, { token: t.admin.token })).errors).toBeUndefined();
    expect((await kit.gql(Everything.dashboards, {}, { token: t.viewer.token })).errors).toBeUndefined();
  });

  it('a valid token whose path names no field of the dataset is refused with a reason the partner can act on', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ dataset: datasetId, model: 'sales', field: 'nope' }, /permissions\.row_based\[0\]\.path\.field "nope" is not a field of model "sales"/],
      [{ dataset: datasetId, model: 'orders', field: 'id' }, /path\.model "orders" is not a model/],
      [{ dataset: uuidv7(), model: 'sales', field: 'country' }, /path\.dataset names no dataset of this workspace/],
      [{ dataset: 'not-an-id', model: 'sales', field: 'country' }, /path\.dataset is not a dataset id/],
    ];
    for (const [path, message] of cases) {
      const token = await sign(claims({ permissions: { row_based: [{ path, operator: 'is', values: ['France'] }] } }));
      const res = await kit.gql(Viewer, {}, asEmbed(token));
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    // Another tenant's dataset is as unknown as a missing one.
    const [foreign] = await sql(`select id from datasets where tenant_id <> ? limit 1`, [t.tenant.id]);
    if (foreign) {
      const token = await sign(
        claims({
          permissions: { row_based: [{ path: { dataset: (foreign as { id: string }).id, model: 'sales', field: 'country' }, operator: 'is', values: [] }] },
        }),
      );
      expect((await kit.gql(Viewer, {}, asEmbed(token))).errors?.[0]?.message).toMatch(/names no dataset of this workspace/);
    }
  });
});

describe('refused embed tokens: 401 UNAUTHENTICATED with one message', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let ecKid: string;
  let ecJwk: JWK;
  beforeAll(async () => {
    ecJwk = await exportJWK(ec.publicKey);
    ecKid = (await createKey(t, { name: 'ec partner', algorithm: 'ES256', publicKeyJwk: ecJwk })).key.kid;
  });

  const refusals: [string, () => Promise<string>][] = [
    ['alg none', async () => handmade({ alg: 'none', typ: 'JWT', kid: key.kid }, claims())],
    ['HS256 signed with the ES256 key’s public JWK (algorithm confusion)', async () => handmade({ alg: 'HS256', kid: ecKid }, claims(), JSON.stringify(ecJwk))],
    [
      'HS256 signed with the public key’s PEM',
      async () => handmade({ alg: 'HS256', kid: ecKid }, claims(), ec.publicKey.export({ type: 'spki', format: 'pem' }) as string),
    ],
    ['an unknown kid', async () => sign(claims(), { kid: uuidv7() })],
    ['another tenant’s kid under this tenant’s audience', async () => sign(claims(), { kid: otherKey.kid, secret: otherKey.secret })],
    ['the right kid with a wrong secret', async () => sign(claims(), { secret: 'x'.repeat(43) })],
    ['a lifetime over the key’s maximum', async () => sign(claims({ exp: now() + 3600 }))],
    ['an expired token', async () => sign(claims({ iat: now() - 400, exp: now() - 100 }))],
    ['a token not valid yet (nbf)', async () => sign(claims({ nbf: now() + 200 }))],
    ['no exp', async () => sign({ ...claims(), exp: undefined })],
    ['no iat', async () => sign({ ...claims(), iat: undefined })],
    ['another audience', async () => sign(claims({ aud: 'tessera:embed:someone-else' }))],
    ['a token over 8 KB', async () => sign(claims({ user_attributes: { country: ['x'.repeat(9000)] } }))],
    ['a jwk header', async () => sign(claims(), { header: { jwk: ecJwk } })],
    ['a jku header', async () => sign(claims(), { header: { jku: 'https://attacker.example/keys' } })],
    ['an x5u header', async () => sign(claims(), { header: { x5u: 'https://attacker.example/cert' } })],
    ['an x5c header', async () => sign(claims(), { header: { x5c: ['MIIB'] } })],
    ['an unknown object_type', async () => sign(claims({ object_type: 'Dataset' }))],
    ['user_attributes of the wrong type', async () => sign(claims({ user_attributes: 'France' }))],
    ['row_based of the wrong type', async () => sign(claims({ permissions: { row_based: { path: 'x' } } }))],
    ['allow_raw_data_export of the wrong type', async () => sign(claims({ settings: { allow_raw_data_export: 'yes' } }))],
  ];

  it.each(refusals)('%s', async (_name, make) => {
    const token = await make();
    const res = await kit.gql(Viewer, {}, asEmbed(token));
    expect(res.status).toBe(401);
    expect(res.data?.viewer ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    // Every check fails with the same words: none says which (only the server log does).
    expect(res.errors![0]!.message).toBe(EMBED_TOKEN_REFUSED);
    expect(res.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(Object.keys(res.errors![0]!).sort()).toEqual(['extensions', 'message']);
  });

  it('the ES256 key itself works: the refusals above are the token’s', async () => {
    const { privateKey } = ec;
    const token = await new SignJWT(claims({ user_attributes: { country: ['Japan'] } }) as never)
      .setProtectedHeader({ alg: 'ES256', kid: ecKid })
      .sign(privateKey);
    const res = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(token));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(Object.keys(byCountry(res.data!.dashboard!.widgets[0]!.data!.rows))).toEqual(['Japan']);
  });
});

describe('who saw what', () => {
  const AuditEvents = graphql(`
    query EmbedTokensAudit($resourceId: ID) { auditEvents(first: 50, resourceId: $resourceId) { edges { node { action actor { id } summary } } } }
  `);
  const views = async () => {
    const res = await kit.gql(AuditEvents, { resourceId: globalId('Dashboard', dashboardId) }, { token: t.admin.token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.auditEvents!.edges.map((e) => e.node).filter((n) => n.action === 'dashboard.view');
  };

  it('records each embed read of a dashboard once a minute per principal, with the key, the partner’s user and the rows', async () => {
    await sql(`delete from audit_events where action = 'dashboard.view'`);
    const alice = await sign(claims({ embed_user_id: 'alice@partner.example', user_attributes: { country: ['France', 'Japan'] } }));
    const first = await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(alice));
    const rows = first.data!.dashboard!.widgets.reduce((n, w) => n + w.data!.rows.length, 0);
    expect(rows).toBeGreaterThan(0);
    // Again on this instance and on the other: still one event for alice within the minute.
    await kit.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(alice));
    await other.gql(Board, { id: globalId('Dashboard', dashboardId) }, asEmbed(alice));
    // Another partner user is another principal; a person's read is not a public view.
    await kit.gql(BoardTitle, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims({ embed_user_id: 'bob@partner.example' }))));
    await kit.gql(BoardTitle, { id: globalId('Dashboard', dashboardId) }, { token: t.viewer.token });
    const events = await views();
    expect(events).toHaveLength(2);
    const byUser = Object.fromEntries(events.map((e) => [(e.summary as { embedUserId: string }).embedUserId, e]));
    expect(byUser['alice@partner.example']).toMatchObject({ actor: null, summary: { principal: 'EMBED', embedKeyId: key.kid, rows } });
    expect(byUser['bob@partner.example']).toMatchObject({ summary: { principal: 'EMBED', embedKeyId: key.kid, rows: 0 } });
    // A minute later (moved back in the database), the next read is recorded again.
    await sql(`update audit_events set created_at = created_at - interval '61 seconds' where action = 'dashboard.view'`);
    await other.gql(BoardTitle, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims({ embed_user_id: 'bob@partner.example' }))));
    expect(await views()).toHaveLength(3);
  });

  it('a refused or other dashboard records nothing for this one', async () => {
    await sql(`delete from audit_events where action = 'dashboard.view'`);
    await kit.gql(BoardTitle, { id: globalId('Dashboard', dashboardId) }, asEmbed(await sign(claims({ exp: now() - 120 }))));
    await kit.gql(BoardTitle, { id: globalId('Dashboard', hiddenId) }, asEmbed(await sign(claims({ embed_user_id: 'carol' }))));
    expect(await views()).toHaveLength(0);
  });
});

describe('revocation', () => {
  it('takes effect on the very next request, on every gateway instance', async () => {
    const created = await createKey(t, { name: 'to revoke', algorithm: 'HS256' });
    const token = await sign(claims(), { kid: created.key.kid, secret: created.secret! });
    // Both instances accept it (and have had the chance to cache whatever they cache).
    for (const instance of [kit, other]) for (let i = 0; i < 2; i++) expect((await instance.gql(Viewer, {}, asEmbed(token))).data?.viewer?.kind).toBe('EMBED');
    const revoked = await kit.gql(RevokeKey, { id: created.key.id }, { token: t.admin.token });
    expect(revoked.errors).toBeUndefined();
    // No waiting for change notices: the very next request on the other instance is refused.
    const [here, there] = await Promise.all([kit.gql(Viewer, {}, asEmbed(token)), other.gql(Viewer, {}, asEmbed(token))]);
    expect(here.status).toBe(401);
    expect(there.status).toBe(401);
    expect(there.errors?.[0]?.message).toBe(EMBED_TOKEN_REFUSED);
    // The other keys are untouched (rotation: old and new side by side until one is revoked).
    expect((await other.gql(Viewer, {}, asEmbed(await sign(claims())))).data?.viewer?.kind).toBe('EMBED');
  });
});
