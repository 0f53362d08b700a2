import type { Viewer } from '../../auth/principal.ts';
import type { Facts, Subject } from '../../authz/decide.ts';
import type { Action } from '../../authz/matrix.ts';
import { canAs, isPerson } from '../../authz/policy.ts';
import type { ViewerSubject } from '../../authz/subject.ts';
import { grantedIds, type SqlFragment } from '../../authz/visibility.ts';
import type { Loaders } from '../../http/loaders.ts';

/**
 * How the role matrix applies to datasets. The facts of a dataset are: is it shared with the
 * viewer, is its data source shared with the viewer, and its id (for BLACKLIST / WHITELIST).
 * Every decision goes through `canAs()` (the matrix, intersected with an impersonator's rights);
 * the SQL list filter below is derived from it too.
 */

export interface DatasetAccessContext {
  viewer: Viewer | null;
  loaders: Pick<Loaders, 'sharedIds' | 'subject'>;
}

export interface DatasetLike {
  id: string;
  dataSource: { id: string };
}

/** A dataset is visible (listed, readable by id) to whoever may explore or manage it. */
const VISIBLE_ACTIONS: readonly Action[] = ['dataset.explore', 'dataset.manage'];

export function canSeeDataset(subject: ViewerSubject, facts: Facts): boolean {
  return VISIBLE_ACTIONS.some((action) => canAs(subject, subject.impersonator, action, facts));
}

/** Whether the subject could manage datasets at all, i.e. on a data source and dataset shared with them. */
export function mayManageSomeDataset(subject: ViewerSubject): boolean {
  return canAs(subject, subject.impersonator, 'dataset.manage', { dataSourceShared: true, datasetShared: true });
}

/** Facts already worked out in a request (keyed by its loaders), per dataset and data source. */
const factsByRequest = new WeakMap<object, Map<string, Promise<Facts>>>();

/** The facts of one dataset for the viewer; the share sets are loaded once per request. */
export function datasetFacts(ctx: DatasetAccessContext, dataset: DatasetLike): Promise<Facts> {
  let known = factsByRequest.get(ctx.loaders);
  if (!known) factsByRequest.set(ctx.loaders, (known = new Map()));
  const key = `${dataset.id}:${dataset.dataSource.id}`;
  let facts = known.get(key);
  if (!facts) {
    facts = Promise.all([ctx.loaders.sharedIds('DATASET'), ctx.loaders.sharedIds('DATA_SOURCE')]).then(([datasets, dataSources]) => Object.freeze({
      datasetId: dataset.id,
      datasetShared: datasets.has(dataset.id),
      dataSourceShared: dataSources.has(dataset.dataSource.id),
    }));
    known.set(key, facts);
  }
  return facts;
}

export interface DatasetPermissions {
  explore: boolean;
  manage: boolean;
  seeDefinition: boolean;
}

export async function datasetPermissions(ctx: DatasetAccessContext, dataset: DatasetLike): Promise<DatasetPermissions> {
  if (!isPerson(ctx.viewer)) return { explore: false, manage: false, seeDefinition: false };
  const [subject, facts] = await Promise.all([ctx.loaders.subject(), datasetFacts(ctx, dataset)]);
  const allowed = (action: Action) => canAs(subject, subject.impersonator, action, facts);
  return { explore: allowed('dataset.explore'), manage: allowed('dataset.manage'), seeDefinition: allowed('dataset.seeDefinition') };
}

export async function canSeeThisDataset(ctx: DatasetAccessContext, dataset: DatasetLike): Promise<boolean> {
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
 * `canSeeDataset` as a SQL predicate over `alias` (a datasets row), so lists are filtered in the
 * database. Apart from the access modes, its result depends only on the two share facts, so the
 * predicate is that truth table (evaluated with `canAs()` itself), plus the access mode of the
 * viewer and, while impersonating, of the impersonator.
 */
export function visibleDatasets(viewer: Viewer, subject: ViewerSubject, alias = 'd'): SqlFragment {
  const datasetGrant = grantedIds(viewer, 'DATASET');
  const sourceGrant = grantedIds(viewer, 'DATA_SOURCE');
  const shared: SqlFragment = { sql: `${alias}.id in (${datasetGrant.sql})`, params: datasetGrant.params };
  const sourceShared: SqlFragment = { sql: `${alias}.data_source_id in (${sourceGrant.sql})`, params: sourceGrant.params };

  const cases = ([[false, false], [false, true], [true, false], [true, true]] as const).map(([datasetShared, dataSourceShared]) => ({
    datasetShared,
    dataSourceShared,
    allowed: canSeeDataset(subject, { datasetShared, dataSourceShared }),
  }));
  let grant: SqlFragment;
  switch (cases.map((c) => (c.allowed ? '1' : '0')).join('')) {
    case '0000':
      grant = { sql: 'false', params: [] };
      break;
    case '1111':
      grant = { sql: 'true', params: [] };
      break;
    case '0011':
      grant = shared;
      break;
    case '0101':
      grant = sourceShared;
      break;
    case '0111':
      grant = join([shared, sourceShared], 'or');
      break;
    default:
      grant = join(
        cases
          .filter((c) => c.allowed)
          .map((c) => join([c.datasetShared ? shared : not(shared), c.dataSourceShared ? sourceShared : not(sourceShared)], 'and')),
        'or',
      );
  }

  const modes = [
    ...accessMode(subject, viewer.tenantId, viewer.userId, alias),
    ...(subject.impersonator && viewer.impersonatorId ? accessMode(subject.impersonator, viewer.tenantId, viewer.impersonatorId, alias) : []),
  ];
  return join([{ sql: `${alias}.tenant_id = ?`, params: [viewer.tenantId] }, grant, ...modes], 'and');
}
