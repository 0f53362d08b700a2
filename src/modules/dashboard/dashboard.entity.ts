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
