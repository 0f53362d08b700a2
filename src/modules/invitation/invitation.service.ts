import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../../auth/password.ts';
import { randomToken, tokenDigest } from '../../auth/tokens.ts';
import type { Principal } from '../../auth/principal.ts';
import { canManagePeople } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, DomainError, firstBadIndex, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { recordAudit, userActor } from '../audit/audit.service.ts';
import { Group, GroupMembership } from '../group/group.entity.ts';
import { enqueueEmail } from '../outbox/outbox.service.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { openSession, type SignedIn } from '../session/session.service.ts';
import type { Tenant } from '../tenant/tenant.entity.ts';
import { assertSeatsLeft, lockTenant } from '../tenant/tenant.seats.ts';
import { ROLES, type Role } from '../../authz/vocabulary.ts';
import { normalizeEmail, User } from '../user/user.entity.ts';
import { validateName, validateNewPassword } from '../user/user.service.ts';
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

type InvitationArgs = {
  tenant: Pick<Tenant, 'id' | 'name' | 'invitationTtlDays'>;
  user: Pick<User, 'id' | 'email'>;
  invitedBy: string | null;
  message: string | null;
};

/** Creates an invitation for a PENDING user, with its mail queued in the same unit of work. */
export async function issueInvitation(em: EntityManager, deps: AppDeps, args: InvitationArgs): Promise<string> {
  const { token, invitation, mail } = invitationRecords(deps, args);
  em.create(Invitation, invitation);
  await enqueueEmail(em, deps, mail);
  return token;
}

/**
 * What an invitation writes, as plain rows: the invitation (only the token's SHA-256) and its
 * mail, ids included, and the clear token (for the mail and the inviting admin's response only).
 * `issueInvitation` writes one through the unit of work; `importUsers` writes many in batches.
 */
export function invitationRecords(deps: AppDeps, args: InvitationArgs) {
  const token = randomToken('inv');
  const now = new Date();
  const invitation = {
    id: uuidv7(),
    createdAt: now,
    tenant: args.tenant.id,
    user: args.user.id,
    invitedBy: args.invitedBy,
    tokenHash: tokenDigest(token),
    message: args.message,
    expiresAt: new Date(now.getTime() + args.tenant.invitationTtlDays * 86_400_000),
  };
  const lines = [
    `You have been invited to the ${args.tenant.name} workspace on Tessera.`,
    ...(args.message ? ['', args.message] : []),
    '',
    `Accept the invitation: ${invitationUrl(deps, token)}`,
    `The link expires in ${args.tenant.invitationTtlDays} days.`,
  ];
  const mail = { tenantId: args.tenant.id, to: args.user.email, subject: `Join ${args.tenant.name} on Tessera`, body: lines.join('\n') };
  return { token, invitation, mail };
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

/** Why an address of the list got no invitation; the rest of the list is still invited. */
export type SkipReason = 'DUPLICATE' | 'ALREADY_INVITED' | 'ALREADY_USER';
export interface SkippedInvitation {
  email: string;
  /** Its position in the caller's list. */
  index: number;
  reason: SkipReason;
  message: string;
}
export interface InviteUsersResult {
  invitations: { user: User; token: string }[];
  skipped: SkippedInvitation[];
}

/**
 * Invites 1 to 50 addresses (PRODUCT.md §9). Invalid addresses refuse the whole call; repeated
 * addresses and those already in the workspace are reported in `skipped` while the rest are
 * invited. The seat limit counts only the addresses actually invited.
 */
export async function inviteUsers(ctx: RequestScope, input: InviteUsersInput): Promise<InviteUsersResult> {
  const viewer = requireAdmin(ctx.viewer);
  if (input.emails.length < 1 || input.emails.length > MAX_INVITATIONS_PER_CALL) {
    throw badInput('input.emails', `Invite between 1 and ${MAX_INVITATIONS_PER_CALL} emails at once (${input.emails.length} given)`);
  }
  if (!ROLES.includes(input.role)) throw badInput('input.role', 'Unknown role');
  const message = input.message?.trim() || null;
  if (message && message.length > 2000) throw badInput('input.message', 'The message must be at most 2000 characters');
  const emails = input.emails.map((raw, i) => validateEmail(raw, `input.emails[${i}]`));
  const firstIndex = new Map<string, number>();
  const duplicates: SkippedInvitation[] = [];
  emails.forEach((email, i) => {
    const seen = firstIndex.get(email);
    if (seen === undefined) firstIndex.set(email, i);
    else duplicates.push({ email, index: i, reason: 'DUPLICATE', message: `${email} is listed twice (also at position ${seen})` });
  });
  const requestedGroups = input.groupIds ?? [];
  const malformed = firstBadIndex(requestedGroups, isUuid);
  if (malformed >= 0) throw badInput(`input.groupIds[${malformed}]`, 'Not a group id');
  const groupIds = [...new Set(requestedGroups)];
  const groups = groupIds.length ? await ctx.em.find(Group, { id: { $in: groupIds }, tenant: viewer.tenantId }) : [];
  const foundGroups = new Set(groups.map((g) => g.id));
  const unknownGroup = firstBadIndex(requestedGroups, (id) => foundGroups.has(id));
  if (unknownGroup >= 0) throw badInput(`input.groupIds[${unknownGroup}]`, 'No such group in this workspace');
  const distinct = [...firstIndex.keys()];
  const write = () =>
    ctx.em.transactional(async (em) => {
      // Under the tenant lock, a concurrent invitation of the same address has committed before
      // the lookup below, which then reports it.
      const tenant = await lockTenant(em, viewer.tenantId);
      const existing = await em.find(User, { tenant: tenant.id, email: { $in: distinct } });
      const taken = new Map(existing.map((u) => [u.email, u.status]));
      const skipped: SkippedInvitation[] = [...duplicates];
      for (const [email, status] of taken) {
        skipped.push(
          status === 'PENDING'
            ? { email, index: firstIndex.get(email)!, reason: 'ALREADY_INVITED', message: `${email} is already invited: resend the invitation instead` }
            : { email, index: firstIndex.get(email)!, reason: 'ALREADY_USER', message: `${email} is already a user of this workspace` },
        );
      }
      skipped.sort((a, b) => a.index - b.index);
      const fresh = distinct.filter((email) => !taken.has(email));
      await assertSeatsLeft(em, tenant, fresh.length, 'input.emails', 'BAD_USER_INPUT');
      const invitations: { user: User; token: string }[] = [];
      for (const email of fresh) {
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
        invitations.push({ user, token });
      }
      await em.flush();
      ctx.logger.info({ count: invitations.length, skipped: skipped.length, tenantId: tenant.id }, 'users invited');
      return { invitations, skipped };
    });
  // Another path (the CLI, a user created outside this lock) can still win the insert: report it.
  return withUniqueGuard(write, () => conflict('These addresses changed meanwhile; try again', 'input.emails'));
}

/** Issues a new invitation link for a PENDING user; the previous links stop working. */
export async function resendInvitation(ctx: RequestScope, userId: string): Promise<string> {
  const viewer = requireAdmin(ctx.viewer);
  const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId, tenant: viewer.tenantId }) : null;
  if (!user) throw notFound('User');
  if (user.status !== 'PENDING') throw conflict('Only pending users have an invitation to resend');
  return ctx.em.transactional(async (em) => {
    // Serialized with other resends of the tenant: of two at once, the later one's link is the one that works.
    const tenant = await lockTenant(em, viewer.tenantId);
    await em.nativeUpdate(Invitation, { user: user.id, acceptedAt: null, revokedAt: null }, { revokedAt: new Date() });
    const token = await issueInvitation(em, ctx.deps, { tenant, user, invitedBy: viewer.userId, message: null });
    recordAudit(em, viewer, { action: 'invitation.resend', resourceType: 'USER', resourceId: user.id, summary: { email: user.email } });
    await em.flush();
    return token;
  });
}

