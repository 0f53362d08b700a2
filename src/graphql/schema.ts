import { builder } from './builder.ts';
import '../modules/tenant/tenant.graphql.ts';
import '../modules/user/user.graphql.ts';
import '../modules/group/group.graphql.ts';
import '../modules/session/session.graphql.ts';
import '../modules/invitation/invitation.graphql.ts';
import '../modules/share/share.graphql.ts';
import './node.graphql.ts';

export const schema = builder.toSchema({ sortSchema: true });
