import { builder } from './builder.ts';
import '../modules/tenant/tenant.graphql.ts';
import '../modules/user/user.graphql.ts';
import '../modules/group/group.graphql.ts';
import '../modules/session/session.graphql.ts';
import '../modules/invitation/invitation.graphql.ts';
import '../modules/share/share.graphql.ts';
import '../modules/data-source/data-source.graphql.ts';
import '../modules/folder/folder.graphql.ts';
import '../modules/dashboard/dashboard.graphql.ts';
import '../modules/audit/audit.graphql.ts';
import '../modules/dataset/dataset.graphql.ts';
import '../modules/attribute/attribute.graphql.ts';
import '../modules/dataset/query.graphql.ts';
import '../modules/dashboard/widget-data.graphql.ts';
import '../modules/dashboard/dashboard-filter.graphql.ts';
import './node.graphql.ts';

export const schema = builder.toSchema({ sortSchema: true });
