import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/errors.ts';
import type { DatasetDefinition, PermissionRule } from '../../src/query/definition.ts';
import { compileQuery, type DatasetQueryInput, type QueryAccess } from '../../src/query/compile.ts';
import { parseExpression } from '../../src/query/expression.ts';
import { calculationToSql } from '../../src/query/calculation-sql.ts';
import { printExpr, printSelect, quoteIdentifier } from '../../src/query/print.ts';
import { fieldValue, staticAttributes } from '../../src/query/rlp.ts';
import { numberOrString } from '../../src/query/runner.ts';

const f = (name: string, type: 'NUMBER' | 'STRING' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' = 'NUMBER', column = name) => ({ name, column, type });
const definition: DatasetDefinition = {
  models: [
    {
      name: 'orders',
      table: 'sales.orders',
      fields: [
        f('id'),
        f('amount', 'NUMBER', 'amount_cents'),
        f('merchant_id'),
        f('status', 'STRING'),
        f('day', 'DATE'),
        f('at', 'TIMESTAMP'),
        f('gift', 'BOOLEAN'),
      ],
    },
    { name: 'merchants', table: 'public.merchants', fields: [f('id'), f('name', 'STRING', 'Name'), f('country_id')] },
    { name: 'countries', table: 'public.countries', fields: [f('id'), f('name', 'STRING')] },
    { name: 'notes', table: 'public.notes', fields: [f('id'), f('order_id'), f('text', 'STRING')] },
    { name: 'lonely', table: 'public.lonely', fields: [f('id')] },
  ],
  relationships: [
    { from: 'orders.merchant_id', to: 'merchants.id' },
    { from: 'merchants.country_id', to: 'countries.id' },
    { from: 'notes.order_id', to: 'orders.id' },
  ],
  calculations: [
    { name: 'aov', expression: 'ROUND(SUM(orders.amount) / COUNT_DISTINCT(orders.id), 2)' },
    { name: 'twice', expression: 'orders.amount * 2' },
    { name: 'tricky', expression: "SUM(- - orders.amount) - -1 + COUNT(CASE WHEN merchants.name != 'x' THEN 1 END)" },
  ],
};
const dataset = (rules: PermissionRule[] = []) => ({ definition, permissionRules: rules });
const ADMIN: QueryAccess = { restricted: false };
const compile = (input: DatasetQueryInput, access: QueryAccess | undefined = ADMIN, rules: PermissionRule[] = []) => {
  const compiled = compileQuery(dataset(rules), input, access);
  return { ...compiled, ...printSelect(compiled.select) };
};
const fails = (input: DatasetQueryInput, field: string, message?: RegExp) => {
  let error: unknown;
  try {
    compile(input);
  } catch (caught) {
    error = caught;
  }
  expect(error, JSON.stringify(input)).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
  if (message) expect((error as Error).message).toMatch(message);
};

describe('printing', () => {
  it('quotes every identifier and binds every value, with explicit casts', () => {
    const { text, values } = compile({
      dimensions: ['merchants.name'],
      measures: [{ field: 'orders.amount', aggregation: 'SUM' }],
      filters: [
        { field: 'orders.status', operator: 'IN', values: ['a', 'b'] },
        { field: 'orders.day', operator: 'BETWEEN', values: ['2024-01-01', '2024-12-31'] },
      ],
      sort: [{ field: 'SUM(orders.amount)', direction: 'DESC' }],
    });
    expect(text).toBe(
      [
        'select "merchants"."Name" as "c0", sum("orders"."amount_cents") as "c1"',
        'from "sales"."orders" as "orders"',
        'left join "public"."merchants" as "merchants" on ("merchants"."id" = "orders"."merchant_id")',
        'where ("orders"."status" = any($1::text[])) and ("orders"."day" between $2::date and $3::date)',
        'group by "merchants"."Name"',
        'order by "c1" desc',
        'limit $4::integer',
        'offset $5::integer',
      ].join('\n'),
    );
    expect(values).toEqual([['a', 'b'], '2024-01-01', '2024-12-31', 1001, 0]);
  });

  it('doubles quotes inside identifiers and refuses NUL', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(() => quoteIdentifier('a\0b')).toThrow();
  });

  it('calculations: literals are parameters, division is safe, ROUND casts, and no "--" ever appears', () => {
    const resolve = (model: string, field: string) => ({ sql: { kind: 'column', table: model, column: field } as const, type: 'NUMBER' as const });
    const printed = printExpr(calculationToSql(parseExpression(definition.calculations[2]!.expression).ast, resolve));
    expect(printed.text).toBe(
      `((sum((- (- "orders"."amount"))) - (- $1::numeric)) + count((case when ("merchants"."name" <> $2::text) then $3::numeric end)))`,
    );
    expect(printed.values).toEqual(['1', 'x', '1']);
    const aov = compile({ measures: [{ calculation: 'aov' }] });
    expect(aov.text).toContain(
      'round((((sum("orders"."amount_cents"))::numeric / nullif(count(distinct "orders"."id"), 0)))::numeric, ($1::numeric)::integer)',
    );
    expect(compile({ measures: [{ calculation: 'tricky' }] }).text).not.toContain('--');
  });

  it('GROUP BY only with measures; limit and offset are parameters (default 1000, one more fetched)', () => {
    const raw = compile({ dimensions: ['orders.status'] });
    expect(raw.text).not.toContain('group by');
    expect(raw.values).toEqual([1001, 0]);
    expect(compile({ dimensions: ['orders.status'], limit: 10_000, offset: 1_000_000 }).values).toEqual([10_001, 1_000_000]);
    expect(compile({ measures: [{ field: 'orders.id', aggregation: 'COUNT' }] }).text).not.toContain('group by');
  });
});

