import { brandWithType } from '@pothos/core';
import { decodeId } from './ids.ts';
import { notFound } from '../errors.ts';
import { findOwnApiToken } from '../modules/api-token/api-token.service.ts';
import { findVisibleDataSource } from '../modules/data-source/data-source.service.ts';
import { findEmbedKey } from '../modules/embed-key/embed-key.service.ts';
import { findVisibleDataset } from '../modules/dataset/dataset.service.ts';
import { findGroup } from '../modules/group/group.service.ts';
import { findVisibleFolder } from '../modules/folder/folder.service.ts';
import { findVisibleDashboard } from '../modules/dashboard/dashboard.service.ts';
import { findVisibleWidget } from '../modules/dashboard/widget.service.ts';
import { findShareableLink } from '../modules/share-link/share-link.service.ts';
import { findVisibleUser } from '../modules/user/user.service.ts';
import type { RequestScope } from '../scope/scope.ts';
import { builder } from './builder.ts';

/** How `node(id)` loads each type; every loader applies the same visibility as its own query. */
const NODE_LOADERS: Record<string, (ctx: RequestScope, id: string) => Promise<object>> = {
  User: (ctx, id) => findVisibleUser(ctx, id),
  Group: (ctx, id) => findGroup(ctx, id),
  Folder: (ctx, id) => findVisibleFolder(ctx, id),
  Dashboard: (ctx, id) => findVisibleDashboard(ctx, id),
  Widget: (ctx, id) => findVisibleWidget(ctx, id),
  DataSource: (ctx, id) => findVisibleDataSource(ctx, id),
  Dataset: (ctx, id) => findVisibleDataset(ctx, id),
  EmbedKey: (ctx, id) => findEmbedKey(ctx, id),
  ShareableLink: (ctx, id) => findShareableLink(ctx, id),
  ApiToken: (ctx, id) => findOwnApiToken(ctx, id),
};

builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    authScopes: { person: true },
    description: 'Any object by its global id; NOT_FOUND when it does not exist or is not visible',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const decoded = decodeId(args.id);
      if (!decoded) throw notFound('Object');
      const load = NODE_LOADERS[decoded.typename];
      if (!load) throw notFound('Object');
      const value = await load(ctx, decoded.id);
      brandWithType(value, decoded.typename as never);
      return value;
    },
  }),
);
