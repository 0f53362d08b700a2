import { describe, expect, it } from 'vitest';
import type { FilterType } from '../../src/query/filter-permissions/filter-type.ts';
import {
  compileFilterPermissions,
  effectivePermission,
  evaluateFilterPermission,
  evaluatePermissionCode,
  FilterPermissionError,
  parseExpression,
  parseFilterPermissions,
  type QueryRunner,
} from '../../src/query/filter-permissions/index.ts';

const yaml = (...lines: string[]) => lines.join('\n');
const DS = '0190f0c4-7a2b-7c3d-8e4f-123456789abc';

/** The line and reason of the error the code gets for a filter of `type`. */
function refusal(code: string, type: FilterType): { line: number; reason: string } {
  try {
    compileFilterPermissions(code, type);
  } catch (error) {
    if (error instanceof FilterPermissionError) return { line: error.line, reason: error.reason };
    throw error;
  }
  throw new Error('the code was accepted');
}

const PRODUCT_EXAMPLE = `- if_group: Malaysia        # or if_user: someone@example.com, or else:
  then_value: [my, vn, sg]  # or then_date_min / then_date_max (date filters), or ds_id + query
- else:
  then_value: 'x'
expression: Malaysia union (Vietnam intersect Singapore)   # dropdown filters only
`;

describe('parsing', () => {
  it('reads PRODUCT.md §6 exactly as written: a list, then expression at column 0', () => {
    const parsed = parseFilterPermissions(PRODUCT_EXAMPLE);
    expect(parsed.entries.map((e) => [e.line, [...e.fields.keys()]])).toEqual([
      [1, ['if_group', 'then_value']],
      [3, ['else', 'then_value']],
    ]);
    expect(parsed.entries[0]!.fields.get('then_value')).toEqual({ line: 2, value: ['my', 'vn', 'sg'], empty: false });
    expect(parsed.entries[1]!.fields.get('else')!.empty).toBe(true);
    expect(parsed.expression).toEqual({ text: 'Malaysia union (Vietnam intersect Singapore)', line: 5 });
  });

  it('accepts `- expression:` as a list item, the mapping form, and flow style alike', () => {
    const list = yaml('- if_group: A', '  then_value: a', '- if_group: B', '  then_value: [b]', '- expression: A intersect B');
    const mapping = yaml('rules:', '  - if_group: A', '    then_value: a', '  - {if_group: B, then_value: [b]}', 'expression: A intersect B');
    for (const code of [list, mapping]) {
      const program = compileFilterPermissions(code, 'DROPDOWN');
      expect(program.entries.map((e) => e.condition)).toEqual([
        { kind: 'GROUP', name: 'A', key: 'a' },
        { kind: 'GROUP', name: 'B', key: 'b' },
      ]);
      expect(program.expression).toMatchObject({ kind: 'INTERSECT' });
    }
  });

  it('keeps every scalar as text (no YAML typing of numbers, dates or booleans)', () => {
    const program = compileFilterPermissions(yaml('- if_group: 007', '  then_value: [1, true, 2016-05-01, null]'), 'DROPDOWN');
    expect(program.entries[0]!.condition).toMatchObject({ name: '007' });
    expect(program.entries[0]!.outcome).toEqual({ kind: 'VALUES', values: ['1', 'true', '2016-05-01', 'null'] });
  });

  it('lifts a multi-line expression at column 0 and keeps later items', () => {
    const code = yaml('- if_group: A', '  then_value: a', 'expression: A union', '  B', '- if_group: B', '  then_value: b');
    const program = compileFilterPermissions(code, 'DROPDOWN');
    expect(program.entries.map((e) => e.line)).toEqual([1, 5]);
    expect(program.expression).toMatchObject({ kind: 'UNION' });
  });
});

