/**
 * Change notices for the gateway's metadata cache (src/cache/metadata-cache.ts). Every entity
 * whose rows the cache holds declares these triggers (most by extending `TenantMetadata`,
 * src/modules/tenant/tenant-scoped.entity.ts): each committed change sends
 * `NOTIFY tessera_metadata, '<tenant id>'` (PostgreSQL delivers it on commit only, and folds the
 * identical notices of one transaction into one). TRUNCATE sends nothing (the schema tools cannot
 * describe such triggers); the cache's maximum entry age bounds what a truncation leaves behind.
 */
export const METADATA_CHANNEL = 'tessera_metadata';

type Event = 'insert' | 'update' | 'delete';

export function metadataTriggers(
  options: {
    /** The column holding the tenant id. */
    tenantColumn?: string;
    /** Columns whose changes alone do not matter to the cache. */
    ignoredColumns?: string[];
    events?: Event[];
  } = {},
) {
  const tenant = options.tenantColumn ?? 'tenant_id';
  const ignored = options.ignoredColumns ?? [];
  const skipIgnored = ignored.length
    ? `if tg_op = 'UPDATE' and (to_jsonb(new) - array[${ignored.map((c) => `'${c}'`).join(', ')}]) = (to_jsonb(old) - array[${ignored.map((c) => `'${c}'`).join(', ')}]) then return null; end if; `
    : '';
  return [
    {
      name: 'metadata_changed',
      timing: 'after' as const,
      events: options.events ?? (['insert', 'update', 'delete'] as Event[]),
      forEach: 'row' as const,
      body: `${skipIgnored}perform pg_notify('${METADATA_CHANNEL}', coalesce(new.${tenant}, old.${tenant})::text); return null;`,
    },
  ];
}