describe('joins', () => {
  it('the root is the first referenced model in the dataset order; joins follow many-to-one only as needed', () => {
    expect(compile({ dimensions: ['countries.name'] }).text).toMatch(/^select .*\nfrom "public"\."countries" as "countries"\nlimit/);
    const chain = compile({ dimensions: ['countries.name'], measures: [{ field: 'orders.id', aggregation: 'COUNT' }] }).text;
    expect(chain).toMatch(
      /from "sales"\."orders" as "orders"\nleft join "public"\."merchants" .*\nleft join "public"\."countries" as "countries" on \("countries"\."id" = "merchants"\."country_id"\)/,
    );
  });

  it('the root is the first referenced model that reaches all the others, wherever the dataset lists it', () => {
    // notes → orders is many-to-one: notes is the fact table of this query, though listed after orders.
    const text = compile({ dimensions: ['orders.status', 'notes.text'] }).text;
    expect(text).toMatch(/from "public"\."notes" as "notes"\nleft join "sales"\."orders" as "orders" on \("orders"\."id" = "notes"\."order_id"\)/);
  });

  it('a model no referenced model can reach through many-to-one relationships is BAD_USER_INPUT at its first reference', () => {
    fails({ dimensions: ['orders.status', 'lonely.id'] }, 'input.dimensions[1]', /cannot be joined to "orders"/);
    fails({ dimensions: ['orders.status'], filters: [{ field: 'lonely.id', operator: 'IS_NULL' }] }, 'input.filters[0].field');
  });

  it('permission rules on models outside the query apply through EXISTS; unreachable ones let nothing through', () => {
    const rules: PermissionRule[] = [
      { field: 'countries.name', operator: 'IS', values: ['FR'] },
      { field: 'lonely.id', operator: 'IS', values: [1] },
    ];
    const { text, values } = compile({ measures: [{ field: 'orders.amount', aggregation: 'SUM' }] }, { restricted: true }, rules);
    expect(text).not.toContain('left join');
    expect(text).toContain(
      'exists (select 1 from "public"."merchants" as "merchants" inner join "public"."countries" as "countries" on ("countries"."id" = "merchants"."country_id") where ("merchants"."id" = "orders"."merchant_id") and ("countries"."name" = any($1::text[])))',
    );
    expect(text).toMatch(/ and false\n/);
    expect(values[0]).toEqual(['FR']);
    // The other direction (one-to-many) works too: merchants that have a visible order.
    const reverse = compile({ dimensions: ['merchants.name'] }, { restricted: true }, [{ field: 'orders.status', operator: 'IS_NOT', values: ['void'] }]).text;
    expect(reverse).toContain(
      'exists (select 1 from "sales"."orders" as "orders" where ("merchants"."id" = "orders"."merchant_id") and (("orders"."status" is not null) and (not ("orders"."status" = any($1::text[])))))',
    );
  });

  it('rules apply unless access says unrestricted; without access the compiler fails closed', () => {
    const rules: PermissionRule[] = [{ field: 'orders.status', operator: 'MATCHES_USER_ATTRIBUTE', attribute: 'status' }];
    const input = { dimensions: ['orders.status'] };
    expect(compile(input, ADMIN, rules).text).not.toContain('where');
    const closed = compileQuery(dataset(rules), input);
    expect(printSelect(closed.select).text).toContain('where false');
    expect(closed.missingAttributes).toEqual(['status']);
    const open = compile(input, { restricted: true, attributes: staticAttributes({ status: ['paid'] }) }, rules);
    expect(open.text).toContain('where ("orders"."status" = any($1::text[]))');
  });
});

