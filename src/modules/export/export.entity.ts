import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantScoped } from '../tenant/tenant-scoped.entity.ts';

/** The user list's filter as stored with a download (`exportUsers`): plain, JSON-safe values. */
export interface UserExportFilter {
  search: string | null;
  status: string | null;
  role: string | null;
  /** A raw group id ('' for a malformed one, which matches nobody). */
  groupId: string | null;
}

/** What an export reads, stored with its download so the download runs the same plan. */
export type ExportPlan =
  | { kind: 'DATASET'; datasetId: string; query: Record<string, unknown> }
  | { kind: 'WIDGET'; widgetId: string; filters: { filterId: string; values: unknown[] }[] }
  /** The admins' user list (`exportUsers`): the list's filter, run again at download time. */
  | { kind: 'USERS'; filter: UserExportFilter };

/**
 * A single-use CSV download (`GET /downloads/:token`), bound to the principal that asked for it.
 * Only the token's SHA-256 is stored; the token itself is in the URL handed out once. For a
 * person: the user and session; for an embed or link principal: its kind, source and grant.
 */
export const ExportDownload = defineEntity({
  name: 'ExportDownload',
  tableName: 'export_downloads',
  extends: TenantScoped,
  properties: {
    tokenHash: p.string().length(64).unique(),
    principalKind: p.string().length(20),
    userId: p.uuid().nullable(),
    sessionId: p.uuid().nullable(),
    /** EMBED / SHARE_LINK: the embed key or shareable link id, and the grant as it was when the link was made. */
    grantSourceId: p.uuid().nullable(),
    grant: p.json<Record<string, unknown>>().nullable(),
    plan: p.json<ExportPlan>(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
  // Expired rows of a tenant are swept when it issues a new one.
  indexes: [{ name: 'export_downloads_tenant_expires_index', properties: ['tenant', 'expiresAt'] }],
});
export type ExportDownload = InferEntity<typeof ExportDownload>;
