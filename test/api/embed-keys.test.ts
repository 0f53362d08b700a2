import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { CreateEmbedKeyInput } from '../generated/graphql.ts';
import { createTestKit, globalId, type GraphQLResponse, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Create = graphql(`
  mutation EkCreate($input: CreateEmbedKeyInput!) {
    createEmbedKey(input: $input) { key { id kid name algorithm audience publicKeyJwk maxTokenLifetimeSeconds createdAt revokedAt } secret }
  }
`);
const Revoke = graphql(`mutation EkRevoke($id: ID!) { revokeEmbedKey(id: $id) { id revokedAt } }`);
const List = graphql(`
  query EkList($first: Int, $after: String) {
    embedKeys(first: $first, after: $after) { edges { node { id name algorithm audience revokedAt } } pageInfo { hasNextPage endCursor } }
  }
`);
const Node = graphql(`query EkNode($id: ID!) { node(id: $id) { id ... on EmbedKey { name algorithm } } }`);

let kit: TestKit;
let t: SeededTenant;
let other: SeededTenant;
/** Every response body of this file, to show a secret is returned once and only once. */
const responses: string[] = [];
const gql = (async (document, variables, options) => {
  const res = await kit.gql(document, variables, options);
  responses.push(JSON.stringify({ data: res.data, errors: res.errors }));
  return res;
}) as TestKit['gql'];
const sql = <T extends object>(query: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(query, params);
const expectError = (res: GraphQLResponse<unknown>, code: string, field?: string) =>
  expect(res.errors?.[0]?.extensions, JSON.stringify(res.errors)).toMatchObject({ code, ...(field ? { field } : {}) });
const uuidOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;
let counter = 0;
const create = (admin: SeededUser, over: Partial<CreateEmbedKeyInput> = {}) =>
  gql(Create, { input: { name: `Key ${++counter}`, algorithm: 'HS256', ...over } }, { token: admin.token });
const publicJwk = async (alg: 'ES256' | 'EdDSA' | 'ES384') => exportJWK((await generateKeyPair(alg, { extractable: true })).publicKey);
const privateJwk = async (alg: 'ES256' | 'EdDSA') => exportJWK((await generateKeyPair(alg, { extractable: true })).privateKey);
const listIds = async (user: SeededUser, first = 100) => (await gql(List, { first }, { token: user.token })).data?.embedKeys?.edges.map((e) => e.node.id);

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  other = await kit.seedTenant();
});
afterAll(() => kit.close());