describe('validation (line and reason)', () => {
  const cases: [string, FilterType, string, number, RegExp][] = [
    ['YAML syntax', 'TEXT', yaml('- if_group: A', '  then_value: x', '- if_group: [a'), 3, /sequence/],
    ['duplicate key', 'TEXT', yaml('- if_group: A', '  then_value: x', '  then_value: y'), 3, /unique/],
    ['not a list', 'TEXT', 'just text', 1, /list of entries/],
    ['entry not a mapping', 'TEXT', yaml('- if_group: A', '  then_value: x', '- else'), 3, /mapping/],
    ['unknown key', 'TEXT', yaml('- if_group: A', '  then_values: x'), 2, /unknown key 'then_values'/],
    ['unknown top-level key', 'DROPDOWN', yaml('rules:', '  - if_group: A', '    then_value: a', 'extra: 1'), 4, /unknown key 'extra'/],
    ['no condition', 'TEXT', yaml('- if_group: A', '  then_value: x', '- then_value: y'), 3, /no condition/],
    ['two conditions', 'TEXT', yaml('- if_group: A', '  if_user: a@b.co', '  then_value: x'), 2, /more than one condition/],
    ['no outcome', 'TEXT', yaml('- if_group: A', '  then_value: x', '- if_group: B'), 3, /no outcome/],
    ['two outcomes', 'TEXT', yaml('- if_group: A', '  then_value: x', '  ds_id: ' + DS, '  query: select 1'), 3, /more than one outcome/],
    ['then_date on a text filter', 'TEXT', yaml('- if_group: A', '  then_date_min: 2016-05-01'), 2, /only for date filters/],
    [
      'then_date on a dropdown',
      'DROPDOWN',
      yaml('- if_group: A', '  then_value: a', '- if_group: B', '  then_date_max: 2016-05-01'),
      4,
      /only for date filters/,
    ],
    ['then_value on a date filter', 'DATE', yaml('- if_group: A', '  then_value: x'), 2, /date filters take/],
    ['bad date format', 'DATE', yaml('- if_group: A', '  then_date_min: 01/05/2016'), 2, /YYYY-MM-DD/],
    ['impossible date', 'DATE', yaml('- if_group: A', '  then_date_min: 2016-01-01', '  then_date_max: 2023-02-30'), 3, /YYYY-MM-DD/],
    ['min after max', 'DATE', yaml('- if_group: A', '  then_date_min: 2016-05-02', '  then_date_max: 2016-05-01'), 3, /after/],
    ['expression on a text filter', 'TEXT', yaml('- if_group: A', '  then_value: x', 'expression: A'), 3, /only for dropdown/],
    ['expression on a date filter', 'DATE', yaml('- if_group: A', '  then_date_min: 2016-05-01', '- expression: A'), 3, /only for dropdown/],
    ['else on a dropdown', 'DROPDOWN', yaml('- if_group: A', '  then_value: a', '- else:', '  then_value: b'), 3, /single value/],
    ['two elses', 'TEXT', yaml('- if_group: A', '  then_value: a', '- else:', '  then_value: b', '- else:', '  then_value: c'), 5, /only one else.*line 3/],
    [
      'too many query entries',
      'DROPDOWN',
      Array.from({ length: 6 }, (_, i) => yaml(`- if_group: G${i}`, `  ds_id: ${DS}`, '  query: select 1')).join('\n'),
      16,
      /at most 5 ds_id \+ query entries/,
    ],
    ['else not last', 'DATE', yaml('- else:', '  then_date_min: 2016-01-01', '- if_group: A', '  then_date_min: 2016-05-01'), 1, /last entry/],
    ['else with a value', 'TEXT', yaml('- if_group: A', '  then_value: a', '- else: everyone', '  then_value: b'), 3, /no value/],
    ['query without ds_id', 'DROPDOWN', yaml('- if_group: A', '  query: select 1'), 2, /needs ds_id/],
    ['ds_id without query', 'DROPDOWN', yaml('- if_group: A', '', '  ds_id: ' + DS), 3, /needs query/],
    ['bad ds_id', 'DROPDOWN', yaml('- if_group: A', '  ds_id: 25', '  query: select 1'), 2, /id of a data source/],
    ['other template', 'TEXT', yaml('- if_group: A', '  ds_id: ' + DS, '  query: select id where x = {{ $ }} and y = {{ user }}'), 3, /no template but/],
    ['positional parameter', 'TEXT', yaml('- if_group: A', '  ds_id: ' + DS, '  query: select id where x = $1'), 3, /positional/],
    ['if_user not an email', 'TEXT', yaml('- if_user: ann', '  then_value: a'), 1, /email/],
    ['expression names an unknown group', 'DROPDOWN', yaml('- if_group: A', '  then_value: a', 'expression: A union B'), 3, /'B', which has no if_group/],
    [
      'expression syntax',
      'DROPDOWN',
      yaml('- if_group: A', '  then_value: a', '- if_group: B', '  then_value: b', 'expression: (A union B'),
      5,
      /expected '\)'/,
    ],
    ['dangling operator', 'DROPDOWN', yaml('- if_group: A', '  then_value: a', 'expression: A union'), 3, /found end of expression/],
    [
      'group left out of the expression',
      'DROPDOWN',
      yaml('- if_group: A', '  then_value: a', '- if_group: B', '  then_value: b', 'expression: A'),
      3,
      /'B' is not used/,
    ],
    ['expression twice', 'DROPDOWN', yaml('- if_group: A', '  then_value: a', '- expression: A', 'expression: A'), 4, /more than once/],
    ['expression inside an entry', 'DROPDOWN', yaml('- if_group: A', '  then_value: a', '  expression: A'), 3, /item of its own/],
    ['alias', 'DROPDOWN', yaml('- if_group: A', '  then_value: &v [a]', '- if_group: B', '  then_value: *v'), 4, /aliases/],
    ['control character', 'TEXT', yaml('- if_group: A', '  then_value: "a\u0000"'), 2, /control characters/],
    ['empty list', 'TEXT', '[]', 1, /at least one entry/],
  ];
  it.each(cases)('%s', (_name, type, code, line, reason) => {
    const error = refusal(code, type);
    expect(error.line, error.reason).toBe(line);
    expect(error.reason).toMatch(reason);
  });

  it('refuses more than 200 entries at the 201st, and code over 20 KB at the line that crosses it', () => {
    const entries = Array.from({ length: 201 }, (_, i) => yaml(`- if_group: G${i}`, '  then_value: v'));
    expect(refusal(entries.join('\n'), 'DROPDOWN')).toMatchObject({ line: 401, reason: 'at most 200 entries are allowed' });
    const big = yaml('- if_group: A', `  then_value: '${'x'.repeat(21_000)}'`);
    expect(refusal(big, 'TEXT')).toMatchObject({ line: 2, reason: expect.stringMatching(/larger than 20480 bytes/) });
  });

  it('accepts every outcome where it belongs', () => {
    const gid = Buffer.from(`DataSource:${DS}`).toString('base64');
    const text = compileFilterPermissions(
      yaml('- if_user: Ann@Example.com', `  ds_id: ${gid}`, '  query: select code from t where email = {{$}} or alt = {{ $ }}', '- else:', "  then_value: 'x'"),
      'TEXT',
    );
    expect(text.entries[0]!.outcome).toEqual({ kind: 'QUERY', dsId: DS, sqlText: 'select code from t where email = $1 or alt = $1', usesViewer: true });
    const date = compileFilterPermissions(yaml('- if_group: Singapore', "  then_date_min: '2016-05-01'", '  then_date_max: 2016-12-31'), 'DATE');
    expect(date.entries[0]!.outcome).toEqual({ kind: 'DATE_RANGE', min: '2016-05-01', max: '2016-12-31' });
  });
});

