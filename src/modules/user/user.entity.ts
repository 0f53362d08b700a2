import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { DATASET_ACCESS_MODES, ROLES, USER_STATUSES } from '../../authz/vocabulary.ts';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { metadataTriggers } from '../../db/metadata-triggers.ts';

export const DIGEST_FREQUENCIES = ['OFF', 'DAILY', 'WEEKLY'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  extends: TenantScoped,
  // Changes notify the metadata cache.
  triggers: metadataTriggers({ ignoredColumns: ['last_active_at'] }),
  properties: {
    /** Stored trimmed and lower-cased, so the (tenant, email) unique index is case-insensitive. */
    email: p.string().length(320),
    name: p.string().length(200).default(''),
    role: p.enum(ROLES),
    status: p.enum(USER_STATUSES),
    passwordHash: p.string().nullable().lazy(),
    timezone: p.string().length(64).default('UTC'),
    allowApiAccess: p.boolean().default(false),
    allowExportData: p.boolean().default(true),
    twoFactorEnabled: p.boolean().default(false),
    /** Per-user narrowing of dataset access (PRODUCT.md §4); never applies to admins. */
    datasetAccessMode: p.enum(DATASET_ACCESS_MODES).default('FULL'),
    lastActiveAt: p.datetime().nullable(),
    /** The email digest (PRODUCT.md §9): off by default; `digestLocalTime` is HH:MM in `timezone`. */
    digestFrequency: p.enum(DIGEST_FREQUENCIES).default('OFF'),
    digestLocalTime: p.string().length(5).default('08:00'),
    /** The day of a WEEKLY digest; null otherwise. */
    digestWeekday: p.enum(WEEKDAYS).nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'users_tenant_email_unique', properties: ['tenant', 'email'] }],
});
export type User = InferEntity<typeof User>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
