/**
 * The conditions a dashboard filter adds to a widget's query: the client's choice, clamped to
 * what the filter's permission lets the viewer choose, whatever the client sends.
 */
import { badInput } from '../../errors.ts';
import type { FieldFilterInput } from '../../query/compile.ts';
import type { FilterPermissionResult } from '../../query/filter-permissions/index.ts';
import { fieldValue } from '../../query/rlp.ts';
import type { FieldType } from '../../query/definition.ts';
import type { DashboardFilter } from './dashboard.entity.ts';

/** A condition that admits no row: the filter permits nothing. */
export const NOTHING = (field: string): FieldFilterInput => ({ field, operator: 'IN', values: [] });

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** Permitted values (text) as values of the field's type; those that cannot be one are left out (they match no row). */
export function typedValues(type: FieldType, values: readonly string[]): unknown[] {
  const typed: unknown[] = [];
  for (const text of values) {
    const raw =
      type === 'NUMBER' ? (text.trim() === '' ? NaN : Number(text)) : type === 'BOOLEAN' ? (text === 'true' ? true : text === 'false' ? false : text) : text;
    if ('value' in fieldValue(type, raw)) typed.push(raw);
  }
  return typed;
}

type Bound = { ms: number; text: string; op: 'GTE' | 'LTE' | 'LT' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** An instant of an ISO date-time as fieldValue('TIMESTAMP') accepts it; no zone means UTC (the session's). */
function instant(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text)!;
  const zone = !m[5] || m[5] === 'Z' ? 'Z' : m[5].length === 3 ? `${m[5]}:00` : `${m[5].slice(0, 3)}:${m[5].slice(-2)}`;
  // Milliseconds at most: the fraction is cut, never rounded up, so a bound is never moved outward.
  return Date.parse(`${m[1]}T${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '').padEnd(3, '0').slice(0, 3)}${zone}`);
}

/** One end of the client's range for a field of `type`; null when open. */
function clientBound(type: FieldType, raw: unknown, side: 'from' | 'to', path: string): Bound | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const timestamp = type === 'TIMESTAMP';
  if (typeof raw === 'string' && DAY.test(raw) && 'value' in fieldValue('DATE', raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    if (!timestamp) return { ms, text: raw, op: side === 'from' ? 'GTE' : 'LTE' };
    // On a date-time field a day means all of it.
    return side === 'from' ? { ms, text: `${raw}T00:00:00Z`, op: 'GTE' } : { ms: ms + DAY_MS, text: new Date(ms + DAY_MS).toISOString(), op: 'LT' };
  }
  if (timestamp && typeof raw === 'string' && 'value' in fieldValue('TIMESTAMP', raw))
    return { ms: instant(raw), text: raw, op: side === 'from' ? 'GTE' : 'LTE' };
  throw badInput(path, `${side} must be ${timestamp ? 'a date (YYYY-MM-DD) or an ISO-8601 date-time' : 'a date, YYYY-MM-DD'}, or null for an open end`);
}

/** The tighter of two bounds of the same side (a permission bound wins a tie). */
function tighter(client: Bound | null, permission: Bound | null, side: 'from' | 'to'): Bound | null {
  if (!client || !permission) return client ?? permission;
  if (side === 'from') return client.ms > permission.ms ? client : permission;
  // At the same instant the permission's bound is as tight or tighter (an exclusive LT beats LTE).
  return client.ms < permission.ms ? client : permission;
}

function dateConditions(
  filter: DashboardFilter,
  type: FieldType,
  chosen: readonly unknown[] | undefined,
  allowed: FilterPermissionResult,
  path: string,
): FieldFilterInput[] {
  if (chosen && chosen.length > 2) throw badInput(path, 'A date filter takes [from, to]; either may be null');
  const [from, to] = [clientBound(type, chosen?.[0], 'from', path), clientBound(type, chosen?.[1], 'to', path)];
  if (allowed.kind === 'VALUES') return [NOTHING(filter.field)];
  let low = from;
  let high = to;
  if (allowed.kind === 'DATE_RANGE') {
    if (allowed.min) low = tighter(from, clientBound(type, allowed.min, 'from', path), 'from');
    if (allowed.max) high = tighter(to, clientBound(type, allowed.max, 'to', path), 'to');
  }
  return [low, high].filter((b): b is Bound => b !== null).map((b) => ({ field: filter.field, operator: b.op, values: [b.text] }));
}

/** The conditions for one filter; `type` is the type of the filter's field. */
export function filterConditions(
  filter: DashboardFilter,
  type: FieldType,
  chosen: readonly unknown[] | undefined,
  allowed: FilterPermissionResult,
  path: string,
): FieldFilterInput[] {
  if (filter.type === 'DATE') return dateConditions(filter, type, chosen, allowed, path);
  if (chosen && chosen.length > 1000) throw badInput(path, 'At most 1000 values per filter');
  const nullAt = chosen?.findIndex((v) => v === null || v === undefined) ?? -1;
  if (nullAt >= 0) throw badInput(path, `Value ${nullAt + 1} is null; only the ends of a date filter's range may be null`);
  if (allowed.kind === 'VALUES') {
    const permittedSet = new Set(allowed.values);
    const values = chosen && chosen.length > 0 ? chosen.filter((v) => permittedSet.has(asText(v))) : typedValues(type, allowed.values);
    return [{ field: filter.field, operator: 'IN', values }];
  }
  if (!chosen || chosen.length === 0) return [];
  return [{ field: filter.field, operator: 'IN', values: [...chosen] }];
}
