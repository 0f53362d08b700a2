import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { test } from '../testkit/fixture.ts';
import { User } from '../../src/modules/user/user.entity.ts';

const DemoteAdmin = graphql(`mutation DemoteAdmin($input: UpdateUserInput!) { updateUser(input: $input) { id role } }`);
const DeactivateAdmin = graphql(`mutation DeactivateAdmin($id: ID!) { deactivateUser(id: $id) { id status } }`);
const DeleteAdmin = graphql(`mutation DeleteAdmin($input: DeleteUserInput!) { deleteUser(input: $input) { deletedUserId } }`);

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] | undefined }) => res.errors?.[0]?.extensions?.code;

// Several rounds: without the lock, both sides of a round pass the check often enough to fail one.
const ROUNDS = 6;

const it = test
  /** A tenant with exactly two active admins (the seeded one and another). */
  .extend('twoAdmins', ({ kit }) => async () => {
    const t = await kit.seedTenant();
    const second = await kit.addUser(t.tenant, { role: 'ADMIN' });
    return { t, a: t.admin, b: second };
  })
  .extend(
    'activeAdmins',
    ({ kit }) =>
      (tenantId: string) =>
        kit.orm.em.fork().count(User, { tenant: tenantId, role: 'ADMIN', status: 'ACTIVE' }),
  );

describe('the last active admin under concurrent changes', () => {
  it('two admins demoting each other at once: exactly one succeeds and one active admin remains', async ({ kit, twoAdmins, activeAdmins }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const { t, a, b } = await twoAdmins();
      const [byA, byB] = await Promise.all([
        kit.gql(DemoteAdmin, { input: { id: b.globalId, role: 'ANALYST' } }, { token: a.token }),
        kit.gql(DemoteAdmin, { input: { id: a.globalId, role: 'ANALYST' } }, { token: b.token }),
      ]);
      const succeeded = [byA, byB].filter((res) => res.data?.updateUser?.role === 'ANALYST');
      expect(succeeded).toHaveLength(1);
      // The loser is either told it is the last admin or, once demoted, that it is no admin any more.
      expect(['CONFLICT', 'FORBIDDEN']).toContain(codeOf(succeeded[0] === byA ? byB : byA));
      expect(await activeAdmins(t.tenant.id)).toBe(1);
    }
  });

  it('two admins deactivating each other at once: exactly one succeeds and one active admin remains', async ({ kit, twoAdmins, activeAdmins }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const { t, a, b } = await twoAdmins();
      const [byA, byB] = await Promise.all([
        kit.gql(DeactivateAdmin, { id: b.globalId }, { token: a.token }),
        kit.gql(DeactivateAdmin, { id: a.globalId }, { token: b.token }),
      ]);
      expect([byA, byB].filter((res) => res.data?.deactivateUser?.status === 'DEACTIVATED')).toHaveLength(1);
      expect(await activeAdmins(t.tenant.id)).toBe(1);
    }
  });

  it('one demoting while the other deactivates: one active admin remains', async ({ kit, twoAdmins, activeAdmins }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const { t, a, b } = await twoAdmins();
      const results = await Promise.all([
        kit.gql(DemoteAdmin, { input: { id: b.globalId, role: 'VIEWER' } }, { token: a.token }),
        kit.gql(DeactivateAdmin, { id: a.globalId }, { token: b.token }),
      ]);
      expect(results.filter((res) => !res.errors)).toHaveLength(1);
      expect(await activeAdmins(t.tenant.id)).toBe(1);
    }
  });

  it('two admins deleting each other at once: exactly one succeeds and one active admin remains', async ({ kit, twoAdmins, activeAdmins }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const { t, a, b } = await twoAdmins();
      const [byA, byB] = await Promise.all([
        kit.gql(DeleteAdmin, { input: { id: b.globalId } }, { token: a.token }),
        kit.gql(DeleteAdmin, { input: { id: a.globalId } }, { token: b.token }),
      ]);
      const succeeded = [byA, byB].filter((res) => res.data?.deleteUser?.deletedUserId);
      expect(succeeded).toHaveLength(1);
      // The loser was deleted meanwhile: its request is refused (or its session has ended).
      const loser = succeeded[0] === byA ? byB : byA;
      expect(['CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(loser));
      expect(await activeAdmins(t.tenant.id)).toBe(1);
    }
  });

  it('one deleting while the other demotes: one active admin remains', async ({ kit, twoAdmins, activeAdmins }) => {
    for (let round = 0; round < ROUNDS; round++) {
      const { t, a, b } = await twoAdmins();
      const results = await Promise.all([
        kit.gql(DeleteAdmin, { input: { id: b.globalId } }, { token: a.token }),
        kit.gql(DemoteAdmin, { input: { id: a.globalId, role: 'VIEWER' } }, { token: b.token }),
      ]);
      expect(results.filter((res) => !res.errors)).toHaveLength(1);
      expect(await activeAdmins(t.tenant.id)).toBe(1);
    }
  });

  it('with a third admin both changes go through', async ({ kit, twoAdmins, activeAdmins }) => {
    const { t, a, b } = await twoAdmins();
    const c = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const [demoted, deactivated] = await Promise.all([
      kit.gql(DemoteAdmin, { input: { id: b.globalId, role: 'ANALYST' } }, { token: a.token }),
      kit.gql(DeactivateAdmin, { id: c.globalId }, { token: a.token }),
    ]);
    expect(demoted.data?.updateUser?.role).toBe('ANALYST');
    expect(deactivated.data?.deactivateUser?.status).toBe('DEACTIVATED');
    expect(await activeAdmins(t.tenant.id)).toBe(1);
  });
});
