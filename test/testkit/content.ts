import { inject } from 'vitest';
import { encryptSecret } from '../../src/auth/secret-box.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import { Dashboard } from '../../src/modules/dashboard/dashboard.entity.ts';
import { DataSource } from '../../src/modules/data-source/data-source.entity.ts';
import { Dataset } from '../../src/modules/dataset/dataset.entity.ts';
import type { ShareResourceType, Workspace } from '../../src/authz/vocabulary.ts';
import { Folder } from '../../src/modules/folder/folder.entity.ts';
import type { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import type { SeededUser, TestKit } from './kit.ts';

/** Seed builders for content, written straight to the database (the API is what tests exercise). */
export function contentBuilders(kit: TestKit, tenant: Tenant) {
  const em = () => kit.orm.em.fork();
  return {
    async folder(spec: { owner: SeededUser; name?: string; parent?: Folder | null; workspace?: Workspace; workspaceOwner?: SeededUser }) {
      const e = em();
      const workspace = spec.parent?.workspace ?? spec.workspace ?? 'TEAM';
      const folder = e.create(Folder, {
        tenant: tenant.id,
        name: spec.name ?? `Folder ${uuidv7().slice(-6)}`,
        parent: spec.parent?.id ?? null,
        workspace,
        workspaceOwner: workspace === 'PERSONAL' ? (spec.parent?.workspaceOwner?.id ?? spec.workspaceOwner?.id ?? spec.owner.id) : null,
        owner: spec.owner.id,
      });
      await e.flush();
      return folder;
    },
    async dashboard(spec: { owner: SeededUser; title?: string; folder?: Folder | null; workspace?: Workspace; workspaceOwner?: SeededUser; locked?: boolean }) {
      const e = em();
      const workspace = spec.folder?.workspace ?? spec.workspace ?? 'TEAM';
      const dashboard = e.create(Dashboard, {
        tenant: tenant.id,
        title: spec.title ?? `Dashboard ${uuidv7().slice(-6)}`,
        folder: spec.folder?.id ?? null,
        workspace,
        workspaceOwner: workspace === 'PERSONAL' ? (spec.folder?.workspaceOwner?.id ?? spec.workspaceOwner?.id ?? spec.owner.id) : null,
        owner: spec.owner.id,
        locked: spec.locked ?? false,
      });
      await e.flush();
      return dashboard;
    },
    async dataSource(owner: SeededUser) {
      const e = em();
      const dataSource = e.create(DataSource, {
        tenant: tenant.id,
        name: `Source ${uuidv7().slice(-8)}`,
        nameKey: `source ${uuidv7().slice(-8)}`,
        host: '127.0.0.1',
        port: 5432,
        database: 'warehouse',
        username: 'reader',
        passwordCiphertext: 'not-a-real-ciphertext',
        schemas: ['public'],
        owner: owner.id,
      });
      await e.flush();
      return dataSource;
    },
    /**
     * A data source that really reaches the test database server (the warehouse tables live in
     * `schemas` there), with the credentials encrypted as the API would store them.
     */
    async warehouseSource(owner: SeededUser, schemas: string[]): Promise<DataSource> {
      const url = new URL(inject('databaseUrl'));
      const e = em();
      const id = uuidv7();
      const dataSource = e.create(DataSource, {
        id,
        tenant: tenant.id,
        name: `Warehouse ${id.slice(-8)}`,
        nameKey: `warehouse ${id.slice(-8)}`,
        host: url.hostname,
        port: Number(url.port || 5432),
        database: url.pathname.slice(1),
        username: decodeURIComponent(url.username),
        passwordCiphertext: encryptSecret(kit.deps.keys.encryptionKey, decodeURIComponent(url.password), id),
        schemas,
        owner: owner.id,
      });
      await e.flush();
      return dataSource;
    },
    async dataset(owner: SeededUser, dataSource: DataSource) {
      const e = em();
      const name = `sales_${uuidv7().slice(-8)}`;
      const dataset = e.create(Dataset, {
        tenant: tenant.id,
        dataSource: dataSource.id,
        name,
        nameKey: name,
        owner: owner.id,
        definition: {
          models: [
            {
              name: 'orders',
              table: 'public.orders',
              fields: [
                { name: 'amount', column: 'amount', type: 'NUMBER' },
                { name: 'country', column: 'country', type: 'STRING' },
              ],
            },
          ],
          relationships: [],
          calculations: [],
        },
        permissionRules: [],
      });
      await e.flush();
      return dataset;
    },
    /** A dataset with the given definition and permission rules (raw id); `name` is also its key. */
    async datasetRow(spec: { owner: SeededUser; dataSourceId: string; name: string; definition: unknown; rules?: unknown[] }): Promise<string> {
      const id = uuidv7();
      await em().execute(
        `insert into datasets (id, tenant_id, data_source_id, name, name_key, owner_id, definition, permission_rules, version, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
        [id, tenant.id, spec.dataSourceId, spec.name, spec.name, spec.owner.id, JSON.stringify(spec.definition), JSON.stringify(spec.rules ?? [])],
      );
      return id;
    },
    /** A widget on a dashboard (raw id) reading a dataset with a saved query. */
    async widget(spec: { owner: SeededUser; dashboardId: string; datasetId: string; title: string; query: unknown; position?: number }): Promise<string> {
      const id = uuidv7();
      await em().execute(
        `insert into widgets (id, tenant_id, dashboard_id, dataset_id, owner_id, title, query, position, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [id, tenant.id, spec.dashboardId, spec.datasetId, spec.owner.id, spec.title, JSON.stringify(spec.query), spec.position ?? 0],
      );
      return id;
    },
    /** A share row; grantee is a user, a group id, or 'all'. */
    async share(type: ShareResourceType, resourceId: string, grantee: { user: SeededUser } | { groupId: string } | 'all') {
      const [granteeType, key, userId, groupId] =
        grantee === 'all'
          ? ['ALL_USERS', 'all', null, null]
          : 'user' in grantee
            ? ['USER', grantee.user.id, grantee.user.id, null]
            : ['GROUP', grantee.groupId, null, grantee.groupId];
      await em().execute(
        `insert into shares (id, tenant_id, resource_type, resource_id, grantee_type, grantee_user_id, grantee_group_id, grantee_key, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, now())`,
        [uuidv7(), tenant.id, type, resourceId, granteeType, userId, groupId, key],
      );
    },
  };
}

export type ContentBuilders = ReturnType<typeof contentBuilders>;
