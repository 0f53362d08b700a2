import type { FilterQuery } from '@mikro-orm/core';
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, firstBadIndex, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import { idWindowQuery, type IdWindow } from '../../db/id-window.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { User } from '../user/user.entity.ts';
import { Group, GroupMembership } from './group.entity.ts';

const MAX_MEMBERS_PER_CALL = 500;

function requireAdmin(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can manage groups');
  return viewer as Principal;
}

export async function listGroups(ctx: RequestScope, window: IdWindow): Promise<Group[]> {
  const viewer = requirePerson(ctx);
  const page = idWindowQuery(window);
  const where: FilterQuery<Group> = { ...page.where, tenant: viewer.tenantId };
  return ctx.em.find(Group, where, { orderBy: page.orderBy, limit: page.limit });
}

export async function findGroup(ctx: RequestScope, id: string): Promise<Group> {
  const viewer = requirePerson(ctx);
  const group = isUuid(id) ? await ctx.em.findOne(Group, { id, tenant: viewer.tenantId }) : null;
  if (!group) throw notFound('Group');
  return group;
}

export async function listGroupMembers(ctx: RequestScope, groupId: string, window: IdWindow): Promise<User[]> {
  const viewer = requirePerson(ctx);
  const page = idWindowQuery(window);
  const memberships = await ctx.em.find(
    GroupMembership,
    { tenant: viewer.tenantId, group: groupId, ...(page.where.id ? { user: page.where.id } : {}) },
    { populate: ['user'], orderBy: { user: page.orderBy.id }, limit: page.limit },
  );
  return memberships.map((membership) => membership.user);
}

export function validateGroupName(name: string): { name: string; nameKey: string } {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw badInput('input.name', 'Group name must be 1 to 200 characters');
  return { name: trimmed, nameKey: trimmed.toLowerCase() };
}

export async function createGroup(ctx: RequestScope, input: { name: string }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { name, nameKey } = validateGroupName(input.name);
  const taken = () => conflict(`A group named "${name}" already exists`, 'input.name');
  if (await ctx.em.findOne(Group, { tenant: viewer.tenantId, nameKey })) throw taken();
  const group = ctx.em.create(Group, { tenant: viewer.tenantId, name, nameKey });
  recordAudit(ctx.em, viewer, { action: 'group.create', resourceType: 'GROUP', resourceId: group.id, summary: { name } });
  await withUniqueGuard(() => ctx.em.flush(), taken);
  return group;
}

async function membersInput(ctx: RequestScope, viewer: Principal, input: { groupId: string; userIds: string[] }) {
  const group = isUuid(input.groupId) ? await ctx.em.findOne(Group, { id: input.groupId, tenant: viewer.tenantId }) : null;
  if (!group) throw notFound('Group');
  if (input.userIds.length === 0) throw badInput('input.userIds', 'Name at least one user');
  if (input.userIds.length > MAX_MEMBERS_PER_CALL) throw badInput('input.userIds', `At most ${MAX_MEMBERS_PER_CALL} users per call`);
  // Errors name positions in the caller's own list, repeats included.
  const malformed = firstBadIndex(input.userIds, isUuid);
  if (malformed >= 0) throw badInput(`input.userIds[${malformed}]`, 'Not a user id');
  // PRODUCT.md §9: nobody changes their own groups (they carry shares and attribute values).
  if (input.userIds.includes(viewer.userId)) throw forbidden('You cannot change your own group memberships');
  const userIds = [...new Set(input.userIds)];
  const users = await ctx.em.find(User, { id: { $in: userIds }, tenant: viewer.tenantId });
  const found = new Set(users.map((u) => u.id));
  const missing = firstBadIndex(input.userIds, (id) => found.has(id));
  if (missing >= 0) throw badInput(`input.userIds[${missing}]`, 'No such user in this workspace');
  return { group, userIds };
}

/** Idempotent, also under concurrency: a membership that exists already is left as it is. */
export async function addGroupMembers(ctx: RequestScope, input: { groupId: string; userIds: string[] }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { group, userIds } = await membersInput(ctx, viewer, input);
  const rows = userIds.map(() => '(?, ?, ?, ?, now())').join(', ');
  await ctx.em.transactional(async (em) => {
    const added = await em.execute<{ user_id: string }[]>(
      `insert into group_memberships (id, tenant_id, group_id, user_id, created_at) values ${rows}
       on conflict (group_id, user_id) do nothing returning user_id`,
      userIds.flatMap((userId) => [uuidv7(), viewer.tenantId, group.id, userId]),
    );
    if (added.length > 0) {
      recordAudit(em, viewer, { action: 'group.addMembers', resourceType: 'GROUP', resourceId: group.id, summary: { userIds: added.map((r) => r.user_id) } });
    }
  });
  return group;
}

export async function removeGroupMembers(ctx: RequestScope, input: { groupId: string; userIds: string[] }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { group, userIds } = await membersInput(ctx, viewer, input);
  await ctx.em.transactional(async (em) => {
    const removed = await em.execute<{ user_id: string }[]>(
      'delete from group_memberships where tenant_id = ? and group_id = ? and user_id in (?) returning user_id',
      [viewer.tenantId, group.id, userIds],
    );
    if (removed.length > 0) {
      recordAudit(em, viewer, {
        action: 'group.removeMembers',
        resourceType: 'GROUP',
        resourceId: group.id,
        summary: { userIds: removed.map((r) => r.user_id) },
      });
    }
  });
  return group;
}
