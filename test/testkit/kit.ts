import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { traceMetadataStatements } from '../../src/ops/tracing.ts';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createOrm, type Orm } from '../../src/db/orm.ts';
import { uuidv7 } from '../../src/db/ids.ts';
import { closeDeps, createDeps, type AppDeps } from '../../src/scope/deps.ts';
import { createLogger } from '../../src/logger.ts';
import { Group, GroupMembership } from '../../src/modules/group/group.entity.ts';
import { openSession } from '../../src/modules/session/session.service.ts';
import { Tenant } from '../../src/modules/tenant/tenant.entity.ts';
import type { Role, UserStatus } from '../../src/authz/vocabulary.ts';
import { User } from '../../src/modules/user/user.entity.ts';

export const TEST_SECRET_KEY = 'test-secret-key-that-is-long-enough-0123456789';
export const TEST_PASSWORD = 'correct horse battery staple';

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
}

export interface SeededUser {
  id: string;
  globalId: string;
  email: string;
  role: Role;
  status: UserStatus;
  token: string | undefined;
}

export interface SeededTenant {
  tenant: Tenant;
  slug: string;
  admin: SeededUser;
  analyst: SeededUser;
  explorer: SeededUser;
  viewer: SeededUser;
  deactivated: SeededUser;
  pending: SeededUser;
}

/** A schema of its own on the test database server, standing in for a customer's warehouse. */
export interface ScratchWarehouse {
  schema: string;
  /** A connection of the test's own, outside the gateway, for reference queries and changes. */
  client: pg.Client;
}

export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

export interface TestKit {
  app: App;
  orm: Orm;
  deps: AppDeps;
  config: Config;
  /** Log lines written so far (JSON), for asserting what is and is not logged. */
  logs: string[];
  gql<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string; headers?: Record<string, string>; sync?: boolean; clientAddress?: string },
  ): Promise<GraphQLResponse<TResult>>;
  /** SQL statements sent to the metadata database while `fn` runs. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  seedTenant(options?: { slug?: string }): Promise<SeededTenant>;
  addUser(tenant: Tenant, spec: { role: Role; status?: UserStatus; email?: string; name?: string }): Promise<SeededUser>;
  addGroup(tenant: Tenant, name: string, members: SeededUser[]): Promise<Group>;
  /**
   * Creates a fresh schema and runs `sql(schema)` in it (tables, rows, views); the schema is
   * dropped when the kit closes. Point a data source at it with `contentBuilders().warehouseSource`.
   */
  warehouse(sql: (schema: string) => string, options?: { prefix?: string }): Promise<ScratchWarehouse>;
  close(): Promise<void>;
}

let passwordHash: Promise<string> | undefined;

export async function createTestKit(options: { databaseUrl?: string; config?: Partial<Config> } = {}): Promise<TestKit> {
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  let recording: string[] | undefined;
  const orm = await createOrm({
    clientUrl: databaseUrl,
    poolMax: 5,
    onQuery: (sql) => recording?.push(sql),
    onPoolCreated: traceMetadataStatements(databaseUrl),
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const config = {
    ...loadConfig({ DATABASE_URL: databaseUrl, TESSERA_SECRET_KEY: TEST_SECRET_KEY, TESSERA_DEMO: '0' }),
    ...options.config,
  };
  const logger = createLogger('info', sink);
  const deps = createDeps({ config, orm, secretKey: TEST_SECRET_KEY, logger });
  await deps.metadataCache.start();
  const app = createApp(deps);
  // The socket address the server would see; one per kit, so that sign-in counters (shared through
  // the database by every kit of the run) do not add up across test files.
  const clientAddress = `2001:db8::${uuidv7().slice(-4)}:${uuidv7().slice(-4)}`;
  const warehouses: ScratchWarehouse[] = [];

  const addUser: TestKit['addUser'] = async (tenant, spec) => {
    const em = orm.em.fork();
    const status = spec.status ?? 'ACTIVE';
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const user = em.create(User, {
      tenant: tenant.id,
      email: (spec.email ?? `${spec.role.toLowerCase()}-${uuidv7().slice(-12)}@${tenant.slug}.example.com`).toLowerCase(),
      name: spec.name ?? `${spec.role[0]}${spec.role.slice(1).toLowerCase()} ${tenant.slug}`,
      role: spec.role,
      status,
      passwordHash: status === 'PENDING' ? null : await passwordHash,
    });
    await em.flush();
    const token = status === 'ACTIVE' ? await openSession(em, deps, user) : undefined;
    return { id: user.id, globalId: globalId('User', user.id), email: user.email, role: user.role, status, token };
  };

  return {
    app,
    orm,
    deps,
    config,
    logs,
    async gql(document, variables, options = {}) {
      // Tests write fixtures straight to the database; their change notices must have reached the
      // metadata cache first, as they would have a moment later on a real server.
      if (options.sync !== false) await deps.metadataCache.sync();
      const response = await app.fetch(
        'http://tessera.test/graphql',
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...options.headers,
          },
          body: JSON.stringify({ query: print(document), variables }),
        },
        { clientAddress: options.clientAddress ?? clientAddress },
      );
      const body = (await response.json()) as { data?: unknown; errors?: GraphQLResponse<unknown>['errors'] };
      return { status: response.status, headers: response.headers, data: body.data as never, errors: body.errors };
    },
    async countStatements(fn) {
      const statements: string[] = [];
      recording = statements;
      try {
        const result = await fn();
        return { result, statements };
      } finally {
        recording = undefined;
      }
    },
    async seedTenant(options = {}) {
      const em = orm.em.fork();
      const slug = options.slug ?? `t-${uuidv7().slice(-12)}`;
      const tenant = em.create(Tenant, { slug, name: `Tenant ${slug}` });
      await em.flush();
      const [admin, analyst, explorer, viewer, deactivated, pending] = await Promise.all([
        addUser(tenant, { role: 'ADMIN' }),
        addUser(tenant, { role: 'ANALYST' }),
        addUser(tenant, { role: 'EXPLORER' }),
        addUser(tenant, { role: 'VIEWER' }),
        addUser(tenant, { role: 'VIEWER', status: 'DEACTIVATED' }),
        addUser(tenant, { role: 'VIEWER', status: 'PENDING' }),
      ]);
      return { tenant, slug, admin: admin!, analyst: analyst!, explorer: explorer!, viewer: viewer!, deactivated: deactivated!, pending: pending! };
    },
    addUser,
    async addGroup(tenant, name, members) {
      const em = orm.em.fork();
      const group = em.create(Group, { tenant: tenant.id, name, nameKey: name.toLowerCase() });
      for (const member of members) em.create(GroupMembership, { tenant: tenant.id, group, user: member.id });
      await em.flush();
      return group;
    },
    async warehouse(sql, options = {}) {
      const schema = `${options.prefix ?? 'wh'}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const warehouse = { schema, client };
      warehouses.push(warehouse);
      await client.query(`create schema ${schema}; ${sql(schema)}`);
      return warehouse;
    },
    async close() {
      for (const { schema, client } of warehouses.splice(0)) {
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
      await closeDeps(deps);
      await orm.close(true);
    },
  };
}
