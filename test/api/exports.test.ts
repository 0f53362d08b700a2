import http from 'node:http';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublicPrincipal } from '../../src/auth/principal.ts';
import { scopeForPrincipal } from '../../src/http/context.ts';
import { serve, type RunningServer } from '../../src/http/server.ts';
import { downloadPrincipal } from '../../src/modules/export/export.download.ts';
import { assertMayExport } from '../../src/modules/export/export.service.ts';
import { csvCell } from '../../src/modules/export/csv.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const ExportDataset = graphql(`
  mutation ExportDatasetRun($input: ExportDatasetQueryInput!) {
    exportDatasetQuery(input: $input) { url expiresAt }
  }
`);
const ExportWidget = graphql(`
  mutation ExportWidgetRun($input: ExportWidgetInput!) {
    exportWidget(input: $input) { url expiresAt }
  }
`);
const DatasetRows = graphql(`
  query ExportReferenceRows($id: ID!, $input: DatasetQueryInput!) {
    dataset(id: $id) { query(input: $input) { columns { name } rows } }
  }
`);
const WidgetRows = graphql(`
  query ExportReferenceWidget($id: ID!, $filters: [DashboardFilterValueInput!]) {
    dashboard(id: $id) { widgets { id data(filters: $filters) { columns { name } rows } } }
  }
`);

let kit: TestKit;
let t: SeededTenant;
let schema: string;
let datasetId: string;
let slowDatasetId: string;
let failingDatasetId: string;
let dashboardId: string;
let widgetId: string;
let filterId: string;
let attributeId: string;
const sql = (text: string, params: unknown[] = []) => kit.orm.em.fork().execute(text, params);

const ALL_ITEMS = {
  dimensions: ['items.id', 'items.label', 'items.amount', 'items.region', 'items.day', 'items.flag'],
  sort: [{ field: 'items.id', direction: 'ASC' as const }],
};

async function insertDataset(name: string, table: string, fields: { name: string; column: string; type: string }[], rules: unknown[] = []) {
  const id = uuidv7();
  const sourceId = (await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema])).id;
  await sql(
    `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
    [
      id,
      t.tenant.id,
      sourceId,
      name,
      name.toLowerCase(),
      t.admin.id,
      JSON.stringify({ models: [{ name: 'items', table, fields }], relationships: [], calculations: [] }),
      JSON.stringify(rules),
    ],
  );
  return id;
}

/** GET a download URL in-process (the path of the URL the gateway handed out). */
const download = async (url: string) => {
  await kit.deps.metadataCache.sync();
  return kit.app.fetch(`http://tessera.test${new URL(url).pathname}`, { method: 'GET' });
};
const csvRows = (text: string) => parse(text, { relax_column_count: false }) as string[][];
const asCells = (rows: unknown[][]) => rows.map((r) => r.map(csvCell));

