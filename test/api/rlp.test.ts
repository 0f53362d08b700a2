import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.ts';
import { attributeLoaders } from '../../src/modules/attribute/attribute.loaders.ts';
import { RequestMetadata } from '../../src/cache/request-metadata.ts';
import type { DatasetDefinition, PermissionRule } from '../../src/query/definition.ts';
import type { AttributeScalar, EffectiveAttributes } from '../../src/query/attributes.ts';
import { printExpr } from '../../src/query/print.ts';
import { compileRlp, isRestricted, staticAttributes } from '../../src/query/rlp.ts';
import { graphql } from '../generated/gql.ts';
import type { DatasetQueryInput, SetUserAttributeValueInput } from '../generated/graphql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createTestKit, globalId, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';

const Run = graphql(`query RlpRun($id: ID!, $input: DatasetQueryInput!) { dataset(id: $id) { query(input: $input) { rows missingAttributes } } }`);
const Create = graphql(`mutation RlpCreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`);
const CreateAttribute = graphql(`mutation RlpCreateAttribute($input: CreateUserAttributeInput!) { createUserAttribute(input: $input) { id } }`);
const SetUserValue = graphql(`mutation RlpSetUserAttributeValue($input: SetUserAttributeValueInput!) { setUserAttributeValue(input: $input) { mode } }`);
const SetGroupValue = graphql(
  `mutation RlpSetGroupAttributeValue($input: SetGroupAttributeValueInput!) { setGroupAttributeValue(input: $input) { all values } }`,
);
const SetRules = graphql(`
  mutation RlpSetRules($input: SetDatasetPermissionRulesInput!) {
    setDatasetPermissionRules(input: $input) { id version permissionRules { field operator attribute values } }
  }
`);

const definition: DatasetDefinition = {
  models: [
    {
      name: 'orders',
      table: 'wh.orders',
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'merchant_id', column: 'merchant_id', type: 'NUMBER' },
        { name: 'amount', column: 'amount', type: 'NUMBER' },
        { name: 'status', column: 'status', type: 'STRING' },
      ],
    },
    {
      name: 'merchants',
      table: 'wh.merchants',
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'name', column: 'name', type: 'STRING' },
        { name: 'country_id', column: 'country_id', type: 'NUMBER' },
      ],
    },
    {
      name: 'countries',
      table: 'wh.countries',
      fields: [
        { name: 'id', column: 'id', type: 'NUMBER' },
        { name: 'name', column: 'name', type: 'STRING' },
      ],
    },
  ],
  relationships: [
    { from: 'orders.merchant_id', to: 'merchants.id' },
    { from: 'merchants.country_id', to: 'countries.id' },
  ],
  calculations: [],
};

