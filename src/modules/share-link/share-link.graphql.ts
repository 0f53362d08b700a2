import { builder } from '../../graphql/builder.ts';
import { rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { DashboardRef } from '../dashboard/dashboard.graphql.ts';
import { dashboardLoaders } from '../dashboard/dashboard.loaders.ts';
import { dashboardFacts } from '../dashboard/dashboard.policy.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { UserRef } from '../user/user.ref.ts';
import { ShareableLink, type LinkRowRestriction } from './share-link.entity.ts';
import {
  createShareableLink,
  LINK_LIMITS,
  LINK_SESSION_TTL_SECONDS,
  listShareableLinks,
  openShareableLink,
  revokeShareableLink,
} from './share-link.service.ts';

/**
 * PRODUCT.md §3: "schedules and shareable links: create, edit, revoke" (`shareLink.manage`, with the
 * SHARE_LINKS override), decided with the link's dashboard's facts; a link's creator sees it too.
 */
const manageable = async (link: ShareableLink, ctx: RequestScope) => {
  if (link.createdBy && ctx.viewer?.userId === link.createdBy.id) return { person: true };
  const dashboard = await dashboardLoaders(ctx).byId.load(link.dashboard.id);
  if (!dashboard) return { person: false };
  return { allowed: { action: 'shareLink.manage' as const, facts: await dashboardFacts(ctx, dashboard) } };
};

const LinkRowRestrictionRef = builder.objectRef<LinkRowRestriction>('ShareableLinkRowRestriction').implement({
  description: 'A dataset field (`model.field`) restricted to fixed values on every dataset of the dashboard',
  authScopes: { person: true },
  fields: (t) => ({
    field: t.exposeString('field'),
    values: t.field({ type: ['JSON'], resolve: (r) => r.values }),
  }),
});

const LinkAttributeValuesRef = builder.objectRef<{ attribute: string; values: unknown[] }>('ShareableLinkAttributeValues').implement({
  description: 'Values of a user attribute that the dataset rules read for viewers of the link',
  authScopes: { person: true },
  fields: (t) => ({
    attribute: t.exposeString('attribute'),
    values: t.field({ type: ['JSON'], resolve: (a) => a.values }),
  }),
});

export const ShareableLinkRef = builder.objectRef<ShareableLink>('ShareableLink');
builder.node(ShareableLinkRef, {
  description: 'A link to one dashboard for people outside the workspace. Its token is shown once, at creation, and never again.',
  authScopes: manageable,
  isTypeOf: (value) => value instanceof ShareableLink.class,
  id: { resolve: (link) => link.id },
  fields: (t) => ({
    dashboard: t.field({
      type: DashboardRef,
      nullable: true,
      resolve: (link, _args, ctx) => dashboardLoaders(ctx).byId.load(link.dashboard.id),
    }),
    createdBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who created it; null once that user is deleted',
      resolve: (link, _args, ctx) => (link.createdBy ? userLoaders(ctx).byId.load(link.createdBy.id) : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (link) => link.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'Null: it never expires', resolve: (link) => link.expiresAt ?? null }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while it works',
      resolve: (link) => link.revokedAt ?? null,
    }),
    hasPassword: t.boolean({ description: 'Whether opening it asks for a password', resolve: (link) => link.passwordHash != null }),
    allowExport: t.exposeBoolean('allowExport', { description: 'Whether its viewers may export raw data' }),
    rowRestrictions: t.field({ type: [LinkRowRestrictionRef], resolve: (link) => link.rowRestrictions }),
    userAttributes: t.field({
      type: [LinkAttributeValuesRef],
      resolve: (link) => Object.entries(link.userAttributes).map(([attribute, values]) => ({ attribute, values })),
    }),
  }),
});

const CreatedShareableLink = builder.objectRef<{ link: ShareableLink; token: string }>('CreatedShareableLink').implement({
  authScopes: { person: true },
  fields: (t) => ({
    link: t.field({ type: ShareableLinkRef, resolve: (created) => created.link }),
    token: t.exposeString('token', { description: 'The link’s token (`tsl_…`), shown in this response only; only its digest is stored' }),
  }),
});

