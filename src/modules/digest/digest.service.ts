import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal.ts';
import { loadSubject } from '../../authz/subject.ts';
import { visibleFolders, type SqlFragment } from '../../authz/visibility.ts';
import type { Role, UserStatus } from '../../authz/vocabulary.ts';
import { isUuid } from '../../db/ids.ts';
import type { AppDeps } from '../../scope/deps.ts';
import { visibleDashboards } from '../dashboard/dashboard.policy.ts';
import { usableDataSourcesSql } from '../data-source/data-source.policy.ts';
import { visibleDatasets } from '../dataset/dataset.policy.ts';
import { enqueueEmail } from '../outbox/outbox.service.ts';
import type { DigestFrequency, Weekday } from '../user/user.entity.ts';
import { formatLocal, knownZone, latestSendInstant, type DigestSchedule } from './digest.schedule.ts';

/** At most this many events are listed in one digest; the rest are counted ("and N more"). */
export const DIGEST_MAX_EVENTS = 200;
/** A digest never reaches further back than this (after a long deactivation or outage). */
export const DIGEST_MAX_PERIOD_DAYS = 31;
/** Users read per statement by the scheduler. */
const SCHEDULE_BATCH = 1000;
/** One job per user and period: graphile-worker ignores a second add while the first exists. */
export const DIGEST_JOB_KEY_PREFIX = 'digest:';
const SUMMARY_LENGTH = 240;

interface DigestUserRow {
  id: string;
  tenant_id: string;
  timezone: string;
  digest_frequency: DigestFrequency;
  digest_local_time: string;
  digest_weekday: Weekday | null;
  digest_covered_until: Date | null;
}

export interface DueDigest {
  userId: string;
  /** The send instant that has come: the end of the digest's period. */
  periodEnd: Date;
}

const scheduleOf = (row: Pick<DigestUserRow, 'timezone' | 'digest_frequency' | 'digest_local_time' | 'digest_weekday'>): DigestSchedule => ({
  frequency: row.digest_frequency === 'WEEKLY' ? 'WEEKLY' : 'DAILY',
  localTime: row.digest_local_time,
  weekday: row.digest_weekday,
  timezone: row.timezone,
});

/**
 * The digests due at `now`: every ACTIVE user with a digest on whose latest send instant (in
 * their time zone) is later than what their digests have covered. Reads only; `now` is the
 * caller's clock.
 */
