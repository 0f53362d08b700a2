import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import type { User } from '../user/user.entity.ts';
import { UserRef } from '../user/user.ref.ts';
import { impersonate, login, logout, needsTwoFactorEnrollment, stopImpersonating } from './session.service.ts';

export const SessionPayload = builder.objectRef<{ token: string; user: User }>('SessionPayload').implement({
  description: 'A new session: send `token` as `Authorization: Bearer <token>`',
  authScopes: { public: true },
  fields: (t) => ({
    token: t.exposeString('token'),
    user: t.field({ type: UserRef, grantScopes: ['sessionUser'], resolve: (payload) => payload.user }),
    twoFactorEnrollmentRequired: t.boolean({
      description:
        'True when the workspace requires two-factor sign-in and the user has none: the session may only enroll (enrollTwoFactor, ' +
        'confirmTwoFactor), read the viewer and sign out until confirmed',
      resolve: (payload, _args, ctx) => needsTwoFactorEnrollment(ctx.em, payload.user),
    }),
  }),
});

const ImpersonationPayload = builder.objectRef<{ token: string }>('ImpersonationPayload').implement({
  description: 'A one-hour session acting as another user: send `token` as `Authorization: Bearer <token>`',
  authScopes: { person: true },
  fields: (t) => ({ token: t.exposeString('token') }),
});

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    tenant: t.string({ required: true, description: 'The workspace slug' }),
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    otp: t.string({ description: 'A two-factor code, for accounts that have two-factor sign-in' }),
  }),
});

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionPayload,
    nullable: true,
    authScopes: { public: true },
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: (_root, { input }, ctx) => login(ctx, input),
  }),
  logout: t.boolean({
    nullable: true,
    authScopes: { signedIn: true },
    description: 'Ends the current session; its token is refused from the next request on',
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
  impersonate: t.field({
    type: ImpersonationPayload,
    nullable: true,
    authScopes: { person: true },
    description:
      'Acts as another user for one hour ("view and edit as"): admins as any non-admin, analysts as explorers and viewers ' +
      '(with the intersection of both users’ permissions). Nobody impersonates an admin or impersonates while impersonating.',
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ({ token: await impersonate(ctx, rawId(args.userId, 'User')) }),
  }),
  stopImpersonating: t.boolean({
    nullable: true,
    authScopes: { person: true },
    description: 'Ends the current impersonation session; its token is refused from the next request on',
    resolve: (_root, _args, ctx) => stopImpersonating(ctx),
  }),
}));
