import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DATASET_ACCESS_LEVELS, FEATURES } from '../../authz/vocabulary.ts';
import { primaryId } from '../../db/base.entity.ts';
import { Dataset } from '../dataset/dataset.entity.ts';
import { tenantRelation } from '../tenant/tenant-scoped.entity.ts';
import { User } from './user.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

/**
 * One dataset listed in a user's BLACKLIST or WHITELIST. The override tables have no creation
 * date, so they take the shared id and tenant but not BaseEntity.
 */
export const UserDatasetAccess = defineEntity({
  name: 'UserDatasetAccess',
  tableName: 'user_dataset_access',
  // Changes notify the metadata cache.
  triggers: metadataTriggers(),
  properties: {
    id: primaryId(),
    tenant: tenantRelation,
    user: () => p.manyToOne(User).deleteRule('cascade'),
    dataset: () => p.manyToOne(Dataset).deleteRule('cascade'),
    level: p.enum(DATASET_ACCESS_LEVELS).default('READ'),
  },
  uniques: [{ name: 'user_dataset_access_user_dataset_unique', properties: ['user', 'dataset'] }],
});
export type UserDatasetAccess = InferEntity<typeof UserDatasetAccess>;

/** A feature switched ENABLED or DISABLED for one user; DEFAULT is the absence of a row. */
export const UserFeaturePermission = defineEntity({
  name: 'UserFeaturePermission',
  tableName: 'user_feature_permissions',
  // Changes notify the metadata cache.
  triggers: metadataTriggers(),
  properties: {
    id: primaryId(),
    tenant: tenantRelation,
    user: () => p.manyToOne(User).deleteRule('cascade'),
    feature: p.enum(FEATURES),
    state: p.enum(['ENABLED', 'DISABLED'] as const),
  },
  uniques: [{ name: 'user_feature_permissions_user_feature_unique', properties: ['user', 'feature'] }],
});
export type UserFeaturePermission = InferEntity<typeof UserFeaturePermission>;
