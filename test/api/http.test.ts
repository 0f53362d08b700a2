import { readFile } from 'node:fs/promises';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import pg from 'pg';
import { describe, expect, inject } from 'vitest';
import { createOrm, migrate } from '../../src/db/orm.ts';
import { graphql } from '../generated/gql.ts';
import { test } from '../testkit/fixture.ts';
import { createTestKit } from '../testkit/kit.ts';

const Me = graphql(`query Me { viewer { user { email } } }`);

const it = test.extend(
  'post',
  ({ kit, tenant: t }) =>
    (body: BodyInit, headers: Record<string, string> = {}) =>
      kit.app.fetch('http://tessera.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.admin.token}`, ...headers },
        body,
      }),
);

const bodyOf = async (res: Response) => {
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at /); // never a stack trace
  return JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown };
};

const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

/**
 * A document that does not parse or validate, or variables that do not coerce (GraphQL over HTTP):
 * 400 to a client that accepts `application/graphql-response+json`, 200 to a plain
 * `application/json` one (the errors are in the body either way).
 */
async function refusedBeforeExecution(post: (body: BodyInit, headers?: Record<string, string>) => Response | Promise<Response>, body: string) {
  const strict = await post(body, GRAPHQL_RESPONSE);
  expect(strict.status).toBe(400);
  expect(strict.headers.get('content-type')).toContain('application/graphql-response+json');
  const strictBody = await bodyOf(strict);
  const plain = await post(body, { accept: 'application/json' });
  expect(plain.status).toBe(200);
  expect(plain.headers.get('content-type')).toContain('application/json');
  const plainBody = await bodyOf(plain);
  expect(plainBody).toEqual(strictBody);
  expect(plainBody.data).toBeUndefined();
  return plainBody;
}

describe('health', () => {
  it('/healthz answers while the process runs and /readyz once migrated', async ({ kit }) => {
    const health = await kit.app.fetch('http://tessera.test/healthz');
    expect(health.status).toBe(200);
    const ready = await kit.app.fetch('http://tessera.test/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('GraphiQL', () => {
  it('is served to browsers at /graphql', async ({ kit }) => {
    const res = await kit.app.fetch('http://tessera.test/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Tessera GraphiQL');
    // Everything it loads comes from this server, so it works offline.
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|raw\.githubusercontent)/);
    const assets = html.match(/\/graphiql\/[\w./-]+\.(js|css)/g) ?? [];
    expect(assets).toContain('/graphiql/yoga-graphiql.umd.js');
    for (const asset of assets) {
      const served = await kit.app.fetch(`http://tessera.test${asset}`);
      expect([asset, served.status]).toEqual([asset, 200]);
      expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await kit.app.fetch('http://tessera.test/graphiql/../package.json')).status).toBe(404);
  });
});

describe('introspection', () => {
  it('answers GraphiQL’s introspection query with exactly the committed schema', async ({ post }) => {
    const res = await post(JSON.stringify({ query: getIntrospectionQuery() }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: IntrospectionQuery; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(printSchema(buildClientSchema(body.data)).trim()).toBe(committed.trim());
  });
});

describe('bad requests get clear errors and proper statuses', () => {
  it('malformed JSON body → 400', async ({ post }) => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.errors?.[0]?.message).toMatch(/JSON/i);
  });

  it('a body without a query → 400', async ({ post }) => {
    const res = await post(JSON.stringify({ variables: {} }));
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).errors?.[0]?.message).toMatch(/query/i);
  });

  it('an unknown operation name → 400', async ({ post }) => {
    const res = await post(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }));
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).errors?.[0]?.message).toMatch(/operation/i);
  });

  it('a 1 MB query → 413 before parsing', async ({ post }) => {
    const query = `{ ${'__typename '.repeat(100_000)} }`;
    expect(query.length).toBeGreaterThan(1_000_000);
    const res = await post(JSON.stringify({ query }));
    expect(res.status).toBe(413);
    expect((await bodyOf(res)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a body over the 1 MiB limit without Content-Length (streamed) → 413', async ({ kit }) => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 17) controller.close();
        else {
          sent++;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await kit.app.fetch(
      new Request('http://tessera.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(413);
  });

  it('a 1 MB query string in a GET → 414', async ({ kit }) => {
    const res = await kit.app.fetch(`http://tessera.test/graphql?query=${'a'.repeat(1_000_000)}`);
    expect(res.status).toBe(414);
  });

  it('a query over the token limit → 400 (200 for plain JSON) with a clear message', async ({ post }) => {
    const query = `{ ${'__typename '.repeat(6000)} }`;
    expect((await refusedBeforeExecution(post, JSON.stringify({ query }))).errors?.[0]?.message).toMatch(/token/i);
  });

  it('a syntax error → 400 (200 for plain JSON) naming the position', async ({ post }) => {
    expect((await refusedBeforeExecution(post, JSON.stringify({ query: '{ viewer { ' }))).errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('an unknown field → 400 (200 for plain JSON) validation error', async ({ post }) => {
    expect((await refusedBeforeExecution(post, JSON.stringify({ query: '{ nope }' }))).errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });

  it('invalid variable values → 400 (200 for plain JSON) naming the variable', async ({ post }) => {
    const query = 'query Q($first: Int) { users(first: $first) { edges { node { id } } } }';
    expect((await refusedBeforeExecution(post, JSON.stringify({ query, variables: { first: 'ten' } }))).errors?.[0]?.message).toMatch(/\$first/);
  });

  it('an invalid enum literal → 400 (200 for plain JSON)', async ({ post }) => {
    expect((await refusedBeforeExecution(post, JSON.stringify({ query: '{ users(role: OWNER) { edges { node { id } } } }' }))).errors?.[0]?.message).toMatch(
      /Role/,
    );
  });

  it('a valid request still works and carries a request id', async ({ kit, tenant: t }) => {
    const res = await kit.gql(Me, {}, { token: t.admin.token });
    expect(res.status).toBe(200);
    expect(res.data?.viewer?.user?.email).toBe(t.admin.email);
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });
});

describe('unexpected errors', () => {
  it('are masked as INTERNAL with the request id, and logged', async () => {
    // A metadata database that disappears is a real unexpected failure: make one, then drop it.
    const name = `tessera_gone_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    const migrator = await createOrm({ clientUrl: url.toString() });
    await migrate(migrator);
    await migrator.close(true);
    const broken = await createTestKit({ databaseUrl: url.toString() });
    const seeded = await broken.seedTenant();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();

    const res = await broken.gql(Me, {}, { token: seeded.admin.token });
    await broken.close();
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    const requestId = res.errors?.[0]?.extensions?.requestId as string;
    expect(requestId).toBeTruthy();
    expect(res.errors?.[0]?.message).toContain(requestId);
    expect(JSON.stringify(res.errors)).not.toMatch(/database|pool|kysely|ECONN|\n\s+at /i);
    expect(broken.logs.some((line) => line.includes(requestId))).toBe(true);
  });
});

describe('credentials in rejected input', () => {
  it('are never echoed back in variable errors', async ({ kit }) => {
    const query = 'mutation L($input: LoginInput!) { login(input: $input) { token } }';
    const variables = { input: { tenant: 't', email: 'a@example.com', password: 'Sup3r-Secret-Value', unexpected: 1 } };
    const res = await kit.app.fetch('http://tessera.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...GRAPHQL_RESPONSE },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).toContain('Variable \\"$input\\" got invalid value (value not shown)');
    expect(text).toContain('unexpected');
    expect(text).not.toContain('Sup3r-Secret-Value');
  });
});
