import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password.ts';
import { randomToken, tokenDigest } from '../../auth/tokens.ts';
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { isUuid } from '../../db/ids.ts';
import { badInput, conflict, DomainError, firstBadIndex, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { Group, GroupMembership } from '../group/group.entity.ts';
import { enqueueEmail } from '../outbox/outbox.service.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { openSession, type SignedIn } from '../session/session.service.ts';
import { Tenant } from '../tenant/tenant.entity.ts';
import { ROLES, type Role } from '../../authz/vocabulary.ts';
import { normalizeEmail, User } from '../user/user.entity.ts';
import { validateName } from '../user/user.service.ts';
import { Invitation } from './invitation.entity.ts';

export const MAX_INVITATIONS_PER_CALL = 50;
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function validateEmail(raw: string, field: string): string {
  const email = normalizeEmail(raw);
  if (email.length > 320 || !EMAIL.test(email)) throw badInput(field, `"${raw.slice(0, 100)}" is not a valid email address`);
  return email;
}

export function invitationUrl(deps: AppDeps, token: string): string {
  return `${deps.config.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
}

/** Creates an invitation for a PENDING user, with its mail queued in the same unit of work. */
export async function issueInvitation(
  em: EntityManager,
  deps: AppDeps,
  args: { tenant: Tenant; user: User; invitedBy: string | null; message: string | null },
): Promise<string> {
  const token = randomToken('inv');
  em.create(Invitation, {
    tenant: args.tenant.id,
    user: args.user.id,
    invitedBy: args.invitedBy,
    tokenHash: tokenDigest(token),
    message: args.message,
    expiresAt: new Date(Date.now() + args.tenant.invitationTtlDays * 86_400_000),
  });
  const lines = [
    `You have been invited to the ${args.tenant.name} workspace on Tessera.`,
    ...(args.message ? ['', args.message] : []),
    '',
    `Accept the invitation: ${invitationUrl(deps, token)}`,
    `The link expires in ${args.tenant.invitationTtlDays} days.`,
  ];
  await enqueueEmail(em, deps, { tenantId: args.tenant.id, to: args.user.email, subject: `Join ${args.tenant.name} on Tessera`, body: lines.join('\n') });
  return token;
}

export interface InviteUsersInput {
  emails: string[];
  role: Role;
  allowApiAccess?: boolean | null;
  allowExportData?: boolean | null;
  groupIds?: string[] | null;
  message?: string | null;
}

function requireAdmin(viewer: Principal | null): Principal {
  if (!canManagePeople(viewer)) throw forbidden('Only admins can invite users');
  return viewer as Principal;
}

export async function inviteUsers(ctx: RequestScope, input: InviteUsersInput): Promise<{ user: User; token: string }[]> {
  const viewer = requireAdmin(ctx.viewer);
  if (input.emails.length < 1 || input.emails.length > MAX_INVITATIONS_PER_CALL) {
    throw badInput('input.emails', `Invite between 1 and ${MAX_INVITATIONS_PER_CALL} emails at once`);
  }
  if (!ROLES.includes(input.role)) throw badInput('input.role', 'Unknown role');
  const message = input.message?.trim() || null;
  if (message && message.length > 2000) throw badInput('input.message', 'The message must be at most 2000 characters');
  const emails = input.emails.map((raw, i) => validateEmail(raw, `input.emails[${i}]`));
  const firstIndex = new Map<string, number>();
  emails.forEach((email, i) => {
    const seen = firstIndex.get(email);
    if (seen !== undefined) throw badInput(`input.emails[${i}]`, `${email} is listed twice (also at position ${seen})`);
    firstIndex.set(email, i);
  });
  const requestedGroups = input.groupIds ?? [];
  const malformed = firstBadIndex(requestedGroups, isUuid);
  if (malformed >= 0) throw badInput(`input.groupIds[${malformed}]`, 'Not a group id');
  const groupIds = [...new Set(requestedGroups)];
  const groups = groupIds.length ? await ctx.em.find(Group, { id: { $in: groupIds }, tenant: viewer.tenantId }) : [];
  const foundGroups = new Set(groups.map((g) => g.id));
  const unknownGroup = firstBadIndex(requestedGroups, (id) => foundGroups.has(id));
  if (unknownGroup >= 0) throw badInput(`input.groupIds[${unknownGroup}]`, 'No such group in this workspace');
  const alreadyUser = (email: string, status?: string) =>
    conflict(
      `${email} is already a user of this workspace${status === 'PENDING' ? ' (already invited: resend the invitation instead)' : ''}`,
      `input.emails[${firstIndex.get(email)}]`,
    );
  const existing = await ctx.em.find(User, { tenant: viewer.tenantId, email: { $in: emails } });
  if (existing.length > 0) throw alreadyUser(existing[0]!.email, existing[0]!.status);
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: viewer.tenantId });
  // A concurrent invitation of one of these addresses can win between the check and the insert.
  const raced = async () => {
    const winner = await ctx.em.fork().findOne(User, { tenant: viewer.tenantId, email: { $in: emails } });
    return winner ? alreadyUser(winner.email, winner.status) : conflict('These addresses changed meanwhile; try again', 'input.emails');
  };
  return withUniqueGuard(
    () =>
      ctx.em.transactional(async (em) => {
        const results: { user: User; token: string }[] = [];
        for (const email of emails) {
          const user = em.create(User, {
            tenant: tenant.id,
            email,
            role: input.role,
            status: 'PENDING',
            allowApiAccess: input.allowApiAccess ?? false,
            allowExportData: input.allowExportData ?? true,
          });
          for (const group of groups) em.create(GroupMembership, { tenant: tenant.id, group: group.id, user });
          const token = await issueInvitation(em, ctx.deps, { tenant, user, invitedBy: viewer.userId, message });
          recordAudit(em, viewer, {
            action: 'user.invite',
            resourceType: 'USER',
            resourceId: user.id,
            summary: { email, role: user.role, allowApiAccess: user.allowApiAccess, allowExportData: user.allowExportData, groupIds },
          });
          results.push({ user, token });
        }
        await em.flush();
        ctx.logger.info({ count: results.length, tenantId: tenant.id }, 'users invited');
        return results;
      }),
    raced,
  );
}

/** Issues a new invitation link for a PENDING user; the previous links stop working. */
export async function resendInvitation(ctx: RequestScope, userId: string): Promise<string> {
  const viewer = requireAdmin(ctx.viewer);
  const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId, tenant: viewer.tenantId }) : null;
  if (!user) throw notFound('User');
  if (user.status !== 'PENDING') throw conflict('Only pending users have an invitation to resend');
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: viewer.tenantId });
  return ctx.em.transactional(async (em) => {
    await em.nativeUpdate(Invitation, { user: user.id, acceptedAt: null, revokedAt: null }, { revokedAt: new Date() });
    const token = await issueInvitation(em, ctx.deps, { tenant, user, invitedBy: viewer.userId, message: null });
    recordAudit(em, viewer, { action: 'invitation.resend', resourceType: 'USER', resourceId: user.id, summary: { email: user.email } });
    await em.flush();
    return token;
  });
}

export function validateNewPassword(password: string, field: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(field, `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw badInput(field, `The password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

const INVALID_INVITATION = 'This invitation link is invalid, already used or expired';

export async function acceptInvitation(ctx: RequestScope, input: { token: string; name: string; password: string }): Promise<SignedIn> {
  const name = validateName(input.name, 'input.name');
  const password = validateNewPassword(input.password, 'input.password');
  const invitation = input.token.length <= 200 ? await ctx.em.findOne(Invitation, { tokenHash: tokenDigest(input.token) }, { populate: ['user'] }) : null;
  const now = new Date();
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now || invitation.user.status !== 'PENDING') {
    throw new DomainError('BAD_USER_INPUT', INVALID_INVITATION, 'input.token');
  }
  const passwordHash = await hashPassword(password);
  return ctx.em.transactional(async (em) => {
    // Single use even under concurrent accepts: only one UPDATE can claim the row.
    const claimed = await em.nativeUpdate(Invitation, { id: invitation.id, acceptedAt: null, revokedAt: null }, { acceptedAt: now });
    if (claimed !== 1) throw new DomainError('BAD_USER_INPUT', INVALID_INVITATION, 'input.token');
    const user = invitation.user;
    user.name = name;
    user.passwordHash = passwordHash;
    user.status = 'ACTIVE';
    // The new user is the actor of their own acceptance (recordAudit reads the tenant and user ids only).
    const actor: Principal = {
      kind: 'USER',
      tenantId: user.tenant.id,
      tenantSlug: '',
      userId: user.id,
      role: user.role,
      status: user.status,
      sessionId: undefined,
    };
    recordAudit(em, actor, {
      action: 'invitation.accept',
      resourceType: 'USER',
      resourceId: user.id,
      summary: { status: { before: 'PENDING', after: 'ACTIVE' }, name },
    });
    await em.flush();
    const token = await openSession(em, ctx.deps, user);
    return { token, user };
  });
}
