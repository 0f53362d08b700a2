import { describe, expect, it } from 'vitest';
import { ExpressionError, MAX_EXPRESSION_LENGTH, parseExpression, type Expr } from '../../src/query/expression.ts';

/** A compact, fully parenthesised rendering of the AST, to assert structure and precedence. */
function show(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'string':
      return `'${expr.value}'`;
    case 'field':
      return `${expr.model}.${expr.field}`;
    case 'unary':
      return `(${expr.op} ${show(expr.operand)})`;
    case 'binary':
      return `(${show(expr.left)} ${expr.op} ${show(expr.right)})`;
    case 'call':
      return `${expr.name}(${expr.args.map(show).join(', ')})`;
    case 'case':
      return `CASE${expr.whens.map((w) => ` WHEN ${show(w.when)} THEN ${show(w.then)}`).join('')}${expr.else ? ` ELSE ${show(expr.else)}` : ''} END`;
  }
}

const parsed = (source: string) => show(parseExpression(source).ast);

function errorOf(source: string, options?: Parameters<typeof parseExpression>[1]): ExpressionError {
  try {
    parseExpression(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`"${source}" was accepted`);
}

describe('precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['10 - 4 - 3', '((10 - 4) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['-orders.amount * 2', '((- orders.amount) * 2)'],
    ['- - 1', '(- (- 1))'],
    ['2 - -1', '(2 - (- 1))'],
    ['orders.a + 1 > orders.b * 2', '((orders.a + 1) > (orders.b * 2))'],
    ['orders.a = 1 OR orders.b = 2 AND orders.c = 3', '((orders.a = 1) OR ((orders.b = 2) AND (orders.c = 3)))'],
    ['NOT orders.a = 1 AND orders.b != 2', '((NOT (orders.a = 1)) AND (orders.b != 2))'],
    ['NOT NOT orders.flag = 1', '(NOT (NOT (orders.flag = 1)))'],
    ['(orders.a <= 1 OR orders.a >= 9) AND orders.b < 3', '(((orders.a <= 1) OR (orders.a >= 9)) AND (orders.b < 3))'],
    ['1.50 * 3', '(1.50 * 3)'],
  ])('%s', (source, expected) => {
    expect(parsed(source)).toBe(expected);
  });

  it('keywords and function names are case-insensitive', () => {
    expect(parsed('sum(orders.amount) and not orders.x = 1 or Count(orders.id) = 0')).toBe(
      '((SUM(orders.amount) AND (NOT (orders.x = 1))) OR (COUNT(orders.id) = 0))',
    );
  });
});

describe('literals, functions and CASE', () => {
  it('reads strings with doubled quotes and keeps numbers exact', () => {
    const { ast } = parseExpression("'it''s -- not a comment; /* really */'");
    expect(ast).toEqual({ kind: 'string', value: "it's -- not a comment; /* really */", position: 0 });
    expect(parseExpression('12345678901234567890.123').ast).toMatchObject({ kind: 'number', value: '12345678901234567890.123' });
  });

  it('parses every allowlisted function', () => {
    expect(parsed('SUM(orders.amount) / COUNT_DISTINCT(orders.customer_id)')).toBe('(SUM(orders.amount) / COUNT_DISTINCT(orders.customer_id))');
    expect(parsed('AVG(orders.a) + MIN(orders.a) + MAX(orders.a) + COUNT(orders.id)')).toBe(
      '(((AVG(orders.a) + MIN(orders.a)) + MAX(orders.a)) + COUNT(orders.id))',
    );
    expect(parsed('ROUND(COALESCE(SUM(orders.amount), 0) / 100, 2)')).toBe('ROUND((COALESCE(SUM(orders.amount), 0) / 100), 2)');
    expect(parsed('ABS(orders.delta)')).toBe('ABS(orders.delta)');
  });

  it('parses CASE with several WHENs and an optional ELSE', () => {
    expect(parsed("CASE WHEN orders.status = 'paid' THEN orders.amount WHEN orders.status = 'refunded' THEN -orders.amount ELSE 0 END")).toBe(
      "CASE WHEN (orders.status = 'paid') THEN orders.amount WHEN (orders.status = 'refunded') THEN (- orders.amount) ELSE 0 END",
    );
    expect(parsed('SUM(CASE WHEN orders.a > 1 THEN 1 END)')).toBe('SUM(CASE WHEN (orders.a > 1) THEN 1 END)');
  });

  it('returns the distinct referenced fields in order of appearance, and positions on nodes', () => {
    const source = 'SUM(orders.amount) / COUNT(orders.id) + MAX(orders.amount) - merchants.fee';
    const result = parseExpression(source);
    expect(result.fields).toEqual(['orders.amount', 'orders.id', 'merchants.fee']);
    expect(result.ast).toMatchObject({
      kind: 'binary',
      op: '-',
      position: source.indexOf(' - ') + 1,
      right: { kind: 'field', position: source.indexOf('merchants.fee') },
    });
  });

  it('checks references against the known fields when given, with the position', () => {
    const knownFields = new Set(['orders.amount', 'orders.id']);
    expect(parseExpression('SUM(orders.amount)', { knownFields }).fields).toEqual(['orders.amount']);
    const error = errorOf('SUM(orders.amount) / COUNT(orders.nope)', { knownFields });
    expect(error.position).toBe(27);
    expect(error.message).toBe('Unknown field "orders.nope" at position 27');
  });
});

