import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { UserRef } from '../user/user.ref.ts';
import { confirmTwoFactor, enrollTwoFactor, resetTwoFactor, type Enrollment } from './two-factor.service.ts';

const TwoFactorEnrollment = builder.objectRef<Enrollment>('TwoFactorEnrollment').implement({
  description: 'A TOTP secret for an authenticator app, shown once; confirm it with a code to turn two-factor sign-in on',
  authScopes: { ownSession: true },
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'Base32, for typing into the app' }),
    otpauthUri: t.exposeString('otpauthUri', { description: 'The `otpauth://totp/…` URI, for a QR code' }),
  }),
});

const TwoFactorConfirmation = builder.objectRef<{ recoveryCodes: string[] }>('TwoFactorConfirmation').implement({
  authScopes: { ownSession: true },
  fields: (t) => ({
    recoveryCodes: t.exposeStringList('recoveryCodes', {
      description: 'Ten single-use codes that sign in in place of a TOTP code; shown in this response only',
    }),
  }),
});

const ConfirmTwoFactorInput = builder.inputType('ConfirmTwoFactorInput', {
  fields: (t) => ({ code: t.string({ required: true, description: 'The current 6-digit code of the authenticator app' }) }),
});

builder.mutationFields((t) => ({
  enrollTwoFactor: t.field({
    type: TwoFactorEnrollment,
    nullable: true,
    authScopes: { ownSession: true },
    description: 'Starts two-factor enrollment for yourself (again replaces an unconfirmed secret); refused while two-factor sign-in is on',
    resolve: (_root, _args, ctx) => enrollTwoFactor(ctx),
  }),
  confirmTwoFactor: t.field({
    type: TwoFactorConfirmation,
    nullable: true,
    authScopes: { ownSession: true },
    description: 'Turns two-factor sign-in on with a code from the app; from then on `login` needs `otp`',
    args: { input: t.arg({ type: ConfirmTwoFactorInput, required: true }) },
    resolve: (_root, { input }, ctx) => confirmTwoFactor(ctx, input),
  }),
  resetTwoFactor: t.field({
    type: UserRef,
    nullable: true,
    authScopes: { managePeople: true },
    description: 'Admins turn a user’s two-factor sign-in off (lost device); the user enrolls again. Not for your own account.',
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => resetTwoFactor(ctx, rawId(args.userId, 'User')),
  }),
}));
