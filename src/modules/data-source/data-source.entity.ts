import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { TenantMetadata } from '../tenant/tenant-scoped.entity.ts';
import { User } from '../user/user.entity.ts';
import type { SslMode } from '../../query/pools.ts';

/** A Postgres connection. The password is stored encrypted (AES-256-GCM) and never returned. */
export const DataSource = defineEntity({
  name: 'DataSource',
  tableName: 'data_sources',
  extends: TenantMetadata,
  properties: {
    name: p.string().length(200),
    nameKey: p.string().length(200),
    host: p.string().length(255),
    port: p.integer(),
    database: p.string().length(63),
    username: p.string().length(63),
    passwordCiphertext: p.text().lazy(),
    /** Schemas the data source may read; datasets may only name tables in these. */
    schemas: p.array().default([]),
    /** DISABLE, REQUIRE (encrypted, not verified) or VERIFY_FULL (chain and host name checked). */
    sslMode: p.string().$type<SslMode>().length(16).default('DISABLE'),
    /** PEM certificates VERIFY_FULL trusts instead of the system's; public, not a secret. */
    caCertificate: p.text().nullable(),
    owner: () => p.manyToOne(User).deleteRule('restrict'),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ name: 'data_sources_tenant_name_key_unique', properties: ['tenant', 'nameKey'] }],
});
export type DataSource = InferEntity<typeof DataSource>;
