import { createHash, X509Certificate } from 'node:crypto';
import net from 'node:net';
import { encryptSecret } from '../../auth/secret-box.ts';
import { assertCan } from '../../authz/policy.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, notFound, withUniqueGuard } from '../../errors.ts';
import { idWindowQuery, type IdWindow } from '../../db/id-window.ts';
import { hostRefusalAtSave } from '../../query/host-guard.ts';
import { SSL_MODES, type SslMode } from '../../query/pools.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requirePerson, type RequestScope } from '../../scope/scope.ts';
import { Share } from '../share/share.entity.ts';
import { DataSource } from './data-source.entity.ts';
import { dataSourcePermissions, usableDataSources } from './data-source.policy.ts';

/** What the data source services need: the GraphQL context satisfies it. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const MAX_SCHEMAS = 50;
const MAX_DATASETS_NAMED = 10;

/**
 * Data sources of the viewer's tenant the viewer may use, filtered in SQL: admins all, analysts
 * those shared with them (directly, through a group, or All users), everyone else none.
 */
export async function listDataSources(ctx: RequestScope, window: IdWindow): Promise<DataSource[]> {
  const viewer = requirePerson(ctx);
  const page = idWindowQuery(window);
  const where = usableDataSources(viewer, await ctx.loaders.subject(), { ...page.where });
  if (!where) return [];
  return ctx.em.find(DataSource, where, { orderBy: page.orderBy, limit: page.limit });
}

/** A data source the viewer may see; NOT_FOUND for missing, invisible and other tenants' ids alike. */
export async function findVisibleDataSource(ctx: RequestScope, id: string): Promise<DataSource> {
  const viewer = requirePerson(ctx);
  const missing = () => notFound('Data source');
  if (!isUuid(id) || !(await dataSourcePermissions(ctx, id)).use) throw missing();
  const dataSource = await ctx.em.findOne(DataSource, { id, tenant: viewer.tenantId });
  if (!dataSource) throw missing();
  return dataSource;
}

async function findForManager(ctx: RequestScope, id: string): Promise<DataSource> {
  await assertCan(ctx, 'dataSource.manage', {}, 'Only admins can manage data sources');
  return findVisibleDataSource(ctx, id);
}

interface ValidFields {
  name?: string;
  nameKey?: string;
  host?: string;
  port?: number;
  database?: string;
  username?: string;
  password?: string;
  schemas?: string[];
  sslMode?: SslMode;
  caCertificate?: string | null;
}

export interface DataSourceFields {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  schemas: readonly string[];
  sslMode?: SslMode | null;
  /** PEM; an empty string removes it. */
  caCertificate?: string | null;
}

const HOSTNAME = /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const MAX_PEM = 64 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** One or more PEM certificates and nothing else (a private key pasted by mistake is refused). */
function pemCertificates(value: string): string {
  const field = 'input.caCertificate';
  if (value.length > MAX_PEM) throw badInput(field, 'The CA certificate must be at most 64 KiB of PEM');
  const blocks = value.match(PEM_BLOCK) ?? [];
  const rest = value.replace(PEM_BLOCK, '').trim();
  if (blocks.length === 0 || rest !== '')
    throw badInput(field, 'The CA certificate must be PEM: one or more "-----BEGIN CERTIFICATE-----" blocks and nothing else');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw badInput(field, `Certificate ${i + 1} of the CA certificate is not a valid X.509 certificate`);
    }
  });
  return blocks.join('\n') + '\n';
}

/** Refuses a host the connection would refuse (PRODUCT.md §2), before it is stored. */
async function assertHostAllowed(ctx: RequestScope, host: string): Promise<void> {
  const reason = await hostRefusalAtSave(ctx.deps.config.dataSourceAllow, host);
  if (reason) throw badInput('input.host', reason);
}

const TLS_STRENGTH: Record<SslMode, number> = { DISABLE: 0, REQUIRE: 1, VERIFY_FULL: 2 };

/**
 * Whether an update sends the stored password somewhere it was not sent before: another host,
 * port, database or user, weaker TLS, or other trusted CAs. Such an update must carry the password.
 */
