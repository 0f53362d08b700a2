import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { hostRefusal, refusedKind } from '../../src/query/host-guard.ts';
import { graphql } from '../generated/gql.ts';
import type { CreateDataSourceInput } from '../generated/graphql.ts';
import { createTestKit, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(`mutation HostsCreate($input: CreateDataSourceInput!) { createDataSource(input: $input) { id host port sslMode caCertificate } }`);
const Update = graphql(`mutation HostsUpdate($input: UpdateDataSourceInput!) { updateDataSource(input: $input) { id host port database user sslMode } }`);
const Test = graphql(`mutation HostsTest($id: ID!) { testConnection(id: $id) { ok message } }`);
const Settings = graphql(`query HostsSettings($id: ID!) { dataSource(id: $id) { id sslMode caCertificate } }`);
const Share = graphql(`mutation HostsShare($input: ShareInput!) { share(input: $input) { granteeType } }`);

const CA = `-----BEGIN CERTIFICATE-----
MIIBiTCCAS+gAwIBAgIUQ0L8MZd0QfFxedk46DUiiBdYuTYwCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOd2FyZWhvdXNlLnRlc3QwIBcNMjYxMjAxMjAwOTU3WhgPMjEy
NjExMDcyMDA5NTdaMBkxFzAVBgNVBAMMDndhcmVob3VzZS50ZXN0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEgz6SawDoUhzjCS3O7GYM57CdPYBmBTsPwHJMOGgO
fD9xMng/AC+vsJMNS0XazzJpQQIyWp0amqM8MniFl3gwHaNTMFEwHQYDVR0OBBYE
FLhvce0boF0mU38tlYIZzVvIt/hzMB8GA1UdIwQYMBaAFLhvce0boF0mU38tlYIZ
zVvIt/hzMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAOcSoJsL
49j/lh+dyOhlXWp8eune2MQrHmcOpNg6dDhrAiBSWmSTnHBbdmLt1WmhTv51K6X2
R62MN5+YB+ygGle7jw==
-----END CERTIFICATE-----
`;
const COULD_NOT_CONNECT = 'Could not connect to the data source';

let kit: TestKit;
/** Same database, with TESSERA_DATA_SOURCE_ALLOW=localhost,*.corp.example,10.0.0.0/8. */
let narrow: TestKit;
let t: SeededTenant;
let db: { host: string; port: number; user: string; password: string; database: string };
let counter = 0;
const servers: net.Server[] = [];

const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) =>
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({ code, ...(field ? { field } : {}) });
const input = (over: Partial<CreateDataSourceInput> = {}): CreateDataSourceInput => ({
  name: `Hosts ${++counter}`,
  host: 'db.internal.example',
  port: 5432,
  database: 'analytics',
  user: 'reporter',
  password: 'pw',
  schemas: ['public'],
  ...over,
});
const create = async (admin: SeededUser, over: Partial<CreateDataSourceInput> = {}, on = kit) => {
  const res = await on.gql(Create, { input: input(over) }, { token: admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createDataSource!.id;
};
const test = async (id: string, who: SeededUser, on = kit) => (await on.gql(Test, { id }, { token: who.token })).data?.testConnection;

/** A listener on 127.0.0.1 that `onSocket` handles: silent (a filtered port) or hanging up (not PostgreSQL). */
async function listener(onSocket: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(onSocket);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => server.close(() => resolve(port)));
}

beforeAll(async () => {
  kit = await createTestKit();
  const allow = loadConfig({ TESSERA_DATA_SOURCE_ALLOW: ' localhost, *.corp.example ,10.0.0.0/8' }).dataSourceAllow;
  narrow = await createTestKit({ config: { dataSourceAllow: allow } });
  t = await kit.seedTenant();
  const url = new URL(inject('databaseUrl'));
  db = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
});
afterAll(async () => {
  for (const server of servers) server.close();
  await narrow.close();
  await kit.close();
});

describe('the password never follows a re-pointed data source', () => {
  it('changing host, port, database or user without the password is BAD_USER_INPUT on input.password; with it, allowed', async () => {
    const id = await create(t.admin, { name: 'Repoint', ...db });
    const changes = [{ host: 'attacker.example' }, { port: 6543 }, { database: 'other' }, { user: 'someone' }];
    for (const change of changes) {
      const res = await kit.gql(Update, { input: { id, ...change } }, { token: t.admin.token });
      expectError(res, 'BAD_USER_INPUT', 'input.password');
      expect(res.errors?.[0]?.message).toMatch(/requires the password/);
    }
    // Nothing moved: the stored password still goes to the real database only.
    expect(await test(id, t.admin)).toEqual({ ok: true, message: null });
    // The same values again are no change; other fields never need the password.
    const same = await kit.gql(
      Update,
      { input: { id, host: db.host, port: db.port, name: 'Repoint (kept)', schemas: ['public', 'x'] } },
      { token: t.admin.token },
    );
    expect(same.errors).toBeUndefined();
    const moved = await kit.gql(Update, { input: { id, host: 'db.elsewhere.example', port: 6543, password: 'new' } }, { token: t.admin.token });
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateDataSource).toMatchObject({ host: 'db.elsewhere.example', port: 6543 });
  });
});