describe('creating embed keys', () => {
  it('HS256: a 256-bit secret returned once, stored encrypted; the key carries the tenant’s audience and the default lifetime', async () => {
    const res = await create(t.admin, { name: ' Partner A ' });
    expect(res.errors).toBeUndefined();
    const { key, secret } = res.data!.createEmbedKey!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(key).toMatchObject({
      name: 'Partner A',
      algorithm: 'HS256',
      audience: `tessera:embed:${t.slug}`,
      publicKeyJwk: null,
      maxTokenLifetimeSeconds: 600,
      revokedAt: null,
    });
    expect(key.kid).toBe(uuidOf(key.id));
    const [row] = await sql<{ secret_ciphertext: string; public_key_jwk: unknown }>('select secret_ciphertext, public_key_jwk from embed_keys where id = ?', [
      key.kid,
    ]);
    expect(row?.secret_ciphertext).toMatch(/^v1\./);
    expect(row?.secret_ciphertext).not.toContain(secret!);
    expect(row?.public_key_jwk).toBeNull();
    expect(JSON.stringify(await sql('select * from embed_keys'))).not.toContain(secret!);
    // Returned once: no later response (list, node) carries it.
    await gql(List, { first: 100 }, { token: t.admin.token });
    await gql(Node, { id: key.id }, { token: t.admin.token });
    expect(responses.filter((body) => body.includes(secret!))).toHaveLength(1);
    // Each key has a secret of its own.
    expect((await create(t.admin)).data?.createEmbedKey?.secret).not.toBe(secret);
  });

  it('ES256 and EDDSA: the partner’s public JWK is stored (public members only) and no secret is returned', async () => {
    for (const [algorithm, alg] of [
      ['ES256', 'ES256'],
      ['EDDSA', 'EdDSA'],
    ] as const) {
      const jwk = await publicJwk(alg);
      const res = await create(t.admin, { algorithm, publicKeyJwk: { ...jwk, kid: 'partner-chosen', use: 'sig' }, maxTokenLifetimeSeconds: 86_400 });
      expect(res.errors).toBeUndefined();
      const { key, secret } = res.data!.createEmbedKey!;
      expect(secret).toBeNull();
      expect(key).toMatchObject({ algorithm, publicKeyJwk: jwk, maxTokenLifetimeSeconds: 86_400, audience: `tessera:embed:${t.slug}` });
      const [row] = await sql<{ secret_ciphertext: string | null; public_key_jwk: JWK; algorithm: string }>(
        'select secret_ciphertext, public_key_jwk, algorithm from embed_keys where id = ?',
        [key.kid],
      );
      expect(row).toEqual({ secret_ciphertext: null, public_key_jwk: jwk, algorithm: alg });
    }
    // The JWK may also come as its JSON text.
    const text = JSON.stringify(await publicJwk('EdDSA'));
    expect((await create(t.admin, { algorithm: 'EDDSA', publicKeyJwk: text })).errors).toBeUndefined();
  });

  it('refuses private JWKs, wrong curves, broken keys and a public key for HS256 or none for ES256/EDDSA, naming input.publicKeyJwk', async () => {
    const ec = await publicJwk('ES256');
    const ed = await publicJwk('EdDSA');
    const refused: [CreateEmbedKeyInput['algorithm'], unknown][] = [
      ['ES256', await privateJwk('ES256')],
      ['EDDSA', await privateJwk('EdDSA')],
      ['ES256', { ...ec, p: 'AQAB', q: 'AQAB', dp: 'AQAB', dq: 'AQAB', qi: 'AQAB' }],
      ['ES256', { kty: 'oct', k: 'c2VjcmV0' }],
      ['ES256', ed],
      ['EDDSA', ec],
      ['ES256', await publicJwk('ES384')],
      ['EDDSA', { ...ed, crv: 'Ed448' }],
      ['ES256', { ...ec, x: ec.y!.slice(0, -2) + 'AA' }],
      ['ES256', { ...ec, alg: 'ES384' }],
      ['ES256', 'not json'],
      ['ES256', [ec]],
      ['HS256', ec],
      ['ES256', null],
      ['EDDSA', null],
    ];
    for (const [algorithm, publicKeyJwk] of refused) {
      const res = await create(t.admin, { algorithm, publicKeyJwk });
      expect(res.data?.createEmbedKey, JSON.stringify(publicKeyJwk)).toBeNull();
      expectError(res, 'BAD_USER_INPUT', 'input.publicKeyJwk');
    }
    const privateRes = await create(t.admin, { algorithm: 'ES256', publicKeyJwk: await privateJwk('ES256') });
    expect(privateRes.errors?.[0]?.message).toMatch(/private key material \(d\)/);
  });

  it('the maximum token lifetime is 1 to 86,400 seconds', async () => {
    for (const seconds of [0, -1, 86_401, 1_000_000])
      expectError(await create(t.admin, { maxTokenLifetimeSeconds: seconds }), 'BAD_USER_INPUT', 'input.maxTokenLifetimeSeconds');
    for (const seconds of [1, 86_400])
      expect((await create(t.admin, { maxTokenLifetimeSeconds: seconds })).data?.createEmbedKey?.key.maxTokenLifetimeSeconds).toBe(seconds);
    expectError(await create(t.admin, { name: '  ' }), 'BAD_USER_INPUT', 'input.name');
  });
});

describe('who manages embed keys', () => {
  it('analysts, explorers and viewers are FORBIDDEN to create or revoke, and see no key in embedKeys or node(id); anonymous callers get 401', async () => {
    const key = (await create(t.admin)).data!.createEmbedKey!.key;
    for (const who of [t.analyst, t.explorer, t.viewer]) {
      const denied = await create(who);
      expect(denied.data?.createEmbedKey).toBeNull();
      expectError(denied, 'FORBIDDEN');
      expectError(await gql(Revoke, { id: key.id }, { token: who.token }), 'FORBIDDEN');
      const list = await gql(List, { first: 100 }, { token: who.token });
      expect(list.data?.embedKeys).toBeNull();
      expectError(list, 'FORBIDDEN');
      const node = await gql(Node, { id: key.id }, { token: who.token });
      expect(node.data?.node).toBeNull();
      expectError(node, 'NOT_FOUND');
    }
    for (const res of [await gql(Create, { input: { name: 'Anonymous', algorithm: 'HS256' } }), await gql(Revoke, { id: key.id }), await gql(List, {})]) {
      expect(res.status).toBe(401);
      expectError(res, 'UNAUTHENTICATED');
    }
    expect(await sql('select revoked_at from embed_keys where id = ?', [key.kid])).toEqual([{ revoked_at: null }]);
    expect(await sql('select 1 from embed_keys where tenant_id = ? and name like ?', [t.tenant.id, 'Anonymous%'])).toEqual([]);
  });

  it('another tenant’s key, an unknown id and a malformed one are NOT_FOUND to revoke and to read', async () => {
    const key = (await create(t.admin)).data!.createEmbedKey!.key;
    for (const id of [key.id, globalId('EmbedKey', '01900000-0000-7000-8000-000000000000'), 'garbage', globalId('DataSource', key.kid)]) {
      expectError(await gql(Revoke, { id }, { token: other.admin.token }), 'NOT_FOUND');
      expectError(await gql(Node, { id }, { token: other.admin.token }), 'NOT_FOUND');
    }
    expect(await listIds(other.admin)).not.toContain(key.id);
    expect(await sql('select revoked_at from embed_keys where id = ?', [key.kid])).toEqual([{ revoked_at: null }]);
  });
});