const OpenedShareableLink = builder.objectRef<{ token: string; expiresAt: Date }>('OpenedShareableLink').implement({
  authScopes: { public: true },
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The link session’s bearer token (`tss_…`): `Authorization: Bearer <token>`' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (opened) => opened.expiresAt }),
  }),
});

const RowRestrictionInput = builder.inputType('ShareableLinkRowRestrictionInput', {
  fields: (t) => ({
    field: t.string({ required: true, description: '"model.field" of at least one dataset of the dashboard' }),
    values: t.field({ type: ['JSON'], required: true, description: `1 to ${LINK_LIMITS.values} values of the field’s type` }),
  }),
});

const AttributeValuesInput = builder.inputType('ShareableLinkAttributeValuesInput', {
  fields: (t) => ({
    attribute: t.string({ required: true, description: 'A user attribute of the workspace (not a system attribute h_…)' }),
    values: t.field({ type: ['JSON'], required: true, description: `1 to ${LINK_LIMITS.values} values of the attribute’s type` }),
  }),
});

const CreateShareableLinkInput = builder.inputType('CreateShareableLinkInput', {
  fields: (t) => ({
    dashboardId: t.id({ required: true }),
    password: t.string({ description: `${LINK_LIMITS.passwordMin} to ${LINK_LIMITS.passwordMax} characters; opening the link then asks for it` }),
    expiresAt: t.field({ type: 'DateTime', description: `In the future, at most ${LINK_LIMITS.lifetimeDays} days away; none: it never expires` }),
    rowRestrictions: t.field({
      type: [RowRestrictionInput],
      description: `At most ${LINK_LIMITS.restrictions}; each restricts its field on every dataset of the dashboard (a dataset without that field shows no rows)`,
    }),
    userAttributes: t.field({
      type: [AttributeValuesInput],
      description: 'Values the dataset rules read (as an embed token’s user_attributes); a rule needing an attribute not given lets no row through',
    }),
    allowExport: t.boolean({ description: 'Whether its viewers may export raw data (default false)' }),
  }),
});

const OpenShareableLinkInput = builder.inputType('OpenShareableLinkInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'The link’s token (`tsl_…`)' }),
    password: t.string({ description: 'Required when the link has one' }),
  }),
});

builder.queryFields((t) => ({
  shareableLinks: t.connection({
    type: ShareableLinkRef,
    nullable: true,
    authScopes: { person: true },
    description: 'A dashboard’s shareable links, revoked and expired ones included, newest first (for those who may manage them)',
    args: { dashboardId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) =>
        listShareableLinks(ctx, rawId(args.dashboardId, 'Dashboard'), {
          after: window.after,
          before: window.before,
          limit: window.limit,
          inverted: window.descending,
        }),
      ),
  }),
}));

builder.mutationFields((t) => ({
  createShareableLink: t.field({
    type: CreatedShareableLink,
    nullable: true,
    authScopes: { person: true },
    description: 'A link to a dashboard, acting as a PUBLIC principal limited to it; its token is returned once',
    args: { input: t.arg({ type: CreateShareableLinkInput, required: true }) },
    resolve: (_root, { input }, ctx) => createShareableLink(ctx, { ...input, dashboardId: rawId(input.dashboardId, 'Dashboard') }),
  }),
  openShareableLink: t.field({
    type: OpenedShareableLink,
    nullable: true,
    authScopes: { public: true },
    description: `Opens a link (with its password, if it has one): a link session of at most ${LINK_SESSION_TTL_SECONDS / 60} minutes, never beyond the link’s expiry. Wrong passwords are throttled.`,
    args: { input: t.arg({ type: OpenShareableLinkInput, required: true }) },
    resolve: (_root, { input }, ctx) => openShareableLink(ctx, input),
  }),
  revokeShareableLink: t.field({
    type: ShareableLinkRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Revokes a link and ends its sessions at their next request (it stays listed, with `revokedAt`); revoking again changes nothing',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeShareableLink(ctx, rawId(args.id, 'ShareableLink')),
  }),
}));
