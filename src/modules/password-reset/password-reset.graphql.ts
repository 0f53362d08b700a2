import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { requestPasswordReset, resetPassword, sendPasswordReset, PASSWORD_RESET_TTL_MINUTES } from './password-reset.service.ts';

const RequestPasswordResetInput = builder.inputType('RequestPasswordResetInput', {
  fields: (t) => ({
    tenant: t.string({ required: true, description: 'The workspace slug' }),
    email: t.string({ required: true }),
  }),
});

const ResetPasswordInput = builder.inputType('ResetPasswordInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'The token of the reset link' }),
    password: t.string({ required: true, description: '12 to 256 characters' }),
  }),
});

builder.mutationFields((t) => ({
  requestPasswordReset: t.boolean({
    authScopes: { public: true },
    description:
      `Mails a link to set a new password (valid ${PASSWORD_RESET_TTL_MINUTES} minutes, once) when the workspace has an active ` +
      'account with this email. Always answers true, so the answer says nothing about which accounts exist.',
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
    resolve: (_root, { input }, ctx) => requestPasswordReset(ctx, input),
  }),
  resetPassword: t.boolean({
    nullable: true,
    authScopes: { public: true },
    description: 'Sets a new password with a reset link’s token (once); every session of the user ends. Sign in again afterwards.',
    args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => resetPassword(ctx, input),
  }),
  sendPasswordReset: t.boolean({
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Admins mail an active user a link to set a new password',
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => sendPasswordReset(ctx, rawId(args.userId, 'User')),
  }),
}));