describe('compileRlp (pure)', () => {
  const rlp = (rules: PermissionRule[], attributes: EffectiveAttributes = staticAttributes({})) => {
    const compiled = compileRlp(rules, attributes, { definition });
    return { ...compiled, printed: compiled.predicates.map((p) => [p.model, printExpr(p.expr).text, printExpr(p.expr).values]) };
  };
  const matches = (field: string, attribute: string): PermissionRule => ({ field, operator: 'MATCHES_USER_ATTRIBUTE', attribute });

  it('MATCHES_USER_ATTRIBUTE: the viewer’s values, as one array parameter typed by the field', () => {
    const { printed } = rlp(
      [matches('countries.name', 'country'), matches('orders.merchant_id', 'merchant')],
      staticAttributes({ country: ['France', 7], merchant: ['3', 4, 'x', '1e1', true] }),
    );
    expect(printed).toEqual([
      ['countries', '("countries"."name" = any($1::text[]))', [['France', '7']]],
      ['orders', '("orders"."merchant_id" = any($1::numeric[]))', [['3', '4', '1e1']]],
    ]);
  });

  it('ALL drops the rule; MISSING and empty lists let nothing through; missing attributes are listed once', () => {
    const rules = [matches('countries.name', 'all'), matches('orders.status', 'gone'), matches('merchants.name', 'empty'), matches('orders.id', 'gone')];
    const { printed, missingAttributes } = rlp(rules, staticAttributes({ all: 'ALL', empty: [] }));
    expect(printed).toEqual([
      [null, 'false', []],
      [null, 'false', []],
      [null, 'false', []],
    ]);
    expect(missingAttributes).toEqual(['gone']);
    expect(rlp([matches('orders.id', 'n')], staticAttributes({ n: ['not a number'] })).printed).toEqual([[null, 'false', []]]);
  });

  it('IS and IS_NOT: fixed lists; IS_NOT never lets NULL through; a field the dataset lost fails closed', () => {
    const { printed } = rlp([
      { field: 'orders.status', operator: 'IS', values: ['paid'] },
      { field: 'orders.status', operator: 'IS_NOT', values: ['void'] },
      { field: 'orders.gone', operator: 'IS', values: ['x'] },
    ]);
    expect(printed).toEqual([
      ['orders', '("orders"."status" = any($1::text[]))', [['paid']]],
      ['orders', '(("orders"."status" is not null) and (not ("orders"."status" = any($1::text[]))))', [['void']]],
      [null, 'false', []],
    ]);
  });

  it('who is restricted: everyone but admins and analysts with the data source shared', () => {
    const as = (role: 'ADMIN' | 'ANALYST' | 'EXPLORER' | 'VIEWER', kind: 'USER' | 'EMBED' = 'USER') => ({ kind, role, status: 'ACTIVE' as const });
    expect(isRestricted(as('ADMIN'), {})).toBe(false);
    expect(isRestricted(as('ANALYST'), { dataSourceShared: true, datasetShared: true })).toBe(false);
    expect(isRestricted(as('ANALYST'), { datasetShared: true })).toBe(true);
    expect(isRestricted(as('EXPLORER'), { datasetShared: true, dataSourceShared: true })).toBe(true);
    expect(isRestricted(as('VIEWER'), {})).toBe(true);
    expect(isRestricted(as('ADMIN', 'EMBED'), {})).toBe(true);
  });

  it('attribute values a field cannot hold (NUL, broken UTF-16) are left out, never bound', () => {
    const { printed } = rlp([matches('countries.name', 'country')], staticAttributes({ country: ['a\0b', '\ud800', 'plain'] }));
    expect(printed).toEqual([['countries', '("countries"."name" = any($1::text[]))', [['plain']]]]);
    expect(rlp([matches('countries.name', 'country')], staticAttributes({ country: ['a\0b'] })).printed).toEqual([[null, 'false', []]]);
  });
});

let kit: TestKit;
let t: SeededTenant;
let client: pg.Client;
let schema: string;
let datasetId: string;
const u: Record<'explorer' | 'analystShare' | 'analystSource', SeededUser> = {} as never;
interface Joined {
  id: number;
  merchant_id: number | null;
  amount: number;
  status: string | null;
  m_name: string | null;
  c_name: string | null;
}
let joined: Joined[];

const rawDataset = () => Buffer.from(datasetId, 'base64').toString().split(':')[1]!;
const setRules = (rules: PermissionRule[]) =>
  kit.orm.em.fork().execute('update datasets set permission_rules = ? where id = ?', [JSON.stringify(rules), rawDataset()]);
