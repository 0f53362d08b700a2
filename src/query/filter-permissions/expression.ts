/**
 * The `expression:` mini-language of dropdown filter permissions (docs/filter-permissions.md):
 * how the values of the viewer's groups combine.
 *
 *   expression := union
 *   union      := intersect (UNION intersect)*        -- left-associative
 *   intersect  := primary (INTERSECT primary)*        -- binds tighter than UNION, as in SQL
 *   primary    := name | '(' union ')'
 *   name       := bare | quoted
 *   bare       := one or more characters other than whitespace, ( ) ' and "  (not a keyword)
 *   quoted     := ' (any character but ', or '' for a quote)* '
 *
 * Keywords (`union`, `intersect`) are case-insensitive. Group names are compared
 * case-insensitively, like group names in a tenant.
 */

export type ExprNode = { kind: 'GROUP'; name: string; key: string; column: number } | { kind: 'UNION' | 'INTERSECT'; left: ExprNode; right: ExprNode };

/** A syntax error; `column` is 1-based within the expression text. */
export class ExpressionSyntaxError extends Error {
  readonly column: number;
  constructor(message: string, column: number) {
    super(`${message} at column ${column}`);
    this.name = 'ExpressionSyntaxError';
    this.column = column;
  }
}

type Token = { kind: 'NAME'; text: string; column: number } | { kind: 'UNION' | 'INTERSECT' | 'LPAREN' | 'RPAREN' | 'END'; column: number };

const MAX_DEPTH = 32;
const MAX_NAME_LENGTH = 200;

/** The key a group name is compared by. */
export const groupKey = (name: string): string => name.trim().toLowerCase();

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'LPAREN' : 'RPAREN', column });
      i++;
    } else if (ch === "'") {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ExpressionSyntaxError('unterminated quoted group name', column);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i];
        i++;
      }
      if (name.trim() === '') throw new ExpressionSyntaxError('empty group name', column);
      tokens.push({ kind: 'NAME', text: name, column });
    } else if (ch === '"') {
      throw new ExpressionSyntaxError('quote group names with single quotes', column);
    } else {
      const start = i;
      while (i < text.length && !/[\s()'"]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      const lower = word.toLowerCase();
      if (lower === 'union') tokens.push({ kind: 'UNION', column });
      else if (lower === 'intersect') tokens.push({ kind: 'INTERSECT', column });
      else tokens.push({ kind: 'NAME', text: word, column });
    }
  }
  tokens.push({ kind: 'END', column: text.length + 1 });
  return tokens;
}

const describe = (token: Token): string =>
  token.kind === 'NAME'
    ? `group name '${token.text}'`
    : token.kind === 'END'
      ? 'end of expression'
      : token.kind === 'LPAREN'
        ? "'('"
        : token.kind === 'RPAREN'
          ? "')'"
          : `'${token.kind.toLowerCase()}'`;

/** Parses an expression; throws ExpressionSyntaxError. */
export function parseExpression(text: string): ExprNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos]!;

  const parseUnion = (depth: number): ExprNode => {
    let left = parseIntersect(depth);
    while (peek().kind === 'UNION') {
      pos++;
      left = { kind: 'UNION', left, right: parseIntersect(depth) };
    }
    return left;
  };
  const parseIntersect = (depth: number): ExprNode => {
    let left = parsePrimary(depth);
    while (peek().kind === 'INTERSECT') {
      pos++;
      left = { kind: 'INTERSECT', left, right: parsePrimary(depth) };
    }
    return left;
  };
  const parsePrimary = (depth: number): ExprNode => {
    const token = peek();
    if (token.kind === 'NAME') {
      pos++;
      if (token.text.length > MAX_NAME_LENGTH) throw new ExpressionSyntaxError('group name is too long', token.column);
      return { kind: 'GROUP', name: token.text, key: groupKey(token.text), column: token.column };
    }
    if (token.kind === 'LPAREN') {
      if (depth >= MAX_DEPTH) throw new ExpressionSyntaxError('parentheses are nested too deeply', token.column);
      pos++;
      const inner = parseUnion(depth + 1);
      const close = peek();
      if (close.kind !== 'RPAREN') throw new ExpressionSyntaxError(`expected ')' but found ${describe(close)}`, close.column);
      pos++;
      return inner;
    }
    throw new ExpressionSyntaxError(`expected a group name or '(' but found ${describe(token)}`, token.column);
  };

  const tree = parseUnion(0);
  const rest = peek();
  if (rest.kind !== 'END') throw new ExpressionSyntaxError(`unexpected ${describe(rest)}`, rest.column);
  return tree;
}

/** The group terms of an expression, in reading order. */
export function expressionGroups(node: ExprNode): Extract<ExprNode, { kind: 'GROUP' }>[] {
  return node.kind === 'GROUP' ? [node] : [...expressionGroups(node.left), ...expressionGroups(node.right)];
}

/** A term's value: absent when the viewer is not in the group, else the group's values. */
export type TermValue = { present: false } | { present: true; values: string[] };

/**
 * Evaluates an expression. `term(key)` gives a group's value for the viewer. An absent term is
 * the identity of UNION (it contributes nothing) and makes an INTERSECT empty (it contributes
 * the empty set).
 */
export function evaluateExpression(node: ExprNode, term: (key: string) => TermValue): TermValue {
  if (node.kind === 'GROUP') return term(node.key);
  const left = evaluateExpression(node.left, term);
  const right = evaluateExpression(node.right, term);
  if (node.kind === 'UNION') {
    if (!left.present) return right;
    if (!right.present) return left;
    return { present: true, values: [...new Set([...left.values, ...right.values])] };
  }
  if (!left.present || !right.present) return { present: true, values: [] };
  const keep = new Set(right.values);
  return { present: true, values: left.values.filter((v) => keep.has(v)) };
}
