import { raw, type FilterQuery } from '@mikro-orm/core';
import pg from 'pg';
import { decryptSecret, encryptSecret } from '../../auth/secret-box.ts';
import { assertCan, canAs, isPerson } from '../../authz/policy.ts';
import type { ViewerSubject } from '../../authz/subject.ts';
import type { Facts } from '../../authz/decide.ts';
import { grantedIds, impersonatorOf } from '../../authz/visibility.ts';
import { isUuid, uuidv7 } from '../../db/ids.ts';
import { badInput, conflict, forbidden, notFound, withUniqueGuard } from '../../errors.ts';
import { idWindowQuery, type IdWindow } from '../../graphql/pagination.ts';
import type { Loaders } from '../../http/loaders.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { Share } from '../share/share.entity.ts';
import { registerShareTarget } from '../share/share.service.ts';
import { DataSource } from './data-source.entity.ts';

/** What the data source services need: the GraphQL context satisfies it. */
export type DataSourceContext = ServiceContext & { loaders: Pick<Loaders, 'subject' | 'sharedIds' | 'impersonatorShares'> };

const CONNECT_TIMEOUT_MS = 5_000;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const MAX_SCHEMAS = 50;
const MAX_DATASETS_NAMED = 10;

const SHARED: Facts = { dataSourceShared: true, impersonatorFacts: { dataSourceShared: true } };

/** Whether the viewer's role can reach data sources shared with them (analysts); admins reach all. */
const reachesShared = (subject: ViewerSubject) => canAs(subject, subject.impersonator, 'dataSource.use', SHARED);

/**
 * Whether the data source is shared with the viewer and, while a non-admin impersonates, with the
 * impersonator as themselves: both must be able to use it.
 */
export async function dataSourceFacts(ctx: Pick<DataSourceContext, 'loaders'>, id: string): Promise<Facts> {
  const impersonator = ctx.loaders.impersonatorShares;
  const [own, theirs] = await Promise.all([ctx.loaders.sharedIds('DATA_SOURCE'), impersonator?.sharedIds('DATA_SOURCE')]);
  return { dataSourceShared: own.has(id), ...(theirs ? { impersonatorFacts: { dataSourceShared: theirs.has(id) } } : {}) };
}

/** Who may do what with one data source, from the matrix (`dataSource.use`, `dataSource.manage`). */
export async function dataSourcePermissions(ctx: DataSourceContext, id: string): Promise<{ use: boolean; manage: boolean }> {
  if (!isPerson(ctx.viewer)) return { use: false, manage: false };
  const subject = await ctx.loaders.subject();
  // Shares only matter to roles that reach shared data sources; admins reach all without them.
  const facts = !canAs(subject, subject.impersonator, 'dataSource.use') && reachesShared(subject) ? await dataSourceFacts(ctx, id) : {};
  return { use: canAs(subject, subject.impersonator, 'dataSource.use', facts), manage: canAs(subject, subject.impersonator, 'dataSource.manage', facts) };
}

/**
 * Data sources of the viewer's tenant the viewer may use, filtered in SQL: admins all, analysts
 * those shared with them (directly, through a group, or All users), everyone else none.
 */
export async function listDataSources(ctx: DataSourceContext, window: IdWindow): Promise<DataSource[]> {
  if (!isPerson(ctx.viewer)) throw forbidden();
  const viewer = ctx.viewer;
  const subject = await ctx.loaders.subject();
  if (!canAs(subject, subject.impersonator, 'dataSource.use') && !reachesShared(subject)) return [];
  const page = idWindowQuery(window);
  const where: FilterQuery<DataSource> = { ...page.where, tenant: viewer.tenantId };
  if (!canAs(subject, subject.impersonator, 'dataSource.use')) {
    const granted = grantedIds(viewer, 'DATA_SOURCE');
    Object.assign(where, { [raw((alias) => `${alias}.id in (${granted.sql})`, granted.params)]: [] });
  }
  const impersonator = impersonatorOf(viewer);
  if (impersonator) {
    // What the impersonator could not use themselves stays hidden (an admin impersonator uses all).
    const theirs = grantedIds(impersonator, 'DATA_SOURCE');
    Object.assign(where, { [raw((alias) => `${alias}.id in (${theirs.sql})`, theirs.params)]: [] });
  }
  return ctx.em.find(DataSource, where, { orderBy: page.orderBy, limit: page.limit });
}

/** A data source the viewer may see; NOT_FOUND for missing, invisible and other tenants' ids alike. */
export async function findVisibleDataSource(ctx: DataSourceContext, id: string): Promise<DataSource> {
  if (!isPerson(ctx.viewer)) throw forbidden();
  const missing = () => notFound('Data source');
  if (!isUuid(id) || !(await dataSourcePermissions(ctx, id)).use) throw missing();
  const dataSource = await ctx.em.findOne(DataSource, { id, tenant: ctx.viewer.tenantId });
  if (!dataSource) throw missing();
  return dataSource;
}

async function findForManager(ctx: DataSourceContext, id: string): Promise<DataSource> {
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
}

