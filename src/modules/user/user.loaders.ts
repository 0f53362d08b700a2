import DataLoader from 'dataloader';
import { FEATURES, type DatasetAccessLevel, type Feature, type FeatureState } from '../../authz/vocabulary.ts';
import { User } from './user.entity.ts';
import { Loader, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

type LoaderScope = Pick<RequestScope, 'em' | 'viewer'>;

/** Users of the caller's tenant by id, one statement per page. */
export const userLoaders = perRequest((scope: LoaderScope) => {
  const tenant = tenantIdOf(scope);
  return {
    byId: new Loader<string, User | null>(async (ids) => {
      const rows = await scope.em.find(User, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
});

export interface DatasetGrantRow {
  userId: string;
  datasetId: string;
  name: string;
  level: DatasetAccessLevel;
}
export interface FeatureSwitch {
  feature: Feature;
  state: FeatureState;
}

/**
 * The overrides of a page of users. Datasets are read from their table directly (id and name
 * only), bound to the caller's tenant.
 */
export const userOverrideLoaders = perRequest((scope: LoaderScope) => {
  const tenant = tenantIdOf(scope);
  return {
    datasetAccess: new DataLoader<string, DatasetGrantRow[]>(async (userIds) => {
      const rows = await scope.em.execute<{ user_id: string; dataset_id: string; name: string; level: DatasetAccessLevel }[]>(
        `select a.user_id, d.id as dataset_id, d.name, a.level
           from user_dataset_access a join datasets d on d.id = a.dataset_id and d.tenant_id = a.tenant_id
          where a.tenant_id = ? and a.user_id in (?) order by d.name_key, d.id`,
        [tenant, [...userIds]],
      );
      const byUser = new Map<string, DatasetGrantRow[]>(userIds.map((id) => [id, []]));
      for (const r of rows) byUser.get(r.user_id)?.push({ userId: r.user_id, datasetId: r.dataset_id, name: r.name, level: r.level });
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
    featurePermissions: new DataLoader<string, FeatureSwitch[]>(async (userIds) => {
      const rows = await scope.em.execute<{ user_id: string; feature: Feature; state: FeatureState }[]>(
        'select user_id, feature, state from user_feature_permissions where tenant_id = ? and user_id in (?)',
        [tenant, [...userIds]],
      );
      const states = new Map(rows.map((r) => [`${r.user_id}:${r.feature}`, r.state]));
      return userIds.map((id) => FEATURES.map((feature) => ({ feature, state: states.get(`${id}:${feature}`) ?? 'DEFAULT' })));
    }),
  };
});
