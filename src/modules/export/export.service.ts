/**
 * CSV exports (PRODUCT.md §3 "export data (CSV) from what one can view", §5: RLP applies).
 * Issuing decides the export right and the read right, then stores a single-use download bound
 * to the principal; the download (`GET /downloads/:token`, http/downloads.ts) decides both again
 * for that principal and streams the rows of the same plan.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { isPublicPrincipal } from '../../auth/principal.ts';
import type { Facts } from '../../authz/decide.ts';
import { assertCan } from '../../authz/policy.ts';
import { DomainError, forbidden } from '../../errors.ts';
import { QUERY_LIMITS, type DatasetQueryInput, type QueryColumn } from '../../query/compile.ts';
import type { PrintedSql } from '../../query/print.ts';
import { parseQueryInput } from '../../query/query-input.ts';
import type { PoolLease } from '../../query/runner.ts';
import { openRowStream, type RowStream } from '../../query/stream.ts';
import type { RequestScope } from '../../scope/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { dashboardFacts } from '../dashboard/dashboard.policy.ts';
import { widgetPlan, type FilterValueInput } from '../dashboard/widget-data.ts';
import { findVisibleWidget } from '../dashboard/widget.service.ts';
import { admitWarehouseStatement, authorizeDatasetRead, prepareDatasetStream } from '../dataset/dataset.query.ts';
import { datasetFacts } from '../dataset/dataset.policy.ts';
import { findVisibleDataset } from '../dataset/dataset.service.ts';
import { prepareUsersExport } from '../user/user.export.ts';
import { ExportDownload, type ExportPlan, type UserExportFilter } from './export.entity.ts';

type DataPlan = Exclude<ExportPlan, { kind: 'USERS' }>;

export const hashDownloadToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The export right (matrix row `data.export`) for what is exported: for a person the matrix
 * (VIEWER and EXPLORER only with `allowExportData`); an embed or link principal may export a
 * widget of its dashboard only when its grant allows raw data export, and never a dataset query.
 */
export async function assertMayExport(ctx: RequestScope, what: DataPlan['kind'], facts: () => Promise<Facts>): Promise<void> {
  const viewer = ctx.viewer;
  if (isPublicPrincipal(viewer)) {
    if (what === 'WIDGET' && viewer.grant.allowExport) return;
    throw forbidden('This link or embed may not export data');
  }
  await assertCan(ctx, 'data.export', await facts(), 'You may not export data');
}

/** An export decided and compiled for the current principal, ready to run. */
export interface PreparedExport {
  /** The dataset's name or the widget's title (the file's name). */
  name: string;
  resourceType: 'DATASET' | 'WIDGET';
  resourceId: string;
  datasetId: string;
  columns: QueryColumn[];
  /** Nothing to run: a filter permits no value. */
  empty: boolean;
  sql: PrintedSql;
  lease: PoolLease;
  /** Where the statement runs and whose tenant it is: its admission (`admitWarehouseStatement`). */
  dataSourceId: string;
  tenantId: string;
  /** Rows the CSV has at most. */
  limit: number;
  /** No limit was asked for: more rows than the maximum fail the download instead of cutting it short. */
  failBeyondLimit: boolean;
}

/**
 * Decides and compiles an export for the current principal: the read right (`dataset.explore` /
 * `widget.viewData` on a visible dashboard), the export right, and the same compile path, row-level
 * permission included, as `Dataset.query` / `Widget.data`. A dataset export without a limit has
 * every row up to the configured maximum; a widget export has exactly `Widget.data`'s rows.
 */
export async function prepareExport(ctx: RequestScope, plan: DataPlan): Promise<PreparedExport> {
  const maxRows = ctx.deps.config.exports.maxRows;
  if (plan.kind === 'DATASET') {
    if (isPublicPrincipal(ctx.viewer)) throw forbidden('This link or embed may not export data');
    const dataset = await findVisibleDataset(ctx, plan.datasetId);
    const input = parseQueryInput(plan.query, 'input.query');
    const access = await authorizeDatasetRead(ctx, dataset, { action: 'dataset.explore', message: 'You may not explore this dataset' });
    await assertMayExport(ctx, 'DATASET', () => datasetFacts(ctx, dataset));
    const limits = { defaultLimit: maxRows, maxLimit: maxRows };
    return {
      name: dataset.name,
      resourceType: 'DATASET',
      resourceId: dataset.id,
      datasetId: dataset.id,
      empty: false,
      failBeyondLimit: input.limit == null,
      ...streamParts(await prepareDatasetStream(ctx, dataset, input, access, limits)),
    };
  }
  const widget = await findVisibleWidget(ctx, plan.widgetId);
  const { dashboard, dataset, input, access, empty } = await widgetPlan(ctx, widget, plan.filters);
  await assertMayExport(ctx, 'WIDGET', () => dashboardFacts(ctx, dashboard));
  return {
    name: widget.title,
    resourceType: 'WIDGET',
    resourceId: widget.id,
    datasetId: dataset.id,
    empty,
    failBeyondLimit: false,
    ...streamParts(await prepareDatasetStream(ctx, dataset, input, access, QUERY_LIMITS)),
  };
}

