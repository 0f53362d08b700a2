/**
 * Reads filter permission code (YAML, PRODUCT.md §6) into entries with their line numbers. Only
 * the shape is checked here; what the keys mean is checked by validate.ts.
 *
 * Two forms are accepted (docs/filter-permissions.md):
 * - a list of entries, in which `expression: ...` may be written as a list item of its own
 *   (`- expression: ...`) or, as in PRODUCT.md §6, as a line at column 0 (`expression: ...`);
 * - a mapping `{ rules: [entries], expression: ... }`.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export const MAX_CODE_BYTES = 20 * 1024;
export const MAX_ENTRIES = 200;

/** Invalid code: the 1-based line at fault and the reason. */
export class FilterPermissionError extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'FilterPermissionError';
    this.line = line;
    this.reason = reason;
  }
}

/** One `key: value` of an entry. A value is a scalar (always a string) or a flat list of them. */
export interface RawField {
  line: number;
  value: string | string[];
  /** true for an empty plain value (`else:`), `~` or `null` */
  empty: boolean;
}

export interface RawEntry {
  line: number;
  fields: Map<string, RawField>;
}

export interface ParsedCode {
  entries: RawEntry[];
  expression: { text: string; line: number } | null;
}

/** The line of the first byte beyond MAX_CODE_BYTES, or 0 when the code fits. */
function lineBeyondLimit(code: string): number {
  if (Buffer.byteLength(code, 'utf8') <= MAX_CODE_BYTES) return 0;
  let bytes = 0;
  let line = 1;
  for (const ch of code) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > MAX_CODE_BYTES) return line;
    if (ch === '\n') line++;
  }
  return line;
}

/** The index of the first control character other than tab, line feed and carriage return, or -1. */
function firstControlCharacter(code: string): number {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return i;
  }
  return -1;
}

/**
 * PRODUCT.md §6 writes `expression:` at column 0 after a block list, which YAML alone refuses.
 * When the document is a block list, such a line (and its indented continuation lines) becomes
 * the list item `- expression: ...`; line numbers stay the same.
 */
function liftTopLevelExpression(code: string): string {
  const lines = code.split('\n');
  const first = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#') && !l.startsWith('---'));
  if (first === undefined || !/^-(\s|$)/.test(first)) return code;
  let inExpression = false;
  return lines
    .map((line) => {
      if (/^expression[ \t]*:(\s|$)/.test(line)) {
        inExpression = true;
        return `- ${line}`;
      }
      if (inExpression && /^[ \t]/.test(line)) return `  ${line}`;
      if (line.trim() !== '') inExpression = false;
      return line;
    })
    .join('\n');
}

export function parseFilterPermissions(code: string): ParsedCode {
  const tooLarge = lineBeyondLimit(code);
  if (tooLarge) throw new FilterPermissionError(tooLarge, `permission code is larger than ${MAX_CODE_BYTES} bytes`);
  const control = firstControlCharacter(code);
  if (control >= 0) throw new FilterPermissionError(code.slice(0, control).split('\n').length, 'control characters are not allowed');

  const counter = new LineCounter();
  const doc = parseDocument(liftTopLevelExpression(code), { lineCounter: counter, schema: 'failsafe', uniqueKeys: true });
  const lineOf = (node: Located): number => (node?.range ? counter.linePos(node.range[0]!).line : 1);
  const fail: Fail = (node, reason) => {
    throw new FilterPermissionError(lineOf(node), reason);
  };

  const error = doc.errors[0];
  if (error) {
    const reason = error.message.split(/ at line \d+/)[0] ?? error.message;
    throw new FilterPermissionError(error.linePos?.[0].line ?? 1, reason.charAt(0).toLowerCase() + reason.slice(1));
  }

  let expression: ParsedCode['expression'] = null;
  const setExpression = (keyNode: Located, valueNode: unknown) => {
    if (expression) fail(keyNode, 'expression is given more than once');
    if (!isScalar(valueNode) || String(valueNode.value).trim() === '') return fail(keyNode, 'expression must be a text such as: A union (B intersect C)');
    expression = { text: String(valueNode.value), line: lineOf(keyNode) };
  };

  const root = doc.contents;
  let items: unknown[];
  if (isSeq(root)) {
    items = root.items;
  } else if (isMap(root)) {
    let rules: unknown = null;
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'rules') rules = pair.value;
      else if (key === 'expression') setExpression(pair.key as Located, pair.value);
      else fail(pair.key as Located, `unknown key '${key}' (expected rules and expression)`);
    }
    if (!isSeq(rules)) return fail(root, 'rules must be a list of entries');
    items = rules.items;
  } else {
    return fail(root, 'permission code must be a list of entries');
  }

  const entries: RawEntry[] = [];
  for (const item of items) {
    if (isAlias(item)) fail(item, 'aliases are not allowed');
    if (!isMap(item)) return fail(item as Located, 'an entry must be a mapping such as: if_group: Sales');
    const [first, second] = item.items;
    if (first && isScalar(first.key) && first.key.value === 'expression') {
      if (second) fail(second.key as Located, 'expression must be an item of its own');
      setExpression(first.key, first.value);
      continue;
    }
    if (entries.length === MAX_ENTRIES) fail(item, `at most ${MAX_ENTRIES} entries are allowed`);
    const fields = new Map<string, RawField>();
    for (const pair of item.items) {
      if (!isScalar(pair.key)) return fail(item, 'keys must be plain words');
      const key = String(pair.key.value);
      const line = lineOf(pair.key);
      if (key === 'expression') fail(pair.key, 'expression must be an item of its own');
      fields.set(key, readValue(pair.value, line, fail));
    }
    entries.push({ line: lineOf(item), fields });
  }
  if (entries.length === 0) fail(root, 'permission code needs at least one entry');
  return { entries, expression };
}

type Located = { range?: readonly number[] | null } | null | undefined;
type Fail = (node: Located, reason: string) => never;

function readValue(value: unknown, line: number, fail: Fail): RawField {
  if (value === null || value === undefined) return { line, value: '', empty: true };
  if (isAlias(value)) return fail(value, 'aliases are not allowed');
  if (isScalar(value)) {
    const text = String(value.value);
    const plain = value.type === 'PLAIN';
    return { line, value: text, empty: plain && (text === '' || text === '~' || text === 'null') };
  }
  if (isSeq(value)) {
    const list = value.items.map((item) => {
      if (isAlias(item)) return fail(item, 'aliases are not allowed');
      if (!isScalar(item)) return fail(item as Located, 'a list may only hold plain values');
      return String(item.value);
    });
    return { line, value: list, empty: false };
  }
  return fail(value as Located, 'a value must be text or a list of texts');
}