describe('the expression language', () => {
  it('binds intersect tighter than union, reads quoted names with spaces, ignores keyword case', () => {
    expect(parseExpression("A UNION 'Sales Team' intersect C")).toMatchObject({
      kind: 'UNION',
      left: { kind: 'GROUP', key: 'a' },
      right: { kind: 'INTERSECT', left: { kind: 'GROUP', name: 'Sales Team' }, right: { kind: 'GROUP', key: 'c' } },
    });
    expect(parseExpression("'It''s'")).toMatchObject({ kind: 'GROUP', name: "It's" });
    expect(() => parseExpression('A union (B')).toThrow(/column 11/);
    expect(() => parseExpression('"A"')).toThrow(/single quotes/);
    expect(() => parseExpression('('.repeat(40) + 'A' + ')'.repeat(40))).toThrow(/nested too deeply/);
  });
});

const noQuery: QueryRunner = () => Promise.reject(new Error('no query expected'));
const viewer = (groups: string[], email = 'ann@example.com') => ({ email, groups });
const run = (code: string, filterType: FilterType, v: { email: string; groups: string[] }, runQuery: QueryRunner = noQuery) =>
  evaluateFilterPermission(compileFilterPermissions(code, filterType), { filterType, viewer: v, runQuery });

describe('evaluation: text and date filters (first match wins)', () => {
  const text = yaml(
    "- if_group: 'Vietnam'",
    "  then_value: 'mkt'",
    "- if_group: 'US'",
    "  then_value: ['sale', 'ops']",
    "- if_user: 'Boss@Example.com'",
    "  then_value: 'ceo'",
  );
  it('takes the first matching entry; if_user ignores case; a list gives its first value', async () => {
    expect(await run(text, 'TEXT', viewer(['US', 'Vietnam']))).toEqual({ kind: 'VALUES', values: ['mkt'] });
    expect(await run(text, 'TEXT', viewer(['us']))).toEqual({ kind: 'VALUES', values: ['sale'] });
    expect(await run(text, 'TEXT', viewer([], 'boss@EXAMPLE.com'))).toEqual({ kind: 'VALUES', values: ['ceo'] });
  });
  it('fails closed when nothing matches, and else catches everyone else', async () => {
    expect(await run(text, 'TEXT', viewer(['Malaysia']))).toEqual({ kind: 'VALUES', values: [] });
    expect(await run(`${text}\n- else:\n  then_value: 'none'`, 'TEXT', viewer(['Malaysia']))).toEqual({ kind: 'VALUES', values: ['none'] });
  });
  it('gives the date range of the first match', async () => {
    const date = yaml(
      '- if_group: Singapore',
      "  then_date_min: '2016-05-01'",
      '- if_group: Investors',
      '  then_date_max: 2020-01-31',
      '- else:',
      '  then_date_min: 1900-01-01',
    );
    expect(await run(date, 'DATE', viewer(['Investors', 'Singapore']))).toEqual({ kind: 'DATE_RANGE', min: '2016-05-01' });
    expect(await run(date, 'DATE', viewer(['Investors']))).toEqual({ kind: 'DATE_RANGE', max: '2020-01-31' });
    expect(await run(date, 'DATE', viewer([]))).toEqual({ kind: 'DATE_RANGE', min: '1900-01-01' });
  });
  it('date entries restrict only the viewers they match: everyone else keeps the dates they choose (seed 002)', async () => {
    const date = yaml('- if_group: Singapore', "  then_date_min: '2016-05-01'", '- if_group: Investors', '  then_date_max: 2020-01-31');
    expect(await run(date, 'DATE', viewer(['Singapore']))).toEqual({ kind: 'DATE_RANGE', min: '2016-05-01' });
    expect(await run(date, 'DATE', viewer([]))).toEqual({ kind: 'UNRESTRICTED' });
    expect(await run(date, 'DATE', viewer(['Malaysia']))).toEqual({ kind: 'UNRESTRICTED' });
  });
  it('a failing query entry yields no values, is reported with its line, and leaves the other entries', async () => {
    const failures: number[] = [];
    const code = yaml('- if_group: A', '  then_value: [a]', '- if_group: B', `  ds_id: ${DS}`, '  query: select id from merchants');
    const failing: QueryRunner = () => Promise.reject(new Error('relation "merchants" does not exist'));
    const result = await evaluateFilterPermission(compileFilterPermissions(code, 'DROPDOWN'), {
      filterType: 'DROPDOWN',
      viewer: viewer(['A', 'B']),
      runQuery: failing,
      onQueryError: (line) => failures.push(line),
    });
    expect(result).toEqual({ kind: 'VALUES', values: ['a'] });
    expect(failures).toEqual([3]);
  });
  it('a failure the caller names (failsEvaluation) fails the evaluation instead of yielding no values', async () => {
    const code = yaml('- if_group: A', '  then_value: [a]', '- if_group: B', `  ds_id: ${DS}`, '  query: select id from merchants');
    const busy = new Error('the data source is busy');
    const failures: number[] = [];
    const input = {
      filterType: 'DROPDOWN' as const,
      viewer: viewer(['A', 'B']),
      runQuery: (() => Promise.reject(busy)) as QueryRunner,
      onQueryError: (line: number) => failures.push(line),
    };
    await expect(evaluateFilterPermission(compileFilterPermissions(code, 'DROPDOWN'), { ...input, failsEvaluation: (e) => e === busy })).rejects.toBe(busy);
    expect(failures).toEqual([]);
    // Any other failure still yields no values for its entry.
    const other = await evaluateFilterPermission(compileFilterPermissions(code, 'DROPDOWN'), { ...input, failsEvaluation: () => false });
    expect(other).toEqual({ kind: 'VALUES', values: ['a'] });
    expect(failures).toEqual([3]);
  });
  it('a text query gives the first value it returns and runs only for the matching entry', async () => {
    const calls: string[] = [];
    const runner: QueryRunner = (ds, sql) => (calls.push(sql), Promise.resolve([{ code: 'm1' }, { code: 'm2' }]));
    const code = yaml(
      '- if_group: Other',
      `  ds_id: ${DS}`,
      '  query: select 0',
      '- if_group: Admin',
      `  ds_id: ${DS}`,
      '  query: select code from m where email = {{ $ }}',
    );
    expect(await run(code, 'TEXT', viewer(['Admin']), runner)).toEqual({ kind: 'VALUES', values: ['m1'] });
    expect(calls).toEqual(['select code from m where email = $1']);
  });
});