/** What an export keeps of its prepared statement. */
function streamParts({ compiled, sql, lease, dataSourceId, tenantId }: Awaited<ReturnType<typeof prepareDatasetStream>>) {
  return { columns: compiled.columns, limit: compiled.limit, sql, lease, dataSourceId, tenantId };
}

/** The principal a download is bound to, as stored with it. */
function bindingOf(ctx: RequestScope) {
  const viewer = ctx.viewer;
  if (isPublicPrincipal(viewer)) {
    return { principalKind: viewer.kind, grantSourceId: viewer.grant.sourceId, grant: { ...viewer.grant } as Record<string, unknown> };
  }
  // A download re-checks its session; principals without one (API tokens) have nothing to bind to yet.
  if (viewer?.kind !== 'USER' || viewer.sessionId === undefined) throw forbidden('Exports need a signed-in session');
  return { principalKind: viewer.kind, userId: viewer.userId, sessionId: viewer.sessionId };
}

/**
 * Issues a download URL for `plan` once the current principal may export it: random 256-bit
 * token, only its SHA-256 stored, single use, expiring after `exports.linkTtlSeconds`. A person's
 * export is in the audit log (`data.export`, without the token).
 */
export async function issueExport(ctx: RequestScope, plan: ExportPlan): Promise<{ url: string; expiresAt: Date }> {
  let audit: { action: string; resourceType: string; resourceId: string | null; summary: Record<string, unknown> };
  if (plan.kind === 'USERS') {
    prepareUsersExport(ctx, plan.filter);
    audit = { action: 'user.export', resourceType: 'USER', resourceId: null, summary: { filter: plan.filter } };
  } else {
    const prepared = await prepareExport(ctx, plan);
    const summary = { datasetId: prepared.datasetId, ...(prepared.resourceType === 'WIDGET' ? { widgetId: prepared.resourceId } : {}) };
    audit = { action: 'data.export', resourceType: prepared.resourceType, resourceId: prepared.resourceId, summary };
  }
  const binding = bindingOf(ctx);
  const viewer = ctx.viewer!;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.deps.config.exports.linkTtlSeconds * 1000);
  const em = ctx.em;
  // Downloads of the tenant long expired are of no further use.
  await em.execute(`delete from export_downloads where tenant_id = ? and expires_at < now() - interval '1 hour'`, [viewer.tenantId]);
  em.create(ExportDownload, { tenant: viewer.tenantId, tokenHash: hashDownloadToken(token), ...binding, plan, expiresAt, usedAt: null });
  if (!isPublicPrincipal(viewer)) recordAudit(em, viewer, audit);
  else ctx.logger.info({ kind: viewer.kind, sourceId: viewer.grant.sourceId, ...audit.summary }, 'export issued');
  await em.flush();
  return { url: `${ctx.deps.config.publicUrl}/downloads/${token}`, expiresAt };
}

export const usersExportPlan = (filter: UserExportFilter): ExportPlan => ({ kind: 'USERS', filter: { ...filter } });

export const datasetExportPlan = (datasetId: string, query: DatasetQueryInput): ExportPlan => ({
  kind: 'DATASET',
  datasetId,
  query: JSON.parse(JSON.stringify(query)) as Record<string, unknown>,
});

export const widgetExportPlan = (widgetId: string, filters: readonly FilterValueInput[]): ExportPlan => ({
  kind: 'WIDGET',
  widgetId,
  filters: filters.map((f) => ({ filterId: f.filterId, values: [...f.values] })),
});

/** A started export: the rows (empty when there is nothing to run) and whether a row was cut. */
export interface RunningExport {
  rows: Readable;
  stream: RowStream | undefined;
}

/**
 * Starts the statement of a prepared export (connection failures are thrown before any byte is
 * sent). Like a query, it first counts against the principal's rate limit and waits for a slot of
 * its data source (RATE_LIMITED / UNAVAILABLE otherwise); the slot is held until the cursor
 * closes: the last row sent, a failure, or the client gone.
 */
export async function startExport(ctx: RequestScope, prepared: PreparedExport): Promise<RunningExport> {
  if (prepared.empty) {
    return { rows: Readable.from([], { objectMode: true }), stream: undefined };
  }
  const release = await admitWarehouseStatement(ctx, prepared);
  let stream: RowStream;
  try {
    stream = await openRowStream(prepared.lease, prepared.sql, {
      limit: prepared.limit,
      timeoutMs: ctx.deps.config.exports.statementTimeoutMs,
      failBeyondLimit: prepared.failBeyondLimit
        ? () => new DomainError('BAD_USER_INPUT', `The export has more than ${prepared.limit} rows; narrow it down or set a limit`, 'input.query.limit')
        : undefined,
      onCancelFailure: (error) => ctx.logger.warn({ err: error }, 'cancelling an export statement failed; its connection was closed'),
    });
  } catch (error) {
    release();
    throw error;
  }
  stream.rows.once('close', release);
  return { rows: stream.rows, stream };
}
