import { builder } from '../../graphql/builder.ts';
import { rawId, rawIds } from '../../graphql/ids.ts';
import { SessionPayload } from '../session/session.graphql.ts';
import type { User } from '../user/user.entity.ts';
import { RoleEnum } from '../user/user.graphql.ts';
import { UserRef } from '../user/user.ref.ts';
import { acceptInvitation, inviteUsers, resendInvitation, type InviteUsersResult, type SkippedInvitation } from './invitation.service.ts';
import { userLoaders } from '../user/user.loaders.ts';

const IssuedInvitation = builder.objectRef<{ user: User; token: string }>('IssuedInvitation').implement({
  description: 'An invitation just issued; its token is shown only in this response',
  authScopes: { managePeople: true },
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (i) => i.user }),
    token: t.exposeString('token'),
  }),
});

const SkipReasonEnum = builder.enumType('InvitationSkipReason', {
  values: {
    DUPLICATE: { description: 'The address is listed more than once; the first one is invited' },
    ALREADY_INVITED: { description: 'A pending user has this address: resend their invitation instead' },
    ALREADY_USER: { description: 'A user of the workspace (active or deactivated) has this address' },
  } as const,
});

const SkippedInvitationRef = builder.objectRef<SkippedInvitation>('SkippedInvitation').implement({
  description: 'An address of the list that got no invitation; the others were still invited',
  authScopes: { managePeople: true },
  fields: (t) => ({
    email: t.exposeString('email'),
    index: t.exposeInt('index', { description: 'Its position in `input.emails`' }),
    reason: t.field({ type: SkipReasonEnum, resolve: (s) => s.reason }),
    message: t.exposeString('message'),
  }),
});

const InviteUsersPayload = builder.objectRef<InviteUsersResult>('InviteUsersPayload').implement({
  authScopes: { managePeople: true },
  fields: (t) => ({
    invitations: t.field({ type: [IssuedInvitation], resolve: (p) => p.invitations }),
    skipped: t.field({ type: [SkippedInvitationRef], resolve: (p) => p.skipped }),
  }),
});

const ResendInvitationPayload = builder.objectRef<{ invitation: { user: User; token: string } }>('ResendInvitationPayload').implement({
  authScopes: { managePeople: true },
  fields: (t) => ({ invitation: t.field({ type: IssuedInvitation, resolve: (p) => p.invitation }) }),
});

const InviteUsersInput = builder.inputType('InviteUsersInput', {
  fields: (t) => ({
    emails: t.stringList({ required: true, description: '1 to 50 distinct addresses' }),
    role: t.field({ type: RoleEnum, required: true }),
    allowApiAccess: t.boolean({ defaultValue: false }),
    allowExportData: t.boolean({ defaultValue: true }),
    groupIds: t.idList(),
    message: t.string({ description: 'Added to the invitation email (at most 2000 characters)' }),
  }),
});

const AcceptInvitationInput = builder.inputType('AcceptInvitationInput', {
  fields: (t) => ({
    token: t.string({ required: true }),
    name: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 12 characters' }),
  }),
});

builder.mutationFields((t) => ({
  inviteUsers: t.field({
    type: InviteUsersPayload,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: InviteUsersInput, required: true }) },
    description:
      'Invites 1 to 50 addresses as PENDING users, each with an invitation email. Repeated addresses and those already in the ' +
      'workspace are listed in `skipped` while the others are invited; past the seat limit nothing is invited.',
    resolve: (_root, { input }, ctx) => inviteUsers(ctx, { ...input, groupIds: input.groupIds ? rawIds(input.groupIds, 'Group') : null }),
  }),
  resendInvitation: t.field({
    type: ResendInvitationPayload,
    nullable: true,
    authScopes: { managePeople: true },
    description: 'A new link for a PENDING user (also after the previous one expired); the previous links stop working.',
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const userId = rawId(args.userId, 'User');
      const token = await resendInvitation(ctx, userId);
      return { invitation: { user: (await userLoaders(ctx).byId.load(userId))!, token } };
    },
  }),
  acceptInvitation: t.field({
    type: SessionPayload,
    nullable: true,
    authScopes: { public: true },
    args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) => acceptInvitation(ctx, input),
  }),
}));
