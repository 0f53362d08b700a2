/**
 * Business calculations (expression.ts) as SQL AST nodes. Field references resolve through the
 * dataset definition into quoted columns; number and string literals become bound parameters;
 * function names map onto a fixed list. Division is safe: `a / b` is `a::numeric / nullif(b, 0)`,
 * so a zero denominator gives NULL instead of failing the whole query.
 */
import type { FieldType } from './definition.ts';
import { constant, param, type SqlExpr, type SqlFunction } from './ast.ts';
import type { Expr, FunctionName } from './expression.ts';

export type ResolveField = (model: string, field: string) => { sql: SqlExpr; type: FieldType };

const FUNCTIONS: Readonly<Record<FunctionName, SqlFunction>> = {
  SUM: 'sum',
  COUNT: 'count',
  COUNT_DISTINCT: 'count',
  AVG: 'avg',
  MIN: 'min',
  MAX: 'max',
  COALESCE: 'coalesce',
  ROUND: 'round',
  ABS: 'abs',
};
const AGGREGATES: ReadonlySet<FunctionName> = new Set(['SUM', 'COUNT', 'COUNT_DISTINCT', 'AVG', 'MIN', 'MAX']);

function call(e: Extract<Expr, { kind: 'call' }>, resolve: ResolveField): SqlExpr {
  const args = e.args.map((arg) => calculationToSql(arg, resolve));
  if (e.name === 'ROUND') {
    // round(numeric, integer) is the only two-argument form; a float argument needs the cast too.
    const [value, places] = args;
    const numeric: SqlExpr = { kind: 'cast', expr: value!, type: 'numeric' };
    return { kind: 'call', name: 'round', args: places ? [numeric, { kind: 'cast', expr: places, type: 'integer' }] : [numeric] };
  }
  return { kind: 'call', name: FUNCTIONS[e.name], args, ...(e.name === 'COUNT_DISTINCT' ? { distinct: true } : {}) };
}

/** The SQL of a parsed calculation; `resolve` maps `model.field` to its column (and type). */
export function calculationToSql(e: Expr, resolve: ResolveField): SqlExpr {
  switch (e.kind) {
    case 'number':
      return param(e.value, 'numeric');
    case 'string':
      return param(e.value, 'text');
    case 'field':
      return resolve(e.model, e.field).sql;
    case 'unary':
      return { kind: 'unary', op: e.op === 'NOT' ? 'not' : '-', operand: calculationToSql(e.operand, resolve) };
    case 'binary': {
      const left = calculationToSql(e.left, resolve);
      const right = calculationToSql(e.right, resolve);
      switch (e.op) {
        case 'AND':
        case 'OR':
          return { kind: e.op === 'AND' ? 'and' : 'or', items: [left, right] };
        case '/':
          return {
            kind: 'binary',
            op: '/',
            left: { kind: 'cast', expr: left, type: 'numeric' },
            right: { kind: 'call', name: 'nullif', args: [right, constant('0')] },
          };
        case '!=':
          return { kind: 'binary', op: '<>', left, right };
        default:
          return { kind: 'binary', op: e.op, left, right };
      }
    }
    case 'call':
      return call(e, resolve);
    case 'case':
      return {
        kind: 'case',
        whens: e.whens.map((w) => ({ when: calculationToSql(w.when, resolve), then: calculationToSql(w.then, resolve) })),
        else: e.else ? calculationToSql(e.else, resolve) : null,
      };
  }
}

/** The result type of a calculation, as far as it can be told without running it. */
export function calculationType(e: Expr, resolve: ResolveField): FieldType {
  switch (e.kind) {
    case 'number':
      return 'NUMBER';
    case 'string':
      return 'STRING';
    case 'field':
      return resolve(e.model, e.field).type;
    case 'unary':
      return e.op === 'NOT' ? 'BOOLEAN' : 'NUMBER';
    case 'binary':
      return ['+', '-', '*', '/'].includes(e.op) ? 'NUMBER' : 'BOOLEAN';
    case 'call':
      if (e.name === 'MIN' || e.name === 'MAX' || e.name === 'COALESCE') return calculationType(e.args[0]!, resolve);
      return 'NUMBER';
    case 'case':
      return calculationType(e.whens[0]!.then, resolve);
  }
}

/** The first field reference that is not inside an aggregate function (a measure must have none). */
export function fieldOutsideAggregate(e: Expr): Extract<Expr, { kind: 'field' }> | undefined {
  switch (e.kind) {
    case 'field':
      return e;
    case 'unary':
      return fieldOutsideAggregate(e.operand);
    case 'binary':
      return fieldOutsideAggregate(e.left) ?? fieldOutsideAggregate(e.right);
    case 'call':
      return AGGREGATES.has(e.name) ? undefined : e.args.map(fieldOutsideAggregate).find(Boolean);
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])].map(fieldOutsideAggregate).find(Boolean);
    default:
      return undefined;
  }
}
