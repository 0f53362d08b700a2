/**
 * Production defaults (PRODUCT.md §11): who may introspect the schema, and validation errors that
 * do not suggest field names.
 */
import { describe, expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestKit } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const SCHEMA = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Dashboard") { name } }';

async function post(kit: { app: { fetch: (r: Request) => Response | Promise<Response> } }, query: string, token?: string) {
  const res = await kit.app.fetch(
    new Request('http://tessera.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    }),
  );
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('introspection', () => {
  it('outside demo mode only a signed-in principal may introspect; __typename stays open', async ({ kit, tenant }) => {
    expect(kit.config.introspection).toBe('authenticated');
    for (const query of [SCHEMA, TYPE, `query { dashboards(first: 1) { __typename } __schema { types { name } } }`]) {
      const anonymous = await post(kit, query);
      expect(anonymous.data ?? null, query).toBeNull();
      expect(anonymous.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
    }
    expect((await post(kit, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    const signedIn = await post(kit, SCHEMA, tenant.viewer.token);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await post(kit, TYPE, tenant.viewer.token)).data).toEqual({ __type: { name: 'Dashboard' } });
  });

  it('TESSERA_INTROSPECTION=public lets anyone introspect', async () => {
    const open = await createTestKit({ config: { introspection: 'public' } });
    try {
      expect((await post(open, SCHEMA)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await open.close();
    }
  });

  it('defaults to public in demo mode and authenticated otherwise, and refuses other values', () => {
    const key = { TESSERA_SECRET_KEY: 'k'.repeat(32) };
    expect(loadConfig({}).introspection).toBe('public');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', ...key }).introspection).toBe('authenticated');
    expect(loadConfig({ TESSERA_DEMO: '0' }).introspection).toBe('authenticated');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', ...key, TESSERA_INTROSPECTION: 'public' }).introspection).toBe('public');
    expect(() => loadConfig({ TESSERA_INTROSPECTION: 'everyone' })).toThrow(ConfigError);
    expect(() => loadConfig({ TESSERA_INTROSPECTION: 'everyone' })).toThrow(/TESSERA_INTROSPECTION/);
  });
});

describe('validation errors', () => {
  it('do not suggest field names', async ({ kit, tenant }) => {
    const res = await post(kit, '{ viewr { kind } dashboards(first: 1) { edges { node { titel } } } }', tenant.viewer.token);
    expect(res.errors?.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.errors);
    expect(text).not.toMatch(/did you mean/i);
    expect(text).not.toContain('"viewer"');
    expect(text).not.toContain('"title"');
  });
});
