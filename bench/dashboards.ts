/**
 * dashboards(first: 100) with viewerCan, for a VIEWER in 50 groups, in a tenant of 10,000
 * dashboards and 100,000 shares — against the same SQL visibility query run directly with pg.
 * Prints medians and the ratio (gateway / direct SQL), measured in the same run.
 */
import pg from 'pg';
import { createApp } from '../src/app.ts';
import { visibleDashboards } from '../src/modules/dashboard/dashboard.policy.ts';
import { loadConfig } from '../src/config.ts';
import { uuidv7 } from '../src/db/ids.ts';
import { closeDeps, createDeps } from '../src/scope/deps.ts';
import { createLogger } from '../src/logger.ts';
import { openSession } from '../src/modules/session/session.service.ts';
import { User } from '../src/modules/user/user.entity.ts';
import { benchDatabase, median, percentile } from './setup.ts';

const DASHBOARDS = Number(process.env.BENCH_DASHBOARDS ?? 10_000);
const SHARES = Number(process.env.BENCH_SHARES ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);
/** Rounds of both sides before measuring, so that both run warm (JIT-compiled), as a serving gateway does. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);

export async function benchDashboards(): Promise<{ name: string; gatewayMs: number; directMs: number; ratio: number }> {
  const db = await benchDatabase();
  try {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {}); // the database is dropped at the end, with this connection maybe still open
    await client.connect();
    const tenantId = uuidv7();
    const viewerId = uuidv7();
    const seedStarted = performance.now();
    await client.query('begin');
    await client.query(`insert into tenants (id, slug, name, invitation_ttl_days, created_at) values ($1, 'bench', 'Bench', 7, now())`, [tenantId]);
    // 1,000 users; the first is the viewer whose requests are measured.
    await client.query(
      `insert into users (id, tenant_id, email, name, role, status, timezone, allow_api_access, allow_export_data, two_factor_enabled, dataset_access_mode, created_at, updated_at)
       select case when i = 1 then $2::uuid else gen_random_uuid() end, $1, 'user' || i || '@bench.example.com', 'User ' || i,
              case when i = 1 then 'VIEWER' else 'ANALYST' end, 'ACTIVE', 'UTC', false, true, false, 'FULL', now(), now()
         from generate_series(1, 1000) i`,
      [tenantId, viewerId],
    );
    await client.query(
      `insert into groups (id, tenant_id, name, name_key, created_at) select gen_random_uuid(), $1, 'Group ' || i, 'group ' || i, now() from generate_series(1, 200) i`,
      [tenantId],
    );
    await client.query(
      `insert into group_memberships (id, tenant_id, group_id, user_id, created_at)
       select gen_random_uuid(), $1, g.id, $2, now() from (select id from groups where tenant_id = $1 order by name_key limit 50) g`,
      [tenantId, viewerId],
    );
    await client.query(
      `insert into folders (id, tenant_id, name, workspace, owner_id, created_at, updated_at)
       select gen_random_uuid(), $1, 'Folder ' || i, 'TEAM', (select id from users where tenant_id = $1 and id <> $2 limit 1), now(), now()
         from generate_series(1, 500) i`,
      [tenantId, viewerId],
    );
    await client.query(
      `with f as (select id, row_number() over (order by id) - 1 as n from folders where tenant_id = $1)
       insert into dashboards (id, tenant_id, folder_id, workspace, owner_id, title, description, locked, cache_ttl_seconds,
                               drill_through_enabled, cross_filter_enabled, created_at, updated_at)
       select gen_random_uuid(), $1, f.id, 'TEAM', (select id from users where tenant_id = $1 and id <> $2 limit 1),
              'Dashboard ' || i, '', false, 0, true, true, now(), now()
         from generate_series(1, $3::int) i join f on f.n = i % 500`,
      [tenantId, viewerId, DASHBOARDS],
    );
    await client.query('select setseed(0.42)');
    // Shares: 90% on dashboards, 10% on folders; two thirds to users, one third to groups.
    await client.query(
      `with d as (select id, row_number() over (order by id) - 1 as n from dashboards where tenant_id = $1),
            f as (select id, row_number() over (order by id) - 1 as n from folders where tenant_id = $1),
            u as (select id, row_number() over (order by id) - 1 as n from users where tenant_id = $1),
            g as (select id, row_number() over (order by id) - 1 as n from groups where tenant_id = $1),
            s as (select i::bigint as i, case when i % 10 = 0 then 'FOLDER' else 'DASHBOARD' end as rt,
                         case when i % 3 = 0 then 'GROUP' else 'USER' end as gt,
                         floor(random() * 1e9)::bigint as rd, floor(random() * 1e9)::bigint as rg
                    from generate_series(1, $2::int) i)
       insert into shares (id, tenant_id, resource_type, resource_id, grantee_type, grantee_user_id, grantee_group_id, grantee_key, created_at)
       select gen_random_uuid(), $1, s.rt, coalesce(d.id, f.id), s.gt, u.id, g.id, coalesce(u.id, g.id)::text, now()
         from s
         left join d on s.rt = 'DASHBOARD' and d.n = s.rd % $3
         left join f on s.rt = 'FOLDER' and f.n = s.rd % 500
         left join u on s.gt = 'USER' and u.n = s.rg % 1000
         left join g on s.gt = 'GROUP' and g.n = s.rg % 200
       on conflict (resource_id, grantee_key) do nothing`,
      [tenantId, SHARES, DASHBOARDS],
    );
    await client.query('commit');
    await client.query('analyze');
    const shareCount = Number((await client.query('select count(*) from shares')).rows[0].count);
    console.log(`seeded ${DASHBOARDS} dashboards, ${shareCount} shares in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const config = loadConfig({ DATABASE_URL: db.url, TESSERA_SECRET_KEY: 'bench-secret-key-that-is-long-enough-000', TESSERA_DEMO: '0' });
    const deps = createDeps({ config, orm: db.orm, secretKey: config.secretKey!, logger: createLogger('warn') });
    await deps.metadataCache.start();
    const app = createApp(deps);
    const em = db.orm.em.fork();
    const token = await openSession(em, deps, await em.findOneOrFail(User, { id: viewerId }));
    const query = `{ dashboards(first: 100) { edges { node { id title viewerCan { edit share copy export } } } } }`;
    const gateway = async () => {
      const res = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as { data?: { dashboards?: { edges: unknown[] } }; errors?: unknown };
      if (!body.data?.dashboards) throw new Error(`gateway failed: ${JSON.stringify(body.errors)}`);
      return body.data.dashboards.edges.length;
    };
    const visible = visibleDashboards({ tenantId, userId: viewerId, role: 'VIEWER' }, 'd');
    let n = 0;
    const pgSql = `select d.* from dashboards d where ${visible.sql} order by d.id asc limit 101`.replace(/\?/g, () => `$${++n}`);
    const direct = async () => (await client.query(pgSql, visible.params)).rowCount ?? 0;

    const rowsGateway = await gateway();
    const rowsDirect = Math.min(100, await direct());
    if (rowsGateway !== rowsDirect) throw new Error(`row counts differ: gateway ${rowsGateway}, direct ${rowsDirect}`);
    for (let i = 0; i < WARMUP; i++) {
      await gateway();
      await direct();
    }
    const g: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      let start = performance.now();
      await direct();
      d.push(performance.now() - start);
      start = performance.now();
      await gateway();
      g.push(performance.now() - start);
    }
    await client.end();
    await closeDeps(deps);
    const gatewayMs = median(g);
    const directMs = median(d);
    console.log(`dashboards(first: 100) + viewerCan, ${rowsGateway} rows visible on the page, ${ITERATIONS} runs`);
    console.log(`  direct SQL  p50 ${directMs.toFixed(2)} ms  p90 ${percentile(d, 90).toFixed(2)} ms`);
    console.log(`  gateway     p50 ${gatewayMs.toFixed(2)} ms  p90 ${percentile(g, 90).toFixed(2)} ms`);
    console.log(`  ratio (gateway / direct, p50): ${(gatewayMs / directMs).toFixed(2)}x`);
    return { name: 'dashboards list', gatewayMs, directMs, ratio: gatewayMs / directMs };
  } finally {
    await db.close();
  }
}
