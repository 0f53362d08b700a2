import type { Facts } from '../../authz/decide.ts';
import type { RequestScope } from '../../scope/scope.ts';
import type { Folder } from './folder.entity.ts';

type FolderLike = Pick<Folder, 'id' | 'workspace'> & { owner: { id: string }; workspaceOwner?: { id: string } | null };

/**
 * Matrix facts about a folder for the viewer (one statement per request for all folders), and
 * while a non-admin impersonates, the impersonator's own (`impersonatorFacts`).
 */
export async function folderFacts(ctx: RequestScope, folder: FolderLike): Promise<Facts> {
  const impersonator = ctx.loaders.impersonatorShares;
  const [shared, impersonatorShared] = await Promise.all([
    ctx.loaders.isFolderTreeShared.load(folder.id),
    impersonator?.isFolderTreeShared.load(folder.id),
  ]);
  const place = { workspace: folder.workspace, workspaceOwnerId: folder.workspaceOwner?.id ?? null };
  const facts: Facts = { shared, owner: folder.owner.id === ctx.viewer?.userId, ...place };
  if (impersonator) facts.impersonatorFacts = { shared: impersonatorShared === true, owner: folder.owner.id === ctx.viewer?.impersonatorId, ...place };
  return facts;
}