export interface DataSourceFields {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  schemas: readonly string[];
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
  if (input.schemas != null) {
    if (input.schemas.length === 0 || input.schemas.length > MAX_SCHEMAS) throw badInput('input.schemas', `Name 1 to ${MAX_SCHEMAS} schemas`);
    const bad = input.schemas.findIndex((s) => !IDENTIFIER.test(s) || s.length > 63);
    if (bad >= 0) throw badInput(`input.schemas[${bad}]`, 'A schema must be an identifier of at most 63 characters (letters, digits, _ and $)');
    out.schemas = [...new Set(input.schemas)];
  }
  return out;
}

async function assertNameFree(ctx: DataSourceContext, tenantId: string, nameKey: string, exceptId?: string): Promise<void> {
  const taken = await ctx.em.findOne(DataSource, { tenant: tenantId, nameKey, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken) throw nameTaken();
}
const nameTaken = () => conflict('A data source with this name already exists', 'input.name');

/** What an audit event may say about a data source: never the password. */
const auditView = (ds: DataSource) => ({
  name: ds.name, host: ds.host, port: ds.port, database: ds.database, user: ds.username, schemas: [...ds.schemas],
});

export async function createDataSource(ctx: DataSourceContext, input: DataSourceFields): Promise<DataSource> {
  await assertCan(ctx, 'dataSource.manage', {}, 'Only admins can create data sources');
  const viewer = ctx.viewer!;
  const fields = validate(input) as Required<ValidFields>;
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
          owner: viewer.userId,
        });
        recordAudit(em, viewer, { action: 'dataSource.create', resourceType: 'DATA_SOURCE', resourceId: id, summary: auditView(dataSource) });
        return dataSource;
      }),
    nameTaken,
  );
}

export type UpdateDataSourceInput = { id: string } & Partial<{ [K in keyof DataSourceFields]: DataSourceFields[K] | null }>;

/** Changes what is given; a password replaces the stored one, its absence keeps it. */
export async function updateDataSource(ctx: DataSourceContext, input: UpdateDataSourceInput): Promise<DataSource> {
  const dataSource = await findForManager(ctx, input.id);
  const viewer = ctx.viewer!;
  const { password, ...fields } = validate(input);
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
export async function deleteDataSource(ctx: DataSourceContext, id: string): Promise<string> {
  const dataSource = await findForManager(ctx, id);
  const viewer = ctx.viewer!;
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

/** Why a connection failed, in words that never contain the password. */
function describeFailure(error: unknown, ds: DataSource, password: string): string {
  const code = (error as { code?: string }).code;
  const where = `${ds.host}:${ds.port}`;
  const known: Record<string, string> = {
    ECONNREFUSED: `Connection refused by ${where}`,
    ENOTFOUND: `Host ${ds.host} not found`,
    EAI_AGAIN: `Host ${ds.host} could not be resolved`,
    ETIMEDOUT: `Timed out connecting to ${where}`,
    EHOSTUNREACH: `Host ${ds.host} is unreachable`,
    '28P01': `Password authentication failed for user "${ds.username}"`,
    '28000': `The server refused user "${ds.username}"`,
    '3D000': `Database "${ds.database}" does not exist`,
  };
  let message = (code && known[code]) || (error instanceof Error ? error.message : 'Connection failed');
  if (/timeout/i.test(message) && !code) message = `Timed out after ${CONNECT_TIMEOUT_MS / 1000} s connecting to ${where}`;
  return password ? message.split(password).join('[redacted]') : message;
}

/** Connects with the stored credentials and runs `select 1`; the answer never carries the password. */
export async function testConnection(ctx: DataSourceContext, id: string): Promise<{ ok: boolean; message: string | null }> {
  const dataSource = await findVisibleDataSource(ctx, id);
  await assertCan(ctx, 'dataSource.use', await dataSourceFacts(ctx, dataSource.id));
  const [row] = await ctx.em.execute<{ password_ciphertext: string }[]>(
    'select password_ciphertext from data_sources where id = ? and tenant_id = ?',
    [dataSource.id, ctx.viewer!.tenantId],
  );
  if (!row) throw notFound('Data source');
  const password = decryptSecret(ctx.deps.keys.encryptionKey, row.password_ciphertext, dataSource.id);
  const client = new pg.Client({
    host: dataSource.host,
    port: dataSource.port,
    database: dataSource.database,
    user: dataSource.username,
    password,
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
    const message = describeFailure(error, dataSource, password);
    ctx.logger.info({ dataSourceId: dataSource.id, code: (error as { code?: string }).code }, 'data source connection test failed');
    return { ok: false, message };
  } finally {
    await client.end().catch(() => {});
  }
}

// Admins share data sources (USE) with analysts, users or groups.
registerShareTarget('DATA_SOURCE', {
  async authorize(ctx, id) {
    await findVisibleDataSource(ctx, id);
    await assertCan(ctx, 'dataSource.manage', {}, 'Only admins can share data sources');
  },
});