describe('evaluation: dropdown filters', () => {
  const groups = yaml('- if_group: A', '  then_value: [1, 2, 3]', '- if_group: B', '  then_value: [2, 3, 4]', '- if_group: C', '  then_value: [3, 4, 5]');
  const withExpr = (expression: string) => `${groups}\nexpression: ${expression}`;
  const values = async (code: string, g: string[]) => ((await run(code, 'DROPDOWN', viewer(g))) as { values: string[] }).values;

  it('unions every matching entry by default; no match permits nothing', async () => {
    expect(await values(groups, ['A', 'C'])).toEqual(['1', '2', '3', '4', '5']);
    expect(await values(groups, ['b'])).toEqual(['2', '3', '4']);
    expect(await values(groups, ['Z'])).toEqual([]);
  });
  it('combines with union, intersect and parentheses; an absent group adds nothing to a union, empties an intersect', async () => {
    expect(await values(withExpr('A union (B intersect C)'), ['A', 'B', 'C'])).toEqual(['1', '2', '3', '4']);
    expect(await values(withExpr('A union (B intersect C)'), ['A', 'B'])).toEqual(['1', '2', '3']);
    expect(await values(withExpr('A union (B intersect C)'), ['B', 'C'])).toEqual(['3', '4']);
    expect(await values(withExpr('(A union B) intersect C'), ['A', 'C'])).toEqual(['3']);
    expect(await values(withExpr('A union B intersect C'), ['A'])).toEqual(['1', '2', '3']);
    expect(await values(withExpr('A intersect B intersect C'), ['A', 'B', 'C'])).toEqual(['3']);
    expect(await values(withExpr('A intersect B union C'), ['C'])).toEqual(['3', '4', '5']);
  });
  it('adds matching if_user entries to the expression result; matches quoted group names with spaces', async () => {
    const code = yaml(
      "- if_group: 'Sales Team'",
      '  then_value: [s]',
      '- if_group: Ops',
      '  then_value: [o]',
      '- if_user: ann@example.com',
      '  then_value: [u]',
      'expression: "\'sales team\' intersect Ops"',
    );
    expect(await values(code, ['Sales Team', 'Ops'])).toEqual(['u']);
    expect(await values(code.replace('then_value: [o]', 'then_value: [o, s]'), ['Sales Team', 'Ops'])).toEqual(['s', 'u']);
  });
  it('unions query rows of every matching entry', async () => {
    const runner: QueryRunner = (_ds, _sql, params) => Promise.resolve([['x'], { id: 7 }, 'y', null, { id: null }, params.length]);
    const code = yaml('- if_group: A', '  then_value: [a]', '- if_group: B', `  ds_id: ${DS}`, '  query: select id from merchants');
    expect(await run(code, 'DROPDOWN', viewer(['A', 'B']), runner)).toEqual({ kind: 'VALUES', values: ['a', 'x', '7', 'y', '0'] });
  });
});

