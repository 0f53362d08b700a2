import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { DatasetQueryInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Run = graphql(`
  query InjectionRun($id: ID!, $input: DatasetQueryInput!) {
    dataset(id: $id) { query(input: $input) { rows sql sqlParameters missingAttributes } }
  }
`);
const Create = graphql(`mutation InjectionCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`);
const CreateAttribute = graphql(`mutation InjectionCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }`);
const SetValue = graphql(`
  mutation InjectionSetAttributeValue($input: SetUserAttributeValueInput!) {
    setUserAttributeValue(input: $input) { mode effective { values } }
  }
`);

/** Strings that would change a statement if they were ever concatenated into it. */
const HOSTILE = [
  "'",
  "''",
  "O'Brien; --",
  "'; drop table merchants; --",
  '" or 1=1 --',
  '--',
  '/* x */',
  ';',
  '$1',
  '$1::text',
  '$$ $$',
  '\\',
  "\\'",
  '%',
  '_',
  '%_\\',
  "E'\\x27'",
  'NULL',
  '{"a","b"}',
  '{}',
  ')',
  '(select 1)',
  'Café ☕ 😀',
  '\u202eRTL',
  'ä\u0301',
  '\t\r\n',
  ' ',
  '',
];
const NAMES = ["O'Brien; --", 'back\\slash', '%_', 'Café ☕ 😀', 'plain', '"quoted"'];

let kit: TestKit;
let t: SeededTenant;
let client: pg.Client;
let schema: string;
let datasetId: string;
let analyst: SeededUser;

async function run(input: DatasetQueryInput, who: SeededUser = t.admin) {
  const res = await kit.gql(Run, { id: datasetId, input }, { token: who.token });
  for (const error of res.errors ?? []) expect(error.extensions?.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  return { res, result: res.data?.dataset?.query };
}
/** The analyst's own values of `merchant`, as a real row written by an admin through the API. */
const setMerchants = (values: unknown[]) =>
  kit.gql(SetValue, { input: { userId: analyst.globalId, attribute: 'merchant', mode: 'MANUAL', values } }, { token: t.admin.token });
async function expectMerchants(values: string[]) {
  const res = await setMerchants(values);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  // Stored and read back exactly: the hostile value went through jsonb untouched.
  expect([...(res.data!.setUserAttributeValue!.effective.values ?? [])].sort(), JSON.stringify(values)).toEqual([...new Set(values)].sort());
}
const filtered = (operator: 'EQ' | 'IN' | 'NOT_IN' | 'CONTAINS', values: unknown[]): DatasetQueryInput => ({
  dimensions: ['merchants.name'],
  measures: [{ field: 'merchants.id', aggregation: 'COUNT' }],
  filters: [{ field: 'merchants.name', operator, values }],
  sort: [{ field: 'merchants.name' }],
});

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema, client } = await kit.warehouse((schema) => `create table ${schema}.merchants (id int primary key, name text)`));
  for (const [i, name] of NAMES.entries()) await client.query(`insert into ${schema}.merchants values ($1, $2)`, [i + 1, name]);
  const id = (await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema])).id;
  const created = await kit.gql(
    Create,
    {
      input: {
        name: 'Merchants',
        dataSourceId: globalId('DataSource', id),
        models: [
          {
            name: 'merchants',
            table: `${schema}.merchants`,
            fields: [
              { name: 'id', column: 'id', type: 'NUMBER' },
              { name: 'name', column: 'name', type: 'STRING' },
            ],
          },
        ],
        calculations: [{ name: 'obriens', expression: "COUNT(CASE WHEN merchants.name = 'O''Brien; --' THEN 1 END)" }],
      },
    },
    { token: t.admin.token },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  datasetId = created.data!.createDataset!.id;
  // A restricted viewer who may still see the SQL: an analyst with only a dataset share.
  analyst = await kit.addUser(t.tenant, { role: 'ANALYST' });
  await contentBuilders(kit, t.tenant).share('DATASET', Buffer.from(datasetId, 'base64').toString().split(':')[1]!, { user: analyst });
  const attribute = await kit.gql(CreateAttribute, { input: { name: 'merchant', type: 'STRING' } }, { token: t.admin.token });
  expect(attribute.errors, JSON.stringify(attribute.errors)).toBeUndefined();
  const rules = [{ field: 'merchants.name', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'merchant' }];
  await kit.orm.em.fork().execute('update datasets set permission_rules = ? where tenant_id = ?', [JSON.stringify(rules), t.tenant.id]);
});
afterAll(async () => {
  await kit?.close();
});

