import type { Principal } from '../../auth/principal.ts';
import { can, type Facts, type Subject } from '../../authz/decide.ts';
import type { Action } from '../../authz/matrix.ts';
import { canAs, isPerson } from '../../authz/policy.ts';
import type { ViewerSubject } from '../../authz/subject.ts';
import { grantedIds, type SqlFragment, type VisibilitySubject } from '../../authz/visibility.ts';
import type { RequestScope } from '../../scope/scope.ts';

/**
 * How the role matrix applies to datasets. The facts of a dataset are: is it shared with the
 * viewer, is its data source shared with the viewer, and its id (for BLACKLIST / WHITELIST).
 * Every decision goes through `canAs()` (the matrix, intersected with an impersonator's rights);
 * the SQL list filter below is derived from it too.
 */

export interface DatasetLike {
  id: string;
  dataSource: { id: string };
}

/** A dataset is visible (listed, readable by id) to whoever may explore or manage it. */
const VISIBLE_ACTIONS: readonly Action[] = ['dataset.explore', 'dataset.manage'];

export function canSeeDataset(subject: ViewerSubject, facts: Facts): boolean {
  return VISIBLE_ACTIONS.some((action) => canAs(subject, subject.impersonator, action, facts));
}

/** Whether the subject could manage datasets at all, i.e. on a data source and dataset shared with them (both people). */
export function mayManageSomeDataset(subject: ViewerSubject): boolean {
  const everything: Facts = { dataSourceShared: true, datasetShared: true };
  return canAs(subject, subject.impersonator, 'dataset.manage', { ...everything, impersonatorFacts: everything });
}

/** Facts already worked out in a request (keyed by its loaders), per dataset and data source. */
const factsByRequest = new WeakMap<object, Map<string, Promise<Facts>>>();

/**
 * The facts of one dataset for the viewer (and, while a non-admin impersonates, for the
 * impersonator as themselves); the share sets are loaded once per request.
 */
export function datasetFacts(ctx: Pick<RequestScope, 'viewer' | 'loaders'>, dataset: DatasetLike): Promise<Facts> {
  let known = factsByRequest.get(ctx.loaders);
  if (!known) factsByRequest.set(ctx.loaders, (known = new Map()));
  const key = `${dataset.id}:${dataset.dataSource.id}`;
  let facts = known.get(key);
  if (!facts) {
    const of = async (loaders: Pick<RequestScope['loaders'], 'sharedIds'>): Promise<Facts> => {
      const [datasets, dataSources] = await Promise.all([loaders.sharedIds('DATASET'), loaders.sharedIds('DATA_SOURCE')]);
      return { datasetId: dataset.id, datasetShared: datasets.has(dataset.id), dataSourceShared: dataSources.has(dataset.dataSource.id) };
    };
    const impersonator = ctx.loaders.impersonatorShares;
    facts = Promise.all([of(ctx.loaders), impersonator ? of(impersonator) : undefined]).then(([own, theirs]) =>
      Object.freeze(theirs ? { ...own, impersonatorFacts: Object.freeze(theirs) } : own),
    );
    known.set(key, facts);
  }
  return facts;
}

export interface DatasetPermissions {
  explore: boolean;
  manage: boolean;
  seeDefinition: boolean;
}

export async function datasetPermissions(ctx: Pick<RequestScope, 'viewer' | 'loaders'>, dataset: DatasetLike): Promise<DatasetPermissions> {
  if (!isPerson(ctx.viewer)) return { explore: false, manage: false, seeDefinition: false };
  const [subject, facts] = await Promise.all([ctx.loaders.subject(), datasetFacts(ctx, dataset)]);
  const allowed = (action: Action) => canAs(subject, subject.impersonator, action, facts);
  return { explore: allowed('dataset.explore'), manage: allowed('dataset.manage'), seeDefinition: allowed('dataset.seeDefinition') };
}

export async function canSeeThisDataset(ctx: Pick<RequestScope, 'viewer' | 'loaders'>, dataset: DatasetLike): Promise<boolean> {
  if (!isPerson(ctx.viewer)) return false;
  const [subject, facts] = await Promise.all([ctx.loaders.subject(), datasetFacts(ctx, dataset)]);
  return canSeeDataset(subject, facts);
}

