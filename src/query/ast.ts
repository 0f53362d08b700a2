/**
 * The SQL the query compiler builds (PRODUCT.md §5): a small AST that `print.ts` turns into text
 * and bound parameters. Identifiers in it come only from a dataset definition (the printer quotes
 * them); every value is a `param` node (the printer binds it as `$n`). Nothing in this AST can
 * carry raw SQL: the only constants are the keywords of `SqlConstant`.
 */
import type { FieldType } from './definition.ts';

/** Types the printer casts parameters to: every parameter is `$n::type` (or `$n::type[]`). */
export type PgType = 'text' | 'numeric' | 'date' | 'timestamptz' | 'boolean' | 'integer';

export const PG_TYPE: Readonly<Record<FieldType, PgType>> = {
  STRING: 'text',
  NUMBER: 'numeric',
  DATE: 'date',
  TIMESTAMP: 'timestamptz',
  BOOLEAN: 'boolean',
};

export type SqlConstant = 'true' | 'false' | 'null' | '0';
export type ComparisonOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithmeticOp = '+' | '-' | '*' | '/';
export type SqlFunction = 'sum' | 'count' | 'avg' | 'min' | 'max' | 'coalesce' | 'round' | 'abs' | 'nullif';

export type SqlExpr =
  /** `"table"."column"`; `table` is a model name used as the table alias. */
  | { kind: 'column'; table: string; column: string }
  /** A bound value: `$n::type`, or `$n::type[]` when `array` (the value is then a JS array). */
  | { kind: 'param'; value: unknown; type: PgType; array?: boolean }
  | { kind: 'const'; value: SqlConstant }
  | { kind: 'unary'; op: '-' | 'not'; operand: SqlExpr }
  | { kind: 'binary'; op: ComparisonOp | ArithmeticOp; left: SqlExpr; right: SqlExpr }
  /** n-ary; an empty `and` is `true`, an empty `or` is `false`. */
  | { kind: 'and' | 'or'; items: SqlExpr[] }
  | { kind: 'call'; name: SqlFunction; args: SqlExpr[]; distinct?: boolean }
  | { kind: 'cast'; expr: SqlExpr; type: PgType }
  | { kind: 'case'; whens: { when: SqlExpr; then: SqlExpr }[]; else: SqlExpr | null }
  /** `expr = any(list)` / `expr <> all(list)`; `list` is an array parameter. */
  | { kind: 'quantified'; expr: SqlExpr; op: '=' | '<>'; quantifier: 'any' | 'all'; list: SqlExpr }
  | { kind: 'isNull'; expr: SqlExpr; negated: boolean }
  | { kind: 'between'; expr: SqlExpr; low: SqlExpr; high: SqlExpr }
  /** `expr ilike pattern` with the default escape character, the backslash. */
  | { kind: 'like'; expr: SqlExpr; pattern: SqlExpr; insensitive: boolean }
  | { kind: 'exists'; query: Select };

export interface TableRef {
  schema: string;
  table: string;
  /** The model name. */
  alias: string;
}

export interface Join {
  type: 'left' | 'inner';
  table: TableRef;
  on: SqlExpr;
}

export interface Select {
  /** Empty: `select 1` (for EXISTS). */
  columns: { expr: SqlExpr; alias: string }[];
  from: TableRef;
  joins: Join[];
  /** ANDed. */
  where: SqlExpr[];
  groupBy: SqlExpr[];
  /** By output column alias. */
  orderBy: { alias: string; direction: 'asc' | 'desc' }[];
  /** Bound as parameters. */
  limit?: number;
  offset?: number;
}

export const constant = (value: SqlConstant): SqlExpr => ({ kind: 'const', value });
export const column = (table: string, name: string): SqlExpr => ({ kind: 'column', table, column: name });
export const param = (value: unknown, type: PgType): SqlExpr => ({ kind: 'param', value, type });
export const arrayParam = (values: unknown[], type: PgType): SqlExpr => ({ kind: 'param', value: values, type, array: true });
export const and = (items: SqlExpr[]): SqlExpr => (items.length === 1 ? items[0]! : { kind: 'and', items });
