import type { Role, ShareResourceType } from './vocabulary.ts';

/**
 * SQL fragments that filter lists by what the viewer may see, so lists are filtered in the
 * database, never after loading. Placeholders are `?` (bound by the ORM); every value is a
 * parameter, never part of the SQL text.
 */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface VisibilitySubject {
  tenantId: string;
  userId: string;
  role: Role;
  /** While impersonating: the person acting as `userId`, who must be able to see the rows too. */
  impersonatorId?: string | undefined;
  impersonatorRole?: Role | undefined;
}

/**
 * The impersonator as themselves, when their own visibility narrows the viewer's (PRODUCT.md §1:
 * only what both can see). An admin sees everything, so the target's view is the intersection.
 */
export function impersonatorOf(subject: VisibilitySubject): VisibilitySubject | undefined {
  if (subject.impersonatorId === undefined || subject.impersonatorRole === 'ADMIN') return undefined;
  // Without a known role the impersonator is taken to see no more than a viewer.
  return { tenantId: subject.tenantId, userId: subject.impersonatorId, role: subject.impersonatorRole ?? 'VIEWER' };
}

/** `predicate` for the viewer and, while impersonating, for the impersonator too: only what both can see. */
export function forBoth(subject: VisibilitySubject, alias: string, predicate: (person: VisibilitySubject, alias: string) => SqlFragment): SqlFragment {
  const own = predicate(subject, alias);
  const impersonator = impersonatorOf(subject);
  if (!impersonator) return own;
  const theirs = predicate(impersonator, alias);
  return { sql: `(${own.sql}) and (${theirs.sql})`, params: [...own.params, ...theirs.params] };
}

/**
 * A `shares s` row grants the viewer: directly, through one of their groups, or All users. Written
 * as `= any(array(…))` over the viewer's grantee keys (never an OR of them, nor an IN that the
 * planner turns into a hash join over the whole table), so that PostgreSQL looks each key
 * up in the (tenant, grantee_key, resource_type) index instead of scanning every share of the
 * tenant: with 100,000 shares that scan was most of a dashboard list's time.
 */
export const GRANTEE_MATCH = `s.grantee_key = any(array(select cast(? as text) union all select 'all'
  union all select gm.group_id::text from group_memberships gm where gm.user_id = ? and gm.tenant_id = ?))`;

export function granteeParams(subject: VisibilitySubject): unknown[] {
  return [subject.userId, subject.userId, subject.tenantId];
}

/** Ids of resources of one type shared with the viewer: directly, through a group, or All users. */
export function grantedIds(subject: VisibilitySubject, type: ShareResourceType): SqlFragment {
  return {
    sql: `select s.resource_id from shares s where s.tenant_id = ? and s.resource_type = ? and ${GRANTEE_MATCH}`,
    params: [subject.tenantId, type, ...granteeParams(subject)],
  };
}

/** Folders shared with the viewer and all their descendants (sharing a folder shares its tree). */
export function sharedFolderTree(subject: VisibilitySubject): SqlFragment {
  const granted = grantedIds(subject, 'FOLDER');
  return {
    sql: `with recursive shared_tree as (
            select f.id from folders f where f.tenant_id = ? and f.id in (${granted.sql})
            union
            select c.id from folders c join shared_tree t on c.parent_id = t.id
          ) select id from shared_tree`,
    params: [subject.tenantId, ...granted.params],
  };
}

/**
 * What the workspaces alone let a non-admin see of a dashboards or folders row over `alias`
 * (PRODUCT.md §3): what they own, their own personal workspace, and for analysts the whole team
 * workspace. A disjunction: callers wrap it with the resource's shares.
 */
export function workspaceReach(subject: VisibilitySubject, alias: string): SqlFragment {
  const team = subject.role === 'ANALYST' ? `\n            or ${alias}.workspace = 'TEAM'` : '';
  return {
    sql: `${alias}.owner_id = ?
            or (${alias}.workspace = 'PERSONAL' and ${alias}.workspace_owner_id = ?)${team}`,
    params: [subject.userId, subject.userId],
  };
}

/**
 * The `folder.view` row of the matrix as a predicate over `alias` (a folders row): admins see all;
 * others what their workspaces reach and shared folder trees. For both people while
 * impersonating. (Here rather than with the folder module: the folder-chain loader uses it.)
 */
export function visibleFolders(subject: VisibilitySubject, alias = 'f'): SqlFragment {
  return forBoth(subject, alias, foldersOf);
}

function foldersOf(subject: VisibilitySubject, alias: string): SqlFragment {
  if (subject.role === 'ADMIN') return { sql: `${alias}.tenant_id = ?`, params: [subject.tenantId] };
  const reach = workspaceReach(subject, alias);
  const folders = sharedFolderTree(subject);
  return {
    sql: `${alias}.tenant_id = ? and (
            ${reach.sql}
            or ${alias}.id in (${folders.sql}))`,
    params: [subject.tenantId, ...reach.params, ...folders.params],
  };
}
