/**
 * `importUsers` of a 5,000-row CSV through the gateway's GraphQL handler (an admin's request, in
 * process: CSV parsing, validation, the tenant lock, one transaction with the users, their group
 * memberships, invitations, outbox mails and audit events, and the response with the 5,000 tokens)
 * against the same users, memberships, invitations and mails written by plain multi-row INSERTs
 * (1,000 rows a statement) through pg in one transaction, tokens generated and hashed alike.
 * Rounds alternate between the two, each with fresh addresses; medians are compared.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { uuidv7 } from '../src/db/ids.ts';
import { createLogger } from '../src/logger.ts';
import { openSession } from '../src/modules/session/session.service.ts';
import { User } from '../src/modules/user/user.entity.ts';
import { closeDeps, createDeps } from '../src/scope/deps.ts';
import { benchDatabase, median } from './setup.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = 1000;

interface Row {
  email: string;
  name: string;
  role: string;
  group: boolean;
}

const rowsOf = (round: string): Row[] =>
  Array.from({ length: ROWS }, (_, i) => ({
    email: `u${i}-${round}@bench.example.com`,
    name: `User ${i}`,
    role: i % 2 ? 'EXPLORER' : 'VIEWER',
    group: i % 10 === 0,
  }));

/** `($1, $2, …), (…)` for `rows` rows of `width` parameters. */
const placeholders = (rows: number, width: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');

async function insertBatches(client: pg.Client, head: string, width: number, values: unknown[][]) {
  for (let i = 0; i < values.length; i += BATCH) {
    const batch = values.slice(i, i + BATCH);
    await client.query(`${head} values ${placeholders(batch.length, width)}`, batch.flat());
  }
}

export async function benchUsersImport(): Promise<{ gatewayMs: number; directMs: number; ratio: number; rows: number }> {
  const db = await benchDatabase();
  try {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {}); // the database is dropped at the end, with this connection maybe still open
    await client.connect();
    const tenantId = uuidv7();
    const adminId = uuidv7();
    const groupId = uuidv7();
    await client.query(`insert into tenants (id, slug, name, invitation_ttl_days, created_at) values ($1, 'bench', 'Bench', 7, now())`, [tenantId]);
    await client.query(
      `insert into users (id, tenant_id, email, name, role, status, timezone, allow_api_access, allow_export_data, two_factor_enabled, dataset_access_mode, created_at, updated_at)
       values ($1, $2, 'admin@bench.example.com', 'Admin', 'ADMIN', 'ACTIVE', 'UTC', false, true, false, 'FULL', now(), now())`,
      [adminId, tenantId],
    );
    await client.query(`insert into groups (id, tenant_id, name, name_key, created_at) values ($1, $2, 'Sales', 'sales', now())`, [groupId, tenantId]);

    const config = loadConfig({ DATABASE_URL: db.url, TESSERA_SECRET_KEY: 'bench-secret-key-that-is-long-enough-000', TESSERA_DEMO: '0' });
    const deps = createDeps({ config, orm: db.orm, secretKey: config.secretKey!, logger: createLogger('warn') });
    await deps.metadataCache.start();
    const app = createApp(deps);
    const em = db.orm.em.fork();
    const token = await openSession(em, deps, await em.findOneOrFail(User, { id: adminId }));
    const query = `mutation Import($csv: String!) { importUsers(input: { csv: $csv }) { invited errors { line message } invitations { user { id email } token } } }`;

    const gateway = async (rows: Row[]) => {
      const csv = ['email,name,role,groups', ...rows.map((r) => `${r.email},${r.name},${r.role},${r.group ? 'Sales' : ''}`)].join('\n');
      const res = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { csv } }),
      });
      const body = (await res.json()) as { data?: { importUsers?: { invited: number; errors: unknown[] } }; errors?: unknown };
      if (body.data?.importUsers?.invited !== rows.length)
        throw new Error(`import failed: ${JSON.stringify(body.errors ?? body.data?.importUsers?.errors)?.slice(0, 500)}`);
    };

    const direct = async (rows: Row[]) => {
      const now = new Date();
      const expires = new Date(now.getTime() + 7 * 86_400_000);
      const users = rows.map((r) => ({ ...r, id: uuidv7(), token: `inv_${randomBytes(32).toString('base64url')}` }));
      await client.query('begin');
      await insertBatches(
        client,
        'insert into users (id, tenant_id, email, name, role, status, timezone, allow_api_access, allow_export_data, two_factor_enabled, dataset_access_mode, created_at, updated_at)',
        13,
        users.map((u) => [u.id, tenantId, u.email, u.name, u.role, 'PENDING', 'UTC', false, true, false, 'FULL', now, now]),
      );
      await insertBatches(
        client,
        'insert into group_memberships (id, tenant_id, group_id, user_id, created_at)',
        5,
        users.filter((u) => u.group).map((u) => [uuidv7(), tenantId, groupId, u.id, now]),
      );
      await insertBatches(
        client,
        'insert into invitations (id, tenant_id, user_id, invited_by_id, token_hash, message, expires_at, created_at)',
        8,
        users.map((u) => [uuidv7(), tenantId, u.id, adminId, createHash('sha256').update(u.token).digest('hex'), null, expires, now]),
      );
      await insertBatches(
        client,
        'insert into outbox_emails (id, tenant_id, to_address, subject, body, attempts, created_at)',
        7,
        users.map((u) => [
          uuidv7(),
          tenantId,
          u.email,
          'Join Bench on Tessera',
          `You have been invited to the Bench workspace on Tessera.\n\nAccept the invitation: ${config.publicUrl}/accept-invitation?token=${u.token}\nThe link expires in 7 days.`,
          0,
          now,
        ]),
      );
      await client.query('commit');
    };

    // One small warm-up of each path (compiled GraphQL, prepared plans), then alternating rounds.
    const warm = rowsOf('warm').slice(0, 50);
    await gateway(warm.map((r) => ({ ...r, email: `g-${r.email}` })));
    await direct(warm.map((r) => ({ ...r, email: `d-${r.email}` })));
    const g: number[] = [];
    const d: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      await direct(rowsOf(`d${round}`));
      d.push(performance.now() - start);
      start = performance.now();
      await gateway(rowsOf(`g${round}`));
      g.push(performance.now() - start);
      console.log(`  round ${round + 1}: gateway ${g.at(-1)!.toFixed(0)} ms, direct INSERTs ${d.at(-1)!.toFixed(0)} ms`);
    }
    await client.end();
    await closeDeps(deps);
    const gatewayMs = median(g);
    const directMs = median(d);
    console.log(
      `importUsers of ${ROWS} rows, ${ROUNDS} rounds: gateway p50 ${gatewayMs.toFixed(0)} ms, direct multi-row INSERTs p50 ${directMs.toFixed(0)} ms`,
    );
    return { gatewayMs, directMs, ratio: gatewayMs / directMs, rows: ROWS };
  } finally {
    await db.close();
  }
}
