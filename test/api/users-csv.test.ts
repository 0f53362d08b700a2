import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueEmails, MAIL_JOB_KEY_PREFIX } from '../../src/modules/outbox/outbox.service.ts';
import { globalId, type TestKit } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const Users = graphql(`
  query CsvUsers($search: String, $status: UserStatus, $role: Role, $groupId: ID, $first: Int, $after: String) {
    users(search: $search, status: $status, role: $role, groupId: $groupId, first: $first, after: $after) {
      edges { node { id name email role status twoFactorEnabled lastActiveAt groups { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const ExportUsers = graphql(`
  mutation CsvExportUsers($input: ExportUsersInput!) {
    exportUsers(input: $input) { url expiresAt }
  }
`);
const ImportUsers = graphql(`
  mutation CsvImportUsers($input: ImportUsersInput!) {
    importUsers(input: $input) {
      invited
      errors { line field message }
      invitations { user { id email } token }
    }
  }
`);

const sql = <T = Record<string, unknown>>(kit: TestKit, text: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(text, params);
const unique = () => Math.random().toString(36).slice(2, 10);

/** GET a download URL in-process (the path of the URL the gateway handed out). */
async function download(kit: TestKit, url: string) {
  await kit.deps.metadataCache.sync();
  return kit.app.fetch(`http://tessera.test${new URL(url).pathname}`, { method: 'GET' });
}

/** Every page of `users(...)` for the admin. */
async function allUsers(kit: TestKit, token: string, filter: { search?: string; role?: 'VIEWER'; groupId?: string }) {
  const nodes: { id: string; name: string; email: string | null }[] = [];
  let after: string | null | undefined;
  for (;;) {
    const res = await kit.gql(Users, { ...filter, first: 2, after }, { token });
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data!.users!.edges.map((e) => e.node));
    if (!res.data!.users!.pageInfo.hasNextPage) return nodes;
    after = res.data!.users!.pageInfo.endCursor;
  }
}

describe('users list for admins', () => {
  it('filters by group in SQL; groups, 2FA status and last activity load with no statement per user', async ({ kit }) => {
    const t = await kit.seedTenant();
    const tag = unique();
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await kit.addUser(t.tenant, { role: 'VIEWER', name: `${tag}-${i < 2 ? 'few' : 'many'}-${i}` }));
    await kit.addGroup(t.tenant, `Crew ${tag}`, people.slice(0, 3));
    const other = await kit.addGroup(t.tenant, `Other ${tag}`, people.slice(0, 20));
    await sql(kit, 'update users set two_factor_enabled = true, last_active_at = now() where id = ?', [people[0]!.id]);

    const crew = await kit.gql(
      Users,
      { search: tag, groupId: globalId('Group', (await sql<{ id: string }>(kit, 'select id from groups where name = ?', [`Crew ${tag}`]))[0]!.id) },
      { token: t.admin.token },
    );
    expect(crew.data?.users?.edges.map((e) => e.node.name)).toEqual([`${tag}-few-0`, `${tag}-few-1`, `${tag}-many-2`]);
    const first = crew.data!.users!.edges[0]!.node;
    expect(first.twoFactorEnabled).toBe(true);
    expect(first.lastActiveAt).toBeTruthy();
    expect(first.groups?.map((g) => g.name)).toEqual([`Crew ${tag}`, `Other ${tag}`]);
    // A group id of another kind or a made-up one matches nobody.
    expect((await kit.gql(Users, { groupId: globalId('Dashboard', other.id) }, { token: t.admin.token })).data?.users?.edges).toEqual([]);
    // Memberships are private to admins: so is the filter.
    const denied = await kit.gql(Users, { groupId: globalId('Group', other.id) }, { token: t.viewer.token });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const count = async (search: string) => {
      await kit.gql(Users, { search, first: 50 }, { token: t.admin.token });
      const { result, statements } = await kit.countStatements(() => kit.gql(Users, { search, first: 50 }, { token: t.admin.token }));
      return { rows: result.data!.users!.edges.length, statements: statements.length };
    };
    const few = await count(`${tag}-few`);
    const many = await count(tag);
    expect([few.rows, many.rows]).toEqual([2, 20]);
    expect(many.statements).toBe(few.statements);
  });
});

