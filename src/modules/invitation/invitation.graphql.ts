import { builder } from '../../graphql/builder.ts';
import { rawId, rawIds } from '../../graphql/ids.ts';
import { SessionPayload } from '../session/session.graphql.ts';
import type { User } from '../user/user.entity.ts';
import { RoleEnum } from '../user/user.graphql.ts';
import { UserRef } from '../user/user.ref.ts';
import { acceptInvitation, inviteUsers, resendInvitation, type InviteUsersResult, type SkippedInvitation } from './invitation.service.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { importUsers, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportError, type ImportUsersResult } from './invitation.import.ts';

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

const ImportErrorRef = builder.objectRef<ImportError>('ImportError').implement({
  description: 'Why a line of an imported file is refused',
  authScopes: { managePeople: true },
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'The physical line in the file; the header is line 1' }),
    field: t.exposeString('field', { nullable: true, description: 'The column at fault (email, role, groups, …); null for the whole row or file' }),
    message: t.exposeString('message'),
  }),
});

const ImportUsersPayload = builder.objectRef<ImportUsersResult>('ImportUsersPayload').implement({
  authScopes: { managePeople: true },
  fields: (t) => ({
    invited: t.exposeInt('invited', { description: 'Users invited: every row of the file, or 0 when there are errors' }),
    errors: t.field({ type: [ImportErrorRef], description: 'Every error of the file, by line; empty when the rows were invited', resolve: (p) => p.errors }),
    invitations: t.field({ type: [IssuedInvitation], description: 'The invitations issued, in file order', resolve: (p) => p.invitations }),
  }),
});

const ImportUsersInput = builder.inputType('ImportUsersInput', {
  fields: (t) => ({
    csv: t.string({
      required: true,
      description:
        `CSV text with a header line: email (required), name, role (ADMIN, ANALYST, EXPLORER, VIEWER; default VIEWER), groups ` +
        `("; "-separated names of existing groups), allow_api_access, allow_export_data (true/false/1/0/yes/no). ` +
        `At most ${MAX_IMPORT_ROWS} rows and ${MAX_IMPORT_BYTES / 1024} KiB.`,
    }),
  }),
});

builder.mutationFields((t) => ({
  importUsers: t.field({
    type: ImportUsersPayload,
    nullable: true,
    authScopes: { managePeople: true },
    args: { input: t.arg({ type: ImportUsersInput, required: true }) },
    description:
      'Invites the users of a CSV file. Every row is checked first (email, role, groups, flags, repeated addresses, existing users); ' +
      'with any error nothing is invited and `errors` lists them all with their lines. Otherwise all rows are invited in one ' +
      'transaction, as inviteUsers does; past the seat limit nothing is invited (BAD_USER_INPUT on input.csv).',
    resolve: (_root, { input }, ctx) => importUsers(ctx, input),
  }),
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
