import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestKit, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const PARTNER = 'https://partner.example.com';
const LOCAL = 'http://localhost:3000';
const OTHER = 'https://evil.example.net';

let open: TestKit;
let closed: TestKit;
let t: SeededTenant;

beforeAll(async () => {
  [open, closed] = await Promise.all([createTestKit({ config: { corsOrigins: [PARTNER, LOCAL] } }), createTestKit()]);
  t = await open.seedTenant();
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close()]);
});

const preflight = (kit: TestKit, origin: string) =>
  kit.app.fetch('http://tessera.test/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

const post = (kit: TestKit, origin: string, token?: string) =>
  kit.app.fetch(
    'http://tessera.test/graphql',
    {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: '{ viewer { user { email } } }' }),
    },
    { clientAddress: '192.0.2.1' },
  );

describe('TESSERA_CORS_ORIGINS', () => {
  it('an allowed origin gets its own origin back on the preflight and on the POST, without credentials', async () => {
    for (const origin of [PARTNER, LOCAL]) {
      const pre = await preflight(open, origin);
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
      expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST');
      expect(pre.headers.get('access-control-allow-headers')?.split(', ')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
      expect(pre.headers.get('access-control-max-age')).toBe('600');
      expect(pre.headers.get('vary')).toMatch(/origin/i);

      const res = await post(open, origin, t.viewer.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(((await res.json()) as { data: { viewer: { user: { email: string } } } }).data.viewer.user.email).toBe(t.viewer.email);
    }
  });

  it('an origin not on the list gets no CORS header at all, on the preflight or the POST (and a near miss is not on it)', async () => {
    for (const origin of [OTHER, 'https://partner.example.com.evil.net', 'http://partner.example.com', 'https://partner.example.com:8443', 'null']) {
      const pre = await preflight(open, origin);
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(pre.headers.get('access-control-allow-headers'), origin).toBeNull();
      const res = await post(open, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      // Still cacheable per origin: the allowed one's answer is not served to it.
      expect(res.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('unset: no origin gets a CORS header (graphql-yoga alone would answer every origin)', async () => {
    expect(closed.config.corsOrigins).toEqual([]);
    for (const origin of [PARTNER, OTHER]) {
      const pre = await preflight(closed, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await post(closed, origin, t.viewer.token);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('is validated at start: exact http(s) origins, normalised; paths, wildcards and other schemes are refused naming the variable', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ TESSERA_CORS_ORIGINS: ' ' }).corsOrigins).toEqual([]);
    expect(loadConfig({ TESSERA_CORS_ORIGINS: ' https://Partner.Example.com/ , http://localhost:3000,https://partner.example.com' }).corsOrigins).toEqual([
      PARTNER,
      LOCAL,
    ]);
    expect(loadConfig({ TESSERA_CORS_ORIGINS: 'https://partner.example.com:443' }).corsOrigins).toEqual([PARTNER]);
    for (const bad of [
      '*',
      'https://*.example.com',
      'https://partner.example.com/embed',
      'partner.example.com',
      'ftp://partner.example.com',
      'null',
      'https://u:p@partner.example.com',
      'https://partner.example.com?x=1',
    ]) {
      expect(() => loadConfig({ TESSERA_CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TESSERA_CORS_ORIGINS: bad }), bad).toThrow(/TESSERA_CORS_ORIGINS/);
    }
  });
});
