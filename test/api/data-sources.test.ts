import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { CreateDataSourceInput } from '../generated/graphql.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(`mutation DsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id name host port user schemas } }`);
const Update = graphql(`mutation DsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id name host port user } }`);
const Delete = graphql(`mutation DsDelete($id: ID!) { deleteDataSource(id: $id) }`);
const Test = graphql(`mutation DsTest($id: ID!) { testConnection(id: $id) { ok message } }`);
const Share = graphql(`mutation DsShare($input: ShareInput!) { share(input: $input) { granteeType } }`);
const Unshare = graphql(`mutation DsUnshare($input: ShareInput!) { unshare(input: $input) { granteeType } }`);
const ById = graphql(`
  query DsById($id: ID!) {
    dataSource(id: $id) { id name schemas createdAt updatedAt owner { id name } host port database user shares { granteeType user { id } } viewerCan { use manage } }
  }
`);
const List = graphql(`
  query DsList($first: Int, $after: String) {
    dataSources(first: $first, after: $after) { edges { node { id name owner { name } } } pageInfo { hasNextPage endCursor } }
  }
`);
const Node = graphql(`query DsNode($id: ID!) { node(id: $id) { id ... on DataSource { name } } }`);

const SECRET = `Pw-${Math.random().toString(36).slice(2)}-do-not-leak`;
const ADMIN_ONLY = ['host', 'port', 'database', 'user', 'shares'] as const;
const MISSING = globalId('DataSource', '01900000-0000-7000-8000-000000000000');

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;
let db: { host: string; port: number; user: string; password: string; database: string };
/** Every response body of this file, to show the password never comes back. */
const responses: string[] = [];

const gql = (async (document, variables, options) => {
  const res = await kit.gql(document, variables, options);
  responses.push(JSON.stringify({ data: res.data, errors: res.errors }));
  return res;
}) as TestKit['gql'];
const sql = <T extends object>(query: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(query, params);
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) =>
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({ code, ...(field ? { field } : {}) });
/** The uuid inside a global id. */
const uuidOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
let counter = 0;
const input = (over: Partial<CreateDataSourceInput> = {}): CreateDataSourceInput => ({
  name: `Warehouse ${++counter}`,
  host: 'db.internal.example',
  port: 5432,
  database: 'analytics',
  user: 'reporter',
  password: SECRET,
  schemas: ['public', 'sales'],
  ...over,
});
const create = async (admin: SeededUser, over: Partial<CreateDataSourceInput> = {}) =>
  (await gql(Create, { input: input(over) }, { token: admin.token })).data!.createDataSource!.id;
const shareWith = (admin: SeededUser, resourceId: string, to: { userIds?: string[]; groupIds?: string[]; allUsers?: boolean }) =>
  gql(Share, { input: { resourceId, ...to } }, { token: admin.token });
