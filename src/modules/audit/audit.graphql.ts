import { builder } from '../../graphql/builder.ts';
import { decodeId, encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { UserRef } from '../user/user.ref.ts';
import type { AuditEvent } from './audit.entity.ts';
import { listAuditEvents } from './audit.service.ts';
import { userLoaders } from '../user/user.loaders.ts';

/** `DATA_SOURCE` → `DataSource`: the GraphQL type whose global id names an audited resource. */
const typename = (resourceType: string) =>
  resourceType
    .toLowerCase()
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The raw id inside a global id of any type ('' when malformed): resources of every type are audited. */
const anyRawId = (globalId: string): string => decodeId(globalId)?.id ?? '';

export const AuditEventRef = builder.objectRef<AuditEvent>('AuditEvent').implement({
  description: 'Who (as whom) did what to which resource, and a summary of the change (never a secret)',
  authScopes: { admin: true },
  fields: (t) => ({
    id: t.id({ resolve: (event) => encodeGlobalID('AuditEvent', event.id) }),
    createdAt: t.field({ type: 'DateTime', resolve: (event) => event.createdAt }),
    action: t.exposeString('action', { description: 'e.g. user.update, group.addMembers, user.impersonate' }),
    resourceType: t.exposeString('resourceType', { description: 'e.g. USER, GROUP, FOLDER, DATA_SOURCE' }),
    resourceId: t.id({
      nullable: true,
      description: 'The global id of the resource',
      resolve: (event) => (event.resourceId ? encodeGlobalID(typename(event.resourceType), event.resourceId) : null),
    }),
    summary: t.field({ type: 'JSON', description: 'The changed fields (before/after where it applies)', resolve: (event) => event.summary }),
    actor: t.field({
      type: UserRef,
      nullable: true,
      description: 'The user who acted (the person acted as, while impersonating)',
      resolve: (event, _args, ctx) => (event.actor ? userLoaders(ctx).byId.load(event.actor.id) : null),
    }),
    impersonator: t.field({
      type: UserRef,
      nullable: true,
      description: 'The person who was impersonating the actor, if any',
      resolve: (event, _args, ctx) => (event.impersonator ? userLoaders(ctx).byId.load(event.impersonator.id) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  auditEvents: t.connection({
    type: AuditEventRef,
    nullable: true,
    authScopes: { admin: true },
    description: 'The workspace’s audit log, newest first (admins only)',
    args: {
      resourceId: t.arg.id({ description: 'Only events about this resource (a global id)' }),
      actorId: t.arg.id({ description: 'Only events by this user' }),
    },
    resolve: (_root, args, ctx) =>
      idConnection(args, (window) =>
        listAuditEvents(
          ctx,
          {
            resourceId: args.resourceId != null ? anyRawId(args.resourceId) : null,
            actorId: args.actorId != null ? rawId(args.actorId, 'User') : null,
          },
          { after: window.after, before: window.before, limit: window.limit, inverted: window.descending },
        ),
      ),
  }),
}));