describe('exportUsers', () => {
  it('the CSV has exactly the rows users(search:) lists, in its order, formulas defused; single use', async ({ kit }) => {
    const t = await kit.seedTenant();
    const tag = unique();
    const names = ['=cmd|calc', `Ada ${tag}`, '+1 sum', `Bob ${tag}`];
    const added = [];
    for (const name of names) added.push(await kit.addUser(t.tenant, { role: 'VIEWER', name, email: `${tag}-${added.length}@example.com` }));
    await kit.addUser(t.tenant, { role: 'ANALYST', name: 'Not matching' });
    await kit.addGroup(t.tenant, 'Beta', [added[1]!]);
    await kit.addGroup(t.tenant, 'Alpha', [added[1]!]);

    const listed = await allUsers(kit, t.admin.token!, { search: tag });
    expect(listed).toHaveLength(4);
    const res = await kit.gql(ExportUsers, { input: { search: tag } }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    const url = res.data!.exportUsers!.url;
    const got = await download(kit, url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, ...rows] = parse(await got.text()) as string[][];
    expect(header).toEqual(['name', 'email', 'role', 'status', 'groups', 'two_factor_enabled', 'last_active_at', 'created_at']);
    expect(rows.map((r) => r[1])).toEqual(listed.map((u) => u.email));
    expect(rows.map((r) => r[0])).toEqual(["'=cmd|calc", `Ada ${tag}`, "'+1 sum", `Bob ${tag}`]);
    expect(rows[1]!.slice(2, 6)).toEqual(['VIEWER', 'ACTIVE', 'Alpha; Beta', 'false']);
    expect(new Date(rows[1]![7]!).getTime()).not.toBeNaN();
    // Single use.
    expect((await download(kit, url)).status).toBe(404);

    // Role and status filters as the list has them.
    const viewers = await kit.gql(ExportUsers, { input: { role: 'ANALYST', status: 'ACTIVE' } }, { token: t.admin.token });
    const analystRows = (parse(await (await download(kit, viewers.data!.exportUsers!.url)).text()) as string[][]).slice(1);
    expect(analystRows.map((r) => r[1]).sort()).toEqual(
      (await allUsers(kit, t.admin.token!, {}))
        .filter((u) => analystRows.some((r) => r[1] === u.email))
        .map((u) => u.email)
        .sort(),
    );
    expect(analystRows.every((r) => r[2] === 'ANALYST' && r[3] === 'ACTIVE')).toBe(true);
    expect(analystRows).toHaveLength(2);

    // The group filter too: the members of Alpha (one user) as the list shows them.
    const alpha = (await sql<{ id: string }>(kit, `select id from groups where tenant_id = ? and name = 'Alpha'`, [t.tenant.id]))[0]!.id;
    const inAlpha = await allUsers(kit, t.admin.token!, { groupId: globalId('Group', alpha) });
    const alphaUrl = (await kit.gql(ExportUsers, { input: { groupId: globalId('Group', alpha) } }, { token: t.admin.token })).data!.exportUsers!.url;
    const alphaRows = (parse(await (await download(kit, alphaUrl)).text()) as string[][]).slice(1);
    expect(alphaRows.map((r) => r[1])).toEqual(inAlpha.map((u) => u.email));
    expect(alphaRows.map((r) => r[1])).toEqual([added[1]!.email]);

    const audit = await sql<{ summary: { filter: { search: string } } }>(
      kit,
      `select summary from audit_events where tenant_id = ? and action = 'user.export' order by created_at, id`,
      [t.tenant.id],
    );
    // One event per export, in the order they were made: the search one first.
    expect(audit).toHaveLength(3);
    expect(audit[0]?.summary.filter.search).toBe(tag);
  });

  it('non-admins are refused, and a download whose admin was demoted meanwhile is refused too', async ({ kit }) => {
    const t = await kit.seedTenant();
    for (const user of [t.analyst, t.explorer, t.viewer]) {
      const res = await kit.gql(ExportUsers, { input: {} }, { token: user.token });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.exportUsers).toBeNull();
    }
    expect(await sql(kit, 'select 1 from export_downloads where tenant_id = ?', [t.tenant.id])).toHaveLength(0);

    const second = await kit.addUser(t.tenant, { role: 'ADMIN' });
    const url = (await kit.gql(ExportUsers, { input: {} }, { token: second.token })).data!.exportUsers!.url;
    await sql(kit, `update users set role = 'VIEWER' where id = ?`, [second.id]);
    const refused = await download(kit, url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('@');
  });
});

const HEADER = 'email,name,role,groups,allow_api_access,allow_export_data';

describe('importUsers', () => {
  it('a file with bad lines invites nobody and lists every error with its line and column', async ({ kit }) => {
    const t = await kit.seedTenant();
    await kit.addGroup(t.tenant, 'Sales', []);
    const tag = unique();
    const csv = [
      HEADER,
      `ok-${tag}@example.com,Okay,viewer,Sales,no,yes`,
      `not-an-email,Bad,VIEWER,,,`,
      `dup-${tag}@example.com,First,EXPLORER,,,`,
      '',
      `dup-${tag}@example.com,Second,OWNER,Nowhere,maybe,`,
      `${t.viewer.email},Existing,VIEWER,,,`,
    ].join('\n');
    const res = await kit.gql(ImportUsers, { input: { csv } }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    const result = res.data!.importUsers!;
    expect(result.invited).toBe(0);
    expect(result.invitations).toEqual([]);
    // File errors first (the database is not asked while the file has any).
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'email'],
      [6, 'email'],
      [6, 'role'],
      [6, 'allow_api_access'],
    ]);
    expect(result.errors[1]!.message).toContain('first on line 4');
    expect(await sql(kit, 'select 1 from users where tenant_id = ? and email like ?', [t.tenant.id, `%${tag}%`])).toHaveLength(0);

    // Fixed in the file, the rest is checked against the workspace.
    const second = [
      HEADER,
      `ok-${tag}@example.com,Okay,viewer,Sales,no,yes`,
      `x-${tag}@example.com,,,Nowhere; sales,,`,
      `${t.viewer.email.toUpperCase()},,,,,`,
    ].join('\r\n');
    const again = (await kit.gql(ImportUsers, { input: { csv: second } }, { token: t.admin.token })).data!.importUsers!;
    expect(again.invited).toBe(0);
    expect(again.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'groups'],
      [4, 'email'],
    ]);
    expect(again.errors[0]!.message).toContain('"nowhere"');
    expect(again.errors[1]!.message).toContain('already a user');
    expect(await sql(kit, 'select 1 from users where tenant_id = ? and email like ?', [t.tenant.id, `%${tag}%`])).toHaveLength(0);

    // Header and syntax errors.
    const header = (await kit.gql(ImportUsers, { input: { csv: 'mail,name\na@b.co,x' } }, { token: t.admin.token })).data!.importUsers!;
    expect(header.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'mail'],
      [1, 'email'],
    ]);
    const broken = (await kit.gql(ImportUsers, { input: { csv: `email\n"unclosed@example.com\n` } }, { token: t.admin.token })).data!.importUsers!;
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]!.message).toMatch(/not valid CSV/);
    const ragged = (await kit.gql(ImportUsers, { input: { csv: `email,name\na-${tag}@example.com\n` } }, { token: t.admin.token })).data!.importUsers!;
    expect(ragged.errors.map((e) => [e.line, e.field])).toEqual([[2, null]]);
  });

  it('a valid file invites every row as PENDING with its groups and flags, mails in the outbox; admins only', async ({ kit }) => {
    const t = await kit.seedTenant();
    const sales = await kit.addGroup(t.tenant, 'Sales', []);
    const ops = await kit.addGroup(t.tenant, 'Ops Team', []);
    const tag = unique();
    const csv = [
      'Email,Role,Groups,Name,allow_api_access,allow_export_data',
      `Ann-${tag}@Example.com,analyst,sales; ops team,Ann,yes,0`,
      `"bo-${tag}@example.com",,,"Bo, Jr.",,`,
    ].join('\n');
    for (const user of [t.analyst, t.viewer]) {
      const denied = await kit.gql(ImportUsers, { input: { csv } }, { token: user.token });
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const res = await kit.gql(ImportUsers, { input: { csv } }, { token: t.admin.token });
    expect(res.errors).toBeUndefined();
    const result = res.data!.importUsers!;
    expect(result).toMatchObject({ invited: 2, errors: [] });
    expect(result.invitations.map((i) => i.user.email)).toEqual([`ann-${tag}@example.com`, `bo-${tag}@example.com`]);
    const users = await sql<{
      email: string;
      name: string;
      role: string;
      status: string;
      allow_api_access: boolean;
      allow_export_data: boolean;
      groups: string[] | null;
    }>(
      kit,
      `select u.email, u.name, u.role, u.status, u.allow_api_access, u.allow_export_data,
              array(select g.name from group_memberships m join groups g on g.id = m.group_id where m.user_id = u.id order by g.name) as groups
         from users u where u.tenant_id = ? and u.email like ? order by u.email`,
      [t.tenant.id, `%${tag}%`],
    );
    expect(users).toEqual([
      {
        email: `ann-${tag}@example.com`,
        name: 'Ann',
        role: 'ANALYST',
        status: 'PENDING',
        allow_api_access: true,
        allow_export_data: false,
        groups: ['Ops Team', 'Sales'],
      },
      { email: `bo-${tag}@example.com`, name: 'Bo, Jr.', role: 'VIEWER', status: 'PENDING', allow_api_access: false, allow_export_data: true, groups: [] },
    ]);
    expect([sales.id, ops.id]).toHaveLength(2);
    const mails = await sql<{ to_address: string; body: string }>(
      kit,
      'select to_address, body from outbox_emails where to_address like ? order by to_address',
      [`%${tag}%`],
    );
    expect(mails.map((m) => m.to_address)).toEqual(users.map((u) => u.email));
    expect(decodeURIComponent(/token=(\S+)/.exec(mails[0]!.body)![1]!)).toBe(result.invitations[0]!.token);
    const audit = await sql<{ action: string; summary: { count?: number } }>(
      kit,
      `select action, summary from audit_events where tenant_id = ? and action in ('user.import', 'user.invite')`,
      [t.tenant.id],
    );
    expect(audit.filter((a) => a.action === 'user.invite')).toHaveLength(2);
    expect(audit.find((a) => a.action === 'user.import')?.summary.count).toBe(2);
    // The token is the invitation's: it can be accepted.
    const Accept = graphql(`mutation CsvAccept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { status } } }`);
    const accepted = await kit.gql(Accept, { input: { token: result.invitations[1]!.token, name: 'Bo', password: 'a long enough passphrase' } });
    expect(accepted.data?.acceptInvitation?.user.status).toBe('ACTIVE');
  });

  it('more than 10,000 rows are refused as a whole', async ({ kit, tenant: t }) => {
    const csv = ['email', ...Array.from({ length: 10_001 }, (_, i) => `r${i}@x.co`)].join('\n');
    const res = await kit.gql(ImportUsers, { input: { csv } }, { token: t.admin.token });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv' });
    expect(res.errors?.[0]?.message).toContain('10000');
  });

  it('over the seat limit nothing is invited', async ({ kit }) => {
    const t = await kit.seedTenant();
    // The seeded tenant has 5 paid seats (admin, analyst, explorer, viewer, pending).
    await sql(kit, 'update tenants set seat_limit = 7 where id = ?', [t.tenant.id]);
    const tag = unique();
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => `s${i}-${tag}@example.com,,,,,`)].join('\n');
    const refused = await kit.gql(ImportUsers, { input: { csv: rows(3) } }, { token: t.admin.token });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.csv', seatLimit: 7, seatsLeft: 2 });
    expect(await sql(kit, 'select 1 from users where email like ?', [`%${tag}%`])).toHaveLength(0);
    expect((await kit.gql(ImportUsers, { input: { csv: rows(2) } }, { token: t.admin.token })).data?.importUsers?.invited).toBe(2);
  });

  it('5,000 rows in one transaction: within seconds and a bounded number of statements', async ({ kit }) => {
    const t = await kit.seedTenant();
    const group = await kit.addGroup(t.tenant, 'Bulk', []);
    const tag = unique();
    const csv = [
      HEADER,
      ...Array.from({ length: 5000 }, (_, i) => `bulk${i}-${tag}@example.com,Person ${i},${i % 2 ? 'EXPLORER' : 'VIEWER'},${i % 10 ? '' : 'Bulk'},,`),
    ].join('\n');
    const started = performance.now();
    const { result, statements } = await kit.countStatements(() => kit.gql(ImportUsers, { input: { csv } }, { token: t.admin.token }));
    const ms = performance.now() - started;
    expect(result.errors).toBeUndefined();
    expect(result.data?.importUsers?.invited).toBe(5000);
    expect(ms).toBeLessThan(20_000);
    // Batched inserts (users, memberships, invitations, mails, audit events), not a round trip per row.
    expect(statements.length).toBeLessThan(150);
    const [counts] = await sql<{ users: string; members: string; mails: string }>(
      kit,
      `select (select count(*) from users where tenant_id = ? and status = 'PENDING' and email like ?) as users,
              (select count(*) from group_memberships where group_id = ?) as members,
              (select count(*) from outbox_emails where tenant_id = ? and to_address like ?) as mails`,
      [t.tenant.id, `%${tag}%`, group.id, t.tenant.id, `%${tag}%`],
    );
    expect(counts).toEqual({ users: '5000', members: '500', mails: '5000' });
  });

  it('with SMTP configured, the mails of a batch get their delivery jobs in the same transaction', async ({ kit }) => {
    const deps = { ...kit.deps, config: { ...kit.deps.config, smtpUrl: 'smtp://127.0.0.1:1' } };
    const tag = unique();
    const messages = Array.from({ length: 3 }, (_, i) => ({ tenantId: null, to: `job${i}-${tag}@example.com`, subject: 'Hello', body: 'Body' }));
    const rolledBack = new Error('rolled back');
    let seen: { key: string; payload: { outboxId: string }; max_attempts: number; to_address: string }[] = [];
    await expect(
      kit.orm.em.fork().transactional(async (em: EntityManager) => {
        await enqueueEmails(em, deps, messages, 2);
        seen = await em.execute(
          `select j.key, j.payload, j.max_attempts, o.to_address
             from graphile_worker._private_jobs j
             join graphile_worker._private_tasks t on t.id = j.task_id
             join outbox_emails o on o.id = (j.payload->>'outboxId')::uuid
            where t.identifier = 'mail.deliver' and o.to_address like ? order by o.to_address`,
          [`%${tag}%`],
        );
        // Nothing of it stays: no worker of another test file may try to deliver these.
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(seen.map((j) => j.to_address)).toEqual(messages.map((m) => m.to));
    for (const job of seen) {
      expect(job.key).toBe(MAIL_JOB_KEY_PREFIX + job.payload.outboxId);
      expect(job.max_attempts).toBe(deps.config.mailMaxAttempts);
    }
    expect(await sql(kit, 'select 1 from outbox_emails where to_address like ?', [`%${tag}%`])).toHaveLength(0);
  });
});