const join = (fragments: SqlFragment[], operator: 'and' | 'or'): SqlFragment => ({
  sql: `(${fragments.map((f) => f.sql).join(` ${operator} `)})`,
  params: fragments.flatMap((f) => f.params),
});
const not = (fragment: SqlFragment): SqlFragment => ({ sql: `not ${fragment.sql}`, params: fragment.params });

/** BLACKLIST / WHITELIST of the user `userId` (whose overrides `subject` carries) over `alias`. */
function accessMode(subject: Subject, tenantId: string, userId: string, alias: string): SqlFragment[] {
  const listed = `exists (select 1 from user_dataset_access a where a.tenant_id = ? and a.user_id = ? and a.dataset_id = ${alias}.id)`;
  if (subject.datasetAccessMode === 'BLACKLIST') return [{ sql: `not ${listed}`, params: [tenantId, userId] }];
  if (subject.datasetAccessMode === 'WHITELIST') return [{ sql: listed, params: [tenantId, userId] }];
  return [];
}

/**
 * The dataset share truth table for one person as a SQL predicate over `alias`: `allowed` tells
 * for each combination of the two share facts whether that person may see the dataset.
 */
function grantPredicate(person: VisibilitySubject, allowed: (facts: Facts) => boolean, alias: string): SqlFragment {
  const datasetGrant = grantedIds(person, 'DATASET');
  const sourceGrant = grantedIds(person, 'DATA_SOURCE');
  const shared: SqlFragment = { sql: `${alias}.id in (${datasetGrant.sql})`, params: datasetGrant.params };
  const sourceShared: SqlFragment = { sql: `${alias}.data_source_id in (${sourceGrant.sql})`, params: sourceGrant.params };

  const cases = (
    [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const
  ).map(([datasetShared, dataSourceShared]) => ({
    datasetShared,
    dataSourceShared,
    allowed: allowed({ datasetShared, dataSourceShared }),
  }));
  switch (cases.map((c) => (c.allowed ? '1' : '0')).join('')) {
    case '0000':
      return { sql: 'false', params: [] };
    case '1111':
      return { sql: 'true', params: [] };
    case '0011':
      return shared;
    case '0101':
      return sourceShared;
    case '0111':
      return join([shared, sourceShared], 'or');
    default:
      return join(
        cases.filter((c) => c.allowed).map((c) => join([c.datasetShared ? shared : not(shared), c.dataSourceShared ? sourceShared : not(sourceShared)], 'and')),
        'or',
      );
  }
}

/**
 * `canSeeDataset` as a SQL predicate over `alias` (a datasets row), so lists are filtered in the
 * database. Apart from the access modes, its result depends only on the two share facts, so the
 * predicate is that truth table (evaluated with the decision functions themselves), plus the
 * access mode of the viewer. While a non-admin impersonates, the impersonator's role and mode
 * apply to the viewer's shares, and the impersonator as themselves must see the dataset with
 * their own shares too (the same predicate, ANDed).
 */
export function visibleDatasets(viewer: Principal, subject: ViewerSubject, alias = 'd'): SqlFragment {
  const { impersonatorSelf, ...acting } = subject;
  const parts = [
    { sql: `${alias}.tenant_id = ?`, params: [viewer.tenantId] },
    grantPredicate(viewer, (facts) => canSeeDataset(acting, facts), alias),
    ...accessMode(subject, viewer.tenantId, viewer.userId, alias),
  ];
  if (subject.impersonator && viewer.impersonatorId) parts.push(...accessMode(subject.impersonator, viewer.tenantId, viewer.impersonatorId, alias));
  if (impersonatorSelf) {
    const self = { tenantId: viewer.tenantId, userId: impersonatorSelf.userId, role: impersonatorSelf.role };
    parts.push(grantPredicate(self, (facts) => VISIBLE_ACTIONS.some((action) => can(impersonatorSelf, action, facts)), alias));
  }
  return join(parts, 'and');
}
