import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, firstBadIndex } from '../../errors.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Group } from '../group/group.entity.ts';
import type { ShareResourceType } from '../../authz/vocabulary.ts';
import { User } from '../user/user.entity.ts';
import { Share } from './share.entity.ts';
import { SHARE_TARGETS } from './share.targets.ts';
import { shareLoaders } from './share.loaders.ts';

/** Global-id type names of shareable resources. */
export const SHAREABLE_TYPENAMES: Record<string, ShareResourceType> = {
  Folder: 'FOLDER',
  Dashboard: 'DASHBOARD',
  Dataset: 'DATASET',
  DataSource: 'DATA_SOURCE',
};

export interface ShareInput {
  type: ShareResourceType | undefined;
  id: string;
  userIds: string[];
  groupIds: string[];
  allUsers: boolean;
}

async function granteeKeys(ctx: RequestScope, input: ShareInput): Promise<{ key: string; type: 'USER' | 'GROUP' | 'ALL_USERS' }[]> {
  const viewer = requirePerson(ctx);
  if (input.userIds.length + input.groupIds.length === 0 && !input.allUsers) {
    throw badInput('input', 'Name at least one user, group, or allUsers');
  }
  if (input.userIds.length > 500 || input.groupIds.length > 500) throw badInput('input', 'At most 500 users and 500 groups per call');
  const badUser = firstBadIndex(input.userIds, isUuid);
  if (badUser >= 0) throw badInput(`input.userIds[${badUser}]`, 'Not a user id');
  const badGroup = firstBadIndex(input.groupIds, isUuid);
  if (badGroup >= 0) throw badInput(`input.groupIds[${badGroup}]`, 'Not a group id');
  const [users, groups] = await Promise.all([
    input.userIds.length ? ctx.em.find(User, { id: { $in: input.userIds }, tenant: viewer.tenantId, status: { $ne: 'PUBLIC' } }) : [],
    input.groupIds.length ? ctx.em.find(Group, { id: { $in: input.groupIds }, tenant: viewer.tenantId }) : [],
  ]);
  const userSet = new Set(users.map((u) => u.id));
  const groupSet = new Set(groups.map((g) => g.id));
  const missingUser = firstBadIndex(input.userIds, (id) => userSet.has(id));
  if (missingUser >= 0) throw badInput(`input.userIds[${missingUser}]`, 'No such user in this workspace');
  const missingGroup = firstBadIndex(input.groupIds, (id) => groupSet.has(id));
  if (missingGroup >= 0) throw badInput(`input.groupIds[${missingGroup}]`, 'No such group in this workspace');
  return [
    ...[...userSet].map((key) => ({ key, type: 'USER' as const })),
    ...[...groupSet].map((key) => ({ key, type: 'GROUP' as const })),
    ...(input.allUsers ? [{ key: 'all', type: 'ALL_USERS' as const }] : []),
  ];
}

async function authorize(ctx: RequestScope, input: ShareInput): Promise<ShareResourceType> {
  requirePerson(ctx);
  const target = input.type ? SHARE_TARGETS[input.type] : undefined;
  if (!input.type || !target || !isUuid(input.id)) throw badInput('input.resourceId', 'Not the id of a shareable resource');
  await target.authorize(ctx, input.id);
  return input.type;
}

/** Grants VIEW (USE for data sources); idempotent. Takes effect on the next request. */
export async function share(ctx: RequestScope, input: ShareInput): Promise<Share[]> {
  const type = await authorize(ctx, input);
  const viewer = requirePerson(ctx);
  const grantees = await granteeKeys(ctx, input);
  const rows = grantees.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, now())').join(', ');
  await ctx.em.transactional(async (em) => {
    await em.execute(
      `insert into shares (id, tenant_id, resource_type, resource_id, grantee_type, grantee_user_id, grantee_group_id, grantee_key, created_by_id, created_at)
       values ${rows} on conflict (resource_id, grantee_key) do nothing`,
      grantees.flatMap((g) => [
        uuidv7(),
        viewer.tenantId,
        type,
        input.id,
        g.type,
        g.type === 'USER' ? g.key : null,
        g.type === 'GROUP' ? g.key : null,
        g.key,
        viewer.userId,
      ]),
    );
    recordAudit(em, viewer, { action: 'share.create', resourceType: type, resourceId: input.id, summary: { grantees } });
  });
  forget(ctx, input.id);
  return listShares(ctx, input.id);
}

/** Revokes grants; the grantees lose access on their next request. */
export async function unshare(ctx: RequestScope, input: ShareInput): Promise<Share[]> {
  const type = await authorize(ctx, input);
  const viewer = requirePerson(ctx);
  const grantees = await granteeKeys(ctx, input);
  await ctx.em.transactional(async (em) => {
    await em.nativeDelete(Share, { tenant: viewer.tenantId, resourceId: input.id, granteeKey: { $in: grantees.map((g) => g.key) } });
    recordAudit(em, viewer, { action: 'share.delete', resourceType: type, resourceId: input.id, summary: { grantees } });
  });
  forget(ctx, input.id);
  return listShares(ctx, input.id);
}

export function listShares(ctx: RequestScope, resourceId: string): Promise<Share[]> {
  return shareLoaders(ctx).byResourceId.load(resourceId);
}

/** After a change, a later read in the same request must not see the cached list. */
function forget(ctx: RequestScope, resourceId: string): void {
  shareLoaders(ctx).byResourceId.clear(resourceId);
  ctx.loaders.isFolderTreeShared.clearAll();
  ctx.loaders.isDashboardShared.clearAll();
  ctx.loaders.impersonatorShares?.isFolderTreeShared.clearAll();
  ctx.loaders.impersonatorShares?.isDashboardShared.clearAll();
}
