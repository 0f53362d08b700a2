/**
 * How the role matrix applies to data sources: the one fact is whether the data source is shared
 * with the viewer (and, while a non-admin impersonates, with the impersonator as themselves).
 * Admins use every data source of their tenant, analysts those shared with them, others none.
 */
import { raw, type FilterQuery } from '@mikro-orm/core';
import type { Principal } from '../../auth/principal.ts';
import type { Facts } from '../../authz/decide.ts';
import { canAs, isPerson } from '../../authz/policy.ts';
import type { ViewerSubject } from '../../authz/subject.ts';
import { grantedIds, impersonatorOf, type SqlFragment } from '../../authz/visibility.ts';
import type { Loaders } from '../../scope/loaders.ts';
import type { RequestScope } from '../../scope/scope.ts';
import type { DataSource } from './data-source.entity.ts';

/** What the policy reads of the request scope. */
export type DataSourcePolicyScope = Pick<RequestScope, 'viewer'> & { loaders: Pick<Loaders, 'subject' | 'sharedIds' | 'impersonatorShares'> };

const SHARED: Facts = { dataSourceShared: true, impersonatorFacts: { dataSourceShared: true } };

/** Whether the viewer's role can reach data sources shared with them (analysts); admins reach all. */
const reachesShared = (subject: ViewerSubject) => canAs(subject, subject.impersonator, 'dataSource.use', SHARED);

/**
 * Whether the data source is shared with the viewer and, while a non-admin impersonates, with the
 * impersonator as themselves: both must be able to use it.
 */
export async function dataSourceFacts(ctx: Pick<DataSourcePolicyScope, 'loaders'>, id: string): Promise<Facts> {
  const impersonator = ctx.loaders.impersonatorShares;
  const [own, theirs] = await Promise.all([ctx.loaders.sharedIds('DATA_SOURCE'), impersonator?.sharedIds('DATA_SOURCE')]);
  return { dataSourceShared: own.has(id), ...(theirs ? { impersonatorFacts: { dataSourceShared: theirs.has(id) } } : {}) };
}

/** Who may do what with one data source, from the matrix (`dataSource.use`, `dataSource.manage`). */
export async function dataSourcePermissions(ctx: DataSourcePolicyScope, id: string): Promise<{ use: boolean; manage: boolean }> {
  if (!isPerson(ctx.viewer)) return { use: false, manage: false };
  const subject = await ctx.loaders.subject();
  // Shares only matter to roles that reach shared data sources; admins reach all without them.
  const facts = !canAs(subject, subject.impersonator, 'dataSource.use') && reachesShared(subject) ? await dataSourceFacts(ctx, id) : {};
  return { use: canAs(subject, subject.impersonator, 'dataSource.use', facts), manage: canAs(subject, subject.impersonator, 'dataSource.manage', facts) };
}

/**
 * `dataSource.use` as conditions on the tenant's data sources (added to `where`), so lists are filtered in SQL; null
 * when the viewer may use none. While impersonating, what the impersonator could not use
 * themselves stays hidden (an admin impersonator uses all).
 */
export function usableDataSources(viewer: Principal, subject: ViewerSubject, where: FilterQuery<DataSource> & object = {}): FilterQuery<DataSource> | null {
  if (!canAs(subject, subject.impersonator, 'dataSource.use') && !reachesShared(subject)) return null;
  Object.assign(where, { tenant: viewer.tenantId });
  if (!canAs(subject, subject.impersonator, 'dataSource.use')) {
    const granted = grantedIds(viewer, 'DATA_SOURCE');
    Object.assign(where, { [raw((alias) => `${alias}.id in (${granted.sql})`, granted.params)]: [] });
  }
  const impersonator = impersonatorOf(viewer);
  if (impersonator) {
    const theirs = grantedIds(impersonator, 'DATA_SOURCE');
    Object.assign(where, { [raw((alias) => `${alias}.id in (${theirs.sql})`, theirs.params)]: [] });
  }
  return where;
}

/**
 * `dataSource.use` as a SQL predicate over `alias` (a data_sources row): the same rule as
 * `usableDataSources`, for statements written in SQL (the email digest's audit events).
 */
export function usableDataSourcesSql(viewer: Principal, subject: ViewerSubject, alias: string): SqlFragment {
  if (!canAs(subject, subject.impersonator, 'dataSource.use') && !reachesShared(subject)) return { sql: 'false', params: [] };
  const parts: SqlFragment[] = [{ sql: `${alias}.tenant_id = ?`, params: [viewer.tenantId] }];
  if (!canAs(subject, subject.impersonator, 'dataSource.use')) {
    const granted = grantedIds(viewer, 'DATA_SOURCE');
    parts.push({ sql: `${alias}.id in (${granted.sql})`, params: granted.params });
  }
  const impersonator = impersonatorOf(viewer);
  if (impersonator) {
    const theirs = grantedIds(impersonator, 'DATA_SOURCE');
    parts.push({ sql: `${alias}.id in (${theirs.sql})`, params: theirs.params });
  }
  return { sql: parts.map((part) => `(${part.sql})`).join(' and '), params: parts.flatMap((part) => part.params) };
}
