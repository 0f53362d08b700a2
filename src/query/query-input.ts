import { badInput } from '../errors.ts';
import { AGGREGATIONS, FILTER_OPERATORS, SORT_DIRECTIONS, type DatasetQueryInput } from './compile.ts';

/**
 * A dataset query stored as JSON (a widget's), checked for the shape of DatasetQueryInput before
 * the compiler sees it: GraphQL types only the arguments it coerces, not JSON values. `at` is the
 * path named in errors.
 */
export function parseQueryInput(raw: unknown, at: string): DatasetQueryInput {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(raw)) throw badInput(at, 'The query must be a dataset query object');
  const known = new Set(['dimensions', 'measures', 'filters', 'sort', 'limit', 'offset']);
  const unknown = Object.keys(raw).find((k) => !known.has(k));
  if (unknown)
    throw badInput(`${at}.${unknown.slice(0, 50)}`, `A query has dimensions, measures, filters, sort, limit and offset; not "${unknown.slice(0, 50)}"`);
  const list = (key: string) => {
    const value = raw[key];
    if (value == null) return [];
    if (!Array.isArray(value)) throw badInput(`${at}.${key}`, `${key} must be a list`);
    return value as unknown[];
  };
  const text = (v: unknown, path: string, optional = false) => {
    if (optional && v == null) return;
    if (typeof v !== 'string') throw badInput(path, 'Must be a string');
  };
  const oneOf = (v: unknown, values: readonly string[], path: string, optional = false) => {
    if (optional && v == null) return;
    if (typeof v !== 'string' || !values.includes(v)) throw badInput(path, `Must be one of ${values.join(', ')}`);
  };
  const objects = (key: string, check: (item: Record<string, unknown>, path: string) => void) =>
    list(key).forEach((item, i) => {
      const path = `${at}.${key}[${i}]`;
      if (!isObject(item)) throw badInput(path, 'Must be an object');
      check(item, path);
    });
  list('dimensions').forEach((d, i) => text(d, `${at}.dimensions[${i}]`));
  objects('measures', (m, path) => {
    text(m.field, `${path}.field`, true);
    text(m.calculation, `${path}.calculation`, true);
    oneOf(m.aggregation, AGGREGATIONS, `${path}.aggregation`, true);
  });
  objects('filters', (f, path) => {
    text(f.field, `${path}.field`);
    oneOf(f.operator, FILTER_OPERATORS, `${path}.operator`);
    if (f.values != null && !Array.isArray(f.values)) throw badInput(`${path}.values`, 'values must be a list');
  });
  objects('sort', (s, path) => {
    text(s.field, `${path}.field`);
    oneOf(s.direction, SORT_DIRECTIONS, `${path}.direction`, true);
  });
  for (const key of ['limit', 'offset']) {
    if (raw[key] != null && !Number.isInteger(raw[key])) throw badInput(`${at}.${key}`, `${key} must be an integer`);
  }
  return raw as DatasetQueryInput;
}