async function query(who: SeededUser, input: DatasetQueryInput = { dimensions: ['orders.id'], limit: 10000 }) {
  const res = await kit.gql(Run, { id: datasetId, input }, { token: who.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.dataset!.query;
}
const ids = async (who: SeededUser, input?: DatasetQueryInput) => (await query(who, input)).rows.map((r) => r[0] as number).sort((a, b) => a - b);
const expected = (keep: (row: Joined) => boolean) =>
  joined
    .filter(keep)
    .map((r) => r.id)
    .sort((a, b) => a - b);

/** What a user or a group sets for an attribute: a list, ALL, or nothing (MISSING). */
type Setting = readonly AttributeScalar[] | 'ALL' | 'MISSING';
/**
 * The user's own setting, as real rows written by an admin through the API: a list is MANUAL,
 * MISSING is INHERIT (no row; MISSING as long as no group of the user sets the attribute).
 */
async function setUserAttribute(who: SeededUser, attribute: string, value: Setting) {
  const mode: Pick<SetUserAttributeValueInput, 'mode' | 'values'> =
    value === 'MISSING' ? { mode: 'INHERIT' } : value === 'ALL' ? { mode: 'ALL' } : { mode: 'MANUAL', values: [...value] };
  const res = await kit.gql(SetUserValue, { input: { userId: who.globalId, attribute, ...mode } }, { token: t.admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}
/** What a group sets; MISSING means the group sets nothing (no row). */
async function setGroupAttribute(groupId: string, attribute: string, value: Setting) {
  const setting = value === 'MISSING' ? { all: false, values: null } : value === 'ALL' ? { all: true } : { values: [...value] };
  const res = await kit.gql(SetGroupValue, { input: { groupId: globalId('Group', groupId), attribute, ...setting } }, { token: t.admin.token });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
}

beforeAll(async () => {
  kit = await createTestKit();
  t = await kit.seedTenant();
  ({ schema, client } = await kit.warehouse(
    (schema) => `
    create table ${schema}.countries (id int primary key, name text);
    insert into ${schema}.countries values (1, 'France'), (2, 'Germany'), (3, null);
    create table ${schema}.merchants (id int primary key, name text, country_id int);
    insert into ${schema}.merchants select g, 'Merchant ' || g, nullif(g % 4, 0) from generate_series(1, 8) g;
    create table ${schema}.orders (id int primary key, merchant_id int, amount numeric, status text);
    insert into ${schema}.orders select g, case when g % 13 = 0 then null else g % 8 + 1 end, g, (array['paid', 'refunded', null])[g % 3 + 1] from generate_series(1, 60) g;`,
  ));
  joined = (
    await client.query(`select o.id, o.merchant_id, o.amount::float8 as amount, o.status, m.name as m_name, c.name as c_name
    from ${schema}.orders o left join ${schema}.merchants m on m.id = o.merchant_id left join ${schema}.countries c on c.id = m.country_id`)
  ).rows;
  const id = (await contentBuilders(kit, t.tenant).warehouseSource(t.admin, [schema])).id;
  const models = definition.models.map((m) => ({ ...m, table: m.table.replace('wh.', `${schema}.`) }));
  const created = await kit.gql(
    Create,
    { input: { name: 'Sales', dataSourceId: globalId('DataSource', id), models, relationships: definition.relationships } },
    { token: t.admin.token },
  );
  datasetId = created.data!.createDataset!.id;
  const content = contentBuilders(kit, t.tenant);
  u.explorer = t.explorer;
  u.analystShare = await kit.addUser(t.tenant, { role: 'ANALYST' });
  u.analystSource = t.analyst;
  for (const who of [u.explorer, u.analystShare]) await content.share('DATASET', rawDataset(), { user: who });
  await content.share('DATA_SOURCE', id, { user: u.analystSource });
  // The attributes the rules below name, defined in the tenant (a1 and a2 are the property test's).
  for (const [name, type] of [
    ['country', 'STRING'],
    ['a1', 'STRING'],
    ['a2', 'NUMBER'],
  ] as const) {
    const res = await kit.gql(CreateAttribute, { input: { name, type } }, { token: t.admin.token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  }
});
afterAll(async () => {
  await kit?.close();
});

describe('the attributes loader', () => {
  it('reads the viewer’s attributes from the database: system attributes, the values set, everything else MISSING', async () => {
    await setUserAttribute(u.explorer, 'country', ['France', 'Germany']);
    const viewer: Principal = {
      kind: 'USER',
      tenantId: t.tenant.id,
      tenantSlug: t.slug,
      userId: u.explorer.id,
      role: 'EXPLORER',
      status: 'ACTIVE',
      sessionId: undefined,
    };
    const em = kit.orm.em.fork();
    const loaded = await attributeLoaders({ em, viewer, metadata: new RequestMetadata(kit.deps.metadataCache, viewer.tenantId) }).effective();
    expect(['h_email', 'h_user_id', 'h_role', 'country', 'a1', 'region'].map((name) => loaded.get(name))).toEqual([
      { kind: 'VALUES', values: [u.explorer.email], source: 'SYSTEM' },
      { kind: 'VALUES', values: [u.explorer.id], source: 'SYSTEM' },
      { kind: 'VALUES', values: ['EXPLORER'], source: 'SYSTEM' },
      { kind: 'VALUES', values: ['France', 'Germany'], source: 'MANUAL' },
      { kind: 'MISSING' },
      { kind: 'MISSING' },
    ]);
    expect([loaded.typeOf('h_email'), loaded.typeOf('a2'), loaded.typeOf('region')]).toEqual(['STRING', 'NUMBER', undefined]);
    await setUserAttribute(u.explorer, 'country', 'MISSING');
  });
});

describe('row-level permission through the API', () => {
  const all = () => expected(() => true);

  it('MATCHES_USER_ATTRIBUTE restricts, also on a model the query does not touch', async () => {
    await setRules([{ field: 'countries.name', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }]);
    await setUserAttribute(u.explorer, 'country', ['France']);
    expect(await ids(u.explorer)).toEqual(expected((r) => r.c_name === 'France'));
    const sum = await query(u.explorer, { measures: [{ field: 'orders.amount', aggregation: 'SUM' }] });
    expect(sum.rows).toEqual([[joined.filter((r) => r.c_name === 'France').reduce((s, r) => s + r.amount, 0)]]);
    expect(sum.missingAttributes).toEqual([]);
  });

  it('ALL drops the rule; MISSING gives no rows and names the attribute; an empty list gives no rows', async () => {
    await setUserAttribute(u.explorer, 'country', 'ALL');
    expect(await ids(u.explorer)).toEqual(all());
    await setUserAttribute(u.explorer, 'country', 'MISSING');
    expect(await query(u.explorer)).toEqual({ rows: [], missingAttributes: ['country'] });
    await setUserAttribute(u.explorer, 'country', []);
    expect(await query(u.explorer)).toEqual({ rows: [], missingAttributes: [] });
  });

  it('IS and IS_NOT, where NULL never matches', async () => {
    await setRules([{ field: 'orders.status', operator: 'IS_NOT', values: ['paid'] }]);
    expect(await ids(u.explorer)).toEqual(expected((r) => r.status !== null && r.status !== 'paid'));
    await setRules([
      { field: 'orders.status', operator: 'IS', values: ['paid', 'refunded'] },
      { field: 'countries.name', operator: 'IS_NOT', values: ['Germany'] },
    ]);
    expect(await ids(u.explorer)).toEqual(expected((r) => r.status !== null && r.c_name !== null && r.c_name !== 'Germany'));
  });

  it('admins and analysts with the data source shared are unrestricted; analysts with only a dataset share are restricted', async () => {
    await setRules([{ field: 'countries.name', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country' }]);
    expect(await ids(t.admin)).toEqual(all());
    expect(await ids(u.analystSource)).toEqual(all());
    await setUserAttribute(u.analystShare, 'country', ['Germany']);
    expect(await ids(u.analystShare)).toEqual(expected((r) => r.c_name === 'Germany'));
  });

  it('property: random rules and attributes give exactly the rows a reference filter over the joined table keeps', async () => {
    const FIELDS = { 'orders.status': 'status', 'merchants.name': 'm_name', 'countries.name': 'c_name', 'orders.merchant_id': 'merchant_id' } as const;
    // a1 is a STRING attribute, a2 a NUMBER one: each is matched against string and number fields.
    const POOLS = {
      a1: ['paid', 'refunded', 'France', 'Germany', 'Merchant 2', 'Merchant 5', '3', '4', 'x', ''],
      a2: [3, 4, 5, 2.5],
    } satisfies Record<string, AttributeScalar[]>;
    const rule = fc.oneof(
      fc.record({
        field: fc.constantFrom(...Object.keys(FIELDS)),
        operator: fc.constant('MATCHES_USER_ATTRIBUTE' as const),
        attribute: fc.constantFrom('a1' as const, 'a2' as const),
      }),
      fc.record({
        field: fc.constantFrom('orders.status', 'merchants.name', 'countries.name'),
        operator: fc.constantFrom('IS' as const, 'IS_NOT' as const),
        values: fc.subarray(['paid', 'refunded', 'France', 'Germany', 'Merchant 2', 'Merchant 5'], { minLength: 1 }),
      }),
    );
    // Each value is set on the user (MANUAL / ALL) or, the user inheriting, by a group of theirs.
    const setting = (pool: AttributeScalar[]) =>
      fc.record({ value: fc.oneof(fc.constant('MISSING' as const), fc.constant('ALL' as const), fc.subarray(pool)), viaGroup: fc.boolean() });
    const group = await kit.addGroup(t.tenant, 'RLP property', [u.explorer]);
    const written = new Map<string, string>();
    const write = async (key: string, value: Setting, apply: (value: Setting) => Promise<void>) => {
      if (written.get(key) === JSON.stringify(value)) return;
      await apply(value);
      written.set(key, JSON.stringify(value));
    };
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { maxLength: 3 }), setting(POOLS.a1), setting(POOLS.a2), fc.boolean(), async (rules, a1, a2, joinAll) => {
        await setRules(rules as PermissionRule[]);
        const table: Record<string, readonly AttributeScalar[] | 'ALL'> = {};
        for (const [name, { value, viaGroup }] of [
          ['a1', a1],
          ['a2', a2],
        ] as const) {
          if (value !== 'MISSING') table[name] = value;
          await write(`group:${name}`, viaGroup ? value : 'MISSING', (v) => setGroupAttribute(group.id, name, v));
          await write(`user:${name}`, viaGroup ? 'MISSING' : value, (v) => setUserAttribute(u.explorer, name, v));
        }
        const keep = (row: Joined) =>
          rules.every((r) => {
            const v = row[FIELDS[r.field as keyof typeof FIELDS]];
            if (v === null) return r.operator === 'MATCHES_USER_ATTRIBUTE' && table[r.attribute] === 'ALL';
            if (r.operator !== 'MATCHES_USER_ATTRIBUTE') return r.values.includes(String(v)) === (r.operator === 'IS');
            const given = table[r.attribute];
            if (given === undefined) return false;
            return given === 'ALL' || given.some((g) => (typeof v === 'number' ? String(g).trim() !== '' && Number(g) === v : String(g) === v));
          });
        const input: DatasetQueryInput = { dimensions: joinAll ? ['orders.id', 'countries.name'] : ['orders.id'], limit: 10000 };
        const result = await query(u.explorer, input);
        expect(result.rows.map((r) => r[0] as number).sort((a, b) => a - b)).toEqual(expected(keep));
        const missing = [...new Set(rules.flatMap((r) => (r.operator === 'MATCHES_USER_ATTRIBUTE' && table[r.attribute] === undefined ? [r.attribute] : [])))];
        expect(result.missingAttributes).toEqual(missing);
      }),
      { numRuns: 30 },
    );
  });
});

describe('setDatasetPermissionRules', () => {
  const set = (who: SeededUser, rules: unknown[]) => kit.gql(SetRules, { input: { datasetId, rules: rules as never } }, { token: who.token });

  it('validates fields, attribute names and typed values, naming the rule at fault', async () => {
    const bad: [unknown, string][] = [
      [{ field: 'orders.nope', operator: 'IS', values: ['x'] }, 'input.rules[0].field'],
      [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'Bad Name' }, 'input.rules[0].attribute'],
      [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'h_secret' }, 'input.rules[0].attribute'],
      [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'country', values: ['x'] }, 'input.rules[0].values'],
      [{ field: 'orders.id', operator: 'IS', values: ['1'] }, 'input.rules[0].values'],
      [{ field: 'orders.id', operator: 'IS_NOT', values: [] }, 'input.rules[0].values'],
      [{ field: 'orders.id', operator: 'IS', attribute: 'country', values: [1] }, 'input.rules[0].attribute'],
    ];
    for (const [rule, field] of bad) {
      const res = await set(t.admin, [rule]);
      expect(res.errors?.[0]?.extensions, JSON.stringify(rule)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Attribute names are checked against the tenant's attributes.
    const unknown = await set(t.admin, [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'no_such_attribute' }]);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rules[0].attribute' });
    const known = await set(t.admin, [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'a1' }]);
    expect(known.errors, JSON.stringify(known.errors)).toBeUndefined();
  });

  it('replaces the rules, bumps the version and records an audit event; only managers may', async () => {
    const before = (await kit.orm.em.fork().execute<{ version: number }[]>('select version from datasets where id = ?', [rawDataset()]))[0]!.version;
    const rules = [
      { field: 'orders.amount', operator: 'IS', values: [1.5, 2] },
      { field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'h_email' },
    ];
    const res = await set(t.admin, rules);
    expect(res.errors).toBeUndefined();
    expect(res.data!.setDatasetPermissionRules).toMatchObject({
      version: before + 1,
      permissionRules: [
        { ...rules[0], attribute: null },
        { ...rules[1], values: null },
      ],
    });
    const events = await kit.orm.em.fork().execute<{ action: string }[]>('select action from audit_events where resource_id = ? order by id', [rawDataset()]);
    expect(events.at(-1)!.action).toBe('dataset.setPermissionRules');
    for (const who of [u.explorer, u.analystShare]) expect((await set(who, [])).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await set(u.analystSource, [])).data!.setDatasetPermissionRules!.permissionRules).toEqual([]);
  });
});
