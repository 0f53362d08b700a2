/**
 * `ds_id` + `query` entries are SQL, so only an admin may write or change one (PRODUCT.md §6).
 * A filter records who saved its query entries, with which role, and a digest of exactly the
 * entries they saved; an entry runs only while the stored code still has that digest, so code
 * that reached the database any other way (saved before this rule, copied, edited in place)
 * fails closed until an admin saves it again.
 */
import { createHash } from 'node:crypto';
import type { FilterPermissionProgram, PermissionEntry } from './validate.ts';

export type QueryEntry = PermissionEntry & { outcome: { kind: 'QUERY' } };

export function queryEntries(program: FilterPermissionProgram): QueryEntry[] {
  return program.entries.filter((e): e is QueryEntry => e.outcome.kind === 'QUERY');
}

/** What an entry does, independent of its line: who it applies to, where it runs, what it runs. */
export function queryEntryKey(entry: QueryEntry): string {
  const c = entry.condition;
  const who = c.kind === 'GROUP' ? ['GROUP', c.key] : c.kind === 'USER' ? ['USER', c.email.toLowerCase()] : ['ELSE'];
  return JSON.stringify([...who, entry.outcome.dsId, entry.outcome.sqlText]);
}

/** The digest of a program's query entries (order-insensitive); null when it has none. */
export function queriesDigest(program: FilterPermissionProgram): string | null {
  const keys = queryEntries(program).map(queryEntryKey).sort();
  if (keys.length === 0) return null;
  return createHash('sha256').update(JSON.stringify(keys)).digest('hex');
}

/** What the filter recorded when its query entries were last saved. */
export interface QueriesProvenance {
  savedRole: string | null;
  digest: string | null;
}

/** Whether the program's query entries are exactly those an admin saved. */
export function queriesApproved(program: FilterPermissionProgram, provenance: QueriesProvenance): boolean {
  const digest = queriesDigest(program);
  return digest !== null && provenance.savedRole === 'ADMIN' && provenance.digest === digest;
}
