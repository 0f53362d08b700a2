import type { ServiceContext } from '../service-context.ts';

/** A `data_sources` row as the database returns it (ciphertext included: never expose it). */
export interface DataSourceRow {
  id: string;
  tenant_id: string;
  host: string;
  port: number;
  database: string;
  username: string;
  password_ciphertext: string;
  updated_at: Date;
  [column: string]: unknown;
}

type RowContext = Pick<ServiceContext, 'em' | 'metadata'>;

/** Reads through the request's metadata cache when it belongs to `tenantId`, else from the database. */
export function readMetadata<T>(ctx: RowContext, tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
  return ctx.metadata?.tenantId === tenantId ? ctx.metadata.read(key, load) : load();
}

/** One data source row of the tenant, or null. */
export function dataSourceRow(ctx: RowContext, tenantId: string, id: string): Promise<DataSourceRow | null> {
  return readMetadata(ctx, tenantId, `dataSourceRow:${id}`, async () => {
    const [row] = await ctx.em.execute<DataSourceRow[]>('select * from data_sources where id = ? and tenant_id = ?', [id, tenantId]);
    return row ?? null;
  });
}