describe('validation', () => {
  it('measures, calculations, duplicates and sort', () => {
    fails({ measures: [{ field: 'orders.amount' }] }, 'input.measures[0].aggregation');
    fails({ measures: [{ aggregation: 'SUM' }] }, 'input.measures[0].field');
    fails({ measures: [{ calculation: 'aov', field: 'orders.id', aggregation: 'SUM' }] }, 'input.measures[0]');
    fails({ measures: [{ field: 'orders.gift', aggregation: 'MAX' }] }, 'input.measures[0].aggregation');
    fails({ measures: [{ field: 'orders.id', aggregation: 'SUM' }, { calculation: 'twice' }] }, 'input.measures[1].calculation', /outside an aggregate/);
    fails({ dimensions: ['orders.id', 'orders.id'] }, 'input.dimensions[1]', /twice/);
    fails({ dimensions: ['orders.id.x'] }, 'input.dimensions[0]');
    const two: DatasetQueryInput = {
      measures: [
        { field: 'orders.amount', aggregation: 'SUM' },
        { field: 'orders.amount', aggregation: 'MAX' },
      ],
    };
    fails({ ...two, sort: [{ field: 'orders.amount' }] }, 'input.sort[0].field');
    expect(compile({ ...two, sort: [{ field: 'MAX(orders.amount)' }] }).text).toContain('order by "c1" asc');
    fails({ dimensions: Array.from({ length: 101 }, () => 'orders.id') }, 'input.dimensions');
  });

  it('filter operands: counts per operator and types per field', () => {
    const filter = (field: string, operator: never, values?: unknown[]) => ({ dimensions: ['orders.id'], filters: [{ field, operator, values }] });
    const bad: [string, string, unknown[] | undefined, string][] = [
      ['orders.id', 'EQ', [], 'values'],
      ['orders.id', 'EQ', [1, 2], 'values'],
      ['orders.id', 'BETWEEN', [1, 2, 3], 'values'],
      ['orders.id', 'IN', [], 'values'],
      ['orders.id', 'IS_NULL', [1], 'values'],
      ['orders.id', 'EQ', ['1'], 'values'],
      ['orders.id', 'GT', [null], 'values'],
      ['orders.day', 'EQ', ['2024-1-1'], 'values'],
      ['orders.day', 'EQ', ['2023-02-29'], 'values'],
      ['orders.at', 'GT', ['yesterday'], 'values'],
      ['orders.gift', 'EQ', ['true'], 'values'],
      ['orders.gift', 'GT', [true], 'operator'],
      ['orders.status', 'EQ', [1], 'values'],
      ['orders.status', 'EQ', ['a\0b'], 'values'],
      ['orders.status', 'EQ', ['\ud800'], 'values'],
      ['orders.id', 'CONTAINS', [1], 'operator'],
      ['orders.status', 'CONTAINS', ['a', 'b'], 'values'],
    ];
    for (const [field, operator, values, at] of bad) fails(filter(field, operator as never, values), `input.filters[0].${at}`);
    expect(fieldValue('NUMBER', Infinity)).toHaveProperty('error');
    expect(fieldValue('TIMESTAMP', '2024-05-01T12:00:00.123+02:00')).toEqual({ value: '2024-05-01T12:00:00.123+02:00' });
    const like = compile(filter('orders.status', 'CONTAINS' as never, ['50%_\\x']));
    expect(like.values[0]).toBe('%50\\%\\_\\\\x%');
    expect(like.text).toContain('("orders"."status" ilike $1::text)');
  });
});

describe('result values', () => {
  it('numeric and bigint text becomes a JSON number only when exact', () => {
    expect(['42', '-7', '9007199254740991', '12.50', '-0.25', '0.1', '00012.5', '1e3'].map(numberOrString)).toEqual([
      42,
      -7,
      9007199254740991,
      12.5,
      -0.25,
      0.1,
      12.5,
      '1e3',
    ]);
    expect(['9007199254740993', '123456789012345678.5', '0.1000000000000000000001', 'NaN'].map(numberOrString)).toEqual([
      '9007199254740993',
      '123456789012345678.5',
      '0.1000000000000000000001',
      'NaN',
    ]);
  });
});
