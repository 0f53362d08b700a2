import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ROLES, WORKSPACES } from '../../authz/vocabulary.ts';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { Dataset } from '../dataset/dataset.entity.ts';
import { Folder } from '../folder/folder.entity.ts';
import { User } from '../user/user.entity.ts';
import { FILTER_TYPES } from '../../query/filter-permissions/filter-type.ts';

export const Dashboard = defineEntity({
  name: 'Dashboard',
  tableName: 'dashboards',
  extends: TenantScoped,
  properties: {
    folder: () => p.manyToOne(Folder).nullable().deleteRule('restrict').index(),
    workspace: p.enum(WORKSPACES),
    workspaceOwner: () => p.manyToOne(User).nullable().deleteRule('restrict').index(),
    owner: () => p.manyToOne(User).deleteRule('restrict').index(),
    title: p.string().length(300),
    description: p.text().default(''),
    locked: p.boolean().default(false),
    cacheTtlSeconds: p.integer().default(0),
    drillThroughEnabled: p.boolean().default(true),
    crossFilterEnabled: p.boolean().default(true),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Dashboard = InferEntity<typeof Dashboard>;

/** A saved dataset query shown on a dashboard. */
export const Widget = defineEntity({
  name: 'Widget',
  tableName: 'widgets',
  extends: TenantScoped,
  properties: {
    dashboard: () => p.manyToOne(Dashboard).deleteRule('cascade').index(),
    dataset: () => p.manyToOne(Dataset).deleteRule('restrict').index(),
    owner: () => p.manyToOne(User).deleteRule('restrict'),
    title: p.string().length(300),
    query: p.json<Record<string, unknown>>(),
    position: p.integer().default(0),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Widget = InferEntity<typeof Widget>;

/**
 * At most this many widgets and filters per dashboard, checked at save time: the warehouse
 * budget's estimate (graphql/budget.ts) multiplies by them wherever dashboards come from a list.
 */
export const DASHBOARD_CAPS = { widgets: 100, filters: 50 } as const;

/** A dashboard filter bound to one dataset field, with optional permission code (YAML). */
export const DashboardFilter = defineEntity({
  name: 'DashboardFilter',
  tableName: 'dashboard_filters',
  extends: TenantScoped,
  properties: {
    dashboard: () => p.manyToOne(Dashboard).deleteRule('cascade').index(),
    dataset: () => p.manyToOne(Dataset).deleteRule('restrict'),
    parent: () => p.manyToOne(DashboardFilter).nullable().deleteRule('set null'),
    type: p.enum(FILTER_TYPES),
    label: p.string().length(200).default(''),
    /** `model.field` of the dataset */
    field: p.string().length(200),
    permissions: p.text().nullable(),
    /**
     * Who last saved the `ds_id` + `query` entries, their role then, and the digest of exactly
     * those entries (filter-permissions/queries.ts): they run only while the role was ADMIN and
     * the stored code still has that digest.
     */
    queriesSavedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    queriesSavedRole: p.enum(ROLES).nullable(),
    queriesDigest: p.string().length(64).nullable(),
  },
});
export type DashboardFilter = InferEntity<typeof DashboardFilter>;

/** A `dashboards` row as a list page reads it (`listDashboards`), with the viewer's share fact. */
export interface DashboardRowData {
  id: string;
  tenant_id: string;
  folder_id: string | null;
  workspace: Dashboard['workspace'];
  workspace_owner_id: string | null;
  owner_id: string;
  title: string;
  description: string;
  locked: boolean;
  cache_ttl_seconds: number;
  drill_through_enabled: boolean;
  cross_filter_enabled: boolean;
  created_at: Date;
  updated_at: Date;
  shared_with_viewer: boolean;
}

/**
 * A dashboard of a list page, read-only: the fields the GraphQL type reads, in the entity's shape,
 * without the ORM's identity map and change tracking (hydrating 100 entities cost more than the
 * page's SQL: `npm run bench -- dashboards`). Whatever changes a dashboard loads the entity.
 */
export class DashboardRow {
  readonly id: string;
  readonly tenant: { id: string };
  readonly folder: { id: string } | null;
  readonly workspace: Dashboard['workspace'];
  readonly workspaceOwner: { id: string } | null;
  readonly owner: { id: string };
  readonly title: string;
  readonly description: string;
  readonly locked: boolean;
  readonly cacheTtlSeconds: number;
  readonly drillThroughEnabled: boolean;
  readonly crossFilterEnabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Shared with the viewer, directly or through a folder (not with an impersonator). */
  readonly sharedWithViewer: boolean;

  constructor(row: DashboardRowData) {
    this.id = row.id;
    this.tenant = { id: row.tenant_id };
    this.folder = row.folder_id === null ? null : { id: row.folder_id };
    this.workspace = row.workspace;
    this.workspaceOwner = row.workspace_owner_id === null ? null : { id: row.workspace_owner_id };
    this.owner = { id: row.owner_id };
    this.title = row.title;
    this.description = row.description;
    this.locked = row.locked;
    this.cacheTtlSeconds = row.cache_ttl_seconds;
    this.drillThroughEnabled = row.drill_through_enabled;
    this.crossFilterEnabled = row.cross_filter_enabled;
    this.createdAt = row.created_at;
    this.updatedAt = row.updated_at;
    this.sharedWithViewer = row.shared_with_viewer;
  }
}
