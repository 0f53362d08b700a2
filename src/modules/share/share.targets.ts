import { assertCan } from '../../authz/policy.ts';
import type { ShareResourceType } from '../../authz/vocabulary.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { findVisibleDashboard } from '../dashboard/dashboard.service.ts';
import { dashboardFacts } from '../dashboard/dashboard.policy.ts';
import { findVisibleDataSource } from '../data-source/data-source.service.ts';
import { findManageableDataset } from '../dataset/dataset.service.ts';
import { findVisibleFolder } from '../folder/folder.service.ts';
import { folderFacts } from '../folder/folder.policy.ts';

/**
 * How to find one shareable resource for the viewer and whether the viewer may change its shares.
 * `authorize` throws NOT_FOUND for what the viewer cannot see and FORBIDDEN for what they see but
 * may not share.
 */
export interface ShareTarget {
  authorize(ctx: RequestScope, id: string): Promise<void>;
}

/** Every shareable resource type, in one table: a type without an entry cannot compile. */
export const SHARE_TARGETS: Record<ShareResourceType, ShareTarget> = {
  FOLDER: {
    async authorize(ctx, id) {
      const folder = await findVisibleFolder(ctx, id);
      await assertCan(ctx, 'folder.manage', await folderFacts(ctx, folder));
    },
  },
  DASHBOARD: {
    async authorize(ctx, id) {
      const dashboard = await findVisibleDashboard(ctx, id);
      await assertCan(ctx, 'dashboard.share', await dashboardFacts(ctx, dashboard));
    },
  },
  // Sharing a dataset is part of managing it (PRODUCT.md §3).
  DATASET: {
    async authorize(ctx, id) {
      await findManageableDataset(ctx, id);
    },
  },
  // Admins share data sources (USE) with analysts, users or groups.
  DATA_SOURCE: {
    async authorize(ctx, id) {
      await findVisibleDataSource(ctx, id);
      await assertCan(ctx, 'dataSource.manage', {}, 'Only admins can share data sources');
    },
  },
};
