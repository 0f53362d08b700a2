/**
 * Prints the SQL AST (ast.ts) as PostgreSQL text plus bound values. Identifiers are always quoted;
 * values are always `$n` parameters with an explicit cast; every compound expression is
 * parenthesised, so precedence never depends on the input and no two `-` ever touch (no `--`).
 */
import type { Join, PgType, Select, SqlExpr, TableRef } from './ast.ts';

export interface PrintedSql {
  text: string;
  values: unknown[];
}

const PG_TYPES: ReadonlySet<PgType> = new Set(['text', 'numeric', 'date', 'timestamptz', 'boolean', 'integer']);

/** `"name"`, doubling embedded quotes. Names come from validated definitions; NUL is refused anyway. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new Error('invalid SQL identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

class Printer {
  readonly values: unknown[] = [];

  private bind(value: unknown, type: PgType, array: boolean): string {
    if (!PG_TYPES.has(type)) throw new Error(`unknown parameter type ${String(type)}`);
    this.values.push(value);
    return `$${this.values.length}::${type}${array ? '[]' : ''}`;
  }

  private table(ref: TableRef): string {
    return `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.table)} as ${quoteIdentifier(ref.alias)}`;
  }

  private join(join: Join): string {
    return `${join.type} join ${this.table(join.table)} on ${this.expr(join.on)}`;
  }

  expr(e: SqlExpr): string {
    switch (e.kind) {
      case 'column':
        return `${quoteIdentifier(e.table)}.${quoteIdentifier(e.column)}`;
      case 'param':
        return this.bind(e.value, e.type, e.array === true);
      case 'const':
        return e.value;
      case 'unary':
        return e.op === '-' ? `(- ${this.expr(e.operand)})` : `(not ${this.expr(e.operand)})`;
      case 'binary':
        return `(${this.expr(e.left)} ${e.op} ${this.expr(e.right)})`;
      case 'and':
      case 'or':
        if (e.items.length === 0) return e.kind === 'and' ? 'true' : 'false';
        return `(${e.items.map((item) => this.expr(item)).join(` ${e.kind} `)})`;
      case 'call':
        return `${e.name}(${e.distinct ? 'distinct ' : ''}${e.args.map((arg) => this.expr(arg)).join(', ')})`;
      case 'cast':
        if (!PG_TYPES.has(e.type)) throw new Error(`unknown cast type ${String(e.type)}`);
        return `(${this.expr(e.expr)})::${e.type}`;
      case 'case': {
        const whens = e.whens.map((w) => `when ${this.expr(w.when)} then ${this.expr(w.then)}`).join(' ');
        return `(case ${whens}${e.else ? ` else ${this.expr(e.else)}` : ''} end)`;
      }
      case 'quantified':
        return `(${this.expr(e.expr)} ${e.op} ${e.quantifier}(${this.expr(e.list)}))`;
      case 'isNull':
        return `(${this.expr(e.expr)} is ${e.negated ? 'not ' : ''}null)`;
      case 'between':
        return `(${this.expr(e.expr)} between ${this.expr(e.low)} and ${this.expr(e.high)})`;
      case 'like':
        return `(${this.expr(e.expr)} ${e.insensitive ? 'ilike' : 'like'} ${this.expr(e.pattern)})`;
      case 'exists':
        return `exists (${this.select(e.query, ' ')})`;
    }
  }

  select(s: Select, separator = '\n'): string {
    const lines: string[] = [];
    const columns = s.columns.length ? s.columns.map((c) => `${this.expr(c.expr)} as ${quoteIdentifier(c.alias)}`).join(', ') : '1';
    lines.push(`select ${columns}`);
    lines.push(`from ${this.table(s.from)}`);
    for (const join of s.joins) lines.push(this.join(join));
    if (s.where.length) lines.push(`where ${s.where.map((w) => this.expr(w)).join(' and ')}`);
    if (s.groupBy.length) lines.push(`group by ${s.groupBy.map((g) => this.expr(g)).join(', ')}`);
    if (s.orderBy.length) lines.push(`order by ${s.orderBy.map((o) => `${quoteIdentifier(o.alias)} ${o.direction}`).join(', ')}`);
    if (s.limit !== undefined) lines.push(`limit ${this.bind(s.limit, 'integer', false)}`);
    if (s.offset !== undefined) lines.push(`offset ${this.bind(s.offset, 'integer', false)}`);
    return lines.join(separator);
  }
}

/** The statement's text (with `$n` placeholders) and its values, in placeholder order. */
export function printSelect(select: Select): PrintedSql {
  const printer = new Printer();
  const text = printer.select(select);
  return { text, values: printer.values };
}

/** One expression on its own (tests and diagnostics); parameters are numbered from `$1`. */
export function printExpr(expr: SqlExpr): PrintedSql {
  const printer = new Printer();
  const text = printer.expr(expr);
  return { text, values: printer.values };
}