async function exportDataset(user: SeededUser, input: Record<string, unknown> = ALL_ITEMS, id = datasetId) {
  return kit.gql(ExportDataset, { input: { datasetId: globalId('Dataset', id), query: input } }, { token: user.token });
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema } = await kit.warehouse(
    (s) => `
    create table ${s}.items (id int primary key, label text, amount numeric(16, 2), region text, day date, flag boolean);
    insert into ${s}.items values
      (1, '=HYPERLINK("http://evil.example")', -5, 'EU', '2026-01-02', true),
      (2, '+1+1', 3.5, 'EU', null, false),
      (3, '-2+3', null, 'US', '2026-03-04', null),
      (4, '@SUM(A1:A2)', 0, 'US', '2026-05-06', true),
      (5, E'\\tindented', 12345678901.25, 'EU', '2026-07-08', false),
      (6, E'\\rreturn', 1, 'US', '2026-09-10', true),
      (7, 'plain, with "quotes"' || E'\\nand a newline', -0.5, 'EU', '2026-11-12', true),
      (8, 'Zoë ☃', 2, 'US', '2026-12-31', false);
    insert into ${s}.items select g, 'row ' || g, g, case when g % 2 = 0 then 'EU' else 'US' end, date '2026-01-01' + g, g % 3 = 0 from generate_series(9, 40) g;
    create view ${s}.slow as select g as id from generate_series(1, 3) g, lateral (select pg_sleep(20)) pause;
    create view ${s}.failing as select g as id, 1 / (g - 500) as x from generate_series(1, 1000) g;`,
    { prefix: 'ex' },
  ));
  const fields = [
    { name: 'id', column: 'id', type: 'NUMBER' },
    { name: 'label', column: 'label', type: 'STRING' },
    { name: 'amount', column: 'amount', type: 'NUMBER' },
    { name: 'region', column: 'region', type: 'STRING' },
    { name: 'day', column: 'day', type: 'DATE' },
    { name: 'flag', column: 'flag', type: 'BOOLEAN' },
  ];
  attributeId = uuidv7();
  await sql(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, 'region', 'STRING', now(), now())`, [
    attributeId,
    t.tenant.id,
  ]);
  datasetId = await insertDataset('Items', `${schema}.items`, fields, [{ field: 'items.region', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'region' }]);
  slowDatasetId = await insertDataset('Slow', `${schema}.slow`, [{ name: 'id', column: 'id', type: 'NUMBER' }]);
  failingDatasetId = await insertDataset('Failing', `${schema}.failing`, [
    { name: 'id', column: 'id', type: 'NUMBER' },
    { name: 'x', column: 'x', type: 'NUMBER' },
  ]);
  const content = contentBuilders(kit, t.tenant);
  const dashboard = await content.dashboard({ owner: t.admin, title: 'Items board' });
  dashboardId = dashboard.id;
  widgetId = uuidv7();
  await sql(
    `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'Items by region', ?, 0, now(), now())`,
    [
      widgetId,
      t.tenant.id,
      dashboardId,
      datasetId,
      t.admin.id,
      JSON.stringify({ dimensions: ['items.region', 'items.label'], sort: [{ field: 'items.label', direction: 'ASC' }] }),
    ],
  );
  const filter = uuidv7();
  filterId = globalId('DashboardFilter', filter);
  await sql(
    `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, type, label, field, permissions, created_at)
     values (?, ?, ?, ?, 'DROPDOWN', 'Region', 'items.region', null, now())`,
    [filter, t.tenant.id, dashboardId, datasetId],
  );
  await content.share('DASHBOARD', dashboardId, 'all');
  await content.share('DATASET', datasetId, { user: t.explorer });
  await sql(
    `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, 'MANUAL', ?, now(), now()), (?, ?, ?, ?, 'MANUAL', ?, now(), now())`,
    [uuidv7(), t.tenant.id, t.explorer.id, attributeId, JSON.stringify(['EU']), uuidv7(), t.tenant.id, t.viewer.id, attributeId, JSON.stringify(['US'])],
  );
});
afterAll(async () => {
  await kit?.close();
});

describe('exportDatasetQuery and GET /downloads/:token', () => {
  it('streams exactly the rows of Dataset.query as CSV, with the download headers, and only once', async () => {
    const issued = await exportDataset(t.admin);
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    const { url, expiresAt } = issued.data!.exportDatasetQuery!;
    expect(url.startsWith(`${kit.config.publicUrl}/downloads/`)).toBe(true);
    expect(new Date(String(expiresAt)).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 1000);

    const res = await download(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Items \d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''Items%20\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = csvRows(await res.text());

    const reference = await kit.gql(DatasetRows, { id: globalId('Dataset', datasetId), input: { ...ALL_ITEMS, limit: 10_000 } }, { token: t.admin.token });
    const { columns, rows } = reference.data!.dataset!.query;
    expect(rows).toHaveLength(40);
    expect(csv[0]).toEqual(columns.map((c) => c.name));
    expect(csv.slice(1)).toEqual(asCells(rows as unknown[][]));

    const again = await download(url);
    expect(again.status).toBe(404);
    expect(await again.text()).toMatch(/unknown, used or expired/);
  });

  it('defuses formula cells and keeps numbers, negative ones included, as numbers', async () => {
    const { url } = (await exportDataset(t.admin)).data!.exportDatasetQuery!;
    const csv = csvRows(await (await download(url)).text());
    const byId = new Map(csv.slice(1).map((r) => [r[0], r]));
    expect(byId.get('1')!.slice(1, 3)).toEqual([`'=HYPERLINK("http://evil.example")`, '-5']);
    expect(byId.get('2')![1]).toBe("'+1+1");
    expect(byId.get('3')![1]).toBe("'-2+3");
    expect(byId.get('3')![2]).toBe('');
    expect(byId.get('4')![1]).toBe("'@SUM(A1:A2)");
    expect(byId.get('5')!.slice(1, 3)).toEqual(["'\tindented", '12345678901.25']);
    expect(byId.get('6')![1]).toBe("'\rreturn");
    expect(byId.get('7')!.slice(1, 3)).toEqual(['plain, with "quotes"\nand a newline', '-0.5']);
    expect(byId.get('8')!.slice(1)).toEqual(['Zoë ☃', '2', 'US', '2026-12-31', 'false']);
    expect(byId.get('1')!.slice(4)).toEqual(['2026-01-02', 'true']);
  });

  it('applies row-level permission for the principal: an explorer gets the rows Dataset.query gives them', async () => {
    const issued = await exportDataset(t.explorer);
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    const csv = csvRows(await (await download(issued.data!.exportDatasetQuery!.url)).text());
    const reference = await kit.gql(DatasetRows, { id: globalId('Dataset', datasetId), input: { ...ALL_ITEMS, limit: 10_000 } }, { token: t.explorer.token });
    const rows = reference.data!.dataset!.query.rows as unknown[][];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[3] === 'EU')).toBe(true);
    expect(csv.slice(1)).toEqual(asCells(rows));
  });

  it('honours an explicit limit beyond 10,000 rows’ cap and stops at it', async () => {
    const { url } = (await exportDataset(t.admin, { ...ALL_ITEMS, limit: 5 })).data!.exportDatasetQuery!;
    expect(csvRows(await (await download(url)).text())).toHaveLength(6);
  });

  it('fails the download (never a silently shorter file) beyond the configured maximum without a limit', async () => {
    const limits = kit.deps.config.exports;
    kit.deps.config.exports = { ...limits, maxRows: 10 };
    try {
      const { url } = (await exportDataset(t.admin)).data!.exportDatasetQuery!;
      const res = await download(url);
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      const fine = (await exportDataset(t.admin, { ...ALL_ITEMS, filters: [{ field: 'items.id', operator: 'LTE', values: [10] }] })).data!.exportDatasetQuery!;
      expect(csvRows(await (await download(fine.url)).text())).toHaveLength(11);
    } finally {
      kit.deps.config.exports = limits;
    }
  });

  it('cuts the transfer when the statement fails after the headers were sent, and logs it', async () => {
    const { url } = (await exportDataset(t.admin, { dimensions: ['items.id', 'items.x'] }, failingDatasetId)).data!.exportDatasetQuery!;
    const res = await download(url);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(kit.logs.some((line) => line.includes('export failed after the headers were sent'))).toBe(true);
  });

  it('answers 404 with one message for unknown, used and expired tokens', async () => {
    const unknown = await kit.app.fetch(`http://tessera.test/downloads/${'A'.repeat(43)}`);
    const { url } = (await exportDataset(t.admin)).data!.exportDatasetQuery!;
    await sql(`update export_downloads set expires_at = now() - interval '1 second' where used_at is null`);
    const expired = await download(url);
    expect([unknown.status, expired.status]).toEqual([404, 404]);
    expect(await expired.text()).toBe(await unknown.text());
  });

  it('stores only the token’s hash and records the export in the audit log without it', async () => {
    const { url } = (await exportDataset(t.admin)).data!.exportDatasetQuery!;
    const token = new URL(url).pathname.split('/').pop()!;
    const rows = await sql(
      `select token_hash, user_id, session_id, plan from export_downloads where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')`,
      [token],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(await sql('select * from export_downloads'))).not.toContain(token);
    const audit = await sql(`select action, resource_id, summary from audit_events where tenant_id = ? and action = 'data.export'`, [t.tenant.id]);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toMatchObject({ resource_id: datasetId, summary: { datasetId } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('refuses the export without the export right and allows it with it (allowExportData)', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await contentBuilders(kit, t.tenant).share('DATASET', datasetId, { user: explorer });
    await sql('update users set allow_export_data = false where id = ?', [explorer.id]);
    const denied = await exportDataset(explorer);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(denied.data?.exportDatasetQuery).toBeNull();
    await sql('update users set allow_export_data = true where id = ?', [explorer.id]);
    const allowed = await exportDataset(explorer);
    expect(allowed.errors, JSON.stringify(allowed.errors)).toBeUndefined();
    expect(allowed.data?.exportDatasetQuery?.url).toMatch(/\/downloads\//);
  });

  it('refuses a dataset export to those who may not explore the dataset (a VIEWER, an explorer it is not shared with)', async () => {
    const viewer = await exportDataset(t.viewer);
    expect(viewer.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const stranger = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    expect((await exportDataset(stranger)).errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(await sql('select 1 from export_downloads where user_id in (?, ?)', [t.viewer.id, stranger.id])).toHaveLength(0);
  });

  it('checks the binding again at download: a revoked session or a deactivated user gets the 404', async () => {
    const user = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const other = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const first = (await exportDataset(user)).data!.exportDatasetQuery!;
    const second = (await exportDataset(other)).data!.exportDatasetQuery!;
    await sql('update sessions set revoked_at = now() where user_id = ?', [user.id]);
    await sql(`update users set status = 'DEACTIVATED' where id = ?`, [other.id]);
    expect((await download(first.url)).status).toBe(404);
    expect((await download(second.url)).status).toBe(404);
  });

  it('re-decides the export at download: a right withdrawn after issuing is refused', async () => {
    const explorer = await kit.addUser(t.tenant, { role: 'EXPLORER' });
    await contentBuilders(kit, t.tenant).share('DATASET', datasetId, { user: explorer });
    const { url } = (await exportDataset(explorer)).data!.exportDatasetQuery!;
    await sql('update users set allow_export_data = false where id = ?', [explorer.id]);
    expect((await download(url)).status).toBe(403);
  });
});

describe('exportWidget', () => {
  const widgetRef = () => globalId('Widget', widgetId);

  it('has exactly the rows Widget.data returns, with the dashboard filters and RLP applied', async () => {
    const cases: [SeededUser, { filterId: string; values: unknown[] }[]][] = [
      [t.admin, [{ filterId, values: ['EU'] }]],
      [t.viewer, []],
    ];
    for (const [user, filters] of cases) {
      const issued = await kit.gql(ExportWidget, { input: { widgetId: widgetRef(), filters: [...filters] } }, { token: user.token });
      expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
      const csv = csvRows(await (await download(issued.data!.exportWidget!.url)).text());
      const reference = await kit.gql(WidgetRows, { id: globalId('Dashboard', dashboardId), filters: [...filters] }, { token: user.token });
      const data = reference.data!.dashboard!.widgets[0]!.data!;
      expect(data.rows.length).toBeGreaterThan(0);
      expect(csv[0]).toEqual(data.columns.map((c) => c.name));
      expect(csv.slice(1)).toEqual(asCells(data.rows as unknown[][]));
    }
  });

  it('is allowed to a VIEWER with allowExportData and refused without it', async () => {
    const viewer = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const allowed = await kit.gql(ExportWidget, { input: { widgetId: widgetRef() } }, { token: viewer.token });
    expect(allowed.errors, JSON.stringify(allowed.errors)).toBeUndefined();
    await sql('update users set allow_export_data = false where id = ?', [viewer.id]);
    const denied = await kit.gql(ExportWidget, { input: { widgetId: widgetRef() } }, { token: viewer.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is NOT_FOUND for a widget of another tenant', async () => {
    const other = await kit.seedTenant();
    const res = await kit.gql(ExportWidget, { input: { widgetId: widgetRef() } }, { token: other.admin.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('embed and link principals', () => {
  it('export a widget only when their grant allows raw data export, a dataset query never; a revoked key ends their downloads', async () => {
    const keyId = uuidv7();
    await sql(`insert into embed_keys (id, tenant_id, created_at, name, algorithm, secret_ciphertext) values (?, ?, now(), 'partner', 'HS256', 'x')`, [
      keyId,
      t.tenant.id,
    ]);
    const grant = (allowExport: boolean) => ({ sourceId: keyId, dashboardIds: [dashboardId], attributes: {}, rowRules: [], allowExport });
    const principal = (allowExport: boolean): PublicPrincipal => ({
      kind: 'EMBED',
      tenantId: t.tenant.id,
      tenantSlug: t.slug,
      userId: keyId,
      role: 'VIEWER',
      status: 'PUBLIC',
      sessionId: undefined,
      grant: grant(allowExport),
    });
    const em = () => kit.orm.em.fork() as EntityManager;
    const scope = (viewer: PublicPrincipal) =>
      scopeForPrincipal(kit.deps, { requestId: 'test', viewer, em: em(), clientAddress: undefined, forwardedFor: null });
    const noFacts = async () => ({});
    await expect(assertMayExport(scope(principal(true)), 'WIDGET', noFacts)).resolves.toBeUndefined();
    await expect(assertMayExport(scope(principal(false)), 'WIDGET', noFacts)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(assertMayExport(scope(principal(true)), 'DATASET', noFacts)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const claim = {
      tenantId: t.tenant.id,
      tenantSlug: t.slug,
      principalKind: 'EMBED',
      userId: null,
      sessionId: null,
      grantSourceId: keyId,
      grant: grant(true),
      plan: { kind: 'WIDGET' as const, widgetId, filters: [] },
    };
    expect(await downloadPrincipal(kit.deps, em(), claim)).toMatchObject({ kind: 'EMBED', userId: keyId, grant: { allowExport: true } });
    await sql('update embed_keys set revoked_at = now() where id = ?', [keyId]);
    expect(await downloadPrincipal(kit.deps, em(), claim)).toBeNull();
    expect(await downloadPrincipal(kit.deps, em(), { ...claim, principalKind: 'SHARE_LINK' })).toBeNull();
  });
});

describe('a client that disconnects', () => {
  let server: RunningServer;
  let watcher: pg.Client;
  beforeAll(async () => {
    server = await serve(kit.app, { host: '127.0.0.1', port: 0, logger: kit.deps.logger });
    watcher = new pg.Client({ connectionString: inject('databaseUrl') });
    await watcher.connect();
  });
  afterAll(async () => {
    await watcher?.end();
    await server?.close(1000);
  });

  const running = async () =>
    Number(
      (
        await watcher.query(`select count(*)::int as n from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and query like $1`, [
          `%${schema}%slow%`,
        ])
      ).rows[0].n,
    );

  it('stops the statement in PostgreSQL within a few seconds', async () => {
    const { url } = (await exportDataset(t.admin, { dimensions: ['items.id'] }, slowDatasetId)).data!.exportDatasetQuery!;
    await kit.deps.metadataCache.sync();
    const target = `${server.url}${new URL(url).pathname}`;
    const firstBytes = await new Promise<{ status: number; chunk: string; req: http.ClientRequest }>((resolve, reject) => {
      const req = http.get(target, (res) => {
        res.once('data', (chunk: Buffer) => resolve({ status: res.statusCode!, chunk: chunk.toString(), req }));
        res.on('error', () => {});
      });
      req.on('error', () => {});
      setTimeout(() => reject(new Error('no bytes within 10 s')), 10_000).unref();
    });
    expect(firstBytes.status).toBe(200);
    expect(firstBytes.chunk).toBe('items.id\n');
    // The header line can reach the client before the statement shows as active: wait for it to run.
    const started = Date.now() + 5000;
    while ((await running()) === 0 && Date.now() < started) await new Promise((r) => setTimeout(r, 50));
    expect(await running()).toBe(1);
    firstBytes.req.destroy();
    const deadline = Date.now() + 5000;
    while ((await running()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await running()).toBe(0);
  });
});