describe('the viewer email is a bound parameter', () => {
  const hostile = [
    "o'brien@example.com",
    "x@y.z'; drop table users; --",
    'a@b.c -- comment',
    '$1@example.com',
    'back\\slash@example.com',
    'ünïcødé@例え.jp',
    '{{ $ }}@example.com',
    "'' OR 1=1 --@x.y",
  ];
  it('leaves the SQL text identical for every email and passes the email as $1', async () => {
    const code = yaml('- if_group: Admin', `  ds_id: ${DS}`, '  query: select m.id from merchants m join users u on m.admin_id = u.id where u.email = {{ $ }}');
    const seen: { sql: string; params: readonly unknown[] }[] = [];
    const runner: QueryRunner = (_ds, sql, params) => (seen.push({ sql, params }), Promise.resolve([]));
    for (const email of hostile) await run(code, 'DROPDOWN', viewer(['Admin'], email), runner);
    expect(new Set(seen.map((s) => s.sql))).toEqual(new Set(['select m.id from merchants m join users u on m.admin_id = u.id where u.email = $1']));
    expect(seen.map((s) => s.params)).toEqual(hostile.map((email) => [email]));
  });
  it('passes no parameter when the query has no {{ $ }}', async () => {
    const seen: (readonly unknown[])[] = [];
    const runner: QueryRunner = (_ds, _sql, params) => (seen.push(params), Promise.resolve([]));
    await run(yaml('- if_group: A', `  ds_id: ${DS}`, '  query: select id from merchants'), 'DROPDOWN', viewer(['A'], hostile[1]), runner);
    expect(seen).toEqual([[]]);
  });
});

describe('code that governs a filter', () => {
  it("the child's code wins when present, else the parent's, else none", () => {
    expect(effectivePermission('child', 'parent')).toBe('child');
    expect(effectivePermission('  \n', 'parent')).toBe('parent');
    expect(effectivePermission(null, 'parent')).toBe('parent');
    expect(effectivePermission(undefined, null)).toBeNull();
  });
  it('no code is unrestricted; stored code that no longer validates permits nothing', async () => {
    const input = { filterType: 'DROPDOWN' as const, viewer: viewer(['A']), runQuery: noQuery };
    expect(await evaluatePermissionCode(null, input)).toEqual({ kind: 'UNRESTRICTED' });
    expect(await evaluatePermissionCode(yaml('- if_group: A', '  then_value: a'), input)).toEqual({ kind: 'VALUES', values: ['a'] });
    expect(await evaluatePermissionCode(yaml('- if_group: A', '  then_sql: a'), input)).toEqual({ kind: 'VALUES', values: [] });
    expect(await evaluatePermissionCode(PRODUCT_EXAMPLE, input)).toEqual({ kind: 'VALUES', values: [] });
  });
});
