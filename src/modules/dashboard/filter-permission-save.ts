/**
 * Saving filter permission code (PRODUCT.md §6): it must validate, and its `ds_id` + `query`
 * entries are SQL that runs with the data source's credentials, so only an admin may write or
 * change one. Others may save code that keeps query entries an admin saved (or drops some of them).
 */
import { isAdmin } from '../../authz/policy.ts';
import { badInput, DomainError } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import {
  assertValidFilterPermissions,
  compileFilterPermissions,
  FilterPermissionError,
  queriesApproved,
  queriesDigest,
  queryEntries,
  queryEntryKey,
  type FilterPermissionProgram,
} from '../../query/filter-permissions/index.ts';
import type { Role } from '../../authz/vocabulary.ts';
import type { DashboardFilter } from './dashboard.entity.ts';
import type { FilterType } from '../../query/filter-permissions/filter-type.ts';

export interface PermissionFields {
  permissions: string | null;
  queriesSavedBy: string | null;
  queriesSavedRole: Role | null;
  queriesDigest: string | null;
}

/** Stored code as a program, or null when there is none or it no longer validates. */
export function storedProgram(code: string | null | undefined, type: FilterType): FilterPermissionProgram | null {
  if (!code || code.trim() === '') return null;
  try {
    return compileFilterPermissions(code, type);
  } catch (error) {
    if (error instanceof FilterPermissionError) return null;
    throw error;
  }
}

/** The query entries of `previous` that an admin saved, by what they do. */
function approvedKeys(previous: DashboardFilter | undefined): Set<string> {
  const program = previous ? storedProgram(previous.permissions, previous.type) : null;
  if (!program || !queriesApproved(program, { savedRole: previous!.queriesSavedRole ?? null, digest: previous!.queriesDigest ?? null })) return new Set();
  return new Set(queryEntries(program).map(queryEntryKey));
}

/**
 * Validates `raw` for a filter of `type` and returns what to store: the code (only trailing
 * whitespace dropped, so the lines named in errors are the author's) and who vouches for its
 * query entries. `previous` is the filter being changed, if any.
 */
export async function permissionFieldsToSave(
  ctx: RequestScope,
  raw: string | null | undefined,
  type: FilterType,
  field: string,
  previous?: DashboardFilter,
): Promise<PermissionFields> {
  const permissions = raw?.trim() ? raw.trimEnd() : null;
  const none = { permissions, queriesSavedBy: null, queriesSavedRole: null, queriesDigest: null };
  if (!permissions) return none;
  const program = assertValidFilterPermissions(permissions, type, field);
  const queries = queryEntries(program);
  if (queries.length === 0) return none;
  const viewer = requirePerson(ctx);
  if (isAdmin(viewer)) {
    const ids = [...new Set(queries.map((q) => q.outcome.dsId))];
    const rows = await ctx.em.execute<{ id: string }[]>('select id from data_sources where tenant_id = ? and id in (?)', [viewer.tenantId, ids]);
    const known = new Set(rows.map((r) => r.id));
    const unknown = queries.find((q) => !known.has(q.outcome.dsId));
    if (unknown) throw badInput(field, `line ${unknown.line}: ds_id names no data source of this workspace`);
    return { permissions, queriesSavedBy: viewer.userId, queriesSavedRole: 'ADMIN', queriesDigest: queriesDigest(program) };
  }
  const approved = approvedKeys(previous);
  const changed = queries.find((q) => !approved.has(queryEntryKey(q)));
  if (changed) throw new DomainError('FORBIDDEN', `line ${changed.line}: only an admin may write or change a ds_id + query entry`, field);
  return { permissions, queriesSavedBy: previous!.queriesSavedBy?.id ?? null, queriesSavedRole: 'ADMIN', queriesDigest: queriesDigest(program) };
}

/** Why entries of stored code do not take effect, for the dashboard's editors (line and reason). */
export function permissionNotices(filter: DashboardFilter): { line: number; message: string }[] {
  if (!filter.permissions || filter.permissions.trim() === '') return [];
  let program: FilterPermissionProgram;
  try {
    program = compileFilterPermissions(filter.permissions, filter.type);
  } catch (error) {
    if (error instanceof FilterPermissionError) return [{ line: error.line, message: `${error.reason}; until this is fixed the filter permits nothing` }];
    throw error;
  }
  const queries = queryEntries(program);
  if (queries.length === 0 || queriesApproved(program, { savedRole: filter.queriesSavedRole ?? null, digest: filter.queriesDigest ?? null })) return [];
  return queries.map((q) => ({
    line: q.line,
    message: 'this ds_id + query entry awaits an admin’s save (only admins may write SQL); until then it yields no values',
  }));
}
