import { test as base } from 'vitest';
import { contentBuilders } from './content.ts';
import { createTestKit } from './kit.ts';

/**
 * `it` for API tests: `kit` is the file's test kit (an app and its database connections),
 * `tenant` / `otherTenant` are tenants seeded with one user per role, and `content` seeds content
 * in `tenant`. They are file-scoped, as the hand-written `beforeAll` set-up was: one kit per file
 * keeps the suite fast, and tests in a file share its tenants, so each test makes the rows it
 * needs unique to itself.
 */
export const it = base
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixtures a function needs from its first parameter
  .extend('kit', { scope: 'file' }, async ({}, { onCleanup }) => {
    const kit = await createTestKit();
    onCleanup(() => kit.close());
    return kit;
  })
  .extend('tenant', { scope: 'file' }, ({ kit }) => kit.seedTenant())
  .extend('otherTenant', { scope: 'file' }, ({ kit }) => kit.seedTenant())
  .extend('content', { scope: 'file' }, ({ kit, tenant }) => contentBuilders(kit, tenant.tenant));

export const test = it;
