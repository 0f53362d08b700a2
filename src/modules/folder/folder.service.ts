import { allows, assertCan } from '../../authz/policy.ts';
import { sharedFolderTree, visibleFolders } from '../../authz/visibility.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, conflict, notFound } from '../../errors.ts';
import { idWindowQuery, type IdWindow } from '../../db/id-window.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Dashboard } from '../dashboard/dashboard.entity.ts';
import type { Workspace } from '../../authz/vocabulary.ts';
import { Folder } from './folder.entity.ts';
import { folderFacts } from './folder.policy.ts';
import { folderLoaders } from './folder.loaders.ts';

export function validateFolderName(name: string, field = 'input.name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw badInput(field, 'Folder name must be 1 to 200 characters');
  return trimmed;
}

/** A folder the viewer may see; NOT_FOUND otherwise, exactly like a missing id. */
export async function findVisibleFolder(ctx: RequestScope, id: string): Promise<Folder> {
  requirePerson(ctx);
  const folder = isUuid(id) ? await folderLoaders(ctx).byId.load(id) : null;
  if (!folder || !(await allows(ctx, 'folder.view', await folderFacts(ctx, folder)))) throw notFound('Folder');
  return folder;
}

export interface FolderListFilter {
  parentId?: string | null;
  workspace?: Workspace | null;
}

/** Folders the viewer may see, filtered in SQL; top-level ones when no parent is given. */
export async function listFolders(ctx: RequestScope, filter: FolderListFilter, window: IdWindow): Promise<Folder[]> {
  const viewer = requirePerson(ctx);
  const visible = visibleFolders(viewer, 'f');
  const page = idWindowQuery(window);
  const where = [visible.sql];
  const params = [...visible.params];
  if (filter.parentId) {
    where.push('f.parent_id = ?');
    params.push(filter.parentId);
  } else {
    // Roots of what the viewer can see: top-level folders, and shared folders whose parent is hidden.
    const parentVisible = visibleFolders(viewer, 'p');
    where.push(`(f.parent_id is null or not exists (select 1 from folders p where p.id = f.parent_id and ${parentVisible.sql}))`);
    params.push(...parentVisible.params);
    // Other people's personal workspaces are not browsed from the top, even by admins, unless shared.
    const shared = sharedFolderTree(viewer);
    where.push(`(f.workspace = 'TEAM' or f.workspace_owner_id = ? or f.id in (${shared.sql}))`);
    params.push(viewer.userId, ...shared.params);
  }
  if (filter.workspace) {
    where.push('f.workspace = ?');
    params.push(filter.workspace);
    if (filter.workspace === 'PERSONAL' && !filter.parentId) {
      where.push('f.workspace_owner_id = ?');
      params.push(viewer.userId);
    }
  }
  if (window.after) {
    where.push('f.id > ?');
    params.push(window.after);
  }
  if (window.before) {
    where.push('f.id < ?');
    params.push(window.before);
  }
  const rows = await ctx.em.execute<{ id: string }[]>(`select f.id from folders f where ${where.join(' and ')} order by f.id ${page.orderBy.id} limit ?`, [
    ...params,
    page.limit,
  ]);
  return ctx.em.find(Folder, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: page.orderBy.id } });
}

/** The workspace a new item lands in: its parent folder's, or the one named. */
export async function resolvePlacement(
  ctx: RequestScope,
  input: { folderId?: string | null; workspace?: Workspace | null },
  field: string,
): Promise<{ folder: Folder | null; workspace: Workspace; workspaceOwnerId: string | null }> {
  const viewer = requirePerson(ctx);
  if (input.folderId) {
    const folder = await findVisibleFolder(ctx, input.folderId).catch(() => {
      throw badInput(field, 'No such folder');
    });
    if (input.workspace && input.workspace !== folder.workspace) throw badInput('input.workspace', `The folder is in the ${folder.workspace} workspace`);
    return { folder, workspace: folder.workspace, workspaceOwnerId: folder.workspaceOwner?.id ?? null };
  }
  const workspace = input.workspace ?? 'TEAM';
  return { folder: null, workspace, workspaceOwnerId: workspace === 'PERSONAL' ? viewer.userId : null };
}

