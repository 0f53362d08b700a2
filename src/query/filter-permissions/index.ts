/**
 * Filter permissions (PRODUCT.md §6): YAML code on a dashboard filter that decides, per viewer,
 * which values the filter offers and the widgets return. See docs/filter-permissions.md.
 */
export { FILTER_TYPES, type FilterType } from './filter-type.ts';
export { ExpressionSyntaxError, parseExpression, type ExprNode } from './expression.ts';
export { FilterPermissionError, MAX_CODE_BYTES, MAX_ENTRIES, parseFilterPermissions, type ParsedCode } from './parse.ts';
export {
  assertValidFilterPermissions,
  compileFilterPermissions,
  MAX_QUERY_ENTRIES,
  type Condition,
  type FilterPermissionProgram,
  type Outcome,
  type PermissionEntry,
} from './validate.ts';
export {
  effectivePermission,
  evaluateFilterPermission,
  evaluatePermissionCode,
  type EvaluationInput,
  type FilterPermissionResult,
  type QueryRunner,
} from './evaluate.ts';
export { queriesApproved, queriesDigest, queryEntries, queryEntryKey, type QueriesProvenance, type QueryEntry } from './queries.ts';
