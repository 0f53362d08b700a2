/**
 * Change notices on the metadata channel can be sent by any role that can connect: only the
 * well-formed ones (a tenant id, as the triggers send) invalidate the metadata cache.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { METADATA_CHANNEL } from '../../src/db/metadata-triggers.ts';
import { graphql } from '../generated/gql.ts';
import { createTestKit, type SeededTenant, type TestKit } from '../testkit/kit.ts';

const WhoAmI = graphql(`query NoticeWhoAmI { viewer { kind tenant { slug } } }`);

let kit: TestKit;
let a: SeededTenant;
let b: SeededTenant;
let client: pg.Client;

beforeAll(async () => {
  kit = await createTestKit();
  [a, b] = await Promise.all([kit.seedTenant(), kit.seedTenant()]);
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await kit.close();
});

/** Statements the viewer's request sends to the metadata database (the session is cached when warm). */
async function statementsFor(t: SeededTenant): Promise<number> {
  const { result, statements } = await kit.countStatements(() => kit.gql(WhoAmI, {}, { token: t.viewer.token }));
  expect(result.errors).toBeUndefined();
  expect(result.data?.viewer?.tenant?.slug).toBe(t.slug);
  return statements.length;
}

async function notify(payload: string): Promise<void> {
  await client.query('select pg_notify($1, $2)', [METADATA_CHANNEL, payload]);
  // Notices arrive in commit order: once our own sync came back, this one has been handled.
  await kit.deps.metadataCache.sync();
}

describe('metadata change notices', () => {
  it('ignores malformed payloads: no tenant’s cached entries are dropped', async () => {
    await statementsFor(a);
    await statementsFor(b);
    const warmA = await statementsFor(a);
    const warmB = await statementsFor(b);
    for (const payload of ['*', '', 'garbage', `${a.tenant.id}x`, `sync:${b.tenant.id}`, "'; drop table users; --"]) {
      await notify(payload);
      expect(await statementsFor(a), `after ${JSON.stringify(payload)}`).toBe(warmA);
      expect(await statementsFor(b), `after ${JSON.stringify(payload)}`).toBe(warmB);
    }
  });

  it('a tenant id still invalidates that tenant, and only that tenant', async () => {
    await statementsFor(a);
    await statementsFor(b);
    const warmA = await statementsFor(a);
    const warmB = await statementsFor(b);
    await notify(a.tenant.id);
    expect(await statementsFor(a)).toBeGreaterThan(warmA);
    expect(await statementsFor(b)).toBe(warmB);
  });
});
