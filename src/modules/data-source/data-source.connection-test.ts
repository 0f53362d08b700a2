import pg from 'pg';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { decryptSecret } from '../../auth/secret-box.ts';
import { assertCan, isAdmin } from '../../authz/policy.ts';
import { notFound, rateLimited } from '../../errors.ts';
import { connectionConfig } from '../../query/pools.ts';
import type { DataSource } from './data-source.entity.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { dataSourceFacts } from './data-source.policy.ts';
import { findVisibleDataSource } from './data-source.service.ts';

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A connection test makes the server open a connection where the data source points: a small
 * budget per person and per tenant keeps it from becoming a network scanner. In this process's
 * memory: a few more tests across instances do no harm.
 */
export const CONNECTION_TEST_BUDGET = { perUser: 10, perTenant: 30, seconds: 60 } as const;
const perUser = new RateLimiterMemory({ keyPrefix: 'ds-test-user', points: CONNECTION_TEST_BUDGET.perUser, duration: CONNECTION_TEST_BUDGET.seconds });
const perTenant = new RateLimiterMemory({ keyPrefix: 'ds-test-tenant', points: CONNECTION_TEST_BUDGET.perTenant, duration: CONNECTION_TEST_BUDGET.seconds });

async function spend(ctx: RequestScope, userId: string, tenantId: string): Promise<void> {
  try {
    await perUser.consume(userId);
    await perTenant.consume(tenantId);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    ctx.deps.metrics.rateLimited.inc({ limit: 'connection_test' });
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw rateLimited(`Too many connection tests; try again in ${seconds} s`, seconds);
  }
}

/** Said for every failure before a PostgreSQL server answered, so refused, filtered and timed-out ports look alike. */
export const COULD_NOT_CONNECT = 'Could not connect to the data source';

/**
 * Why a connection failed, never with the password. Only admins (who set the host) learn more
 * than COULD_NOT_CONNECT, and only once a PostgreSQL server answered (credentials, database,
 * TLS) or when the host itself is refused.
 */
function describeFailure(error: unknown, ds: DataSource, password: string, admin: boolean): string {
  if (!admin) return COULD_NOT_CONNECT;
  const code = (error as { code?: string }).code ?? '';
  const text = error instanceof Error ? error.message : '';
  const known: Record<string, string> = {
    '28P01': `Password authentication failed for user "${ds.username}"`,
    '28000': `The server refused user "${ds.username}"`,
    '3D000': `Database "${ds.database}" does not exist`,
  };
  let message = known[code];
  if (!message && code === 'EDATASOURCEHOST') message = text;
  if (!message && ds.sslMode !== 'DISABLE' && (/SSL|TLS|certificate/i.test(text) || /CERT|SSL|TLS/.test(code))) message = `TLS failed: ${text}`;
  message ??= COULD_NOT_CONNECT;
  return password ? message.split(password).join('[redacted]') : message;
}

/** Connects with the stored credentials and runs `select 1`; the answer never carries the password. */
export async function testConnection(ctx: RequestScope, id: string): Promise<{ ok: boolean; message: string | null }> {
  const dataSource = await findVisibleDataSource(ctx, id);
  await assertCan(ctx, 'dataSource.use', await dataSourceFacts(ctx, dataSource.id));
  const viewer = requirePerson(ctx);
  await spend(ctx, viewer.userId, viewer.tenantId);
  const [row] = await ctx.em.execute<{ password_ciphertext: string }[]>('select password_ciphertext from data_sources where id = ? and tenant_id = ?', [
    dataSource.id,
    viewer.tenantId,
  ]);
  if (!row) throw notFound('Data source');
  const password = decryptSecret(ctx.deps.keys.encryptionKey, row.password_ciphertext, dataSource.id);
  const client = new pg.Client({
    ...connectionConfig(dataSource, password, ctx.deps.config.dataSourceAllow),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: CONNECT_TIMEOUT_MS,
    application_name: 'tessera-connection-test',
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true, message: null };
  } catch (error) {
    ctx.logger.info(
      { dataSourceId: dataSource.id, code: (error as { code?: string }).code, detail: describeFailure(error, dataSource, password, true) },
      'data source connection test failed',
    );
    return { ok: false, message: describeFailure(error, dataSource, password, isAdmin(viewer)) };
  } finally {
    await client.end().catch(() => {});
  }
}