export async function dueDigests(em: EntityManager, now: Date): Promise<DueDigest[]> {
  const due: DueDigest[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await em.execute<DigestUserRow[]>(
      `select id, tenant_id, timezone, digest_frequency, digest_local_time, digest_weekday, digest_covered_until
         from users
        where digest_frequency <> 'OFF' and status = 'ACTIVE' and id > ?
        order by id
        limit ?`,
      [after, SCHEDULE_BATCH],
    );
    for (const row of rows) {
      const { at } = latestSendInstant(scheduleOf(row), now);
      if (row.digest_covered_until === null || new Date(row.digest_covered_until) < at) due.push({ userId: row.id, periodEnd: at });
    }
    if (rows.length < SCHEDULE_BATCH) return due;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Adds a `digest.send` job for every digest due at `now`, keyed by user and period end: two
 * schedulers at once add one job, and the job itself sends a period once (`sendDigest`).
 */
export async function scheduleDigests(deps: AppDeps, now: Date): Promise<DueDigest[]> {
  const em = deps.orm.em.fork();
  const due = await dueDigests(em, now);
  for (let i = 0; i < due.length; i += SCHEDULE_BATCH) {
    await em.transactional(async (tx) => {
      for (const digest of due.slice(i, i + SCHEDULE_BATCH)) {
        const periodEnd = digest.periodEnd.toISOString();
        await deps.jobs.add(
          tx,
          'digest.send',
          { userId: digest.userId, periodEnd },
          { jobKey: `${DIGEST_JOB_KEY_PREFIX}${digest.userId}:${periodEnd}`, maxAttempts: 5 },
        );
      }
    });
  }
  if (due.length > 0) deps.logger.info({ count: due.length }, 'email digests scheduled');
  return due;
}

interface RecipientRow extends DigestUserRow {
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  tenant_slug: string;
  tenant_name: string;
}

export interface DigestEvent {
  id: string;
  created_at: Date;
  action: string;
  resource_type: string;
  resource_id: string | null;
  summary: Record<string, unknown>;
  actor_name: string | null;
  actor_email: string | null;
  impersonator_name: string | null;
  impersonator_email: string | null;
  title: string | null;
  total: string;
}

export interface DigestOutcome {
  /** SENT: a mail is in the outbox; EMPTY: nothing happened in the period (no mail); SKIPPED: off, not active, or sent already. */
  status: 'SENT' | 'EMPTY' | 'SKIPPED';
  periodStart?: Date;
  periodEnd?: Date;
  events?: number;
}

/**
 * Sends one user's digest for the period ending at `periodEnd`, once: in one transaction that
 * holds the user's row, it reads what the user's digests have covered (nothing to do when this
 * period is covered already, e.g. by another instance), reads the period's events the user may
 * see, writes the mail to the outbox when there are any, and marks the period covered.
 *
 * The period starts where the previous digest ended (so a missed send instant is caught up by the
 * next one, never duplicated), or one period before `periodEnd` for a first digest, and reaches
 * back at most DIGEST_MAX_PERIOD_DAYS.
 */
export async function sendDigest(deps: AppDeps, input: { userId: string; periodEnd: Date }): Promise<DigestOutcome> {
  if (!isUuid(input.userId) || Number.isNaN(input.periodEnd.getTime())) return { status: 'SKIPPED' };
  const outcome = await deps.orm.em.fork().transactional(async (em) => {
    const [user] = await em.execute<RecipientRow[]>(
      `select u.id, u.tenant_id, u.email, u.name, u.role, u.status, u.timezone, u.digest_frequency, u.digest_local_time,
              u.digest_weekday, u.digest_covered_until, t.slug as tenant_slug, t.name as tenant_name
         from users u join tenants t on t.id = u.tenant_id
        where u.id = ?
          for update of u`,
      [input.userId],
    );
    if (!user || user.status !== 'ACTIVE' || user.digest_frequency === 'OFF') return { status: 'SKIPPED' } as const;
    const periodEnd = input.periodEnd;
    const covered = user.digest_covered_until ? new Date(user.digest_covered_until) : null;
    if (covered && covered >= periodEnd) return { status: 'SKIPPED' } as const;
    const floor = new Date(periodEnd.getTime() - DIGEST_MAX_PERIOD_DAYS * 86_400_000);
    let periodStart = covered ?? latestSendInstant(scheduleOf(user), new Date(periodEnd.getTime() - 1)).at;
    if (periodStart < floor) periodStart = floor;

    const events = await digestEvents(em, user, periodStart, periodEnd);
    await em.execute('update users set digest_covered_until = ? where id = ?', [periodEnd, user.id]);
    if (events.length === 0) return { status: 'EMPTY', periodStart, periodEnd, events: 0 } as const;
    const total = Number(events[0]!.total);
    await enqueueEmail(em, deps, {
      tenantId: user.tenant_id,
      to: user.email,
      subject: `Your ${user.digest_frequency === 'WEEKLY' ? 'weekly' : 'daily'} Tessera digest for ${user.tenant_name}: ${total} ${total === 1 ? 'change' : 'changes'}`,
      body: renderDigest(deps, user, events, total, periodStart, periodEnd),
    });
    return { status: 'SENT', periodStart, periodEnd, events: total } as const;
  });
  if (outcome.status !== 'SKIPPED') deps.logger.info({ userId: input.userId, status: outcome.status, events: outcome.events }, 'email digest handled');
  return outcome;
}

/** The person the digest is for, as a principal of their own (never impersonating). */
function principalOf(user: RecipientRow): Principal {
  return {
    kind: 'USER',
    tenantId: user.tenant_id,
    tenantSlug: user.tenant_slug,
    userId: user.id,
    email: user.email,
    role: user.role,
    status: user.status,
    sessionId: undefined,
  };
}

/** Events about people and workspace administration: admins only, whatever the resource. */
const NON_ADMIN_TYPES = ['DASHBOARD', 'FOLDER', 'DATASET', 'DATA_SOURCE', 'WIDGET', 'DASHBOARD_FILTER'];
/** Actions that are no change of the resource (someone's read), kept out of non-admins' digests. */
const NON_ADMIN_EXCLUDED_ACTIONS = ['data.export'];

/**
 * Which events of the tenant a user may see in their digest, as a predicate over `e`
 * (audit_events) with the resource joins of `digestEvents`. Admins: all. Others: events about a
 * dashboard, folder or dataset they can see now, a widget or dashboard filter of a dashboard they
 * can see (also when the widget or filter was deleted), and a data source they may use; never
 * events about people, groups, attributes, tokens, keys, links or workspace settings, never
 * exports, and nothing about a dashboard, folder, dataset or data source that no longer exists
 * (its visibility cannot be decided any more).
 */
async function visibleEvents(em: EntityManager, viewer: Principal): Promise<SqlFragment> {
  if (viewer.role === 'ADMIN') return { sql: 'true', params: [] };
  const subject = await loadSubject(em, viewer);
  const dashboards = visibleDashboards(viewer, 'vd');
  const folders = visibleFolders(viewer, 'vf');
  const datasets = visibleDatasets(viewer, subject, 'vs');
  const sources = usableDataSourcesSql(viewer, subject, 'vsrc');
  const widgetDashboards = visibleDashboards(viewer, 'wd');
  return {
    sql: `e.resource_type in (${NON_ADMIN_TYPES.map(() => '?').join(', ')})
      and e.action not in (${NON_ADMIN_EXCLUDED_ACTIONS.map(() => '?').join(', ')})
      and (
        (e.resource_type = 'DASHBOARD' and exists (select 1 from dashboards vd where vd.id = e.resource_id and ${dashboards.sql}))
        or (e.resource_type = 'FOLDER' and exists (select 1 from folders vf where vf.id = e.resource_id and ${folders.sql}))
        or (e.resource_type = 'DATASET' and exists (select 1 from datasets vs where vs.id = e.resource_id and ${datasets.sql}))
        or (e.resource_type = 'DATA_SOURCE' and exists (select 1 from data_sources vsrc where vsrc.id = e.resource_id and ${sources.sql}))
        or (e.resource_type in ('WIDGET', 'DASHBOARD_FILTER') and exists (
              select 1 from dashboards wd
               where wd.id::text = coalesce(w.dashboard_id::text, df.dashboard_id::text, e.summary->>'dashboardId') and ${widgetDashboards.sql})))`,
    params: [
      ...NON_ADMIN_TYPES,
      ...NON_ADMIN_EXCLUDED_ACTIONS,
      ...dashboards.params,
      ...folders.params,
      ...datasets.params,
      ...sources.params,
      ...widgetDashboards.params,
    ],
  };
}

/**
 * The tenant's audit events of [start, end) that the user may see, oldest first, at most
 * DIGEST_MAX_EVENTS, each with the resource's current title (or the one its summary recorded)
 * and the total count. One statement.
 */
export async function digestEvents(em: EntityManager, user: RecipientRow, start: Date, end: Date): Promise<DigestEvent[]> {
  const visible = await visibleEvents(em, principalOf(user));
  return em.execute<DigestEvent[]>(
    `select e.id, e.created_at, e.action, e.resource_type, e.resource_id, e.summary,
            a.name as actor_name, a.email as actor_email, i.name as impersonator_name, i.email as impersonator_email,
            coalesce(d.title, f.name, ds.name, src.name, w.title, nullif(df.label, ''), g.name, nullif(tu.name, ''), tu.email, t.name,
                     e.summary->>'title', e.summary->>'name', e.summary->>'email', e.summary->>'field') as title,
            count(*) over () as total
       from audit_events e
       left join users a on a.id = e.actor_id
       left join users i on i.id = e.impersonator_id
       left join dashboards d on e.resource_type = 'DASHBOARD' and d.id = e.resource_id and d.tenant_id = e.tenant_id
       left join folders f on e.resource_type = 'FOLDER' and f.id = e.resource_id and f.tenant_id = e.tenant_id
       left join datasets ds on e.resource_type = 'DATASET' and ds.id = e.resource_id and ds.tenant_id = e.tenant_id
       left join data_sources src on e.resource_type = 'DATA_SOURCE' and src.id = e.resource_id and src.tenant_id = e.tenant_id
       left join widgets w on e.resource_type = 'WIDGET' and w.id = e.resource_id and w.tenant_id = e.tenant_id
       left join dashboard_filters df on e.resource_type = 'DASHBOARD_FILTER' and df.id = e.resource_id and df.tenant_id = e.tenant_id
       left join groups g on e.resource_type = 'GROUP' and g.id = e.resource_id and g.tenant_id = e.tenant_id
       left join users tu on e.resource_type = 'USER' and tu.id = e.resource_id and tu.tenant_id = e.tenant_id
       left join tenants t on e.resource_type = 'TENANT' and t.id = e.resource_id and t.id = e.tenant_id
      where e.tenant_id = ? and e.created_at >= ? and e.created_at < ?
        and (${visible.sql})
      order by e.created_at, e.id
      limit ?`,
    [user.tenant_id, start, end, ...visible.params, DIGEST_MAX_EVENTS],
  );
}

const truncate = (text: string, length = SUMMARY_LENGTH) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const oneLine = (value: unknown) => truncate(JSON.stringify(value) ?? 'null', 80);

/**
 * A change summary on one line. Admins read the values (as the audit log shows them); others
 * only the names of what changed, since a summary may hold what they may not read (a dataset's
 * definition, row rules, who a resource is shared with).
 */
export function summaryLine(summary: Record<string, unknown>, admin: boolean): string {
  const keys = Object.keys(summary ?? {});
  if (keys.length === 0) return '';
  if (!admin) return truncate(`fields: ${keys.join(', ')}`);
  const parts = keys.map((key) => {
    const value = summary[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && 'before' in value && 'after' in value) {
      const change = value as { before: unknown; after: unknown };
      return `${key}: ${oneLine(change.before)} → ${oneLine(change.after)}`;
    }
    return `${key}: ${oneLine(value)}`;
  });
  return truncate(parts.join('; '));
}

/** Who acted: a name (admins also read the email); "X as Y" when X was impersonating Y. */
function who(event: DigestEvent, admin: boolean): string {
  const person = (name: string | null, email: string | null) => {
    if (name === null && email === null) return 'a deleted user';
    const shown = name?.trim() || (admin ? '' : 'a user');
    return admin && email ? (shown ? `${shown} <${email}>` : email) : shown;
  };
  const actor = person(event.actor_name, event.actor_email);
  if (event.impersonator_name === null && event.impersonator_email === null) return actor;
  return `${person(event.impersonator_name, event.impersonator_email)} as ${actor}`;
}

/** `DASHBOARD_FILTER` → `dashboard filter`. */
const kind = (resourceType: string) => resourceType.toLowerCase().replaceAll('_', ' ');

function renderDigest(deps: AppDeps, user: RecipientRow, events: DigestEvent[], total: number, start: Date, end: Date): string {
  const timezone = knownZone(user.timezone);
  const admin = user.role === 'ADMIN';
  const lines = [
    `Hello ${user.name || user.email},`,
    '',
    `${total} ${total === 1 ? 'change' : 'changes'} in ${user.tenant_name} from ${formatLocal(start, timezone)} to ${formatLocal(end, timezone)} (${timezone}):`,
    '',
  ];
  for (const event of events) {
    const title = event.title ? ` "${truncate(event.title, 120)}"` : '';
    lines.push(`- ${formatLocal(new Date(event.created_at), timezone)}  ${who(event, admin)}: ${event.action} on ${kind(event.resource_type)}${title}`);
    const summary = summaryLine(event.summary, admin);
    if (summary) lines.push(`    ${summary}`);
  }
  if (total > events.length) lines.push('', `… and ${total - events.length} more.`);
  const when = user.digest_frequency === 'WEEKLY' ? `every ${(user.digest_weekday ?? 'MONDAY').toLowerCase()}` : 'every day';
  lines.push(
    '',
    `You receive this digest ${when} at ${user.digest_local_time} (${timezone}). Change or turn it off in your settings: ${deps.config.publicUrl}`,
  );
  return lines.join('\n');
}
