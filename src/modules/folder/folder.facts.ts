import type { Facts } from '../../authz/decide.ts';
import type { Context } from '../../http/context.ts';
import type { Folder } from './folder.entity.ts';

type FolderLike = Pick<Folder, 'id' | 'workspace'> & { owner: { id: string }; workspaceOwner?: { id: string } | null };

/** Matrix facts about a folder for the viewer (one statement per request for all folders). */
export async function folderFacts(ctx: Context, folder: FolderLike): Promise<Facts> {
  return {
    shared: await ctx.loaders.isFolderTreeShared.load(folder.id),
    owner: folder.owner.id === ctx.viewer?.userId,
    workspace: folder.workspace,
    workspaceOwnerId: folder.workspaceOwner?.id ?? null,
  };
}
