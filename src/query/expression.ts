/**
 * The business-calculation language (PRODUCT.md §2): a small, safe expression language over a
 * dataset's fields. This module only tokenizes, parses and validates; it never produces SQL.
 *
 *   expr       := or
 *   or         := and (OR and)*
 *   and        := not (AND not)*
 *   not        := NOT not | comparison
 *   comparison := additive (('=' | '!=' | '<' | '<=' | '>' | '>=') additive)?
 *   additive   := term (('+' | '-') term)*
 *   term       := unary (('*' | '/') unary)*
 *   unary      := '-' unary | primary
 *   primary    := number | 'string' | model.field | FUNC '(' expr (',' expr)* ')'
 *               | CASE (WHEN expr THEN expr)+ (ELSE expr)? END | '(' expr ')'
 *
 * Anything else is rejected with the 0-based character position of the offending input:
 * statement separators, comments, quoted identifiers, casts, bare identifiers, unknown functions.
 */
import { AGGREGATE_FUNCTIONS, ExpressionError, tokenize, type SCALAR_FUNCTIONS, type Token } from './expression-tokens.ts';

export { AGGREGATE_FUNCTIONS, ExpressionError, SCALAR_FUNCTIONS } from './expression-tokens.ts';

export type FunctionName = (typeof AGGREGATE_FUNCTIONS)[number] | (typeof SCALAR_FUNCTIONS)[number];

/** Allowed argument counts per function: [min, max]. */
const ARITY: Record<FunctionName, readonly [number, number]> = {
  SUM: [1, 1],
  COUNT: [1, 1],
  COUNT_DISTINCT: [1, 1],
  AVG: [1, 1],
  MIN: [1, 1],
  MAX: [1, 1],
  COALESCE: [2, 16],
  ROUND: [1, 2],
  ABS: [1, 1],
};
const AGGREGATES: ReadonlySet<string> = new Set(AGGREGATE_FUNCTIONS);

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | 'AND' | 'OR';

/** Every node carries the 0-based position of its first character in the source text. */
export type Expr =
  | { kind: 'number'; value: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'field'; model: string; field: string; position: number }
  | { kind: 'unary'; op: '-' | 'NOT'; operand: Expr; position: number }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; position: number }
  | { kind: 'call'; name: FunctionName; args: Expr[]; position: number }
  | { kind: 'case'; whens: { when: Expr; then: Expr }[]; else: Expr | null; position: number };

export interface ParsedExpression {
  ast: Expr;
  /** The distinct `model.field` references, in order of first appearance. */
  fields: string[];
}

export interface ParseOptions {
  /** When given, a reference to a `model.field` outside this set is an error (with its position). */
  knownFields?: ReadonlySet<string>;
}

export const MAX_EXPRESSION_LENGTH = 2000;
const MAX_DEPTH = 40;
const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const FIELD_PART = /^[a-z][a-z0-9_]{0,62}$/;

class Parser {
  private index = 0;
  private depth = 0;
  readonly fields: string[] = [];
  private readonly tokens: Token[];
  private readonly options: ParseOptions;

  constructor(tokens: Token[], options: ParseOptions) {
    this.tokens = tokens;
    this.options = options;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }

  private isKeyword(value: string): boolean {
    const token = this.peek();
    return token.type === 'keyword' && token.value === value;
  }

  private expectOp(value: string, context: string): Token {
    if (!this.isOp(value)) throw this.unexpected(`Expected "${value}" ${context}`);
    return this.next();
  }

  private expectKeyword(value: string, context: string): Token {
    if (!this.isKeyword(value)) throw this.unexpected(`Expected ${value} ${context}`);
    return this.next();
  }

  private unexpected(expected: string): ExpressionError {
    const token = this.peek();
    const found = token.type === 'end' ? 'the end of the expression' : `"${token.text}"`;
    return new ExpressionError(`${expected}, found ${found} at position ${token.position}`, token.position);
  }

  parse(): Expr {
    const expr = this.expression();
    if (this.peek().type !== 'end') throw this.unexpected('Expected an operator or the end of the expression');
    return expr;
  }