function redirectsPassword(ds: DataSource, fields: ValidFields): string | undefined {
  const changed = (['host', 'port', 'database', 'username'] as const).filter((key) => fields[key] !== undefined && fields[key] !== ds[key]);
  if (changed.length > 0) return changed.map((key) => (key === 'username' ? 'user' : key)).join(', ');
  if (fields.sslMode !== undefined && TLS_STRENGTH[fields.sslMode] < TLS_STRENGTH[ds.sslMode as SslMode]) return 'the TLS mode';
  if (fields.caCertificate !== undefined && fields.caCertificate !== (ds.caCertificate ?? null) && (fields.sslMode ?? ds.sslMode) === 'VERIFY_FULL')
    return 'the CA certificate';
  return undefined;
}

function text(value: string, field: string, max: number, what: string): string {
  if (value.trim().length === 0 || value.length > max) throw badInput(field, `${what} must be 1 to ${max} characters`);
  return value;
}

/** Validates what was given; every error names the input field at fault. */
function validate(input: Partial<{ [K in keyof DataSourceFields]: DataSourceFields[K] | null }>): ValidFields {
  const out: ValidFields = {};
  if (input.name != null) {
    out.name = text(input.name.trim(), 'input.name', 200, 'The name');
    out.nameKey = out.name.toLowerCase();
  }
  if (input.host != null) {
    if (/\s/.test(input.host)) throw badInput('input.host', 'The host must not contain spaces');
    out.host = text(input.host, 'input.host', 255, 'The host');
    if (out.host.startsWith('/')) throw badInput('input.host', 'A Unix socket path is not allowed; give a host name or an IP address');
    if (net.isIP(out.host) === 0 && !HOSTNAME.test(out.host)) throw badInput('input.host', 'The host must be a host name or an IP address');
  }
  if (input.port != null) {
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw badInput('input.port', 'The port must be between 1 and 65535');
    out.port = input.port;
  }
  if (input.database != null) out.database = text(input.database, 'input.database', 63, 'The database name');
  if (input.user != null) out.username = text(input.user, 'input.user', 63, 'The user name');
  if (input.password != null) {
    if (input.password.length > 1024) throw badInput('input.password', 'The password must be at most 1024 characters');
    out.password = input.password;
  }
  if (input.sslMode != null) {
    if (!SSL_MODES.includes(input.sslMode)) throw badInput('input.sslMode', `The TLS mode must be one of ${SSL_MODES.join(', ')}`);
    out.sslMode = input.sslMode;
  }
  if (input.caCertificate != null) out.caCertificate = input.caCertificate.trim() === '' ? null : pemCertificates(input.caCertificate);
  if (input.schemas != null) {
    if (input.schemas.length === 0 || input.schemas.length > MAX_SCHEMAS) throw badInput('input.schemas', `Name 1 to ${MAX_SCHEMAS} schemas`);
    const bad = input.schemas.findIndex((s) => !IDENTIFIER.test(s) || s.length > 63);
    if (bad >= 0) throw badInput(`input.schemas[${bad}]`, 'A schema must be an identifier of at most 63 characters (letters, digits, _ and $)');
    out.schemas = [...new Set(input.schemas)];
  }
  return out;
}