describe('hostile values never change the SQL text', () => {
  it.each(['EQ', 'IN', 'NOT_IN', 'CONTAINS'] as const)('filter values (%s)', async (operator) => {
    const benign = (await run(filtered(operator, ['benign']))).result!.sql;
    for (const value of HOSTILE) {
      const { result } = await run(filtered(operator, [value]));
      expect(result!.sql, JSON.stringify(value)).toBe(benign);
      const expected = NAMES.filter((name) =>
        operator === 'EQ' || operator === 'IN' ? name === value : operator === 'NOT_IN' ? name !== value : name.toLowerCase().includes(value.toLowerCase()),
      ).sort();
      expect(result!.rows.map((r) => r[0]).sort(), JSON.stringify(value)).toEqual(expected.sort());
    }
  });

  it('user attribute values (row-level permission)', async () => {
    await expectMerchants(['benign']);
    const input: DatasetQueryInput = { dimensions: ['merchants.name'], filters: [{ field: 'merchants.name', operator: 'EQ', values: ['x'] }] };
    const benign = (await run(input, analyst)).result!.sql;
    expect(benign).toContain('= any(');
    for (const value of HOSTILE) {
      await expectMerchants([value, 'plain']);
      const { result } = await run(input, analyst);
      expect(result!.sql, JSON.stringify(value)).toBe(benign);
      const again = await run({ dimensions: ['merchants.name'], sort: [{ field: 'merchants.name' }] }, analyst);
      expect(again.result!.rows.map((r) => r[0]).sort(), JSON.stringify(value)).toEqual(NAMES.filter((n) => n === value || n === 'plain').sort());
    }
    // NUL and lone surrogates cannot live in a stored value (jsonb refuses them): setting one is
    // refused, and the value stored before stays in force.
    await expectMerchants(['plain']);
    for (const values of [
      ['a\0b', 'plain'],
      ['\ud800', 'plain'],
    ]) {
      const res = await setMerchants(values);
      expect(res.errors, JSON.stringify(values)).toBeDefined();
      expect(res.data?.setUserAttributeValue ?? null).toBeNull();
      const after = await run({ dimensions: ['merchants.name'], sort: [{ field: 'merchants.name' }] }, analyst);
      expect(
        after.result!.rows.map((r) => r[0]),
        JSON.stringify(values),
      ).toEqual(['plain']);
    }
  });

  it('NUL is BAD_USER_INPUT, not a database error; so are broken UTF-16 and hostile names of fields', async () => {
    for (const values of [['a\0b'], ['\ud800']]) {
      const { res } = await run(filtered('EQ', values));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.filters[0].values' });
    }
    const names: [DatasetQueryInput, string][] = [
      [{ dimensions: ['merchants.name"; drop table x; --'] }, 'input.dimensions[0]'],
      [{ dimensions: ['merchants.name'], sort: [{ field: '"c0"; --' }] }, 'input.sort[0].field'],
      [{ dimensions: ['merchants.name'], filters: [{ field: "merchants.name' or '1'='1", operator: 'IS_NULL' }] }, 'input.filters[0].field'],
      [{ measures: [{ calculation: "obriens'; --" }] }, 'input.measures[0].calculation'],
    ];
    for (const [input, field] of names) expect((await run(input)).res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('string literals in calculations are parameters too', async () => {
    const { result } = await run({ measures: [{ calculation: 'obriens' }] });
    expect(result!.rows).toEqual([[1]]);
    expect(result!.sql).not.toContain('Brien');
    expect(result!.sqlParameters).toContain("O'Brien; --");
  });

  it('property: any string, as a filter value, leaves the SQL text alone and never breaks the statement', async () => {
    const benign = (await run(filtered('CONTAINS', ['benign']))).result!.sql!;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('EQ' as const, 'CONTAINS' as const), async (value, operator) => {
        const { res, result } = await run(filtered(operator, [value]));
        if (value.includes('\0') || !value.isWellFormed()) {
          expect(res.errors?.[0]?.extensions?.field).toBe('input.filters[0].values');
          return;
        }
        expect(res.errors).toBeUndefined();
        expect(result!.sql).toBe(operator === 'CONTAINS' ? benign : benign.replace('ilike', '='));
        const expected = NAMES.filter((n) => (operator === 'EQ' ? n === value : n.toLowerCase().includes(value.toLowerCase())));
        expect(result!.rows.map((r) => r[0]).sort()).toEqual(expected.sort());
      }),
      { numRuns: 100 },
    );
    const [count] = (await client.query(`select count(*)::int as n from ${schema}.merchants`)).rows as [{ n: number }];
    expect(count.n).toBe(NAMES.length);
  });
});
