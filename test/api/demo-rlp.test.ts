import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, seedDemo } from '../../src/demo/seed.ts';
import { DEMO_MERCHANTS, DEMO_WAREHOUSE_USERS, seedDemoWarehouse } from '../../src/demo/warehouse.ts';
import { SignJWT } from 'jose';
import { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import { createOrm, migrate } from '../../src/db/orm.ts';
import { graphql } from '../generated/gql.ts';
import { createTestKit, type TestKit } from '../testkit/kit.ts';

/**
 * The seed 004 scenario (the row-level permission help page) end to end: the demo tenant and its
 * warehouse seeded into a database of their own, every demo person signing in and asking for
 * revenue by country through the API, checked against totals computed here with plain SQL.
 */

const Login = graphql(`mutation DemoRlpLogin($input: LoginInput!) { login(input: $input) { token user { id email } } }`);
const Datasets = graphql(`query DemoRlpDatasets { datasets(first: 50) { edges { node { id name } } } }`);
const Revenue = graphql(`
  query DemoRlpRevenue($id: ID!) {
    dataset(id: $id) {
      query(input: { dimensions: ["countries.name"], measures: [{ field: "orders.amount", aggregation: SUM }] }) { rows missingAttributes }
    }
  }
`);
const Impersonate = graphql(`mutation DemoRlpImpersonate($userId: ID!) { impersonate(userId: $userId) { token } }`);

const APAC = ['Indonesia', 'Malaysia', 'Philippines', 'Singapore', 'Vietnam'];
const EVERY_COUNTRY = [...APAC, 'United States'];
const ADMIN_EMAIL = DEMO_USERS.find((u) => u.role === 'ADMIN')!.email;

/**
 * What each person may see, written out from the scenario rather than read from the seed: the
 * countries whose rows they see, and the merchants they are limited to (none: every merchant).
 */
const SCENARIO: Record<string, { countries: string[]; merchants?: string[]; shows: string[] }> = {
  [ADMIN_EMAIL]: { countries: EVERY_COUNTRY, shows: EVERY_COUNTRY },
  'ceo@demo.example.com': { countries: EVERY_COUNTRY, shows: EVERY_COUNTRY },
  'apac@demo.example.com': { countries: APAC, shows: APAC },
  'vietnam@demo.example.com': { countries: ['Vietnam'], shows: ['Vietnam'] },
  'singapore@demo.example.com': { countries: ['Singapore'], shows: ['Singapore'] },
  'anderson@demo.example.com': { countries: EVERY_COUNTRY, merchants: ['Anderson LLC'], shows: ['Singapore'] },
  'saigon@demo.example.com': { countries: EVERY_COUNTRY, merchants: ['Saigon Traders'], shows: ['Vietnam'] },
};
const TOLERANCE = 0.005;

let kit: TestKit;
let server: pg.Client;
let warehouse: pg.Client | undefined;
let scratch: string | undefined;

beforeAll(async () => {
  const name = `tessera_demo_rlp_${process.pid}_${Date.now().toString(36)}`;
  server = new pg.Client({ connectionString: inject('databaseUrl') });
  await server.connect();
  await server.query(`create database ${server.escapeIdentifier(name)}`);
  scratch = name;
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const migrator = await createOrm({ clientUrl: url.toString() });
  await migrate(migrator);
  await migrator.close(true);
  kit = await createTestKit({ databaseUrl: url.toString() });
  const seeded = await seedDemo(kit.orm.em.fork());
  expect(seeded).not.toBeNull();
  await seedDemoWarehouse(kit.orm.em.fork(), kit.deps, {
    ...seeded!,
    connection: { host: url.hostname, port: Number(url.port || 5432), database: decodeURIComponent(url.pathname.slice(1)) },
  });
  warehouse = new pg.Client({ connectionString: url.toString() });
  await warehouse.connect();
});
afterAll(async () => {
  await warehouse?.end();
  await kit?.close();
  if (scratch) await server.query(`drop database if exists ${server.escapeIdentifier(scratch)} with (force)`);
  await server?.end();
});

async function signIn(email: string) {
  const res = await kit.gql(Login, { input: { tenant: DEMO_TENANT, email, password: DEMO_PASSWORD } });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.login!;
}

async function ecommerceId(token: string): Promise<string> {
  const res = await kit.gql(Datasets, {}, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const found = res.data!.datasets!.edges.filter((e) => e.node.name === 'Ecommerce');
  expect(found).toHaveLength(1);
  return found[0]!.node.id;
}

/** Revenue by country through the API, as country → total. */
async function revenueByCountry(token: string): Promise<Map<string, number>> {
  const res = await kit.gql(Revenue, { id: await ecommerceId(token) }, { token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const result = res.data!.dataset!.query;
  expect(result.missingAttributes).toEqual([]);
  const totals = new Map(result.rows.map((row) => [row[0] as string, Number(row[1])]));
  expect(totals.size, 'one row per country').toBe(result.rows.length);
  return totals;
}

/** The same totals straight from the warehouse tables: the reference. */
async function referenceTotals(countries: string[], merchants?: string[]): Promise<Map<string, number>> {
  const { rows } = await warehouse!.query<{ name: string; total: string }>(
    `select c.name, sum(o.amount)::text as total
       from demo_warehouse.orders o
       join demo_warehouse.merchants m on m.id = o.merchant_id
       join demo_warehouse.countries c on c.id = m.country_id
      where c.name = any($1::text[]) and ($2::text[] is null or m.name = any($2::text[]))
      group by c.name`,
    [countries, merchants ?? null],
  );
  return new Map(rows.map((r) => [r.name, Number(r.total)]));
}

function expectTotals(actual: Map<string, number>, reference: Map<string, number>, shows: string[]) {
  expect([...reference.keys()].sort(), 'the reference itself').toEqual([...shows].sort());
  expect([...actual.keys()].sort()).toEqual([...shows].sort());
  for (const [country, total] of reference) {
    const got = actual.get(country)!;
    expect(Math.abs(got - total), `${country}: ${got} vs ${total}`).toBeLessThanOrEqual(TOLERANCE);
  }
}

describe('the demo e-commerce scenario through the API', () => {
  it('covers every demo warehouse user and the demo admin', () => {
    expect(Object.keys(SCENARIO).sort()).toEqual([...DEMO_WAREHOUSE_USERS.map((u) => u.email), ADMIN_EMAIL].sort());
  });

  it.each(Object.entries(SCENARIO))('%s sees the revenue of exactly the rows they may see', async (email, { countries, merchants, shows }) => {
    const { token } = await signIn(email);
    expectTotals(await revenueByCountry(token), await referenceTotals(countries, merchants), shows);
  });

  it('impersonation shows the target’s rows: the admin acting as the Vietnam manager sees Vietnam only', async () => {
    const admin = await signIn(ADMIN_EMAIL);
    const vietnam = await signIn('vietnam@demo.example.com');
    const res = await kit.gql(Impersonate, { userId: vietnam.user.id }, { token: admin.token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const actingAs = await revenueByCountry(res.data!.impersonate!.token);
    expectTotals(actingAs, await referenceTotals(['Vietnam']), ['Vietnam']);
    // The admin's own session is untouched by it.
    expect([...(await revenueByCountry(admin.token)).keys()].sort()).toEqual([...EVERY_COUNTRY].sort());
  });
});

const DashboardsList = graphql(`query DemoRlpDashboards { dashboards(first: 20) { edges { node { id title } } } }`);
const EmbedKey = graphql(`mutation DemoRlpEmbedKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { kid audience } secret } }`);
const Board = graphql(`
  query DemoRlpBoard($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) {
      title
      widgets { title data(filters: $filters) { columns { name } rows missingAttributes } }
      filters { id label options }
    }
  }
`);

describe('the demo dashboard embedded', () => {
  /** Two partner users with different countries and merchants, as attributes a VIEWER could have too. */
  const ATTRIBUTE_SETS: Record<string, string[]>[] = [
    { country: ['Vietnam', 'Singapore'], merchant: [...DEMO_MERCHANTS.Vietnam, ...DEMO_MERCHANTS.Singapore] },
    { country: ['Malaysia'], merchant: DEMO_MERCHANTS.Malaysia.slice(0, 1) },
  ];

  it('shows an embed exactly what a VIEWER with the same attributes sees, for every widget and filter', async () => {
    const admin = await signIn(ADMIN_EMAIL);
    const list = await kit.gql(DashboardsList, {}, { token: admin.token });
    const board = list.data!.dashboards!.edges.find((e) => e.node.title === 'Ecommerce overview')!.node;
    const key = (await kit.gql(EmbedKey, { input: { name: 'demo partner', algorithm: 'HS256' } }, { token: admin.token })).data!.createEmbedKey!;
    const tenant = await kit.orm.em.fork().findOneOrFail(Tenant, { slug: DEMO_TENANT });
    const tenantId = tenant.id;
    const seen: string[] = [];
    for (const [i, attributes] of ATTRIBUTE_SETS.entries()) {
      // A VIEWER of the demo tenant with exactly these attribute values (no groups).
      const viewer = await kit.addUser(tenant, { role: 'VIEWER', email: `embed-twin-${i}@demo.example.com` });
      for (const [name, values] of Object.entries(attributes)) {
        await warehouse!.query(
          `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at)
           select gen_random_uuid(), $1, $2, a.id, 'MANUAL', $3::jsonb, now(), now() from user_attributes a where a.tenant_id = $1 and a.name = $4`,
          [tenantId, viewer.id, JSON.stringify(values), name],
        );
      }
      const iat = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({
        aud: key.key.audience,
        iat,
        exp: iat + 300,
        object_type: 'Dashboard',
        object_id: board.id,
        user_attributes: attributes,
      })
        .setProtectedHeader({ alg: 'HS256', kid: key.key.kid })
        .sign(new TextEncoder().encode(key.secret!));
      const [asViewer, asEmbed] = await Promise.all([kit.gql(Board, { id: board.id }, { token: viewer.token }), kit.gql(Board, { id: board.id }, { token })]);
      expect(asViewer.errors, JSON.stringify(asViewer.errors)).toBeUndefined();
      expect(asEmbed.errors, JSON.stringify(asEmbed.errors)).toBeUndefined();
      expect(asEmbed.data).toEqual(asViewer.data);
      const widgets = asEmbed.data!.dashboard!.widgets;
      expect(widgets).toHaveLength(3);
      for (const widget of widgets) expect(widget.data!.rows.length, widget.title).toBeGreaterThan(0);
      // The revenue widget against the warehouse itself.
      const revenue = new Map(widgets[0]!.data!.rows.map((r) => [r[0] as string, Number(r[1])]));
      expectTotals(revenue, await referenceTotals(attributes.country!, attributes.merchant), attributes.country!);
      // With a filter value chosen, the two still agree.
      const filter = asEmbed.data!.dashboard!.filters[0]!;
      const filters = [{ filterId: filter.id, values: [filter.options![0]!] }];
      const [v, e] = await Promise.all([
        kit.gql(Board, { id: board.id, filters }, { token: viewer.token }),
        kit.gql(Board, { id: board.id, filters }, { token }),
      ]);
      expect(e.data).toEqual(v.data);
      seen.push(JSON.stringify(widgets.map((w) => w.data!.rows)));
    }
    expect(seen[0]).not.toEqual(seen[1]);
  });
});
