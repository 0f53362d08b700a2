import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, pendingMigrations, type Orm } from '../../src/db/orm.ts';

let orm: Orm;
beforeAll(async () => {
  orm = await createOrm({ clientUrl: inject('databaseUrl') });
});
afterAll(() => orm.close(true));

describe('migrations', () => {
  it('are all applied to the test database', async () => {
    expect(await pendingMigrations(orm)).toEqual([]);
  });

  it('describe the entities exactly: no schema difference is left for a new migration', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