describe('rotating and revoking', () => {
  it('keys live side by side, newest first; revoking sets revokedAt once (idempotent) and the key still lists', async () => {
    const s = await kit.seedTenant();
    const old = (await create(s.admin, { name: 'Old' })).data!.createEmbedKey!.key;
    const next = (await create(s.admin, { name: 'New', algorithm: 'ES256', publicKeyJwk: await publicJwk('ES256') })).data!.createEmbedKey!.key;
    expect(await listIds(s.admin)).toEqual([next.id, old.id]);
    const first = await gql(Revoke, { id: old.id }, { token: s.admin.token });
    expect(first.errors).toBeUndefined();
    const revokedAt = first.data!.revokeEmbedKey!.revokedAt;
    expect(revokedAt).toBeTruthy();
    const again = await gql(Revoke, { id: old.id }, { token: s.admin.token });
    expect(again.data?.revokeEmbedKey).toEqual({ id: old.id, revokedAt });
    const list = (await gql(List, { first: 100 }, { token: s.admin.token })).data!.embedKeys!.edges.map((e) => e.node);
    expect(list).toEqual([
      { id: next.id, name: 'New', algorithm: 'ES256', audience: `tessera:embed:${s.slug}`, revokedAt: null },
      { id: old.id, name: 'Old', algorithm: 'HS256', audience: `tessera:embed:${s.slug}`, revokedAt },
    ]);
    // Pages with cursors, newest first.
    const page = await gql(List, { first: 1 }, { token: s.admin.token });
    expect(page.data?.embedKeys?.pageInfo.hasNextPage).toBe(true);
    const rest = await gql(List, { first: 5, after: page.data!.embedKeys!.pageInfo.endCursor }, { token: s.admin.token });
    expect(rest.data?.embedKeys?.edges.map((e) => e.node.id)).toEqual([old.id]);
    expect((await gql(Node, { id: old.id }, { token: s.admin.token })).data?.node).toEqual({ id: old.id, name: 'Old', algorithm: 'HS256' });
  });

  it('audit events record create and revoke (once), never the secret', async () => {
    const s = await kit.seedTenant();
    const { key, secret } = (await create(s.admin, { name: 'Audited', maxTokenLifetimeSeconds: 300 })).data!.createEmbedKey!;
    await gql(Revoke, { id: key.id }, { token: s.admin.token });
    await gql(Revoke, { id: key.id }, { token: s.admin.token });
    const events = await sql<{ action: string; resource_type: string; actor_id: string; summary: unknown }>(
      'select action, resource_type, actor_id, summary from audit_events where resource_id = ? order by id',
      [key.kid],
    );
    const summary = { name: 'Audited', algorithm: 'HS256', lifetimeSeconds: 300 };
    expect(events).toEqual([
      { action: 'embedKey.create', resource_type: 'EMBED_KEY', actor_id: s.admin.id, summary },
      { action: 'embedKey.revoke', resource_type: 'EMBED_KEY', actor_id: s.admin.id, summary },
    ]);
    expect(JSON.stringify(await sql('select * from audit_events'))).not.toContain(secret!);
    expect(kit.logs.filter((line) => line.includes(secret!))).toEqual([]);
  });

  it('lists in a constant number of statements: the same for 2 and for 10 keys', async () => {
    const run = async (count: number) => {
      const s = await kit.seedTenant();
      for (let i = 0; i < count; i++) await create(s.admin, i % 2 ? { algorithm: 'EDDSA', publicKeyJwk: await publicJwk('EdDSA') } : {});
      await gql(List, { first: 1 }, { token: s.admin.token });
      const { result, statements } = await kit.countStatements(() => gql(List, { first: 50 }, { token: s.admin.token }));
      expect(result.data?.embedKeys?.edges).toHaveLength(count);
      return statements;
    };
    const few = await run(2);
    const many = await run(10);
    expect(many.length).toBe(few.length);
    expect(many.length).toBeLessThanOrEqual(2);
  });
});
