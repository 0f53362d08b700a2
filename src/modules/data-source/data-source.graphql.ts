import { builder } from '../../graphql/builder.ts';
import { encodeGlobalID, rawId } from '../../graphql/ids.ts';
import { idConnection } from '../../graphql/pagination.ts';
import { ShareRef } from '../share/share.graphql.ts';
import { UserRef } from '../user/user.ref.ts';
import { SSL_MODES } from '../../query/pools.ts';
import { testConnection } from './data-source.connection-test.ts';
import { DataSource } from './data-source.entity.ts';
import { dataSourcePermissions } from './data-source.policy.ts';
import { createDataSource, deleteDataSource, findVisibleDataSource, listDataSources, updateDataSource } from './data-source.service.ts';
import { userLoaders } from '../user/user.loaders.ts';
import { shareLoaders } from '../share/share.loaders.ts';

/** Connection settings and shares: the matrix row "data source: ... see connection settings". */
const manage = { allowed: { action: 'dataSource.manage' as const, facts: {} } };

const DataSourceViewerCan = builder.objectRef<{ use: boolean; manage: boolean }>('DataSourceViewerCan').implement({
  description: 'What the viewer may do with a data source, as the role matrix decides it',
  authScopes: { person: true },
  fields: (t) => ({
    use: t.exposeBoolean('use', { description: 'Build datasets on it and run queries on it' }),
    manage: t.exposeBoolean('manage', { description: 'Edit, delete and share it, and see its connection settings' }),
  }),
});

const SslModeEnum = builder.enumType('SslMode', {
  description: 'DISABLE: no TLS; REQUIRE: encrypted, certificate not checked; VERIFY_FULL: the certificate chain and the host name are checked',
  values: SSL_MODES,
});

export const DataSourceRef = builder.objectRef<DataSource>('DataSource');
builder.node(DataSourceRef, {
  description: 'A PostgreSQL connection. Its password is write-only: no field ever returns it.',
  authScopes: { person: true },
  isTypeOf: (value) => value instanceof DataSource.class,
  id: { resolve: (dataSource) => dataSource.id },
  fields: (t) => ({
    name: t.exposeString('name'),
    schemas: t.exposeStringList('schemas', { description: 'The schemas datasets may read tables from' }),
    owner: t.field({
      type: UserRef,
      resolve: async (dataSource, _args, ctx) => (await userLoaders(ctx).byId.load(dataSource.owner.id))!,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (dataSource) => dataSource.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (dataSource) => dataSource.updatedAt }),
    host: t.exposeString('host', { nullable: true, authScopes: manage, description: 'Admins only' }),
    port: t.exposeInt('port', { nullable: true, authScopes: manage, description: 'Admins only' }),
    database: t.exposeString('database', { nullable: true, authScopes: manage, description: 'Admins only' }),
    user: t.exposeString('username', { nullable: true, authScopes: manage, description: 'The user name it connects as. Admins only' }),
    sslMode: t.field({ type: SslModeEnum, nullable: true, authScopes: manage, description: 'Admins only', resolve: (dataSource) => dataSource.sslMode }),
    caCertificate: t.string({
      nullable: true,
      authScopes: manage,
      description: 'PEM certificates VERIFY_FULL trusts instead of the system’s, or null. Admins only',
      resolve: (dataSource) => dataSource.caCertificate ?? null,
    }),
    shares: t.field({
      type: [ShareRef],
      nullable: true,
      authScopes: manage,
      description: 'Who it is shared with (USE). Admins only',
      resolve: (dataSource, _args, ctx) => shareLoaders(ctx).byResourceId.load(dataSource.id),
    }),
    viewerCan: t.field({
      type: DataSourceViewerCan,
      resolve: (dataSource, _args, ctx) => dataSourcePermissions(ctx, dataSource.id),
    }),
  }),
});

const ConnectionTestResult = builder.objectRef<{ ok: boolean; message: string | null }>('ConnectionTestResult').implement({
  description: 'The outcome of connecting to a data source and running `select 1`',
  authScopes: { person: true },
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    message: t.exposeString('message', { nullable: true, description: 'Why it failed; null on success' }),
  }),
});

const CreateDataSourceInput = builder.inputType('CreateDataSourceInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    host: t.string({ required: true }),
    port: t.int({ required: true }),
    database: t.string({ required: true }),
    user: t.string({ required: true }),
    password: t.string({ required: true, description: 'Stored encrypted; never returned' }),
    schemas: t.stringList({ required: true, description: '1 to 50 schema names' }),
    sslMode: t.field({ type: SslModeEnum, description: 'Default DISABLE' }),
    caCertificate: t.string({ description: 'PEM certificates to trust with VERIFY_FULL (instead of the system’s)' }),
  }),
});

const UpdateDataSourceInput = builder.inputType('UpdateDataSourceInput', {
  description:
    'Changes the fields given; the others stay as they are. Changing host, port, database or user, weakening the TLS mode or changing the CA certificate requires the password in the same update',
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    host: t.string(),
    port: t.int(),
    database: t.string(),
    user: t.string(),
    password: t.string({ description: 'Replaces the stored password when given; never returned' }),
    schemas: t.stringList(),
    sslMode: t.field({ type: SslModeEnum }),
    caCertificate: t.string({ description: 'PEM; an empty string removes it' }),
  }),
});

builder.queryFields((t) => ({
  dataSources: t.connection({
    type: DataSourceRef,
    nullable: true,
    authScopes: { person: true },
    description: 'Data sources the viewer may use: admins all, analysts those shared with them, others none',
    resolve: (_root, args, ctx) => idConnection(args, (window) => listDataSources(ctx, window)),
  }),
  dataSource: t.field({
    type: DataSourceRef,
    nullable: true,
    authScopes: { person: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => findVisibleDataSource(ctx, rawId(args.id, 'DataSource')),
  }),
}));

builder.mutationFields((t) => ({
  createDataSource: t.field({
    type: DataSourceRef,
    nullable: true,
    authScopes: manage,
    args: { input: t.arg({ type: CreateDataSourceInput, required: true }) },
    resolve: (_root, { input }, ctx) => createDataSource(ctx, input),
  }),
  updateDataSource: t.field({
    type: DataSourceRef,
    nullable: true,
    authScopes: manage,
    args: { input: t.arg({ type: UpdateDataSourceInput, required: true }) },
    resolve: (_root, { input }, ctx) => updateDataSource(ctx, { ...input, id: rawId(input.id, 'DataSource') }),
  }),
  deleteDataSource: t.id({
    nullable: true,
    authScopes: manage,
    description: 'Deletes it and its shares; refused (CONFLICT) while datasets use it. Returns the deleted id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => encodeGlobalID('DataSource', await deleteDataSource(ctx, rawId(args.id, 'DataSource'))),
  }),
  testConnection: t.field({
    type: ConnectionTestResult,
    nullable: true,
    authScopes: { person: true },
    description:
      'Connects with the stored credentials (5 s timeout) and runs `select 1`. Admins, and analysts it is shared with; at most 10 a minute per person (RATE_LIMITED with `retryAfterSeconds`).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => testConnection(ctx, rawId(args.id, 'DataSource')),
  }),
}));
