import type { Facts } from '../../authz/decide.ts';
import type { RequestScope } from '../../scope/scope.ts';
import type { Folder } from './folder.entity.ts';

type FolderLike = Pick<Folder, 'id' | 'workspace'> & { owner: { id: string }; workspaceOwner?: { id: string } | null };
type ShareLoaders = Pick<RequestScope['loaders'], 'isDashboardShared' | 'isFolderTreeShared'>;

/**
 * Matrix facts about something placed in a workspace (a folder, a dashboard) for the viewer and,
 * while a non-admin impersonates, for the impersonator as themselves (`impersonatorFacts`): their
 * own share of it and their own ownership, in the same place.
 */
export async function placedFacts(ctx: RequestScope, ownerId: string, isShared: (loaders: ShareLoaders) => Promise<boolean>, place: Facts): Promise<Facts> {
  const impersonator = ctx.loaders.impersonatorShares;
  const [shared, impersonatorShared] = await Promise.all([isShared(ctx.loaders), impersonator ? isShared(impersonator) : undefined]);
  const facts = viewerFacts(ctx, ownerId, shared, place);
  if (impersonator) facts.impersonatorFacts = { shared: impersonatorShared === true, owner: ownerId === ctx.viewer?.impersonatorId, ...place };
  return facts;
}

/** The viewer's own facts about something placed, its share fact known. */
export function viewerFacts(ctx: Pick<RequestScope, 'viewer'>, ownerId: string, shared: boolean, place: Facts): Facts {
  return { shared, owner: ownerId === ctx.viewer?.userId, ...place };
}

/** Matrix facts about a folder for the viewer (one statement per request for all folders). */
export function folderFacts(ctx: RequestScope, folder: FolderLike): Promise<Facts> {
  const place = { workspace: folder.workspace, workspaceOwnerId: folder.workspaceOwner?.id ?? null };
  return placedFacts(ctx, folder.owner.id, (loaders) => loaders.isFolderTreeShared.load(folder.id), place);
}
