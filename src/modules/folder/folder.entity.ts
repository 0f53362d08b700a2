import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WORKSPACES } from '../../authz/vocabulary.ts';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/**
 * A folder of the team workspace, or of one user's personal workspace (`workspaceOwner`). A
 * folder's children share its workspace.
 */
export const Folder = defineEntity({
  name: 'Folder',
  tableName: 'folders',
  extends: TenantScoped,
  properties: {
    name: p.string().length(200),
    parent: () => p.manyToOne(Folder).nullable().deleteRule('cascade').index(),
    workspace: p.enum(WORKSPACES),
    workspaceOwner: () => p.manyToOne(User).nullable().deleteRule('restrict').index(),
    owner: () => p.manyToOne(User).deleteRule('restrict'),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Folder = InferEntity<typeof Folder>;
