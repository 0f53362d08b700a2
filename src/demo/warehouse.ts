import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { encryptSecret } from '../auth/secret-box.ts';
import type { AppDeps } from '../scope/deps.ts';
import { uuidv7 } from '../db/ids.ts';

/**
 * The e-commerce scenario of the row-level permission help page: six countries, their merchants
 * and 200,000 orders in a `demo_warehouse` schema of the metadata database, read through a
 * read-only role; a data source, an "Ecommerce" dataset with two permission rules, user
 * attributes, country groups, managers to impersonate, and a dashboard.
 */
export const DEMO_COUNTRIES = ['Vietnam', 'Indonesia', 'Malaysia', 'Singapore', 'Philippines', 'United States'] as const;
export const DEMO_MERCHANTS: Record<(typeof DEMO_COUNTRIES)[number], string[]> = {
  Vietnam: ['Saigon Traders', 'Hanoi Goods', 'Mekong Market', 'Da Nang Depot', 'Hue Crafts'],
  Indonesia: ['Jakarta Wares', 'Bali Basket', 'Java Supply', 'Bandung Bazaar', 'Surabaya Shop'],
  Malaysia: ['Kuala Mart', 'Penang Provisions', 'Johor Junction', 'Ipoh Emporium', 'Melaka Mercantile'],
  Singapore: ['Anderson LLC', 'Marina Merchants', 'Orchard Outlet', 'Sentosa Sundries', 'Jurong Goods'],
  Philippines: ['Manila Marketplace', 'Cebu Collective', 'Davao Depot', 'Luzon Links', 'Visayas Vendors'],
  'United States': ['Liberty Supply', 'Golden Gate Goods', 'Lone Star Stores', 'Empire Emporium', 'Rocky Mountain Retail'],
};
export const DEMO_WAREHOUSE_ORDERS = 200_000;
/**
 * Roles are server-wide: one per database, so that seeding another database on the same server
 * never changes the password this one's data source holds.
 */
export function readerRole(database: string): string {
  return `tessera_reader_${createHash('sha256').update(database).digest('hex').slice(0, 16)}`;
}

