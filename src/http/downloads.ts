/**
 * `GET /downloads/:token`: a CSV export issued by `exportDatasetQuery` / `exportWidget` /
 * `exportUsers`. The token is claimed once; the principal it is bound to is checked again and the
 * export decided again for it, then the rows stream from a cursor (the user list: read at once,
 * bounded) through the CSV writer with headers sent first. A
 * client that goes away stops the statement; an error after the headers cuts the connection
 * (the client sees a broken transfer, never a CSV that merely looks shorter) and is logged.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal.ts';
import { isAdmin } from '../authz/policy.ts';
import { DataSourceError, DomainError, isConnectionFailure, WarehouseBusyError, type ErrorCode } from '../errors.ts';
import { csvStream } from '../modules/export/csv.ts';
import { claimDownload, downloadPrincipal, unclaimDownload } from '../modules/export/export.download.ts';
import { prepareExport, startExport } from '../modules/export/export.service.ts';
import { USER_EXPORT_COLUMNS, userExportRows } from '../modules/user/user.export.ts';
import type { AppDeps } from '../scope/deps.ts';
import { scopeForPrincipal } from './context.ts';

const PREFIX = '/downloads/';
const GONE = 'This download link is unknown, used or expired. Export again to get a new one.';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TIMEOUT: 504,
  UNAVAILABLE: 503,
};

/** The file name: ASCII-safe in `filename`, the exact name (UTF-8) in `filename*` (RFC 6266). */
export function contentDisposition(name: string, date = new Date()): string {
  const base = `${name.trim() || 'export'} ${date.toISOString().slice(0, 10)}`.slice(0, 150);
  const ascii =
    base
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[^A-Za-z0-9._ -]+/g, '_')
      .replace(/\s+/g, ' ')
      .trim() || 'export';
  const encoded = encodeURIComponent(`${base}.csv`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.csv"; filename*=UTF-8''${encoded}`;
}

export function useDownloads(deps: AppDeps): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext: initial }) {
      // On a real server, yoga's server context also carries the Node request and response.
      const serverContext = initial as { res?: http.ServerResponse; clientAddress?: string } | undefined;
      if (!url.pathname.startsWith(PREFIX)) return;
      const requestId = request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
      const text = (status: number, message: string, headers: Record<string, string> = {}) =>
        new fetchAPI.Response(message, {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId, ...headers },
        });
      if (request.method !== 'GET') {
        endResponse(text(405, 'Downloads are fetched with GET'));
        return;
      }
      const token = decodeURIComponent(url.pathname.slice(PREFIX.length));
      const em = deps.orm.em.fork() as EntityManager;
      const logger = deps.logger.child({ requestId });
      let viewer: Principal | null = null;
      try {
        const claim = await claimDownload(em, token);
        viewer = claim ? await downloadPrincipal(deps, em, claim) : null;
        if (!claim || !viewer) {
          endResponse(text(404, GONE));
          return;
        }
        const ctx = scopeForPrincipal(deps, {
          requestId,
          viewer,
          em,
          clientAddress: serverContext?.clientAddress,
          forwardedFor: request.headers.get('x-forwarded-for'),
        });
        const started = performance.now();
        let name: string;
        let resourceId: string | null;
        let body: Readable;
        let rowCount: () => number | undefined;
        if (claim.plan.kind === 'USERS') {
          // The user list as it stands now, for the admin the download is bound to (bounded: USER_EXPORT_MAX_ROWS).
          const rows = await userExportRows(ctx, claim.plan.filter);
          name = 'users';
          resourceId = null;
          body = csvStream(USER_EXPORT_COLUMNS, Readable.from(rows, { objectMode: true }));
          rowCount = () => rows.length;
        } else {
          const prepared = await prepareExport(ctx, claim.plan);
          const running = await startExport(ctx, prepared);
          name = prepared.name;
          resourceId = prepared.resourceId;
          body = csvStream(
            prepared.columns.map((c) => c.name),
            running.rows,
          );
          rowCount = () => running.stream?.rowCount;
        }
        body.on('error', (error) => {
          logger.error({ err: error, resourceId, rows: rowCount() }, 'export failed after the headers were sent');
          // The body is piped into the response, which a source error leaves open: cut it.
          serverContext?.res?.destroy();
        });
        body.on('end', () => {
          logger.info({ resourceId, rows: rowCount() ?? 0, ms: Math.round(performance.now() - started) }, 'export sent');
        });
        body.on('close', () => {
          if (!body.readableEnded && !body.errored) logger.info({ resourceId, rows: rowCount() }, 'export abandoned by the client');
        });
        endResponse(
          new fetchAPI.Response(body as unknown as BodyInit, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': contentDisposition(name),
              'cache-control': 'no-store',
              'x-content-type-options': 'nosniff',
              'x-request-id': requestId,
            },
          }),
        );
      } catch (error) {
        const deferred = error instanceof WarehouseBusyError || (error instanceof DomainError && error.code === 'RATE_LIMITED');
        if (deferred) {
          // The warehouse is busy or the principal over its limit: nothing was sent, so the URL stays good.
          const retryAfter = String(error.extensions?.retryAfterSeconds ?? deps.config.retryAfterSeconds);
          await unclaimDownload(em, token).catch((unclaimError: unknown) => logger.warn({ err: unclaimError }, 'a deferred download could not be given back'));
          logger.info({ code: error.code }, 'export deferred');
          endResponse(text(STATUS[error.code]!, `${error.message}; the same link works again then`, { 'retry-after': retryAfter }));
          return;
        }
        if (error instanceof DomainError) {
          const status = STATUS[error.code] ?? 500;
          // Driver detail (relations, hosts, ports) is for admins, as in GraphQL errors; the log keeps it.
          const hidden = error instanceof DataSourceError && !isAdmin(viewer);
          if (hidden || status >= 500) logger.warn({ code: error.code, detail: error.message }, 'export could not start');
          endResponse(text(status, hidden || status === 500 ? `The data source could not run this export (request ${requestId})` : error.message));
          return;
        }
        if (isConnectionFailure(error)) {
          // The metadata database (the token's claim, the principal) cannot be reached: try again shortly.
          logger.warn({ code: (error as { code?: unknown }).code }, 'the metadata database cannot be reached');
          const retryAfter = String(deps.config.retryAfterSeconds);
          endResponse(text(503, `The service is unavailable for a moment; try again in ${retryAfter} s`, { 'retry-after': retryAfter }));
          return;
        }
        logger.error({ err: error }, 'export failed');
        endResponse(text(500, `The export failed (request ${requestId})`));
      }
    },
  };
}
