/**
 * Save-time validation of filter permission code (PRODUCT.md §6, docs/filter-permissions.md):
 * turns the parsed entries into a program that evaluate.ts runs, or throws
 * FilterPermissionError with the 1-based line and the reason.
 */
import { isUuid } from '../../db/ids.ts';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from '../../errors.ts';
import type { FilterType } from './filter-type.ts';
import { expressionGroups, ExpressionSyntaxError, groupKey, parseExpression, type ExprNode } from './expression.ts';
import { FilterPermissionError, parseFilterPermissions, type RawEntry, type RawField } from './parse.ts';

export type Condition = { kind: 'GROUP'; name: string; key: string } | { kind: 'USER'; email: string } | { kind: 'ELSE' };

export type Outcome =
  | { kind: 'VALUES'; values: string[] }
  | { kind: 'DATE_RANGE'; min?: string; max?: string }
  /** `sqlText` has every `{{ $ }}` replaced by `$1`; `usesViewer` tells whether it has any. */
  | { kind: 'QUERY'; dsId: string; sqlText: string; usesViewer: boolean };

export interface PermissionEntry {
  line: number;
  condition: Condition;
  outcome: Outcome;
}

export interface FilterPermissionProgram {
  filterType: FilterType;
  entries: PermissionEntry[];
  /** dropdown filters only; null means the union of every matching entry */
  expression: ExprNode | null;
}

const CONDITIONS = ['if_group', 'if_user', 'else'] as const;
const OUTCOME_KEYS = ['then_value', 'then_date_min', 'then_date_max', 'ds_id', 'query'] as const;
const KNOWN: ReadonlySet<string> = new Set([...CONDITIONS, ...OUTCOME_KEYS]);
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `ds_id` + `query` entries per filter: each runs on a data source for every viewer it applies to. */
export const MAX_QUERY_ENTRIES = 5;
/** `{{ $ }}`, the viewer's email: the only template a query may hold. */
export const VIEWER_TEMPLATE = /\{\{\s*\$\s*\}\}/g;

const fail = (line: number, reason: string): never => {
  throw new FilterPermissionError(line, reason);
};

function text(field: RawField, key: string, max = 200): string {
  if (Array.isArray(field.value)) return fail(field.line, `${key} takes one value, not a list`);
  const value = field.value.trim();
  if (field.empty || value === '') return fail(field.line, `${key} needs a value`);
  if (value.length > max) return fail(field.line, `${key} is longer than ${max} characters`);
  return value;
}

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function condition(entry: RawEntry): Condition {
  const present = CONDITIONS.filter((k) => entry.fields.has(k));
  if (present.length === 0) return fail(entry.line, 'entry has no condition (if_group, if_user or else)');
  if (present.length > 1) return fail(entry.fields.get(present[1]!)!.line, `entry has more than one condition (${present.join(', ')})`);
  const key = present[0]!;
  const field = entry.fields.get(key)!;
  if (key === 'else') {
    if (!field.empty) fail(field.line, 'else takes no value (write "- else:")');
    return { kind: 'ELSE' };
  }
  if (key === 'if_user') {
    const email = text(field, key, 320);
    if (!EMAIL.test(email)) fail(field.line, `if_user must be an email, not '${email}'`);
    return { kind: 'USER', email };
  }
  const name = text(field, key);
  return { kind: 'GROUP', name, key: groupKey(name) };
}

function queryText(field: RawField): { sqlText: string; usesViewer: boolean } {
  const sql = text(field, 'query', 10_000);
  const rest = sql.replace(VIEWER_TEMPLATE, '');
  if (rest.includes('{{') || rest.includes('}}')) fail(field.line, "query may hold no template but {{ $ }} (the viewer's email)");
  if (/\$\d/.test(sql)) fail(field.line, "query may not use positional parameters such as $1; write {{ $ }} for the viewer's email");
  const sqlText = sql.replace(VIEWER_TEMPLATE, '$1');
  return { sqlText, usesViewer: sqlText !== sql };
}

/** The raw id inside a data source's global id (as the API shows it), or '' for anything else. */
function dataSourceRawId(value: string): string {
  try {
    const { typename, id } = decodeGlobalID(value);
    return typename === 'DataSource' && isUuid(id) ? id : '';
  } catch {
    return '';
  }
}

function dataSourceId(field: RawField): string {
  const value = text(field, 'ds_id');
  const id = isUuid(value.toLowerCase()) ? value.toLowerCase() : dataSourceRawId(value);
  if (!isUuid(id)) fail(field.line, `ds_id must be the id of a data source, not '${value}'`);
  return id;
}

