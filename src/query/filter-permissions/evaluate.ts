/**
 * What a filter permits one viewer (PRODUCT.md §6, docs/filter-permissions.md). Pure: the only
 * effect is the injected `runQuery`, which decides whether and how a `ds_id` + `query` entry runs.
 *
 * - No code: UNRESTRICTED.
 * - Text and date filters: the first matching entry wins (`else` matches everyone).
 * - Dropdown filters: the values of every matching entry, the groups' combined by `expression`
 *   (default: union), unioned with the values of matching `if_user` entries.
 * - Nothing matches: value entries fail closed (`VALUES []`, nothing is permitted); date entries
 *   restrict only the viewers they match, so a date filter is UNRESTRICTED for everyone else.
 * - A query entry that fails yields no values (reported through `onQueryError`).
 */
import type { FilterType } from './filter-type.ts';
import { evaluateExpression, groupKey, type TermValue } from './expression.ts';
import { FilterPermissionError } from './parse.ts';
import { compileFilterPermissions, type FilterPermissionProgram, type Outcome, type PermissionEntry } from './validate.ts';

export type FilterPermissionResult =
  | { kind: 'UNRESTRICTED' }
  /** the only values permitted; an empty list permits nothing */
  | { kind: 'VALUES'; values: string[] }
  | { kind: 'DATE_RANGE'; min?: string; max?: string };

/** Runs `sqlText` on data source `dsId` with bound `params` ($1 = the viewer's email); `line` is the entry's. */
export type QueryRunner = (dsId: string, sqlText: string, params: readonly unknown[], line: number) => Promise<unknown[]>;

export interface EvaluationInput {
  filterType: FilterType;
  viewer: { email: string; groups: readonly string[] };
  runQuery: QueryRunner;
  /** Told of every query entry that failed; the entry then yields no values. */
  onQueryError?: (line: number, error: unknown) => void;
  /** A failure that fails the evaluation instead (a busy data source: retrying helps, an empty list would mislead). */
  failsEvaluation?: (error: unknown) => boolean;
}

const DENY: FilterPermissionResult = { kind: 'VALUES', values: [] };

/** The code that governs a child filter: its own when it has some, else its parent's, else none. */
export function effectivePermission(childCode: string | null | undefined, parentCode: string | null | undefined): string | null {
  if (childCode && childCode.trim() !== '') return childCode;
  if (parentCode && parentCode.trim() !== '') return parentCode;
  return null;
}

/** One value out of a query row: a scalar, the first item of an array, the first column of an object. */
function cell(row: unknown): string | null {
  let value = row;
  if (Array.isArray(value)) value = value[0];
  else if (value !== null && typeof value === 'object' && !(value instanceof Date)) value = Object.values(value)[0];
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return null;
}

async function valuesOf(entry: PermissionEntry, input: EvaluationInput): Promise<string[]> {
  const outcome: Outcome = entry.outcome;
  if (outcome.kind === 'VALUES') return outcome.values;
  if (outcome.kind !== 'QUERY') return [];
  // The email is a bound parameter; the SQL text never depends on who is asking.
  const params = outcome.usesViewer ? [input.viewer.email] : [];
  try {
    const rows = await input.runQuery(outcome.dsId, outcome.sqlText, params, entry.line);
    return rows.map(cell).filter((v): v is string => v !== null);
  } catch (error) {
    if (input.failsEvaluation?.(error)) throw error;
    input.onQueryError?.(entry.line, error);
    return [];
  }
}

function matcher(viewer: EvaluationInput['viewer']) {
  const email = viewer.email.trim().toLowerCase();
  const groups = new Set(viewer.groups.map(groupKey));
  return (entry: PermissionEntry): boolean => {
    const c = entry.condition;
    return c.kind === 'ELSE' || (c.kind === 'USER' ? c.email.toLowerCase() === email : groups.has(c.key));
  };
}

const unique = (values: string[]) => [...new Set(values)];

/** Evaluates a validated program for one viewer; `null` (no code) is UNRESTRICTED. */
export async function evaluateFilterPermission(program: FilterPermissionProgram | null, input: EvaluationInput): Promise<FilterPermissionResult> {
  if (!program) return { kind: 'UNRESTRICTED' };
  if (program.filterType !== input.filterType) return DENY;
  const matches = matcher(input.viewer);

  if (input.filterType !== 'DROPDOWN') {
    const entry = program.entries.find(matches);
    // Seed 002's Singapore example: date entries narrow the viewers they name, everyone else keeps their dates.
    if (!entry) return input.filterType === 'DATE' ? { kind: 'UNRESTRICTED' } : DENY;
    if (entry.outcome.kind === 'DATE_RANGE') return { ...entry.outcome };
    // A text filter takes one value: the first one given or returned.
    return { kind: 'VALUES', values: (await valuesOf(entry, input)).slice(0, 1) };
  }

  const matching = program.entries.filter(matches);
  const resolved = await Promise.all(matching.map(async (entry) => ({ entry, values: await valuesOf(entry, input) })));
  const groupValues = new Map<string, string[]>();
  const userValues: string[] = [];
  for (const { entry, values } of resolved) {
    if (entry.condition.kind === 'GROUP') groupValues.set(entry.condition.key, [...(groupValues.get(entry.condition.key) ?? []), ...values]);
    else userValues.push(...values);
  }
  let fromGroups: string[];
  if (program.expression) {
    const term = (key: string): TermValue => {
      const values = groupValues.get(key);
      return values ? { present: true, values: unique(values) } : { present: false };
    };
    const result = evaluateExpression(program.expression, term);
    fromGroups = result.present ? result.values : [];
  } else {
    fromGroups = [...groupValues.values()].flat();
  }
  return { kind: 'VALUES', values: unique([...fromGroups, ...userValues]) };
}

/**
 * Validates and evaluates stored code. Code that no longer validates (saved before validation
 * existed, or for another filter type) fails closed: nothing is permitted.
 */
export async function evaluatePermissionCode(code: string | null | undefined, input: EvaluationInput): Promise<FilterPermissionResult> {
  if (!code || code.trim() === '') return { kind: 'UNRESTRICTED' };
  let program: FilterPermissionProgram;
  try {
    program = compileFilterPermissions(code, input.filterType);
  } catch (error) {
    if (error instanceof FilterPermissionError) return DENY;
    throw error;
  }
  return evaluateFilterPermission(program, input);
}
