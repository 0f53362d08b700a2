import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { seedDemoWarehouse } from '../../src/demo/warehouse.ts';
import { createOrm, migrate } from '../../src/db/orm.ts';
import { serve, type RunningServer } from '../../src/http/server.ts';
import {
  DEMO_ADMIN,
  DEMO_VIEWER,
  attributeSets,
  createHs256Key,
  ecommerceDashboardId,
  merchantsByCountry,
  setAttributes,
  signIn,
  widgetRows,
} from '../testkit/embed-demo.ts';
import { createTestKit, type TestKit } from '../testkit/kit.ts';
import { gqlHttp, startPartner, type StartedProcess } from '../testkit/processes.ts';

/**
 * The example partner (examples/embed-partner/server.ts) run as a partner runs it, against the
 * gateway serving the demo workspace on a real port: it signs a token with the embed key an admin
 * created, and that token reads the Ecommerce dashboard's widgets with exactly the rows a VIEWER
 * with the same attribute values sees.
 */

let kit: TestKit;
let admin: pg.Client;
let scratch: string | undefined;
let gateway: RunningServer;
const partners: StartedProcess[] = [];

beforeAll(async () => {
  const name = `tessera_embed_partner_${process.pid}_${Date.now().toString(36)}`;
  admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  scratch = name;
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const migrator = await createOrm({ clientUrl: url.toString() });
  await migrate(migrator);
  await migrator.close(true);
  kit = await createTestKit({ databaseUrl: url.toString() });
  const seeded = await seedDemo(kit.orm.em.fork());
  await seedDemoWarehouse(kit.orm.em.fork(), kit.deps, {
    ...seeded!,
    connection: { host: url.hostname, port: Number(url.port || 5432), database: name },
    orders: 20_000,
  });
  gateway = await serve(kit.app, { host: '127.0.0.1', port: 0, logger: kit.deps.logger });
});
afterAll(async () => {
  await Promise.all(partners.map((p) => p.stop()));
  await gateway?.close(1000);
  await kit?.close();
  if (scratch) await admin.query(`drop database if exists ${admin.escapeIdentifier(scratch)} with (force)`);
  await admin?.end();
});

async function tokenFrom(partner: StartedProcess) {
  const res = await fetch(`${partner.url}/token`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as { token: string; gatewayUrl: string; dashboardId: string; expiresInSeconds: number };
}

describe('the example partner against a live gateway', () => {
  it('signs tokens that read the dashboard’s widgets as a VIEWER with the same attributes sees them', async () => {
    const url = gateway.url;
    const { token: adminToken } = await signIn(url, DEMO_ADMIN);
    const key = await createHs256Key(url, adminToken, 'Example partner');
    const dashboardId = await ecommerceDashboardId(url, adminToken);
    const sets = attributeSets(await merchantsByCountry(url, adminToken));
    const viewer = await signIn(url, DEMO_VIEWER);
    const everything = await widgetRows(url, adminToken, dashboardId);

    const seen: string[] = [];
    for (const [label, attributes] of Object.entries(sets)) {
      const partner = await startPartner({
        gatewayUrl: url,
        kid: key.kid,
        secret: key.secret,
        audience: key.audience,
        dashboardId,
        userAttributes: attributes,
        embedUserId: `partner-user-${label}`,
      });
      partners.push(partner);
      const issued = await tokenFrom(partner);
      expect(issued).toMatchObject({ gatewayUrl: url, dashboardId, expiresInSeconds: 300 });
      // The page never sees the secret: neither /token nor the page carries it.
      expect(JSON.stringify(issued)).not.toContain(key.secret);
      expect(await (await fetch(partner.url)).text()).not.toContain(key.secret);

      const who = await gqlHttp<{ viewer: { kind: string } }>(url, '{ viewer { kind } }', {}, issued.token);
      expect(who.data?.viewer.kind).toBe('EMBED');
      const embedded = await widgetRows(url, issued.token, dashboardId);

      await setAttributes(url, adminToken, viewer.userId, attributes);
      const reference = await widgetRows(url, viewer.token, dashboardId);
      expect(reference.length).toBe(3);
      for (const widget of reference) {
        expect(widget.missingAttributes, widget.title).toEqual([]);
        expect(widget.rows.length, widget.title).toBeGreaterThan(0);
      }
      expect(embedded).toEqual(reference);
      // Restricted: fewer countries than the admin sees.
      expect(embedded[0]!.rows.length).toBeLessThan(everything[0]!.rows.length);
      seen.push(JSON.stringify(embedded));
    }
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('its tokens stop working when the key is revoked, and a token signed with another secret is refused', async () => {
    const url = gateway.url;
    const { token: adminToken } = await signIn(url, DEMO_ADMIN);
    const key = await createHs256Key(url, adminToken, 'Example partner, rotated');
    const dashboardId = await ecommerceDashboardId(url, adminToken);
    const partner = await startPartner({ gatewayUrl: url, kid: key.kid, secret: key.secret, audience: key.audience, dashboardId, userAttributes: {} });
    partners.push(partner);
    const forged = await startPartner({
      gatewayUrl: url,
      kid: key.kid,
      secret: 'not-the-secret-but-just-as-long-0123456789abc',
      audience: key.audience,
      dashboardId,
      userAttributes: {},
    });
    partners.push(forged);

    const query = 'query ($id: ID!) { dashboard(id: $id) { title } }';
    const good = await gqlHttp<{ dashboard: { title: string } }>(url, query, { id: dashboardId }, (await tokenFrom(partner)).token);
    expect(good.data?.dashboard.title).toBe('Ecommerce overview');
    const bad = await gqlHttp(url, query, { id: dashboardId }, (await tokenFrom(forged)).token);
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const revoked = await gqlHttp(url, 'mutation ($id: ID!) { revokeEmbedKey(id: $id) { revokedAt } }', { id: key.id }, adminToken);
    expect(revoked.errors).toBeUndefined();
    const after = await gqlHttp(url, query, { id: dashboardId }, (await tokenFrom(partner)).token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
