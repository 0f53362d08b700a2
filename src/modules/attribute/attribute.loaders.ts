import { User } from '../user/user.entity.ts';
import { loadGroupValues, type GroupValueView } from './attribute.service.ts';
import { loadAttributeEntries, loadEffectiveAttributes, type AttributeEntry } from './effective.ts';
import type { EffectiveAttributes } from '../../query/attributes.ts';
import { Loader, once, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

export const attributeLoaders = perRequest((scope: Pick<RequestScope, 'em' | 'viewer' | 'metadata'>) => {
  const tenant = tenantIdOf(scope);
  const viewer = scope.viewer;
  return {
    /**
     * The viewer's effective user attributes (PRODUCT.md §5), for row-level permission and filter
     * permissions; once per request, and from the metadata cache when it may serve.
     */
    effective: once((): Promise<EffectiveAttributes> => {
      if (!viewer) throw new Error('no viewer');
      return scope.metadata.read(`attributes:${viewer.userId}:${viewer.role}:${viewer.email ?? ''}`, async () => {
        const email = viewer.email ?? (await scope.em.findOne(User, { id: viewer.userId, tenant }))?.email;
        if (email === undefined) throw new Error(`viewer ${viewer.userId} not found in their tenant`);
        return loadEffectiveAttributes(scope.em, { tenantId: viewer.tenantId, userId: viewer.userId, email, role: viewer.role });
      });
    }),
    /** Every attribute of each user with its effective value (`User.attributes`): one statement per page. */
    ofUser: new Loader<string, AttributeEntry[]>(async (userIds) => (viewer ? loadAttributeEntries(scope.em, tenant, userIds) : userIds.map(() => []))),
    /** What each group sets (`Group.attributeValues`): one statement per page. */
    ofGroup: new Loader<string, GroupValueView[]>(async (groupIds) => (viewer ? loadGroupValues(scope.em, tenant, groupIds) : groupIds.map(() => []))),
  };
});
