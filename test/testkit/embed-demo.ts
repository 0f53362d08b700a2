import { DEMO_PASSWORD, DEMO_TENANT } from '../../src/demo/seed.ts';
import { gqlHttp } from './processes.ts';

/**
 * The demo workspace's Ecommerce dashboard, embedded: what the live embedding tests do through
 * the gateway's HTTP API, as the demo admin, the demo viewer and an embed token.
 */

export const DEMO_ADMIN = 'admin@demo.example.com';
export const DEMO_VIEWER = 'viewer@demo.example.com';

/** One widget's data as the API returns it. */
export interface WidgetRows {
  id: string;
  title: string;
  columns: { name: string; type: string }[];
  rows: unknown[][];
  missingAttributes: string[];
}

export const DASHBOARD_WIDGETS = `query EmbedDemoWidgets($id: ID!) {
  dashboard(id: $id) { title widgets { id title data { columns { name type } rows missingAttributes truncated } } }
}`;

function ok<T>(res: { status: number; data?: T; errors?: unknown[] }, what: string): T {
  if (res.errors?.length || !res.data) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.errors)}`);
  return res.data;
}

export async function signIn(url: string, email: string): Promise<{ token: string; userId: string }> {
  const res = await gqlHttp<{ login: { token: string; user: { id: string } } }>(
    url,
    'mutation EmbedDemoLogin($input: LoginInput!) { login(input: $input) { token user { id } } }',
    { input: { tenant: DEMO_TENANT, email, password: DEMO_PASSWORD } },
  );
  const { login } = ok(res, `login ${email}`);
  return { token: login.token, userId: login.user.id };
}

export async function createHs256Key(url: string, adminToken: string, name: string) {
  const res = await gqlHttp<{ createEmbedKey: { key: { id: string; kid: string; audience: string }; secret: string } }>(
    url,
    'mutation EmbedDemoKey($input: CreateEmbedKeyInput!) { createEmbedKey(input: $input) { key { id kid audience } secret } }',
    { input: { name, algorithm: 'HS256' } },
    adminToken,
  );
  const { key, secret } = ok(res, 'createEmbedKey').createEmbedKey;
  return { id: key.id, kid: key.kid, audience: key.audience, secret };
}

export async function ecommerceDashboardId(url: string, adminToken: string): Promise<string> {
  const res = await gqlHttp<{ dashboards: { edges: { node: { id: string; title: string } }[] } }>(
    url,
    '{ dashboards(search: "Ecommerce", first: 10) { edges { node { id title } } } }',
    {},
    adminToken,
  );
  const found = ok(res, 'dashboards').dashboards.edges.filter((e) => e.node.title === 'Ecommerce overview');
  if (found.length !== 1) throw new Error(`expected one Ecommerce overview dashboard, found ${found.length}`);
  return found[0]!.node.id;
}

/** The demo's merchants by country, read through the API as the (unrestricted) admin. */
export async function merchantsByCountry(url: string, adminToken: string): Promise<Map<string, string[]>> {
  const res = await gqlHttp<{ datasets: { edges: { node: { name: string; query: { rows: [string, string, number][] } } }[] } }>(
    url,
    `{ datasets(first: 50) { edges { node { name query(input: {
        dimensions: ["countries.name", "merchants.name"], measures: [{ field: "orders.id", aggregation: COUNT }], limit: 1000 }) { rows } } } } }`,
    {},
    adminToken,
  );
  const dataset = ok(res, 'datasets').datasets.edges.find((e) => e.node.name === 'Ecommerce');
  if (!dataset) throw new Error('no Ecommerce dataset');
  const byCountry = new Map<string, string[]>();
  for (const [country, merchant] of dataset.node.query.rows) byCountry.set(country, [...(byCountry.get(country) ?? []), merchant].sort());
  return byCountry;
}

/** The demo's two dataset rules read `country` and `merchant`: two sets that see different rows. */
export function attributeSets(merchants: Map<string, string[]>) {
  const of = (country: string) => merchants.get(country) ?? [];
  return {
    first: { country: ['Vietnam', 'Singapore'], merchant: [...of('Vietnam'), ...of('Singapore')] },
    second: { country: ['Malaysia', 'United States'], merchant: [...of('Malaysia').slice(0, 3), ...of('United States').slice(0, 2)] },
  };
}

/** Sets the user's own values (MANUAL) for the demo's attributes, as the admin. */
export async function setAttributes(url: string, adminToken: string, userId: string, values: Record<string, string[]>) {
  for (const [attribute, list] of Object.entries(values)) {
    const res = await gqlHttp(
      url,
      'mutation EmbedDemoSet($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }',
      { input: { userId, attribute, mode: 'MANUAL', values: list } },
      adminToken,
    );
    ok(res, `setUserAttributeValue ${attribute}`);
  }
}

export async function widgetRows(url: string, token: string, dashboardId: string): Promise<WidgetRows[]> {
  const res = await gqlHttp<{ dashboard: { widgets: { id: string; title: string; data: Omit<WidgetRows, 'id' | 'title'> }[] } }>(
    url,
    DASHBOARD_WIDGETS,
    { id: dashboardId },
    token,
  );
  return ok(res, 'dashboard widgets').dashboard.widgets.map((w) => ({ id: w.id, title: w.title, ...w.data }));
}
