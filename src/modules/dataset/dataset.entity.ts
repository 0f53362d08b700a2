import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { DataSource } from '../data-source/data-source.entity.ts';
import { User } from '../user/user.entity.ts';

export const FIELD_TYPES = ['STRING', 'NUMBER', 'DATE', 'TIMESTAMP', 'BOOLEAN'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface DatasetField {
  name: string;
  column: string;
  type: FieldType;
}
export interface DatasetModel {
  name: string;
  /** `schema.table` */
  table: string;
  fields: DatasetField[];
}
export interface DatasetRelationship {
  /** `model.field` on the many side */
  from: string;
  /** `model.field` on the one side */
  to: string;
}
export interface DatasetCalculation {
  name: string;
  expression: string;
}
export interface PermissionRule {
  field: string;
  operator: 'MATCHES_USER_ATTRIBUTE' | 'IS' | 'IS_NOT';
  attribute?: string | null;
  values?: unknown[] | null;
}
export interface DatasetDefinition {
  models: DatasetModel[];
  relationships: DatasetRelationship[];
  calculations: DatasetCalculation[];
}

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
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ name: 'datasets_tenant_name_key_unique', properties: ['tenant', 'nameKey'] }],
});
export type Dataset = InferEntity<typeof Dataset>;
