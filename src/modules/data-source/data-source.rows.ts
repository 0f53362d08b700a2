import { readThrough } from '../../cache/request-metadata.ts';
import type { ScopeParts } from '../../scope/scope.ts';

/** A `data_sources` row as the database returns it (ciphertext included: never expose it). */
export interface DataSourceRow {
  id: string;
  tenant_id: string;
  host: string;
  port: number;
  database: string;
  username: string;
  password_ciphertext: string;
  schemas: string[];
  ssl_mode: 'DISABLE' | 'REQUIRE' | 'VERIFY_FULL';
  ca_certificate: string | null;
  updated_at: Date;
  [column: string]: unknown;
}

/** One data source row of the tenant, or null. */
export function dataSourceRow(ctx: ScopeParts<'em' | 'metadata'>, tenantId: string, id: string): Promise<DataSourceRow | null> {
  return readThrough(ctx.metadata, tenantId, `dataSourceRow:${id}`, async () => {
    const [row] = await ctx.em.execute<DataSourceRow[]>('select * from data_sources where id = ? and tenant_id = ?', [id, tenantId]);
    return row ?? null;
  });
}
