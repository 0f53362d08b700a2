/**
 * Repeated dataset queries run as named prepared statements (src/query/prepared.ts), on a real
 * PostgreSQL connection: named from the second run, the same name for the same text, and a table
 * that changed shape under a prepared statement does not break the query.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { statementName } from '../../src/query/prepared.ts';
import { runReadOnly } from '../../src/query/runner.ts';

let admin: pg.Client;
let pool: pg.Pool;
const schema = `prep_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`create schema ${schema}; create table ${schema}.t (a int); insert into ${schema}.t values (1), (2), (3);`);
  // One connection, so that every run lands where the statement was prepared.
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
});
afterAll(async () => {
  await pool?.end();
  await admin?.query(`drop schema if exists ${schema} cascade`);
  await admin?.end();
});

describe('prepared dataset queries', () => {
  it('a text is named from its second run on, always with the same name; another text gets another', () => {
    const sql = { text: `select ${randomUUID().length} as n` };
    expect(statementName(sql)).toBeUndefined();
    const name = statementName(sql);
    expect(name).toMatch(/^tessera_[\w-]{24}_0$/);
    expect(statementName({ text: sql.text })).toBe(name);
    const other = { text: `${sql.text} -- other` };
    statementName(other);
    expect(statementName(other)).not.toBe(name);
  });

  it('runs repeated queries prepared on the connection, and survives a table that changed shape', async () => {
    const sql = { text: `select a from ${schema}.t where a >= $1 order by a`, values: [2] };
    for (let i = 0; i < 3; i++) expect((await runReadOnly(pool, sql)).rows).toEqual([[2], [3]]);
    const prepared = async () => (await pool.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements')).rows;
    const before = (await prepared()).find((r) => r.statement === sql.text);
    expect(before?.name).toBe(statementName(sql));

    // The column becomes text: the prepared statement's result type and parameter type are stale.
    await admin.query(`alter table ${schema}.t alter column a type text using a::text`);
    const changed = { text: sql.text, values: ['2'] };
    expect((await runReadOnly(pool, changed)).rows).toEqual([['2'], ['3']]);
    // Later runs prepare the text afresh under a new name.
    expect((await runReadOnly(pool, changed)).rows).toEqual([['2'], ['3']]);
    const names = (await prepared()).filter((r) => r.statement === sql.text).map((r) => r.name);
    expect(names).toContain(statementName(sql));
    expect(statementName(sql)).not.toBe(before?.name);
  });
});
