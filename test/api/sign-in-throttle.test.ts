import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { serve } from '../../src/http/server.ts';
import { createTestKit, TEST_PASSWORD, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const ThrottledLogin = graphql(`
  mutation ThrottledLogin($input: LoginInput!) {
    login(input: $input) { token }
  }
`);

const ACCOUNT_LIMIT = 10;
let kit: TestKit;
let other: TestKit;
let t: SeededTenant;

/** An address of its own for each attempt or test: the counters are shared by every kit of the run. */
const freshAddress = () => `2001:db8:${randomInt(0, 0xffff).toString(16)}::${randomInt(1, 0xffff).toString(16)}`;

beforeAll(async () => {
  [kit, other] = await Promise.all([createTestKit(), createTestKit()]);
  t = await kit.seedTenant();
});
afterAll(() => Promise.all([kit.close(), other.close()]));

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;

describe('sign-in throttle', () => {
  it('evaluates exactly the limit of 60 parallel wrong passwords for one account; the rest are RATE_LIMITED with retryAfterSeconds', async () => {
    const victim = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const input = { tenant: t.slug, email: victim.email, password: 'guess guess guess' };
    const from = freshAddress();
    const results = await Promise.all(Array.from({ length: 60 }, () => kit.gql(ThrottledLogin, { input }, { clientAddress: from })));
    const codes = results.map(codeOf);
    // Each attempt is counted before its password is checked: no more than the limit are evaluated.
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(ACCOUNT_LIMIT);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(60 - ACCOUNT_LIMIT);
    const limited = results.find((res) => codeOf(res) === 'RATE_LIMITED')!;
    const retryAfter = limited.errors![0]!.extensions!.retryAfterSeconds;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The right password is refused too while the account is throttled, from any address.
    const blocked = await kit.gql(ThrottledLogin, { input: { ...input, password: TEST_PASSWORD } }, { clientAddress: freshAddress() });
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
  });

  it('shares the counter between gateway instances on the same database', async () => {
    const victim = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const input = { tenant: t.slug, email: victim.email, password: 'guess guess guess' };
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      const res = await (i % 2 === 0 ? kit : other).gql(ThrottledLogin, { input }, { clientAddress: freshAddress() });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    for (const instance of [kit, other]) {
      const res = await instance.gql(ThrottledLogin, { input: { ...input, password: TEST_PASSWORD } }, { clientAddress: freshAddress() });
      expect(codeOf(res)).toBe('RATE_LIMITED');
    }
  });

  it('clears the account counter on a successful sign-in', async () => {
    const user = await kit.addUser(t.tenant, { role: 'VIEWER' });
    const input = { tenant: t.slug, email: user.email, password: 'guess guess guess' };
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) expect(codeOf(await kit.gql(ThrottledLogin, { input }))).toBe('UNAUTHENTICATED');
    const ok = await other.gql(ThrottledLogin, { input: { ...input, password: TEST_PASSWORD } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.login?.token).toBeTruthy();
    // A full window's worth of failures again before the account is throttled.
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect(codeOf(await kit.gql(ThrottledLogin, { input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await kit.gql(ThrottledLogin, { input }))).toBe('RATE_LIMITED');
  });
});

describe('client address', () => {
  const limits = { accountAttempts: 10, addressAttempts: 3, windowSeconds: 900 };
  let direct: TestKit;
  let proxied: TestKit;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      createTestKit({ config: { trustProxy: 0, signInLimits: limits } }),
      createTestKit({ config: { trustProxy: 1, signInLimits: limits } }),
    ]);
  });
  afterAll(() => Promise.all([direct.close(), proxied.close()]));

  /** A failed sign-in for a new email each time, so that only the address counter can run out. */
  const fail = (instance: TestKit, socket: string, forwardedFor?: string) =>
    instance.gql(
      ThrottledLogin,
      { input: { tenant: t.slug, email: `nobody-${randomInt(1e9)}@example.com`, password: 'guess guess guess' } },
      { clientAddress: socket, ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}) },
    );

  it('ignores X-Forwarded-For with TESSERA_TRUST_PROXY=0: the socket address is throttled', async () => {
    const socket = freshAddress();
    for (let i = 0; i < 3; i++) expect(codeOf(await fail(direct, socket, freshAddress()))).toBe('UNAUTHENTICATED');
    const res = await fail(direct, socket, freshAddress());
    expect(codeOf(res)).toBe('RATE_LIMITED');
    expect(res.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another socket address is not affected.
    expect(codeOf(await fail(direct, freshAddress()))).toBe('UNAUTHENTICATED');
  });

  it('honours one proxy hop with TESSERA_TRUST_PROXY=1: the rightmost forwarded address is throttled', async () => {
    const proxy = freshAddress();
    const client = freshAddress();
    // Whatever the client itself puts further left is not trusted.
    for (let i = 0; i < 3; i++) expect(codeOf(await fail(proxied, proxy, `${freshAddress()}, ${client}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await fail(proxied, proxy, `${freshAddress()}, ${client}`))).toBe('RATE_LIMITED');
    // Other clients behind the same proxy are not affected.
    expect(codeOf(await fail(proxied, proxy, freshAddress()))).toBe('UNAUTHENTICATED');
    expect(codeOf(await fail(proxied, proxy, `${client}, ${freshAddress()}`))).toBe('UNAUTHENTICATED');
  });

  it('through a real HTTP port, the address is the socket peer’s unless proxies are trusted', async () => {
    const post = (url: string, forwardedFor: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({
          query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
          variables: { input: { tenant: t.slug, email: `nobody-${randomInt(1e9)}@example.com`, password: 'guess guess guess' } },
        }),
      }).then((res) => res.json() as Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>);
    const servers = await Promise.all([direct, proxied].map((instance) => serve(instance.app, { host: '127.0.0.1', port: 0, logger: instance.deps.logger })));
    try {
      const [directUrl, proxiedUrl] = servers.map((server) => server.url) as [string, string];
      const forwarded = freshAddress();
      for (let i = 0; i < 3; i++) expect(codeOf(await post(proxiedUrl, forwarded))).toBe('UNAUTHENTICATED');
      expect(codeOf(await post(proxiedUrl, forwarded))).toBe('RATE_LIMITED');
      // Without trusted proxies every request counts against the socket peer (127.0.0.1) alone.
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push(codeOf(await post(directUrl, freshAddress())));
      expect(codes).toContain('RATE_LIMITED');
      expect(codes.at(-1)).toBe('RATE_LIMITED');
    } finally {
      await Promise.all(servers.map((server) => server.close(1000)));
    }
  });
});

describe('TESSERA_TRUST_PROXY', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x', TESSERA_SECRET_KEY: 'k'.repeat(32) };
  it('defaults to 0 and accepts a number of hops', () => {
    expect(loadConfig(base).trustProxy).toBe(0);
    expect(loadConfig({ ...base, TESSERA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });
  it('refuses anything else at start, naming the variable', () => {
    for (const value of ['-1', 'yes', '1.5', '99']) {
      expect(() => loadConfig({ ...base, TESSERA_TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, TESSERA_TRUST_PROXY: value })).toThrow(/TESSERA_TRUST_PROXY/);
    }
  });
});
