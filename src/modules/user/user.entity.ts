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
  // Changes notify the metadata cache (not the activity time, nor what the digests have covered).
  triggers: metadataTriggers({ ignoredColumns: ['last_active_at', 'digest_covered_until'] }),
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
    /**
     * The end of the last digest period handled (sent, or empty so not sent); the next digest
     * starts here. Set when the digest is turned on, so it never covers the time before.
     */
    digestCoveredUntil: p.datetime().nullable(),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'users_tenant_email_unique', properties: ['tenant', 'email'] }],
  // The digest scheduler reads the users with a digest on only.
  indexes: [
    {
      name: 'users_digest_index',
      expression: `create index "users_digest_index" on "users" ("id") where "digest_frequency" <> 'OFF'`,
    },
  ],
});
export type User = InferEntity<typeof User>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
