import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { DataSource } from '../data-source/data-source.entity.ts';
import { User } from '../user/user.entity.ts';
import type { DatasetDefinition, PermissionRule } from '../../query/definition.ts';

export const Dataset = defineEntity({
  name: 'Dataset',
  tableName: 'datasets',
  extends: TenantMetadata,
  properties: {
    dataSource: () => p.manyToOne(DataSource).deleteRule('restrict').index(),
    name: p.string().length(200),
    nameKey: p.string().length(200),
    owner: () => p.manyToOne(User).deleteRule('restrict'),
    definition: p.json<DatasetDefinition>(),
    permissionRules: p.json<PermissionRule[]>(),
    /** Bumped on every change of the definition or rules; part of result-cache keys. */
    version: p.integer().default(1),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'datasets_tenant_name_key_unique', properties: ['tenant', 'nameKey'] }],
});
export type Dataset = InferEntity<typeof Dataset>;