describe('errors carry the position', () => {
  it.each([
    ['', 0, 'empty'],
    ['1 +', 3, 'found the end of the expression'],
    ['(1 + 2', 6, 'Expected ")"'],
    ['1 2', 2, 'Expected an operator'],
    ['orders.a < orders.b < 3', 20, 'cannot be chained'],
    ['orders.amount.cents', 13, 'exactly two parts'],
    ['orders.', 7, 'Expected a field name'],
    ['amount * 2', 0, 'Unknown name "amount"'],
    ['Orders.Amount', 0, 'not a field reference'],
    ['SUM orders.amount', 4, 'Expected "(" after SUM'],
    ['SUM()', 4, 'Expected a number'],
    ['ABS(1, 2)', 0, 'ABS takes 1 argument'],
    ['ROUND(1, 2, 3)', 0, 'ROUND takes 1 to 2 arguments'],
    ['COALESCE(orders.a)', 0, 'COALESCE takes 2 to 16 arguments'],
    ['SUM(1 + AVG(orders.a))', 8, 'cannot be nested (AVG inside SUM)'],
    ["'unterminated", 0, 'Unterminated string'],
    ['12abc', 0, 'Malformed number'],
    ['1.2.3', 0, 'Malformed number'],
    ['CASE WHEN orders.a = 1 THEN 2', 29, 'Expected END'],
    ['CASE orders.a WHEN 1 THEN 2 END', 5, 'Expected WHEN'],
    ['+1', 0, 'Expected a number'],
  ])('%j → position %i', (source, position, message) => {
    const error = errorOf(source);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
    expect(error.message).toContain(`at position ${position}`);
  });

  it('limits length and nesting', () => {
    expect(errorOf('1'.repeat(41)).message).toContain('at most 40 digits');
    expect(errorOf(`1 + ${'1 + '.repeat(MAX_EXPRESSION_LENGTH / 4)}1`).message).toContain(`at most ${MAX_EXPRESSION_LENGTH} characters`);
    expect(errorOf(`${'('.repeat(100)}1${')'.repeat(100)}`).message).toContain('nested too deeply');
    expect(errorOf(`${'- '.repeat(100)}1`).message).toContain('nested too deeply');
    expect(errorOf(`${'NOT '.repeat(100)}orders.a = 1`).message).toContain('nested too deeply');
  });
});

describe('hostile input is rejected, never passed through', () => {
  it.each([
    ['1; drop table users', 1, '";" is not allowed'],
    ['orders.amount -- x', 14, 'Comments are not allowed'],
    ['orders.amount --', 14, 'Comments are not allowed'],
    ['orders.amount /* */', 14, 'Comments are not allowed'],
    ['orders.amount */ 1', 14, 'Comments are not allowed'],
    ['(select 1)', 1, 'Unknown name "select"'],
    ['SELECT password_hash FROM users', 0, 'Unknown name "SELECT"'],
    ['orders.amount UNION SELECT 1', 14, 'Unknown name "UNION"'],
    ['pg_sleep(10)', 0, 'Unknown function "pg_sleep"'],
    ["current_setting ('x')", 0, 'Unknown function "current_setting"'],
    ['"orders".amount', 0, 'Unexpected character "\\""'],
    ['orders.amount::text', 13, 'Unexpected character ":"'],
    ['`orders`.amount', 0, 'Unexpected character "`"'],
    ["orders.amount || 'x'", 14, 'Unexpected character "|"'],
    ['$1 + 1', 0, 'Unexpected character "$"'],
    ['orders.amount % 2', 14, 'Unexpected character "%"'],
    ["E'\\x41'", 0, 'Unknown name "E"'],
    ['orders.amount\u0000', 13, 'Unexpected character'],
    ["'a\u0000b'", 2, 'NUL'],
    ['orders.amount ＋ 1', 14, 'Unexpected character'],
    ['1 <> 2', 3, 'Expected a number'],
    ['orders.a = ANY(ARRAY[1])', 11, 'Unknown function "ANY"'],
  ])('%j', (source, position, message) => {
    const error = errorOf(source);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });
});