async function assertNameFree(ctx: RequestScope, tenantId: string, nameKey: string, exceptId?: string): Promise<void> {
  const taken = await ctx.em.findOne(DataSource, { tenant: tenantId, nameKey, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw nameTaken();
}
const nameTaken = () => conflict('A data source with this name already exists', 'input.name');

/** What an audit event may say about a data source: never the password. */
const auditView = (ds: DataSource) => ({
  name: ds.name,
  host: ds.host,
  port: ds.port,
  database: ds.database,
  user: ds.username,
  schemas: [...ds.schemas],
  sslMode: ds.sslMode,
  caCertificate: ds.caCertificate ? `sha256:${createHash('sha256').update(ds.caCertificate).digest('hex').slice(0, 16)}` : null,
});

export async function createDataSource(ctx: RequestScope, input: DataSourceFields): Promise<DataSource> {
  await assertCan(ctx, 'dataSource.manage', {}, 'Only admins can create data sources');
  const viewer = requirePerson(ctx);
  const fields = validate(input) as Required<ValidFields>;
  await assertHostAllowed(ctx, fields.host);
  await assertNameFree(ctx, viewer.tenantId, fields.nameKey);
  // The id exists before the row does: it is the context the password's encryption is bound to.
  const id = uuidv7();
  return withUniqueGuard(
    () =>
      ctx.em.transactional(async (em) => {
        const dataSource = em.create(DataSource, {
          id,
          tenant: viewer.tenantId,
          name: fields.name,
          nameKey: fields.nameKey,
          host: fields.host,
          port: fields.port,
          database: fields.database,
          username: fields.username,
          passwordCiphertext: encryptSecret(ctx.deps.keys.encryptionKey, fields.password, id),
          schemas: fields.schemas,
          sslMode: fields.sslMode ?? 'DISABLE',
          caCertificate: fields.caCertificate ?? null,
          owner: viewer.userId,
        });
        recordAudit(em, viewer, { action: 'dataSource.create', resourceType: 'DATA_SOURCE', resourceId: id, summary: auditView(dataSource) });
        return dataSource;
      }),
    nameTaken,
  );
}

export type UpdateDataSourceInput = { id: string } & Partial<{ [K in keyof DataSourceFields]: DataSourceFields[K] | null }>;

/**
 * Changes what is given; a password replaces the stored one, its absence keeps it — except where
 * keeping it would send it somewhere new (`redirectsPassword`).
 */
export async function updateDataSource(ctx: RequestScope, input: UpdateDataSourceInput): Promise<DataSource> {
  const dataSource = await findForManager(ctx, input.id);
  const viewer = requirePerson(ctx);
  const { password, ...fields } = validate(input);
  const redirected = password === undefined ? redirectsPassword(dataSource, fields) : undefined;
  if (redirected) throw badInput('input.password', `Changing ${redirected} requires the password in the same update`);
  if (fields.host !== undefined) await assertHostAllowed(ctx, fields.host);
  if (fields.nameKey !== undefined && fields.nameKey !== dataSource.nameKey) {
    await assertNameFree(ctx, viewer.tenantId, fields.nameKey, dataSource.id);
  }
  const before = auditView(dataSource);
  await withUniqueGuard(
    () =>
      ctx.em.transactional(async (em) => {
        Object.assign(dataSource, fields);
        if (password !== undefined) dataSource.passwordCiphertext = encryptSecret(ctx.deps.keys.encryptionKey, password, dataSource.id);
        const after = auditView(dataSource);
        const changes = Object.fromEntries(
          (Object.keys(after) as (keyof typeof after)[])
            .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
            .map((key) => [key, { from: before[key], to: after[key] }]),
        );
        recordAudit(em, viewer, {
          action: 'dataSource.update',
          resourceType: 'DATA_SOURCE',
          resourceId: dataSource.id,
          summary: { changes, credentialsReplaced: password !== undefined },
        });
      }),
    nameTaken,
  );
  return dataSource;
}

/** Deletes a data source and its shares; refused while datasets are built on it. */
export async function deleteDataSource(ctx: RequestScope, id: string): Promise<string> {
  const dataSource = await findForManager(ctx, id);
  const viewer = requirePerson(ctx);
  const inUse = async () => {
    const rows = await ctx.em.execute<{ name: string; total: string }[]>(
      `select name, count(*) over () as total from datasets where tenant_id = ? and data_source_id = ? order by name_key limit ?`,
      [viewer.tenantId, dataSource.id, MAX_DATASETS_NAMED],
    );
    if (rows.length === 0) return undefined;
    const more = Number(rows[0]!.total) - rows.length;
    const names = rows.map((r) => `"${r.name}"`).join(', ') + (more > 0 ? ` and ${more} more` : '');
    return conflict(`Data source "${dataSource.name}" is used by datasets ${names}; delete or move them first`);
  };
  const blocked = await inUse();
  if (blocked) throw blocked;
  try {
    await ctx.em.transactional(async (em) => {
      await em.nativeDelete(Share, { tenant: viewer.tenantId, resourceType: 'DATA_SOURCE', resourceId: dataSource.id });
      await em.nativeDelete(DataSource, { id: dataSource.id, tenant: viewer.tenantId });
      recordAudit(em, viewer, { action: 'dataSource.delete', resourceType: 'DATA_SOURCE', resourceId: dataSource.id, summary: auditView(dataSource) });
    });
  } catch (error) {
    // A dataset created on it in the meantime: the foreign key refuses, the caller learns which.
    if (error instanceof Error && error.name === 'ForeignKeyConstraintViolationException') throw (await inUse()) ?? error;
    throw error;
  }
  return dataSource.id;
}