/** Creates (or recreates) the warehouse tables and data, and the read-only role. */
async function seedWarehouse(em: EntityManager, readerPassword: string, orders: number, role: string): Promise<void> {
  await em.execute('create schema if not exists demo_warehouse');
  await em.execute('create table if not exists demo_warehouse.countries (id int primary key, name text not null)');
  await em.execute(`create table if not exists demo_warehouse.merchants (
    id int primary key, name text not null, admin_email text not null, country_id int not null references demo_warehouse.countries(id))`);
  await em.execute(`create table if not exists demo_warehouse.orders (
    id bigint primary key, merchant_id int not null references demo_warehouse.merchants(id),
    amount numeric(12, 2) not null, ordered_at date not null, status text not null)`);
  await em.execute('truncate demo_warehouse.orders, demo_warehouse.merchants, demo_warehouse.countries');
  const countries = DEMO_COUNTRIES.map((name, i) => ({ id: i + 1, name }));
  await em.execute(
    `insert into demo_warehouse.countries (id, name) values ${countries.map(() => '(?, ?)').join(', ')}`,
    countries.flatMap((c) => [c.id, c.name]),
  );
  const merchants = countries.flatMap((c) =>
    DEMO_MERCHANTS[c.name].map((name, j) => ({
      id: (c.id - 1) * 5 + j + 1,
      name,
      countryId: c.id,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@merchants.example.com`,
    })),
  );
  await em.execute(
    `insert into demo_warehouse.merchants (id, name, admin_email, country_id) values ${merchants.map(() => '(?, ?, ?, ?)').join(', ')}`,
    merchants.flatMap((m) => [m.id, m.name, m.email, m.countryId]),
  );
  // Deterministic pseudo-random orders: the same totals on every machine.
  await em.execute(
    `insert into demo_warehouse.orders (id, merchant_id, amount, ordered_at, status)
     select i, 1 + (i * 7919 % ?), round(((i * 104729 % 48000) / 100.0 + 5)::numeric, 2),
            date '2025-01-01' + (i * 31 % 365)::int,
            (array['completed', 'completed', 'completed', 'refunded', 'cancelled'])[1 + i % 5]
       from generate_series(1::bigint, ?) i`,
    [merchants.length, orders],
  );
  await em.execute('analyze demo_warehouse.orders');
  // The role name and password travel as settings, never inside the SQL text; %I and %L quote them.
  await em.execute(`select set_config('tessera.demo_reader', ?, true), set_config('tessera.demo_reader_password', ?, true)`, [role, readerPassword]);
  await em.execute(`do $$
    declare
      reader text := current_setting('tessera.demo_reader');
      secret text := current_setting('tessera.demo_reader_password');
    begin
      if not exists (select 1 from pg_roles where rolname = reader) then
        execute format('create role %I login password %L', reader, secret);
      else
        execute format('alter role %I login password %L', reader, secret);
      end if;
      execute format('grant usage on schema demo_warehouse to %I', reader);
      execute format('grant select on all tables in schema demo_warehouse to %I', reader);
    end $$`);
}

export interface DemoWarehouseUser {
  email: string;
  name: string;
  /** Country groups the user belongs to. */
  groups: string[];
  /** Explicit attribute values; ALL means unrestricted. */
  country: 'ALL' | 'GROUPS';
  merchant: 'ALL' | string[];
}

export const DEMO_WAREHOUSE_USERS: DemoWarehouseUser[] = [
  { email: 'ceo@demo.example.com', name: 'Chris CEO', groups: [], country: 'ALL', merchant: 'ALL' },
  {
    email: 'apac@demo.example.com',
    name: 'Asha APAC Manager',
    groups: ['Vietnam', 'Indonesia', 'Malaysia', 'Singapore', 'Philippines'],
    country: 'GROUPS',
    merchant: 'ALL',
  },
  { email: 'vietnam@demo.example.com', name: 'Vu Vietnam Manager', groups: ['Vietnam'], country: 'GROUPS', merchant: 'ALL' },
  { email: 'singapore@demo.example.com', name: 'Siew Singapore Manager', groups: ['Singapore'], country: 'GROUPS', merchant: 'ALL' },
  { email: 'anderson@demo.example.com', name: 'Aalund Anderson (merchant)', groups: [], country: 'ALL', merchant: ['Anderson LLC'] },
  { email: 'saigon@demo.example.com', name: 'Sang Saigon Traders (merchant)', groups: [], country: 'ALL', merchant: ['Saigon Traders'] },
];

/**
 * Seeds the warehouse and its metadata into the demo tenant. `connection` is how the gateway
 * reaches the warehouse (the metadata server itself).
 */
export async function seedDemoWarehouse(
  em: EntityManager,
  deps: AppDeps,
  args: { tenantId: string; adminId: string; passwordHash: string; connection: { host: string; port: number; database: string }; orders?: number },
): Promise<void> {
  const readerPassword = randomBytes(24).toString('base64url');
  await em.transactional(async (tx) => {
    const role = readerRole(args.connection.database);
    await seedWarehouse(tx, readerPassword, args.orders ?? DEMO_WAREHOUSE_ORDERS, role);
    const { tenantId, adminId } = args;
    const dataSourceId = uuidv7();
    await tx.execute(
      `insert into data_sources (id, tenant_id, name, name_key, host, port, database, username, password_ciphertext, schemas, owner_id, created_at, updated_at)
       values (?, ?, 'Demo warehouse', 'demo warehouse', ?, ?, ?, ?, ?, ?, ?, now(), now())`,
      [
        dataSourceId,
        tenantId,
        args.connection.host,
        args.connection.port,
        args.connection.database,
        role,
        encryptSecret(deps.keys.encryptionKey, readerPassword, dataSourceId),
        '{demo_warehouse}',
        adminId,
      ],
    );
    const definition = {
      models: [
        {
          name: 'countries',
          table: 'demo_warehouse.countries',
          fields: [
            { name: 'id', column: 'id', type: 'NUMBER' },
            { name: 'name', column: 'name', type: 'STRING' },
          ],
        },
        {
          name: 'merchants',
          table: 'demo_warehouse.merchants',
          fields: [
            { name: 'id', column: 'id', type: 'NUMBER' },
            { name: 'name', column: 'name', type: 'STRING' },
            { name: 'admin_email', column: 'admin_email', type: 'STRING' },
            { name: 'country_id', column: 'country_id', type: 'NUMBER' },
          ],
        },
        {
          name: 'orders',
          table: 'demo_warehouse.orders',
          fields: [
            { name: 'id', column: 'id', type: 'NUMBER' },
            { name: 'merchant_id', column: 'merchant_id', type: 'NUMBER' },
            { name: 'amount', column: 'amount', type: 'NUMBER' },
            { name: 'ordered_at', column: 'ordered_at', type: 'DATE' },
            { name: 'status', column: 'status', type: 'STRING' },
          ],
        },
      ],
      relationships: [
        { from: 'orders.merchant_id', to: 'merchants.id' },
        { from: 'merchants.country_id', to: 'countries.id' },
      ],
      calculations: [{ name: 'average_order', expression: 'SUM(orders.amount) / COUNT(orders.id)' }],
    };
    const rules = [
      { field: 'countries.name', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country', values: null },
      { field: 'merchants.name', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'merchant', values: null },
    ];
    const datasetId = uuidv7();
    await tx.execute(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
       values (?, ?, ?, 'Ecommerce', 'ecommerce', ?, ?, ?, 1, now(), now())`,
      [datasetId, tenantId, dataSourceId, adminId, JSON.stringify(definition), JSON.stringify(rules)],
    );
    const attributes = { country: uuidv7(), merchant: uuidv7() };
    for (const [name, id] of Object.entries(attributes)) {
      await tx.execute(`insert into user_attributes (id, tenant_id, name, type, created_at, updated_at) values (?, ?, ?, 'STRING', now(), now())`, [
        id,
        tenantId,
        name,
      ]);
    }
    const groupIds = new Map<string, string>();
    for (const country of DEMO_COUNTRIES) {
      const groupId = uuidv7();
      groupIds.set(country, groupId);
      await tx.execute(`insert into groups (id, tenant_id, name, name_key, created_at) values (?, ?, ?, ?, now())`, [
        groupId,
        tenantId,
        country,
        country.toLowerCase(),
      ]);
      await tx.execute(
        `insert into group_attribute_values (id, tenant_id, group_id, attribute_id, all_values, values, created_at, updated_at) values (?, ?, ?, ?, false, ?, now(), now())`,
        [uuidv7(), tenantId, groupId, attributes.country, JSON.stringify([country])],
      );
    }
    for (const spec of DEMO_WAREHOUSE_USERS) {
      const userId = uuidv7();
      await tx.execute(
        `insert into users (id, tenant_id, email, name, role, status, password_hash, timezone, allow_api_access, allow_export_data,
                            two_factor_enabled, dataset_access_mode, created_at, updated_at)
         values (?, ?, ?, ?, 'EXPLORER', 'ACTIVE', ?, 'UTC', false, true, false, 'FULL', now(), now())`,
        [userId, tenantId, spec.email, spec.name, args.passwordHash],
      );
      for (const group of spec.groups) {
        await tx.execute(`insert into group_memberships (id, tenant_id, group_id, user_id, created_at) values (?, ?, ?, ?, now())`, [
          uuidv7(),
          tenantId,
          groupIds.get(group),
          userId,
        ]);
      }
      const setValue = (attributeId: string, value: 'ALL' | string[]) =>
        tx.execute(
          `insert into user_attribute_values (id, tenant_id, user_id, attribute_id, mode, values, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())`,
          [uuidv7(), tenantId, userId, attributeId, value === 'ALL' ? 'ALL' : 'MANUAL', JSON.stringify(value === 'ALL' ? [] : value)],
        );
      if (spec.country === 'ALL') await setValue(attributes.country, 'ALL');
      await setValue(attributes.merchant, spec.merchant);
    }
    // A team dashboard for everyone: revenue by country, orders by status, top merchants.
    const dashboardId = uuidv7();
    await tx.execute(
      `insert into dashboards (id, tenant_id, folder_id, workspace, owner_id, title, description, locked, cache_ttl_seconds,
                               drill_through_enabled, cross_filter_enabled, created_at, updated_at)
       values (?, ?, null, 'TEAM', ?, 'Ecommerce overview', 'Each viewer sees only the countries and merchants they may see.', false, 60, true, true, now(), now())`,
      [dashboardId, tenantId, adminId],
    );
    const widgets = [
      {
        title: 'Revenue by country',
        query: {
          dimensions: ['countries.name'],
          measures: [{ field: 'orders.amount', aggregation: 'SUM' }],
          sort: [{ field: 'countries.name', direction: 'ASC' }],
        },
      },
      { title: 'Orders by status', query: { dimensions: ['orders.status'], measures: [{ field: 'orders.id', aggregation: 'COUNT' }] } },
      {
        title: 'Top merchants',
        query: {
          dimensions: ['merchants.name'],
          measures: [{ field: 'orders.amount', aggregation: 'SUM' }],
          sort: [{ field: 'orders.amount', direction: 'DESC' }],
          limit: 10,
        },
      },
    ];
    for (const [position, widget] of widgets.entries()) {
      await tx.execute(
        `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [uuidv7(), tenantId, dashboardId, datasetId, adminId, widget.title, JSON.stringify(widget.query), position],
      );
    }
    // No filter permission code: the options are a query under row-level permission, so each viewer (and each embed or
    // link, whose attributes come from its token or link) is offered exactly the countries they may see.
    await tx.execute(
      `insert into dashboard_filters (id, tenant_id, dashboard_id, dataset_id, parent_id, type, label, field, permissions, created_at)
       values (?, ?, ?, ?, null, 'DROPDOWN', 'Country', 'countries.name', null, now())`,
      [uuidv7(), tenantId, dashboardId, datasetId],
    );
    // Everyone may view the dashboard and explore the dataset; the rules decide which rows.
    for (const [type, resourceId] of [
      ['DASHBOARD', dashboardId],
      ['DATASET', datasetId],
    ]) {
      await tx.execute(
        `insert into shares (id, tenant_id, resource_type, resource_id, grantee_type, grantee_user_id, grantee_group_id, grantee_key, created_by_id, created_at)
         values (?, ?, ?, ?, 'ALL_USERS', null, null, 'all', ?, now())`,
        [uuidv7(), tenantId, type, resourceId, adminId],
      );
    }
  });
}

/** The embedded server may come back on another port: the demo data source follows it. */
export async function syncDemoDataSourcePort(em: EntityManager, port: number): Promise<void> {
  await em.execute(`update data_sources set port = ?, updated_at = now() where name_key = 'demo warehouse' and host = '127.0.0.1' and port <> ?`, [port, port]);
}
