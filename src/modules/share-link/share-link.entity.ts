import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AttributeScalar } from '../../query/attributes.ts';
import { Dashboard } from '../dashboard/dashboard.entity.ts';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';

/** A fixed restriction of one dataset field (`model.field`) to a list of values (PRODUCT.md §8). */
export interface LinkRowRestriction {
  field: string;
  values: AttributeScalar[];
}

/**
 * A shareable link to one dashboard (PRODUCT.md §8). The raw token is shown once, at creation; only
 * its SHA-256 digest is kept. Not metadata (no change notices): link sessions are resolved from the
 * database on every request, so a revocation, an expiry or the dashboard's deletion needs no notice.
 */
export const ShareableLink = defineEntity({
  name: 'ShareableLink',
  tableName: 'shareable_links',
  extends: TenantScoped,
  properties: {
    /** Deleting the dashboard deletes its links, and with them their sessions. */
    dashboard: () => p.manyToOne(Dashboard).deleteRule('cascade'),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    /** SHA-256 (hex) of the raw `tsl_…` token. */
    tokenHash: p.string().length(64).unique(),
    /** argon2id of the link's password; null when the link has none. Never returned; lazy, so reads that need `hasPassword` populate it. */
    passwordHash: p.text().nullable().lazy(),
    expiresAt: p.datetime().nullable(),
    rowRestrictions: p.json<LinkRowRestriction[]>(),
    /** Values for the tenant's attributes, by attribute name, that the dataset rules read. */
    userAttributes: p.json<Record<string, AttributeScalar[]>>(),
    allowExport: p.boolean().default(false),
    revokedAt: p.datetime().nullable(),
  },
  // The list for a dashboard (tenant, dashboard, newest first).
  indexes: [{ name: 'shareable_links_tenant_id_dashboard_id_id_index', properties: ['tenant', 'dashboard', 'id'] }],
});
export type ShareableLink = InferEntity<typeof ShareableLink>;

/**
 * A session opened on a link (`openShareableLink`): the bearer token `tss_…` is stored as its
 * SHA-256 digest. It lives at most an hour and never beyond its link's expiry; it dies with its link.
 */
export const LinkSession = defineEntity({
  name: 'LinkSession',
  tableName: 'link_sessions',
  extends: TenantScoped,
  properties: {
    link: () => p.manyToOne(ShareableLink).deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
  },
});
export type LinkSession = InferEntity<typeof LinkSession>;