describe('hosts data sources may not use', () => {
  // The last three are names to the resolver that come back as refused addresses: 169.254.169.254 and 0.0.0.0.
  const refused = [
    '169.254.169.254',
    'fe80::1',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    'ff02::1',
    '::ffff:169.254.169.254',
    '/var/run/postgresql',
    '0251.0376.0251.0376',
    '2852039166',
    '0',
  ];

  it('link-local, unspecified, multicast addresses and Unix sockets are refused at save, on create and update', async () => {
    const id = await create(t.admin);
    for (const host of refused) {
      const created = await kit.gql(Create, { input: input({ host }) }, { token: t.admin.token });
      expectError(created, 'BAD_USER_INPUT', 'input.host');
      expect(created.errors?.[0]?.message, host).toMatch(/link-local|unspecified|multicast|Unix socket/);
      expectError(await kit.gql(Update, { input: { id, host, password: 'pw' } }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.host');
    }
    for (const host of ['127.0.0.1', '10.1.2.3', '192.168.0.10', '::1', 'db.internal.example', 'localhost']) await create(t.admin, { host });
  });

  it('a stored row pointing at a refused address is refused again when connecting (0.0.0.0 would reach this machine)', async () => {
    const id = await create(t.admin, { ...db });
    await kit.orm.em.fork().execute(`update data_sources set host = '0.0.0.0' where id = ?`, [Buffer.from(id, 'base64').toString().split(':')[1]]);
    const res = await test(id, t.admin);
    expect(res?.ok).toBe(false);
    expect(res?.message).toMatch(/0\.0\.0\.0 is the unspecified address/);
  });

  it('a name is checked on what it resolves to when connecting: "0" resolves to 0.0.0.0, which would reach this machine', async () => {
    const id = await create(t.admin, { ...db });
    await kit.orm.em.fork().execute(`update data_sources set host = '0' where id = ?`, [Buffer.from(id, 'base64').toString().split(':')[1]]);
    const res = await test(id, t.admin);
    expect(res?.ok).toBe(false);
    expect(res?.message).toMatch(/The host 0 resolves to 0\.0\.0\.0, the unspecified address/);
  });

  it('the check applies to every address a name resolves to', () => {
    expect(hostRefusal(undefined, 'metadata.internal', ['10.0.0.5', '169.254.169.254'])).toMatch(
      /metadata.internal resolves to 169.254.169.254, a link-local address/,
    );
    expect(hostRefusal(undefined, 'six.example', ['fe80::1:2'])).toMatch(/link-local/);
    expect(hostRefusal(undefined, 'db.example', ['10.0.0.5', '::1'])).toBeUndefined();
    expect(refusedKind('::ffff:a9fe:a9fe')).toBe('a link-local address');
    expect(refusedKind('239.1.2.3')).toBe('a multicast or broadcast address');
    expect(refusedKind('127.0.0.1')).toBeUndefined();
  });
});

describe('TESSERA_DATA_SOURCE_ALLOW', () => {
  it('is validated at start, naming the variable', () => {
    for (const bad of ['10.0.0.0/33', 'db host', 'http://db.example', '::1/129', '10.0.0.0/x']) {
      expect(() => loadConfig({ TESSERA_DATA_SOURCE_ALLOW: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TESSERA_DATA_SOURCE_ALLOW: bad }), bad).toThrow(/TESSERA_DATA_SOURCE_ALLOW/);
    }
    expect(loadConfig({}).dataSourceAllow).toBeUndefined();
    expect(loadConfig({ TESSERA_DATA_SOURCE_ALLOW: 'Db.Example.com,fd00::/8' }).dataSourceAllow).toEqual({
      hostnames: ['db.example.com'],
      cidrs: [{ network: 'fd00::', prefix: 8, family: 'ipv6' }],
    });
  });

  it('narrows saving to the listed names and networks; a name is checked on what it resolves to', async () => {
    for (const host of ['localhost', 'warehouse.corp.example', '10.20.30.40']) await create(t.admin, { host }, narrow);
    for (const host of ['127.0.0.1', 'corp.example', 'db.internal.example', '192.168.1.1', '169.254.169.254']) {
      const res = await narrow.gql(Create, { input: input({ host }) }, { token: t.admin.token });
      expectError(res, 'BAD_USER_INPUT', 'input.host');
    }
    const other = await narrow.gql(Create, { input: input({ host: '127.0.0.1' }) }, { token: t.admin.token });
    expect(other.errors?.[0]?.message).toMatch(/TESSERA_DATA_SOURCE_ALLOW/);
  });

  it('is enforced when connecting, on data sources saved before it was set', async () => {
    const s = await kit.seedTenant();
    const byAddress = await create(s.admin, { ...db, host: '127.0.0.1' });
    const byName = await create(s.admin, { ...db, host: 'localhost' });
    expect(await test(byAddress, s.admin)).toEqual({ ok: true, message: null });
    const refusedNow = await test(byAddress, s.admin, narrow);
    expect(refusedNow?.ok).toBe(false);
    expect(refusedNow?.message).toMatch(/TESSERA_DATA_SOURCE_ALLOW/);
    // A listed name connects, to the address it resolved to and was checked.
    expect(await test(byName, s.admin, narrow)).toEqual({ ok: true, message: null });
  });
});

describe('testConnection', () => {
  it('says the same for a refused, a filtered (silent) and a non-PostgreSQL port, to admins and analysts alike', async () => {
    const s = await kit.seedTenant();
    const ports = [await closedPort(), await listener(() => {}), await listener((socket) => socket.destroy())];
    for (const port of ports) {
      const id = await create(s.admin, { host: '127.0.0.1', port });
      await kit.gql(Share, { input: { resourceId: id, userIds: [s.analyst.globalId] } }, { token: s.admin.token });
      expect(await test(id, s.admin), `port ${port}`).toEqual({ ok: false, message: COULD_NOT_CONNECT });
      expect(await test(id, s.analyst), `port ${port}`).toEqual({ ok: false, message: COULD_NOT_CONNECT });
    }
  }, 30_000);

  it('a wrong password is named to admins only', async () => {
    const s = await kit.seedTenant();
    const id = await create(s.admin, { ...db, password: 'wrong password' });
    await kit.gql(Share, { input: { resourceId: id, userIds: [s.analyst.globalId] } }, { token: s.admin.token });
    expect((await test(id, s.admin))?.message).toMatch(/password authentication failed/i);
    expect(await test(id, s.analyst)).toEqual({ ok: false, message: COULD_NOT_CONNECT });
  });

  it('is rate limited per person (10 a minute) and per tenant (30), with retryAfterSeconds', async () => {
    const s = await kit.seedTenant();
    const id = await create(s.admin, { host: '127.0.0.1', port: await closedPort() });
    for (let i = 0; i < 10; i++) expect((await test(id, s.admin))?.ok, `attempt ${i + 1}`).toBe(false);
    const limited = await kit.gql(Test, { id }, { token: s.admin.token });
    expectError(limited, 'RATE_LIMITED');
    const retry = limited.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // Another admin of the tenant has a budget of their own, until the tenant's is spent.
    const admins = await Promise.all([1, 2].map(() => kit.addUser(s.tenant, { role: 'ADMIN' })));
    for (const admin of admins) for (let i = 0; i < 10; i++) expect((await test(id, admin))?.ok).toBe(false);
    const third = await kit.addUser(s.tenant, { role: 'ADMIN' });
    expectError(await kit.gql(Test, { id }, { token: third.token }), 'RATE_LIMITED');
    // Other tenants are not affected.
    const elsewhere = await create(t.admin, { host: '127.0.0.1', port: await closedPort() });
    expect((await test(elsewhere, t.admin))?.ok).toBe(false);
  });
});

describe('TLS settings', () => {
  it('admins set sslMode and a PEM CA; analysts may not read them; invalid PEM is refused', async () => {
    const created = await kit.gql(Create, { input: input({ sslMode: 'VERIFY_FULL', caCertificate: CA }) }, { token: t.admin.token });
    expect(created.data?.createDataSource).toMatchObject({ sslMode: 'VERIFY_FULL', caCertificate: CA });
    const id = created.data!.createDataSource!.id;
    await kit.gql(Share, { input: { resourceId: id, userIds: [t.analyst.globalId] } }, { token: t.admin.token });
    const seen = await kit.gql(Settings, { id }, { token: t.analyst.token });
    expect(seen.data?.dataSource).toMatchObject({ id, sslMode: null, caCertificate: null });
    expect(seen.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';
    for (const bad of ['not a certificate', key, `${CA}${key}`, CA.replace('MIIBiT', 'XXXXXX')]) {
      expectError(await kit.gql(Create, { input: input({ caCertificate: bad }) }, { token: t.admin.token }), 'BAD_USER_INPUT', 'input.caCertificate');
    }
  });

  it('passes the mode to the connection; weakening it needs the password, strengthening does not', async () => {
    const { admin } = await kit.seedTenant();
    const id = await create(admin, { ...db, sslMode: 'REQUIRE' });
    // The test server speaks no TLS: a data source that requires it does not connect.
    expect(await test(id, admin)).toEqual({ ok: false, message: expect.stringMatching(/^TLS failed/) });
    expectError(await kit.gql(Update, { input: { id, sslMode: 'DISABLE' } }, { token: admin.token }), 'BAD_USER_INPUT', 'input.password');
    expect((await kit.gql(Update, { input: { id, sslMode: 'DISABLE', password: db.password } }, { token: admin.token })).data?.updateDataSource?.sslMode).toBe(
      'DISABLE',
    );
    expect(await test(id, admin)).toEqual({ ok: true, message: null });
    expect((await kit.gql(Update, { input: { id, sslMode: 'VERIFY_FULL' } }, { token: admin.token })).data?.updateDataSource?.sslMode).toBe('VERIFY_FULL');
    expect((await test(id, admin))?.ok).toBe(false);
    expectError(await kit.gql(Update, { input: { id, caCertificate: CA } }, { token: admin.token }), 'BAD_USER_INPUT', 'input.password');
  });
});