function outcome(entry: RawEntry, filterType: FilterType): Outcome {
  const f = (k: string) => entry.fields.get(k);
  const groups = [
    ['then_value', f('then_value')],
    ['then_date_min/then_date_max', f('then_date_min') ?? f('then_date_max')],
    ['ds_id + query', f('ds_id') ?? f('query')],
  ] as const;
  const present = groups.filter(([, field]) => field);
  if (present.length === 0) return fail(entry.line, 'entry has no outcome (then_value, then_date_min/then_date_max, or ds_id + query)');
  if (present.length > 1) {
    const later = present.map(([, field]) => field!.line).sort((a, b) => a - b)[1]!;
    return fail(later, `entry has more than one outcome (${present.map(([name]) => name).join(', ')})`);
  }
  const [kind, field] = present[0]!;
  if (kind === 'then_date_min/then_date_max') {
    if (filterType !== 'DATE') return fail(field!.line, 'then_date_min and then_date_max are only for date filters');
    const range: { min?: string; max?: string } = {};
    for (const [key, side] of [
      ['then_date_min', 'min'],
      ['then_date_max', 'max'],
    ] as const) {
      const raw = f(key);
      if (!raw) continue;
      const value = text(raw, key);
      if (!isCalendarDate(value)) fail(raw.line, `${key} must be a date written YYYY-MM-DD, not '${value}'`);
      range[side] = value;
    }
    if (range.min && range.max && range.min > range.max) fail(f('then_date_max')!.line, 'then_date_min is after then_date_max');
    return { kind: 'DATE_RANGE', ...range };
  }
  if (filterType === 'DATE') return fail(field!.line, 'date filters take then_date_min and/or then_date_max');
  if (kind === 'then_value') {
    const values = Array.isArray(field!.value) ? field!.value : field!.empty ? fail(field!.line, 'then_value needs a value') : [field!.value];
    return { kind: 'VALUES', values };
  }
  const ds = f('ds_id');
  const query = f('query');
  if (!ds) return fail(query!.line, 'query needs ds_id (the data source to run it on)');
  if (!query) return fail(ds.line, 'ds_id needs query (the SQL to run)');
  return { kind: 'QUERY', dsId: dataSourceId(ds), ...queryText(query) };
}

/** Validates code for a filter of the given type; throws FilterPermissionError. */
export function compileFilterPermissions(code: string, filterType: FilterType): FilterPermissionProgram {
  const parsed = parseFilterPermissions(code);
  const entries: PermissionEntry[] = [];
  let elseLine = 0;
  for (const entry of parsed.entries) {
    for (const [key, field] of entry.fields) {
      if (!KNOWN.has(key)) fail(field.line, `unknown key '${key}' (expected ${[...KNOWN].join(', ')})`);
    }
    const cond = condition(entry);
    if (cond.kind === 'ELSE') {
      if (filterType === 'DROPDOWN') fail(entry.line, 'else is only for filters that take a single value (text and date filters)');
      if (elseLine) fail(entry.line, `only one else is allowed (the first is on line ${elseLine})`);
      elseLine = entry.line;
    } else if (elseLine) {
      fail(elseLine, 'else must be the last entry');
    }
    const result = outcome(entry, filterType);
    if (result.kind === 'QUERY' && entries.filter((e) => e.outcome.kind === 'QUERY').length === MAX_QUERY_ENTRIES) {
      fail(entry.line, `at most ${MAX_QUERY_ENTRIES} ds_id + query entries are allowed per filter`);
    }
    entries.push({ line: entry.line, condition: cond, outcome: result });
  }

  let expression: ExprNode | null = null;
  if (parsed.expression) {
    const { text: source, line } = parsed.expression;
    if (filterType !== 'DROPDOWN') fail(line, 'expression is only for dropdown filters');
    try {
      expression = parseExpression(source);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) fail(line, `expression: ${error.message}`);
      throw error;
    }
    const named = new Set(entries.flatMap((e) => (e.condition.kind === 'GROUP' ? [e.condition.key] : [])));
    const used = new Set<string>();
    for (const term of expressionGroups(expression)) {
      if (!named.has(term.key)) fail(line, `expression names group '${term.name}', which has no if_group entry`);
      used.add(term.key);
    }
    for (const e of entries) {
      if (e.condition.kind === 'GROUP' && !used.has(e.condition.key)) {
        fail(e.line, `group '${e.condition.name}' is not used in the expression (line ${line}), so this entry would never apply`);
      }
    }
  }
  return { filterType, entries, expression };
}

/** Save-time check for a service: BAD_USER_INPUT on `field` with `line N: reason`. */
export function assertValidFilterPermissions(code: string, filterType: FilterType, field = 'input.permissions'): FilterPermissionProgram {
  try {
    return compileFilterPermissions(code, filterType);
  } catch (error) {
    if (error instanceof FilterPermissionError) throw badInput(field, error.message);
    throw error;
  }
}
