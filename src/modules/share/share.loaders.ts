import { Share } from './share.entity.ts';
import { Loader, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

/** The shares of each resource, one statement per page. */
export const shareLoaders = perRequest((scope: Pick<RequestScope, 'em' | 'viewer'>) => {
  const tenant = tenantIdOf(scope);
  return {
    byResourceId: new Loader<string, Share[]>(async (resourceIds) => {
      const rows = await scope.em.find(Share, { tenant, resourceId: { $in: [...resourceIds] } }, { orderBy: { id: 'asc' } });
      const byResource = new Map<string, Share[]>(resourceIds.map((id) => [id, []]));
      for (const row of rows) byResource.get(row.resourceId)?.push(row);
      return resourceIds.map((id) => byResource.get(id) ?? []);
    }),
  };
});
