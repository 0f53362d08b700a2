import { Folder } from './folder.entity.ts';
import { visibleFolders } from '../../authz/visibility.ts';
import { Loader, perRequest } from '../../scope/memo.ts';
import { tenantIdOf, type RequestScope } from '../../scope/scope.ts';

export const folderLoaders = perRequest((scope: Pick<RequestScope, 'em' | 'viewer'>) => {
  const tenant = tenantIdOf(scope);
  const viewer = scope.viewer;
  return {
    byId: new Loader<string, Folder | null>(async (ids) => {
      const rows = await scope.em.find(Folder, { id: { $in: [...ids] }, tenant });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * Each folder's chain from the top of its workspace down to itself, as far up as the viewer
     * may see: it stops below the first ancestor the viewer cannot see (a folder shared on its
     * own never names the folders above it). One statement per page.
     */
    chainById: new Loader<string, { id: string; name: string }[]>(async (ids) => {
      if (!viewer) return ids.map(() => []);
      const visible = visibleFolders(viewer, 'v');
      const rows = await scope.em.execute<{ start_id: string; id: string; name: string; visible: boolean }[]>(
        `with recursive chain as (
           select f.id as start_id, f.id, f.parent_id, f.name, 0 as depth from folders f where f.tenant_id = ? and f.id in (?)
           union all
           select c.start_id, p.id, p.parent_id, p.name, c.depth + 1 from folders p join chain c on p.id = c.parent_id
         ) select c.start_id, c.id, c.name, exists (select 1 from folders v where v.id = c.id and ${visible.sql}) as visible
             from chain c order by c.start_id, c.depth asc`,
        [tenant, [...ids], ...visible.params],
      );
      const chains = new Map<string, { id: string; name: string }[]>(ids.map((id) => [id, []]));
      const stopped = new Set<string>();
      for (const row of rows) {
        if (stopped.has(row.start_id)) continue;
        if (!row.visible) stopped.add(row.start_id);
        else chains.get(row.start_id)?.unshift({ id: row.id, name: row.name });
      }
      return ids.map((id) => chains.get(id) ?? []);
    }),
  };
});
