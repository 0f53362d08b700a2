/** The tokenizer of the business-calculation language (see expression.ts). */

/** A calculation outside the language; `position` is the 0-based offset of the fault in the source. */
export class ExpressionError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

export type TokenType = 'number' | 'string' | 'field' | 'function' | 'keyword' | 'op' | 'end';

export interface Token {
  type: TokenType;
  /** Normalised value: upper-case keyword or function name, decoded string, `model.field`, digits. */
  value: string;
  /** The source text of the token. */
  text: string;
  position: number;
}

export const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);
export const AGGREGATE_FUNCTIONS = ['SUM', 'COUNT', 'COUNT_DISTINCT', 'AVG', 'MIN', 'MAX'] as const;
export const SCALAR_FUNCTIONS = ['COALESCE', 'ROUND', 'ABS'] as const;
/** The function allowlist; any other name followed by "(" is an error. */
export const FUNCTIONS: ReadonlySet<string> = new Set([...AGGREGATE_FUNCTIONS, ...SCALAR_FUNCTIONS]);
const OPERATORS = ['<=', '>=', '!=', '(', ')', ',', '+', '-', '*', '/', '=', '<', '>'] as const;
const MAX_NUMBER_LENGTH = 40;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined) => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdentPart = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Splits `source` into tokens; the last one is always `end`. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, position: number) => new ExpressionError(`${message} at position ${position}`, position);
  const identifierAt = (start: number) => {
    let end = start;
    while (isIdentPart(source[end])) end += 1;
    return end;
  };

  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    if (isSpace(c)) {
      i += 1;
      continue;
    }
    const pair = source.slice(i, i + 2);
    if (pair === '--' || pair === '/*' || pair === '*/') throw fail('Comments are not allowed', i);
    if (c === ';') throw fail('";" is not allowed: an expression is not a statement', i);

    if (isDigit(c)) {
      while (isDigit(source[i])) i += 1;
      if (source[i] === '.' && isDigit(source[i + 1])) {
        i += 1;
        while (isDigit(source[i])) i += 1;
      }
      if (isIdentPart(source[i]) || source[i] === '.') throw fail('Malformed number', start);
      const text = source.slice(start, i);
      if (text.length > MAX_NUMBER_LENGTH) throw fail(`Numbers may have at most ${MAX_NUMBER_LENGTH} digits`, start);
      tokens.push({ type: 'number', value: text, text, position: start });
      continue;
    }

    if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= source.length) throw fail('Unterminated string', start);
        const ch = source[i]!;
        if (ch === "'") {
          if (source[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (ch === '\0') throw fail('Strings may not contain NUL characters', i);
        value += ch;
        i += 1;
      }
      tokens.push({ type: 'string', value, text: source.slice(start, i), position: start });
      continue;
    }

    if (isIdentStart(c)) {
      i = identifierAt(i);
      const word = source.slice(start, i);
      if (source[i] === '.') {
        if (!isIdentStart(source[i + 1])) throw fail('Expected a field name after "."', i + 1);
        i = identifierAt(i + 1);
        if (source[i] === '.') throw fail('A field reference has exactly two parts, model.field', i);
        const text = source.slice(start, i);
        tokens.push({ type: 'field', value: text, text, position: start });
        continue;
      }
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper)) {
        tokens.push({ type: 'keyword', value: upper, text: word, position: start });
        continue;
      }
      if (FUNCTIONS.has(upper)) {
        tokens.push({ type: 'function', value: upper, text: word, position: start });
        continue;
      }
      let after = i;
      while (isSpace(source[after])) after += 1;
      if (source[after] === '(') throw fail(`Unknown function "${word}"`, start);
      throw fail(`Unknown name "${word}": refer to fields as model.field`, start);
    }

    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op) {
      tokens.push({ type: 'op', value: op, text: op, position: start });
      i += op.length;
      continue;
    }
    throw fail(`Unexpected character ${JSON.stringify(c)}`, i);
  }
  if (tokens.length === 0) throw fail('The expression is empty', 0);
  tokens.push({ type: 'end', value: '', text: '', position: source.length });
  return tokens;
}