const listIds = async (user: SeededUser) => (await gql(List, { first: 100 }, { token: user.token })).data?.dataSources?.edges.map((e) => e.node.id);
/** A port on 127.0.0.1 that nothing listens on: bound by us a moment ago, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => server.close(() => resolve(port)));
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
  const url = new URL(inject('databaseUrl'));
  const part = (value: string) => decodeURIComponent(value);
  db = { host: url.hostname, port: Number(url.port || 5432), user: part(url.username), password: part(url.password), database: part(url.pathname.slice(1)) };
});
afterAll(() => kit.close());

describe('who sees data sources', () => {
  let s: SeededTenant, groupAnalyst: SeededUser, loneAnalyst: SeededUser;
  const ds = { user: '', group: '', all: '', none: '' };
  beforeAll(async () => {
    s = await kit.seedTenant();
    groupAnalyst = await kit.addUser(s.tenant, { role: 'ANALYST' });
    loneAnalyst = await kit.addUser(s.tenant, { role: 'ANALYST' });
    const group = await kit.addGroup(s.tenant, 'Modelers', [groupAnalyst]);
    for (const key of Object.keys(ds) as (keyof typeof ds)[]) ds[key] = await create(s.admin, { name: `DS ${key}` });
    expect((await shareWith(s.admin, ds.user, { userIds: [s.analyst.globalId] })).errors).toBeUndefined();
    expect((await shareWith(s.admin, ds.group, { groupIds: [globalId('Group', group.id)] })).errors).toBeUndefined();
    expect((await shareWith(s.admin, ds.all, { allUsers: true })).errors).toBeUndefined();
  });

  it('admins list all of their tenant; analysts what is shared with them (user, group, All users); others none', async () => {
    expect((await listIds(s.admin))?.sort()).toEqual(Object.values(ds).sort());
    expect((await listIds(s.analyst))?.sort()).toEqual([ds.user, ds.all].sort());
    expect((await listIds(groupAnalyst))?.sort()).toEqual([ds.group, ds.all].sort());
    expect(await listIds(loneAnalyst)).toEqual([ds.all]);
    for (const nobody of [s.explorer, s.viewer]) expect(await listIds(nobody)).toEqual([]);
    expect(await listIds(t.admin)).not.toContain(ds.all);
  });

  it('pages the analyst’s filtered list with cursors', async () => {
    const first = await gql(List, { first: 1 }, { token: s.analyst.token });
    expect(first.data?.dataSources?.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(List, { first: 5, after: first.data!.dataSources!.pageInfo.endCursor }, { token: s.analyst.token });
    expect([...first.data!.dataSources!.edges, ...rest.data!.dataSources!.edges].map((e) => e.node.id).sort()).toEqual([ds.user, ds.all].sort());
  });

  it('the admin reads every field, connection settings and shares included', async () => {
    const res = await gql(ById, { id: ds.user }, { token: s.admin.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.dataSource).toMatchObject({
      name: 'DS user',
      schemas: ['public', 'sales'],
      owner: { id: s.admin.globalId },
      host: 'db.internal.example',
      port: 5432,
      database: 'analytics',
      user: 'reporter',
      shares: [{ granteeType: 'USER', user: { id: s.analyst.globalId } }],
      viewerCan: { use: true, manage: true },
    });
  });

  it('an analyst it is shared with reads it, but connection settings and shares are FORBIDDEN (siblings resolve)', async () => {
    for (const [who, id] of [
      [s.analyst, ds.user],
      [groupAnalyst, ds.group],
      [loneAnalyst, ds.all],
    ] as const) {
      const res = await gql(ById, { id }, { token: who.token });
      const got = res.data?.dataSource as Record<string, unknown> | null | undefined;
      expect(got).toMatchObject({ id, schemas: ['public', 'sales'], owner: { id: s.admin.globalId }, viewerCan: { use: true, manage: false } });
      expect(got?.createdAt).toBeTruthy();
      for (const field of ADMIN_ONLY) {
        expect(got?.[field], field).toBeNull();
        expect(res.errors?.find((e) => e.path?.[1] === field)?.extensions?.code, field).toBe('FORBIDDEN');
      }
    }
  });

  it('what is not shared, and anything for explorers and viewers, is NOT_FOUND like a missing id', async () => {
    const cases: [SeededUser, string][] = [
      [s.analyst, ds.group],
      [s.analyst, ds.none],
      [loneAnalyst, ds.user],
      [s.explorer, ds.all],
      [s.viewer, ds.all],
      [s.admin, MISSING],
      [s.admin, 'garbage'],
    ];
    for (const [who, id] of cases) {
      const res = await gql(ById, { id }, { token: who.token });
      expect(res.data?.dataSource).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ message: 'Data source not found', extensions: { code: 'NOT_FOUND' } });
      expectError(await gql(Node, { id }, { token: who.token }), 'NOT_FOUND');
    }
    const node = await gql(Node, { id: ds.all }, { token: loneAnalyst.token });
    expect(node.data?.node).toMatchObject({ id: ds.all, name: 'DS all' });
  });

  it('another tenant’s data source is NOT_FOUND for every query and mutation', async () => {
    const me = other.admin.token;
    const reads = [await gql(ById, { id: ds.none }, { token: me }), await gql(Node, { id: ds.none }, { token: me })];
    const writes = [await gql(Update, { input: { id: ds.none, name: 'Hijacked' } }, { token: me }), await gql(Delete, { id: ds.none }, { token: me })];
    const others = [await gql(Test, { id: ds.none }, { token: me }), await shareWith(other.admin, ds.none, { allUsers: true })];
    for (const res of [...reads, ...writes, ...others]) expectError(res, 'NOT_FOUND');
    expect((await gql(ById, { id: ds.none }, { token: s.admin.token })).data?.dataSource?.name).toBe('DS none');
  });

  it('only admins share data sources; an analyst it is shared with is FORBIDDEN, others NOT_FOUND', async () => {
    expectError(await shareWith(s.analyst, ds.user, { userIds: [loneAnalyst.globalId] }), 'FORBIDDEN');
    expectError(await shareWith(s.analyst, ds.none, { allUsers: true }), 'NOT_FOUND');
    expectError(await shareWith(s.explorer, ds.all, { allUsers: true }), 'NOT_FOUND');
  });

  it('revoking a share removes the analyst’s access on the next request', async () => {
    const id = await create(s.admin);
    await shareWith(s.admin, id, { userIds: [loneAnalyst.globalId] });
    expect(await listIds(loneAnalyst)).toContain(id);
    const revoke = await gql(Unshare, { input: { resourceId: id, userIds: [loneAnalyst.globalId] } }, { token: s.admin.token });
    expect(revoke.data?.unshare).toEqual([]);
    expect(await listIds(loneAnalyst)).not.toContain(id);
    expectError(await gql(ById, { id }, { token: loneAnalyst.token }), 'NOT_FOUND');
    expectError(await gql(Test, { id }, { token: loneAnalyst.token }), 'NOT_FOUND');
  });

  it('filters the list in SQL: the same statements for 2 and for 20 data sources, for admins and analysts', async () => {
    const run = async (count: number) => {
      const tenant = await kit.seedTenant();
      const secondAdmin = await kit.addUser(tenant.tenant, { role: 'ADMIN' });
      for (let i = 0; i < count; i++) {
        const id = await create(i % 2 ? secondAdmin : tenant.admin);
        if (i % 3 === 0) await shareWith(tenant.admin, id, { allUsers: true });
      }
      await create(other.admin);
      const measure = async (user: SeededUser, expected: number) => {
        await gql(List, { first: 1 }, { token: user.token });
        const { result, statements } = await kit.countStatements(() => gql(List, { first: 50 }, { token: user.token }));
        expect(result.data?.dataSources?.edges).toHaveLength(expected);
        expect(result.data?.dataSources?.edges.every((e) => e.node.owner.name)).toBe(true);
        return statements;
      };
      return { admin: await measure(tenant.admin, count), analyst: await measure(tenant.analyst, Math.ceil(count / 3)) };
    };
    const few = await run(2);
    const many = await run(20);
    expect(many.admin.length).toBe(few.admin.length);
    expect(many.analyst.length).toBe(few.analyst.length);
    expect(many.analyst.length).toBeLessThanOrEqual(4);
    expect(many.analyst.some((q) => q.includes('data_sources') && q.includes('shares'))).toBe(true);
  });
});

describe('managing data sources', () => {
  it('admins create; analysts, explorers and viewers are FORBIDDEN; anonymous callers get 401', async () => {
    const res = await gql(Create, { input: input({ name: 'Created', user: 'etl' }) }, { token: t.admin.token });
    expect(res.data?.createDataSource).toMatchObject({ name: 'Created', host: 'db.internal.example', port: 5432, user: 'etl', schemas: ['public', 'sales'] });
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const denied = await gql(Create, { input: input({ name: `By ${who.role}` }) }, { token: who.token });
      expect(denied.data?.createDataSource).toBeNull();
      expectError(denied, 'FORBIDDEN');
    }
    const id = res.data!.createDataSource!.id;
    const anonymous = [
      await gql(Create, { input: input({ name: 'Anonymous' }) }),
      await gql(Update, { input: { id, name: 'Anonymous' } }),
      await gql(Delete, { id }),
      await gql(Test, { id }),
      await gql(List, {}),
      await gql(ById, { id }),
    ];
    for (const res of anonymous) {
      expect(res.status).toBe(401);
      expectError(res, 'UNAUTHENTICATED');
    }
    expect(await sql('select name from data_sources where tenant_id = ? and name similar to ?', [t.tenant.id, '(By|Anonymous)%'])).toEqual([]);
  });

  it('admins update and delete; everyone else is FORBIDDEN, even with a share', async () => {
    const id = await create(t.admin);
    await shareWith(t.admin, id, { userIds: [t.analyst.globalId] });
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      expectError(await gql(Update, { input: { id, name: 'Nope' } }, { token: who.token }), 'FORBIDDEN');
      expectError(await gql(Delete, { id }, { token: who.token }), 'FORBIDDEN');
    }
    const updated = await gql(Update, { input: { id, name: 'Renamed', host: 'db2.example', port: 6432, password: SECRET } }, { token: t.admin.token });
    expect(updated.data?.updateDataSource).toMatchObject({ id, name: 'Renamed', host: 'db2.example', port: 6432, user: 'reporter' });
    expect((await gql(Delete, { id }, { token: t.admin.token })).data?.deleteDataSource).toBe(id);
    expectError(await gql(ById, { id }, { token: t.admin.token }), 'NOT_FOUND');
    expect(await sql('select 1 from shares where resource_id = ?', [uuidOf(id)])).toEqual([]);
    const audit = await sql<{ action: string; summary: unknown }>('select action, summary from audit_events where resource_id = ? order by created_at, id', [
      uuidOf(id),
    ]);
    expect(audit.map((e) => e.action)).toEqual(['dataSource.create', 'share.create', 'dataSource.update', 'dataSource.delete']);
    expect(audit[2]?.summary).toEqual({
      changes: { name: { from: expect.any(String), to: 'Renamed' }, host: { from: 'db.internal.example', to: 'db2.example' }, port: { from: 5432, to: 6432 } },
      credentialsReplaced: true,
    });
  });

  it('refuses to delete a data source datasets use, naming them (CONFLICT)', async () => {
    const id = await create(t.admin);
    await sql(
      `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, 'Orders', 'orders', ?, '{}', '[]', 1, now(), now())`,
      [t.tenant.id, uuidOf(id), t.admin.id],
    );
    const res = await gql(Delete, { id }, { token: t.admin.token });
    expectError(res, 'CONFLICT');
    expect(res.errors?.[0]?.message).toContain('"Orders"');
    expect((await gql(ById, { id }, { token: t.admin.token })).data?.dataSource?.id).toBe(id);
  });

  it('validates every field and names it', async () => {
    const cases: [Partial<CreateDataSourceInput>, string][] = [
      [{ name: '  ' }, 'input.name'],
      [{ name: 'x'.repeat(201) }, 'input.name'],
      [{ host: '' }, 'input.host'],
      [{ host: 'db host' }, 'input.host'],
      [{ host: 'h'.repeat(256) }, 'input.host'],
      [{ port: 0 }, 'input.port'],
      [{ port: 65536 }, 'input.port'],
      [{ database: '' }, 'input.database'],
      [{ database: 'd'.repeat(64) }, 'input.database'],
      [{ user: '' }, 'input.user'],
      [{ user: 'u'.repeat(64) }, 'input.user'],
      [{ password: 'p'.repeat(1025) }, 'input.password'],
      [{ schemas: [] }, 'input.schemas'],
      [{ schemas: ['1abc'] }, 'input.schemas[0]'],
      [{ schemas: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'input.schemas'],
      [{ schemas: ['public', 'bad-name'] }, 'input.schemas[1]'],
    ];
    for (const [over, field] of cases) expectError(await gql(Create, { input: input(over) }, { token: t.admin.token }), 'BAD_USER_INPUT', field);
    const id = await create(t.admin);
    expectError(await gql(Update, { input: { id, port: -1 } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.port');
    expectError(await gql(Update, { input: { id, schemas: ['ok', 'no;drop'] } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.schemas[1]');
  });

  it('a name used in the tenant, in any case, is a CONFLICT on create and rename; another tenant may use it', async () => {
    const id = await create(t.admin, { name: 'Finance DW' });
    for (const name of ['finance dw', ' FINANCE DW '])
      expectError(await gql(Create, { input: input({ name }) }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    const second = await create(t.admin, { name: 'Marketing DW' });
    expectError(await gql(Update, { input: { id: second, name: 'Finance dw' } }, { token: t.admin.token }), 'CONFLICT', 'input.name');
    expect((await gql(Update, { input: { id, name: 'FINANCE DW' } }, { token: t.admin.token })).data?.updateDataSource?.name).toBe('FINANCE DW');
    await create(other.admin, { name: 'Finance DW' });
  });
});

describe('testConnection and the password', () => {
  let real: string;
  beforeAll(async () => {
    real = await create(t.admin, { name: 'Test database', ...db, schemas: ['public'] });
  });

  it('connects to the test database for admins and analysts it is shared with; others are refused', async () => {
    expect((await gql(Test, { id: real }, { token: t.admin.token })).data?.testConnection).toEqual({ ok: true, message: null });
    expectError(await gql(Test, { id: real }, { token: t.analyst.token }), 'NOT_FOUND');
    expectError(await gql(Test, { id: real }, { token: t.explorer.token }), 'NOT_FOUND');
    await shareWith(t.admin, real, { userIds: [t.analyst.globalId, t.explorer.globalId] });
    expect((await gql(Test, { id: real }, { token: t.analyst.token })).data?.testConnection?.ok).toBe(true);
    expectError(await gql(Test, { id: real }, { token: t.explorer.token }), 'NOT_FOUND');
  });

  it('a closed port gives ok:false with a clear message that does not contain the password', async () => {
    const id = await create(t.admin, { name: 'Closed port', host: '127.0.0.1', port: await closedPort() });
    const res = await gql(Test, { id }, { token: t.admin.token });
    expect(res.data?.testConnection?.ok).toBe(false);
    expect(res.data?.testConnection?.message).toBe('Could not connect to the data source');
    expect(res.data?.testConnection?.message).not.toContain(SECRET);
  });

  it('an update without a password keeps the old one; a wrong password fails without being echoed', async () => {
    await gql(Update, { input: { id: real, name: 'Test database (renamed)', schemas: ['public', 'pg_catalog'] } }, { token: t.admin.token });
    expect((await gql(Test, { id: real }, { token: t.admin.token })).data?.testConnection?.ok).toBe(true);
    if (db.password) {
      await gql(Update, { input: { id: real, password: SECRET } }, { token: t.admin.token });
      const wrong = await gql(Test, { id: real }, { token: t.admin.token });
      expect(wrong.data?.testConnection?.ok).toBe(false);
      expect(wrong.data?.testConnection?.message).toMatch(/password authentication failed/i);
      await gql(Update, { input: { id: real, password: db.password } }, { token: t.admin.token });
      expect((await gql(Test, { id: real }, { token: t.admin.token })).data?.testConnection?.ok).toBe(true);
    }
  });

  it('the ciphertext is not the password, and audit events record every change without it', async () => {
    const [row] = await sql<{ password_ciphertext: string }>('select password_ciphertext from data_sources where id = ?', [uuidOf(real)]);
    expect(row!.password_ciphertext).toMatch(/^v1\./);
    expect(row!.password_ciphertext).not.toContain(db.password || SECRET);
    const events = await sql<{ action: string; summary: unknown }>('select action, summary from audit_events where resource_id = ? order by created_at, id', [
      uuidOf(real),
    ]);
    const updates = db.password ? 3 : 1;
    expect(events.map((e) => e.action)).toEqual(['dataSource.create', 'share.create', ...Array<string>(updates).fill('dataSource.update')]);
    expect(events[0]?.summary).toMatchObject({ name: 'Test database', host: db.host, user: db.user, schemas: ['public'] });
    expect(events[2]?.summary).toMatchObject({
      changes: { name: { from: 'Test database', to: 'Test database (renamed)' }, schemas: { to: ['public', 'pg_catalog'] } },
      credentialsReplaced: false,
    });
    if (db.password) expect(events[3]?.summary).toEqual({ changes: {}, credentialsReplaced: true });
  });

  it('the password appears in no response, no log line and no audit event', async () => {
    const secrets = [SECRET, ...(db.password.length >= 6 ? [db.password] : [])];
    const audit = JSON.stringify(await sql('select * from audit_events'));
    for (const secret of secrets) {
      expect(responses.filter((r) => r.includes(secret))).toEqual([]);
      expect(kit.logs.filter((line) => line.includes(secret))).toEqual([]);
      expect(audit).not.toContain(secret);
    }
    expect(responses.length).toBeGreaterThan(50);
    expect(kit.logs.some((line) => line.includes('connection test failed'))).toBe(true);
  });
});