  private expression(): Expr {
    return this.nested(() => this.or());
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword('OR')) {
      const op = this.next();
      left = { kind: 'binary', op: 'OR', left, right: this.and(), position: op.position };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword('AND')) {
      const op = this.next();
      left = { kind: 'binary', op: 'AND', left, right: this.not(), position: op.position };
    }
    return left;
  }

  private not(): Expr {
    if (!this.isKeyword('NOT')) return this.comparison();
    const op = this.next();
    return { kind: 'unary', op: 'NOT', operand: this.nested(() => this.not()), position: op.position };
  }

  private comparison(): Expr {
    const left = this.additive();
    const token = this.peek();
    if (token.type !== 'op' || !COMPARISONS.has(token.value)) return left;
    this.next();
    const right = this.additive();
    const after = this.peek();
    if (after.type === 'op' && COMPARISONS.has(after.value)) {
      throw new ExpressionError(`Comparisons cannot be chained; use AND at position ${after.position}`, after.position);
    }
    return { kind: 'binary', op: token.value as ComparisonOperator, left, right, position: token.position };
  }

  private additive(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      left = { kind: 'binary', op: op.value as ArithmeticOperator, left, right: this.term(), position: op.position };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next();
      left = { kind: 'binary', op: op.value as ArithmeticOperator, left, right: this.unary(), position: op.position };
    }
    return left;
  }

  private unary(): Expr {
    if (!this.isOp('-')) return this.primary();
    const op = this.next();
    return { kind: 'unary', op: '-', operand: this.nested(() => this.unary()), position: op.position };
  }

  /** Bounds recursion: sub-expressions and prefix-operator chains (e.g. `- - - - x`) count. */
  private nested(parse: () => Expr): Expr {
    this.depth += 1;
    try {
      if (this.depth > MAX_DEPTH) {
        const position = this.peek().position;
        throw new ExpressionError(`The expression is nested too deeply at position ${position}`, position);
      }
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case 'number':
        this.next();
        return { kind: 'number', value: token.value, position: token.position };
      case 'string':
        this.next();
        return { kind: 'string', value: token.value, position: token.position };
      case 'field':
        this.next();
        return this.field(token);
      case 'function':
        this.next();
        return this.call(token);
      case 'keyword':
        if (token.value === 'CASE') return this.caseExpr();
        break;
      case 'op':
        if (token.value === '(') {
          this.next();
          const inner = this.expression();
          this.expectOp(')', 'to close the parenthesis');
          return inner;
        }
        break;
      case 'end':
        break;
    }
    throw this.unexpected("Expected a number, a 'string', a model.field reference, a function or CASE");
  }

  private field(token: Token): Expr {
    const [model = '', field = ''] = token.value.split('.');
    if (!FIELD_PART.test(model) || !FIELD_PART.test(field)) {
      throw new ExpressionError(`"${token.text}" at position ${token.position} is not a field reference (model.field, lower case)`, token.position);
    }
    const ref = `${model}.${field}`;
    if (this.options.knownFields && !this.options.knownFields.has(ref)) {
      throw new ExpressionError(`Unknown field "${ref}" at position ${token.position}`, token.position);
    }
    if (!this.fields.includes(ref)) this.fields.push(ref);
    return { kind: 'field', model, field, position: token.position };
  }

  private call(token: Token): Expr {
    const name = token.value as FunctionName;
    this.expectOp('(', `after ${name}`);
    const args: Expr[] = [this.expression()];
    while (this.isOp(',')) {
      this.next();
      args.push(this.expression());
    }
    this.expectOp(')', `to close ${name}(`);
    const [min, max] = ARITY[name];
    if (args.length < min || args.length > max) {
      const count = min === max ? `${min}` : `${min} to ${max}`;
      throw new ExpressionError(`${name} takes ${count} argument${max === 1 ? '' : 's'} at position ${token.position}`, token.position);
    }
    if (AGGREGATES.has(name)) {
      const inner = args.map(findAggregate).find((found) => found !== undefined);
      if (inner) {
        throw new ExpressionError(`Aggregate functions cannot be nested (${inner.name} inside ${name}) at position ${inner.position}`, inner.position);
      }
    }
    return { kind: 'call', name, args, position: token.position };
  }

  private caseExpr(): Expr {
    const start = this.next();
    const whens: { when: Expr; then: Expr }[] = [];
    do {
      this.expectKeyword('WHEN', 'in CASE');
      const when = this.expression();
      this.expectKeyword('THEN', 'after the WHEN condition');
      whens.push({ when, then: this.expression() });
    } while (this.isKeyword('WHEN'));
    let otherwise: Expr | null = null;
    if (this.isKeyword('ELSE')) {
      this.next();
      otherwise = this.expression();
    }
    this.expectKeyword('END', 'to close CASE');
    return { kind: 'case', whens, else: otherwise, position: start.position };
  }
}

/** The first aggregate call inside `expr` (itself included), if any. */
function findAggregate(expr: Expr): { name: string; position: number } | undefined {
  switch (expr.kind) {
    case 'call':
      if (AGGREGATES.has(expr.name)) return { name: expr.name, position: expr.position };
      return expr.args.map(findAggregate).find((found) => found !== undefined);
    case 'unary':
      return findAggregate(expr.operand);
    case 'binary':
      return findAggregate(expr.left) ?? findAggregate(expr.right);
    case 'case':
      return [...expr.whens.flatMap((w) => [w.when, w.then]), ...(expr.else ? [expr.else] : [])].map(findAggregate).find((found) => found !== undefined);
    default:
      return undefined;
  }
}

/**
 * Parses a business calculation. Throws `ExpressionError` (with `position`) for anything outside
 * the language, and for references to fields not in `options.knownFields` when that is given.
 */
export function parseExpression(source: string, options: ParseOptions = {}): ParsedExpression {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`The expression must be at most ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  }
  const parser = new Parser(tokenize(source), options);
  const ast = parser.parse();
  return { ast, fields: parser.fields };
}
