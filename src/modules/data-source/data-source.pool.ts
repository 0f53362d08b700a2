/**
 * Which pool a data source's statements run on: its row (through the metadata cache), its password
 * decrypted only when a pool is made or an error is worded, and the pool for its current version.
 */
import { decryptSecret } from '../../auth/secret-box.ts';
import { notFound } from '../../errors.ts';
import type { PoolLease } from '../../query/runner.ts';
import type { ScopeParts } from '../../scope/scope.ts';
import { dataSourceRow, type DataSourceRow } from './data-source.rows.ts';

export type DataSourceLease = PoolLease & { password: () => string };

/** One of the tenant's data sources, or NOT_FOUND. */
export async function loadDataSourceRow(ctx: ScopeParts<'em' | 'metadata'>, dataSourceId: string, tenantId: string): Promise<DataSourceRow> {
  const row = await dataSourceRow(ctx, tenantId, dataSourceId);
  if (!row) throw notFound('Data source');
  return row;
}

/** Changes whenever the data source is edited (host, credentials, TLS, schemas): part of every cache key. */
export const dataSourceVersion = (row: DataSourceRow) => `${new Date(row.updated_at).getTime()}:${row.schemas.join(',')}`;

/** The pool of a data source row, and its password (to keep it out of error messages). */
export function dataSourcePool(ctx: ScopeParts<'deps'>, row: DataSourceRow): DataSourceLease {
  let plain: string | undefined;
  const password = () => (plain ??= decryptSecret(ctx.deps.keys.encryptionKey, row.password_ciphertext, row.id));
  const target = {
    id: row.id,
    updatedAt: new Date(row.updated_at),
    host: row.host,
    port: row.port,
    database: row.database,
    username: row.username,
    sslMode: row.ssl_mode,
    caCertificate: row.ca_certificate,
  };
  return { pool: ctx.deps.dataSourcePools.get(target, password), password };
}

/** The pool of one of the tenant's data sources by id, and its password (to keep it out of error messages). */
export async function dataSourcePoolById(ctx: ScopeParts<'em' | 'deps' | 'metadata'>, dataSourceId: string, tenantId: string) {
  return dataSourcePool(ctx, await loadDataSourceRow(ctx, dataSourceId, tenantId));
}
