import { builder } from '../../graphql/builder.ts';
import { optionalRawId, rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { ShareRef } from '../share/share.graphql.ts';
import { listShares } from '../share/share.service.ts';
import { UserRef } from '../user/user.ref.ts';
import { allows } from '../../authz/policy.ts';
import { WORKSPACES } from '../../authz/vocabulary.ts';
import { Folder } from './folder.entity.ts';
import { folderFacts } from './folder.policy.ts';
import { createFolder, deleteFolder, findVisibleFolder, listFolders, moveFolder, renameFolder } from './folder.service.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { folderLoaders } from './folder.loaders.ts';

export const WorkspaceEnum = builder.enumType('Workspace', { values: WORKSPACES });

const viewFacts = async (folder: Folder, ctx: RequestScope) => ({ allowed: { action: 'folder.view' as const, facts: await folderFacts(ctx, folder) } });

const FolderViewerCan = builder.objectRef<{ folder: Folder }>('FolderViewerCan').implement({
  description: 'What the viewer may do with this folder, decided by the role matrix',
  authScopes: { person: true },
  fields: (t) => {
    const decide = (action: 'folder.manage') => t.boolean({ resolve: async ({ folder }, _args, ctx) => allows(ctx, action, await folderFacts(ctx, folder)) });
    return { manage: decide('folder.manage'), share: decide('folder.manage') };
  },
});

export const FolderPathItem = builder.objectRef<{ id: string; name: string }>('FolderPathItem').implement({
  description: 'A folder on the way from the top of a workspace, as far as the viewer may see it',
  authScopes: { person: true },
  fields: (t) => ({
    id: t.id({ resolve: (item) => Buffer.from(`Folder:${item.id}`).toString('base64') }),
    name: t.exposeString('name'),
  }),
});

export const FolderRef = builder.objectRef<Folder>('Folder');
builder.node(FolderRef, {
  description: 'A folder of the team workspace or of one user’s personal workspace',
  authScopes: viewFacts,
  isTypeOf: (value) => value instanceof Folder.class,
  id: { resolve: (folder) => folder.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    workspace: t.field({ type: WorkspaceEnum, resolve: (f) => f.workspace }),
    owner: t.field({ type: UserRef, resolve: async (f, _args, ctx) => (await userLoaders(ctx).byId.load(f.owner.id))! }),
    parent: t.field({
      type: FolderRef,
      nullable: true,
      resolve: (f, _args, ctx) => (f.parent ? folderLoaders(ctx).byId.load(f.parent.id) : null),
    }),
    path: t.field({
      type: [FolderPathItem],
      description: 'Ancestors from the top of the workspace (or from below the first one the viewer cannot see), then this folder',
      resolve: (f, _args, ctx) => folderLoaders(ctx).chainById.load(f.id),
    }),
    viewerCan: t.field({ type: FolderViewerCan, resolve: (folder) => ({ folder }) }),
    shares: t.field({
      type: [ShareRef],
      nullable: true,
      authScopes: async (f, _args, ctx) => ({ allowed: { action: 'folder.manage', facts: await folderFacts(ctx, f) } }),
      resolve: (f, _args, ctx) => listShares(ctx, f.id),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (f) => f.createdAt }),
  }),
});

const CreateFolderInput = builder.inputType('CreateFolderInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    parentId: t.id(),
    workspace: t.field({ type: WorkspaceEnum, description: 'TEAM (default) or PERSONAL; ignored below a parent' }),
  }),
});
const RenameFolderInput = builder.inputType('RenameFolderInput', {
  fields: (t) => ({ id: t.id({ required: true }), name: t.string({ required: true }) }),
});
const MoveFolderInput = builder.inputType('MoveFolderInput', {
  fields: (t) => ({ id: t.id({ required: true }), parentId: t.id({ description: 'Omit to move to the top of the workspace' }) }),
});

builder.queryFields((t) => ({
  folders: t.connection({
    type: FolderRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Folders the viewer may see: the children of `parentId`, or the top level of `workspace`',
    args: { parentId: t.arg.id(), workspace: t.arg({ type: WorkspaceEnum }) },
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) => listFolders(ctx, { parentId: optionalRawId(args.parentId, 'Folder', 'parentId'), workspace: args.workspace }, window)),
  }),
  folder: t.field({
    type: FolderRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findVisibleFolder(ctx, rawId(args.id, 'Folder')),
  }),
}));

builder.mutationFields((t) => ({
  createFolder: t.field({
    type: FolderRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: CreateFolderInput, required: true }) },
    resolve: (_root, { input }, ctx) => createFolder(ctx, { ...input, parentId: optionalRawId(input.parentId, 'Folder', 'input.parentId') }),
  }),
  renameFolder: t.field({
    type: FolderRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: RenameFolderInput, required: true }) },
    resolve: (_root, { input }, ctx) => renameFolder(ctx, { ...input, id: rawId(input.id, 'Folder') }),
  }),
  moveFolder: t.field({
    type: FolderRef,
    nullable: true,
    authScopes: { person: true },
    args: { input: t.arg({ type: MoveFolderInput, required: true }) },
    resolve: (_root, { input }, ctx) => moveFolder(ctx, { id: rawId(input.id, 'Folder'), parentId: optionalRawId(input.parentId, 'Folder', 'input.parentId') }),
  }),
  deleteFolder: t.boolean({
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteFolder(ctx, rawId(args.id, 'Folder')),
  }),
}));