export async function createFolder(ctx: RequestScope, input: { name: string; parentId?: string | null; workspace?: Workspace | null }): Promise<Folder> {
  const name = validateFolderName(input.name);
  const place = await resolvePlacement(ctx, { folderId: input.parentId, workspace: input.workspace }, 'input.parentId');
  await assertCan(ctx, 'folder.manage', { workspace: place.workspace, workspaceOwnerId: place.workspaceOwnerId });
  const viewer = requirePerson(ctx);
  const folder = ctx.em.create(Folder, {
    tenant: viewer.tenantId,
    name,
    parent: place.folder,
    workspace: place.workspace,
    workspaceOwner: place.workspaceOwnerId,
    owner: viewer.userId,
  });
  recordAudit(ctx.em, viewer, { action: 'folder.create', resourceType: 'FOLDER', resourceId: folder.id, summary: { name, workspace: place.workspace } });
  await ctx.em.flush();
  return folder;
}

async function manageable(ctx: RequestScope, id: string): Promise<Folder> {
  const folder = await findVisibleFolder(ctx, id);
  await assertCan(ctx, 'folder.manage', await folderFacts(ctx, folder));
  return folder;
}

export async function renameFolder(ctx: RequestScope, input: { id: string; name: string }): Promise<Folder> {
  const folder = await manageable(ctx, input.id);
  const before = folder.name;
  folder.name = validateFolderName(input.name);
  recordAudit(ctx.em, requirePerson(ctx), {
    action: 'folder.update',
    resourceType: 'FOLDER',
    resourceId: folder.id,
    summary: { name: { before, after: folder.name } },
  });
  await ctx.em.flush();
  return folder;
}

/** Moves a folder under another of the same workspace (or to the top); refuses cycles. */
export async function moveFolder(ctx: RequestScope, input: { id: string; parentId?: string | null }): Promise<Folder> {
  const folder = await manageable(ctx, input.id);
  let parent: Folder | null = null;
  if (input.parentId) {
    parent = await findVisibleFolder(ctx, input.parentId).catch(() => {
      throw badInput('input.parentId', 'No such folder');
    });
    if (parent.workspace !== folder.workspace || (parent.workspaceOwner?.id ?? null) !== (folder.workspaceOwner?.id ?? null)) {
      throw badInput('input.parentId', 'A folder moves within its own workspace');
    }
    await assertCan(ctx, 'folder.manage', await folderFacts(ctx, parent));
    const ancestors = await ctx.em.execute<{ id: string }[]>(
      `with recursive up as (select id, parent_id from folders where id = ? and tenant_id = ?
         union all select f.id, f.parent_id from folders f join up on f.id = up.parent_id) select id from up`,
      [parent.id, requirePerson(ctx).tenantId],
    );
    if (ancestors.some((a) => a.id === folder.id)) throw badInput('input.parentId', 'A folder cannot move into itself or one of its subfolders');
  }
  folder.parent = parent;
  recordAudit(ctx.em, requirePerson(ctx), { action: 'folder.move', resourceType: 'FOLDER', resourceId: folder.id, summary: { parentId: parent?.id ?? null } });
  await ctx.em.flush();
  return folder;
}

/** Deletes an empty folder; one with subfolders or dashboards is refused. */
export async function deleteFolder(ctx: RequestScope, id: string): Promise<boolean> {
  const folder = await manageable(ctx, id);
  const [children, dashboards] = await Promise.all([ctx.em.count(Folder, { parent: folder.id }), ctx.em.count(Dashboard, { folder: folder.id })]);
  if (children + dashboards > 0) throw conflict(`The folder is not empty (${children} folders, ${dashboards} dashboards)`);
  recordAudit(ctx.em, requirePerson(ctx), { action: 'folder.delete', resourceType: 'FOLDER', resourceId: folder.id, summary: { name: folder.name } });
  ctx.em.remove(folder);
  await ctx.em.flush();
  return true;
}