const INVALID_INVITATION = 'This invitation link is invalid or was replaced by a newer one';
const invitationRefused = (reason: 'INVALID' | 'EXPIRED' | 'ACCEPTED') =>
  new DomainError(
    'BAD_USER_INPUT',
    reason === 'EXPIRED'
      ? 'This invitation has expired; ask an admin of the workspace to send it again'
      : reason === 'ACCEPTED'
        ? 'This invitation was already accepted; sign in instead'
        : INVALID_INVITATION,
    'input.token',
    { reason },
  );

export async function acceptInvitation(ctx: RequestScope, input: { token: string; name: string; password: string }): Promise<SignedIn> {
  const name = validateName(input.name, 'input.name');
  const password = validateNewPassword(input.password, 'input.password');
  const invitation = input.token.length <= 200 ? await ctx.em.findOne(Invitation, { tokenHash: tokenDigest(input.token) }, { populate: ['user'] }) : null;
  const now = new Date();
  // The holder of a real link learns why it no longer works; a made-up token learns nothing.
  if (!invitation || invitation.revokedAt) throw invitationRefused('INVALID');
  if (invitation.acceptedAt) throw invitationRefused('ACCEPTED');
  if (invitation.user.status !== 'PENDING') throw invitationRefused('INVALID');
  if (invitation.expiresAt <= now) throw invitationRefused('EXPIRED');
  const passwordHash = await hashPassword(password);
  return ctx.em.transactional(async (em) => {
    // Single use even under concurrent accepts: only one UPDATE can claim the row.
    const claimed = await em.nativeUpdate(Invitation, { id: invitation.id, acceptedAt: null, revokedAt: null }, { acceptedAt: now });
    if (claimed !== 1) throw invitationRefused('ACCEPTED');
    const user = invitation.user;
    user.name = name;
    user.passwordHash = passwordHash;
    user.status = 'ACTIVE';
    // The new user is the actor of their own acceptance.
    const actor = userActor(user);
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
