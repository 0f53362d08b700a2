import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '../../auth/principal.ts';
import { canManagePeople, isPerson } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, conflict, forbidden, notFound } from '../../errors.ts';
import { idWindowQuery, type IdWindow } from '../../graphql/pagination.ts';
import type { ServiceContext } from '../service-context.ts';
import { User } from '../user/user.entity.ts';
import { Group, GroupMembership } from './group.entity.ts';

const MAX_MEMBERS_PER_CALL = 500;

function requireAdmin(viewer: Viewer | null): Viewer {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can manage groups');
  return viewer as Viewer;
}

export async function listGroups(ctx: ServiceContext, window: IdWindow): Promise<Group[]> {
  if (!isPerson(ctx.viewer)) throw forbidden();
  const page = idWindowQuery(window);
  const where: FilterQuery<Group> = { ...page.where, tenant: ctx.viewer.tenantId };
  return ctx.em.find(Group, where, { orderBy: page.orderBy, limit: page.limit });
}

export async function findGroup(ctx: ServiceContext, id: string): Promise<Group> {
  if (!isPerson(ctx.viewer)) throw forbidden();
  const group = isUuid(id) ? await ctx.em.findOne(Group, { id, tenant: ctx.viewer.tenantId }) : null;
  if (!group) throw notFound('Group');
  return group;
}

export async function listGroupMembers(ctx: ServiceContext, groupId: string, window: IdWindow): Promise<User[]> {
  if (!isPerson(ctx.viewer)) throw forbidden();
  const page = idWindowQuery(window);
  const memberships = await ctx.em.find(
    GroupMembership,
    { tenant: ctx.viewer.tenantId, group: groupId, ...(page.where.id ? { user: page.where.id } : {}) },
    { populate: ['user'], orderBy: { user: page.orderBy.id }, limit: page.limit },
  );
  return memberships.map((membership) => membership.user);
}

export function validateGroupName(name: string): { name: string; nameKey: string } {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw badInput('input.name', 'Group name must be 1 to 200 characters');
  return { name: trimmed, nameKey: trimmed.toLowerCase() };
}

export async function createGroup(ctx: ServiceContext, input: { name: string }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { name, nameKey } = validateGroupName(input.name);
  const existing = await ctx.em.findOne(Group, { tenant: viewer.tenantId, nameKey });
  if (existing) throw conflict(`A group named "${existing.name}" already exists`, 'input.name');
  const group = ctx.em.create(Group, { tenant: viewer.tenantId, name, nameKey });
  await ctx.em.flush();
  return group;
}

async function membersInput(ctx: ServiceContext, viewer: Viewer, input: { groupId: string; userIds: string[] }) {
  const group = isUuid(input.groupId) ? await ctx.em.findOne(Group, { id: input.groupId, tenant: viewer.tenantId }) : null;
  if (!group) throw notFound('Group');
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) throw badInput('input.userIds', 'Name at least one user');
  if (userIds.length > MAX_MEMBERS_PER_CALL) throw badInput('input.userIds', `At most ${MAX_MEMBERS_PER_CALL} users per call`);
  const badIndex = userIds.findIndex((id) => !isUuid(id));
  if (badIndex >= 0) throw badInput(`input.userIds[${badIndex}]`, 'Not a user id');
  const users = await ctx.em.find(User, { id: { $in: userIds }, tenant: viewer.tenantId });
  if (users.length !== userIds.length) {
    const found = new Set(users.map((u) => u.id));
    const missing = userIds.findIndex((id) => !found.has(id));
    throw badInput(`input.userIds[${missing}]`, 'No such user in this workspace');
  }
  return { group, userIds };
}

export async function addGroupMembers(ctx: ServiceContext, input: { groupId: string; userIds: string[] }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { group, userIds } = await membersInput(ctx, viewer, input);
  const existing = await ctx.em.find(GroupMembership, { group: group.id, user: { $in: userIds } });
  const already = new Set(existing.map((m) => m.user.id));
  for (const userId of userIds) {
    if (!already.has(userId)) ctx.em.create(GroupMembership, { tenant: viewer.tenantId, group: group.id, user: userId });
  }
  await ctx.em.flush();
  return group;
}

export async function removeGroupMembers(ctx: ServiceContext, input: { groupId: string; userIds: string[] }): Promise<Group> {
  const viewer = requireAdmin(ctx.viewer);
  const { group, userIds } = await membersInput(ctx, viewer, input);
  await ctx.em.nativeDelete(GroupMembership, { group: group.id, user: { $in: userIds }, tenant: viewer.tenantId });
  return group;
}
