import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { uuidv7 } from '../../src/db/ids.ts';
import { createLogger } from '../../src/logger.ts';
import { dueDigests, scheduleDigests, sendDigest, type DigestOutcome } from '../../src/modules/digest/digest.service.ts';
import { startWorker } from '../../src/worker.ts';
import { graphql } from '../generated/gql.ts';
import { contentBuilders } from '../testkit/content.ts';
import { createScratchDatabase, migrateDatabase, type ScratchDatabase } from '../testkit/database.ts';
import { createTestKit, type SeededTenant, type SeededUser, type TestKit } from '../testkit/kit.ts';
import { startSmtpServer } from '../testkit/smtp.ts';

const UpdateMe = graphql(`
  mutation DigestUpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { id digest { frequency localTime weekday } }
  }
`);

// The scheduler reads every user of its database, and workers take every job of theirs: this file
// has a database of its own.
let scratch: ScratchDatabase;
let kit: TestKit;
beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), 'tessera_digest');
  await migrateDatabase(scratch.url, createLogger('warn'));
  kit = await createTestKit({ databaseUrl: scratch.url });
});
afterAll(async () => {
  await kit?.close();
  await scratch?.drop();
});

const sql = <T = unknown>(text: string, params: unknown[] = []) => kit.orm.em.fork().execute<T[]>(text, params);

interface DigestSettings {
  frequency?: 'DAILY' | 'WEEKLY';
  localTime?: string;
  weekday?: string | null;
  timezone?: string;
  /** Where the digests start (what they have covered so far). */
  coveredUntil: string | null;
}

/** Turns a user's digest on in the database; it is turned off again when the test ends. */
async function enableDigest(user: SeededUser, settings: DigestSettings) {
  await sql(`update users set digest_frequency = ?, digest_local_time = ?, digest_weekday = ?, timezone = ?, digest_covered_until = ? where id = ?`, [
    settings.frequency ?? 'DAILY',
    settings.localTime ?? '08:00',
    settings.weekday ?? null,
    settings.timezone ?? 'Europe/Berlin',
    settings.coveredUntil,
    user.id,
  ]);
  onTestFinished(() => sql(`update users set digest_frequency = 'OFF', digest_weekday = null where id = ?`, [user.id]).then(() => undefined));
}

interface EventSpec {
  at: string;
  actor: SeededUser | null;
  impersonator?: SeededUser;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  summary?: Record<string, unknown>;
}

/** An audit event at a chosen time, written as `recordAudit` would. */
async function event(tenant: SeededTenant, spec: EventSpec) {
  await sql(
    `insert into audit_events (id, tenant_id, created_at, actor_id, impersonator_id, action, resource_type, resource_id, summary)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      uuidv7(),
      tenant.tenant.id,
      new Date(spec.at),
      spec.actor?.id ?? null,
      spec.impersonator?.id ?? null,
      spec.action,
      spec.resourceType,
      spec.resourceId ?? null,
      JSON.stringify(spec.summary ?? {}),
    ],
  );
}

interface Mail {
  subject: string;
  body: string;
}

const mailsTo = (user: SeededUser) => sql<Mail>('select subject, body from outbox_emails where to_address = ? order by created_at, id', [user.email]);
/** The listed events of a digest (one line each, starting with "- "). */
const eventLines = (mail: Mail) => mail.body.split('\n').filter((line) => line.startsWith('- '));

/** One scheduler run at `now` as the `digest.schedule` + `digest.send` jobs do it, without the queue hop. */
async function tick(now: Date): Promise<(DigestOutcome & { userId: string })[]> {
  const outcomes = [];
  for (const due of await dueDigests(kit.orm.em.fork(), now)) outcomes.push({ userId: due.userId, ...(await sendDigest(kit.deps, due)) });
  return outcomes;
}

/** Runs the scheduler every `stepMinutes` from `from` to `to` (inclusive); returns the instants at which `user`'s digest was handled. */
async function run(user: SeededUser, from: string, to: string, stepMinutes = 5): Promise<string[]> {
  const handled: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    const outcomes = await tick(new Date(t));
    if (outcomes.some((outcome) => outcome.userId === user.id && outcome.status !== 'SKIPPED')) handled.push(new Date(t).toISOString());
  }
  return handled;
}

describe('email digest scheduling', () => {
  it('is off by default: nobody is due and nothing is sent', async () => {
    const tenant = await kit.seedTenant();
    await event(tenant, { at: '2026-05-04T10:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'x' } });
    const [row] = await sql<{ digest_frequency: string }>('select digest_frequency from users where id = ?', [tenant.admin.id]);
    expect(row!.digest_frequency).toBe('OFF');
    for (const now of ['2026-05-04T06:00:00Z', '2026-05-05T06:00:00Z', '2026-05-12T06:00:00Z']) {
      const outcomes = await tick(new Date(now));
      expect(outcomes.filter((outcome) => [tenant.admin.id, tenant.viewer.id].includes(outcome.userId))).toEqual([]);
    }
    expect(await mailsTo(tenant.admin)).toEqual([]);
  });

  it('DAILY at 08:00 Europe/Berlin: nothing at 07:59, one mail with the day’s events at 08:00, nothing more at 08:04 or 08:10', async () => {
    const tenant = await kit.seedTenant();
    const user = tenant.admin;
    // Summer time: 08:00 in Berlin is 06:00Z. The previous digest covered up to yesterday 08:00.
    await enableDigest(user, { coveredUntil: '2026-06-09T06:00:00Z' });
    const dashboard = await contentBuilders(kit, tenant.tenant).dashboard({ owner: tenant.analyst, title: 'Revenue overview' });
    await event(tenant, {
      at: '2026-06-09T05:59:00Z',
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: dashboard.id,
      summary: { title: { before: 'Old', after: 'Before period' } },
    });
    await event(tenant, {
      at: '2026-06-09T10:00:00Z',
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: dashboard.id,
      summary: { title: { before: 'Draft', after: 'Revenue overview' } },
    });
    await event(tenant, {
      at: '2026-06-10T05:59:59Z',
      actor: tenant.admin,
      action: 'group.create',
      resourceType: 'GROUP',
      resourceId: uuidv7(),
      summary: { name: 'Finance' },
    });
    await event(tenant, {
      at: '2026-06-10T06:00:00Z',
      actor: tenant.admin,
      action: 'group.create',
      resourceType: 'GROUP',
      resourceId: uuidv7(),
      summary: { name: 'Next period' },
    });

    expect((await tick(new Date('2026-06-10T05:59:00Z'))).filter((o) => o.userId === user.id)).toEqual([]);
    expect(await mailsTo(user)).toEqual([]);

    const [sent] = (await tick(new Date('2026-06-10T06:00:00Z'))).filter((o) => o.userId === user.id);
    expect(sent).toMatchObject({ status: 'SENT', events: 2, periodStart: new Date('2026-06-09T06:00:00Z'), periodEnd: new Date('2026-06-10T06:00:00Z') });
    for (const now of ['2026-06-10T06:04:00Z', '2026-06-10T06:10:00Z', '2026-06-10T20:00:00Z']) {
      expect((await tick(new Date(now))).filter((o) => o.userId === user.id)).toEqual([]);
    }

    const mails = await mailsTo(user);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(`Your daily Tessera digest for ${tenant.tenant.name}: 2 changes`);
    expect(mail!.body).toContain(`2 changes in ${tenant.tenant.name} from 2026-06-09 08:00 to 2026-06-10 08:00 (Europe/Berlin):`);
    // Who (with the email, for an admin), what, when in the user's time zone, and the summary.
    const [first, second] = eventLines(mail!);
    expect(first).toBe(`- 2026-06-09 12:00  Analyst ${tenant.slug} <${tenant.analyst.email}>: dashboard.update on dashboard "Revenue overview"`);
    expect(second).toBe(`- 2026-06-10 07:59  Admin ${tenant.slug} <${tenant.admin.email}>: group.create on group "Finance"`);
    expect(mail!.body).toContain('    title: "Draft" → "Revenue overview"');
    expect(mail!.body).not.toContain('Before period');
    expect(mail!.body).not.toContain('Next period');
    expect(mail!.body).toContain('You receive this digest every day at 08:00 (Europe/Berlin).');

    // The event at 08:00 sharp opens the next day's digest.
    const [next] = (await tick(new Date('2026-06-11T06:00:00Z'))).filter((o) => o.userId === user.id);
    expect(next).toMatchObject({ status: 'SENT', events: 1 });
    expect((await mailsTo(user))[1]!.body).toContain('group.create on group "Next period"');
  });

  it('sends a digest whose run came late once, at the first run after its time', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-06-15T06:00:00Z' });
    await event(tenant, { at: '2026-06-15T12:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'Late' } });
    expect(await run(tenant.admin, '2026-06-16T06:04:00Z', '2026-06-16T08:00:00Z', 4)).toEqual(['2026-06-16T06:04:00.000Z']);
    expect(await mailsTo(tenant.admin)).toHaveLength(1);
  });

  it('sends exactly one digest per local day at 08:00 across the spring-forward change (07:00Z before, 06:00Z after)', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-03-27T07:00:00Z' });
    for (const date of ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']) {
      await event(tenant, {
        at: `${date}T12:00:00Z`,
        actor: tenant.admin,
        action: 'group.create',
        resourceType: 'GROUP',
        summary: { name: `Group of ${date}` },
      });
    }
    const handled = await run(tenant.admin, '2026-03-27T07:05:00Z', '2026-03-31T07:00:00Z');
    expect(handled).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-03-31T06:00:00.000Z']);
    const mails = await mailsTo(tenant.admin);
    expect(mails.map((mail) => eventLines(mail).length)).toEqual([1, 1, 1, 1]);
    expect(mails[1]!.body).toContain('from 2026-03-28 08:00 to 2026-03-29 08:00 (Europe/Berlin)');
    expect(mails[1]!.body).toContain('Group of 2026-03-28');
  });

  it('sends exactly one digest per local day at 08:00 across the fall-back change (06:00Z before, 07:00Z after)', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-10-23T06:00:00Z' });
    for (const date of ['2026-10-23', '2026-10-24', '2026-10-25']) {
      await event(tenant, {
        at: `${date}T12:00:00Z`,
        actor: tenant.admin,
        action: 'group.create',
        resourceType: 'GROUP',
        summary: { name: `Group of ${date}` },
      });
    }
    const handled = await run(tenant.admin, '2026-10-23T06:05:00Z', '2026-10-26T12:00:00Z');
    expect(handled).toEqual(['2026-10-24T06:00:00.000Z', '2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect((await mailsTo(tenant.admin)).map((mail) => eventLines(mail).length)).toEqual([1, 1, 1]);
  });

  it('sends a 02:30 digest at 03:00 on the spring-forward day, and once (the first 02:30) on the fall-back day', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { localTime: '02:30', coveredUntil: '2026-03-27T01:30:00Z' });
    const spring = await run(tenant.admin, '2026-03-27T01:35:00Z', '2026-03-30T12:00:00Z');
    // 02:30 CET, then 03:00 CEST (02:30 does not exist that night), then 02:30 CEST.
    expect(spring).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);

    await sql('update users set digest_covered_until = ? where id = ?', [new Date('2026-10-24T00:30:00Z'), tenant.admin.id]);
    const autumn = await run(tenant.admin, '2026-10-24T00:35:00Z', '2026-10-26T12:00:00Z');
    // 02:30 CEST on the 25th (00:30Z), not again at 02:30 CET (01:30Z); 02:30 CET on the 26th.
    expect(autumn).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('sends a WEEKLY digest on its weekday, at its local time across a change of the clocks', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, {
      frequency: 'WEEKLY',
      weekday: 'WEDNESDAY',
      localTime: '09:00',
      timezone: 'America/New_York',
      coveredUntil: '2026-10-21T13:00:00Z',
    });
    await event(tenant, { at: '2026-10-23T12:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'Week one' } });
    await event(tenant, {
      at: '2026-10-26T12:00:00Z',
      actor: tenant.admin,
      action: 'group.create',
      resourceType: 'GROUP',
      summary: { name: 'Week one again' },
    });
    await event(tenant, { at: '2026-11-02T12:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'Week two' } });
    const handled = await run(tenant.admin, '2026-10-22T00:00:00Z', '2026-11-10T00:00:00Z', 15);
    // Wednesdays at 09:00: EDT (13:00Z), then EST (14:00Z) after 2026-11-01.
    expect(handled).toEqual(['2026-10-28T13:00:00.000Z', '2026-11-04T14:00:00.000Z']);
    const mails = await mailsTo(tenant.admin);
    expect(mails.map((mail) => eventLines(mail).length)).toEqual([2, 1]);
    expect(mails[0]!.subject).toMatch(/^Your weekly Tessera digest/);
    expect(mails[0]!.body).toContain('from 2026-10-21 09:00 to 2026-10-28 09:00 (America/New_York)');
    expect(mails[1]!.body).toContain('You receive this digest every wednesday at 09:00 (America/New_York).');
  });

  it('sends no mail for a period with nothing in it, and the next digest does not reach back into it', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-07-01T06:00:00Z' });
    const [empty] = (await tick(new Date('2026-07-02T06:00:00Z'))).filter((o) => o.userId === tenant.admin.id);
    expect(empty).toMatchObject({ status: 'EMPTY', events: 0 });
    expect(await mailsTo(tenant.admin)).toEqual([]);
    const [row] = await sql<{ digest_covered_until: Date }>('select digest_covered_until from users where id = ?', [tenant.admin.id]);
    expect(new Date(row!.digest_covered_until).toISOString()).toBe('2026-07-02T06:00:00.000Z');

    await event(tenant, { at: '2026-07-02T10:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'Day two' } });
    const [sent] = (await tick(new Date('2026-07-03T06:00:00Z'))).filter((o) => o.userId === tenant.admin.id);
    expect(sent).toMatchObject({ status: 'SENT', events: 1, periodStart: new Date('2026-07-02T06:00:00Z') });
  });

  it('lists at most 200 events, then says how many more there are', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-08-01T06:00:00Z' });
    await sql(
      `insert into audit_events (id, tenant_id, created_at, actor_id, action, resource_type, summary)
       select gen_random_uuid(), ?, ?::timestamptz + make_interval(secs => n), ?, 'group.create', 'GROUP', jsonb_build_object('name', 'g' || n)
         from generate_series(1, 205) n`,
      [tenant.tenant.id, new Date('2026-08-01T10:00:00Z'), tenant.admin.id],
    );
    await tick(new Date('2026-08-02T06:00:00Z'));
    const [mail] = await mailsTo(tenant.admin);
    expect(mail!.subject).toContain(': 205 changes');
    expect(eventLines(mail!)).toHaveLength(200);
    expect(mail!.body).toContain('… and 5 more.');
  });

  it('is not sent to deactivated users, and starts when turned on, not with the day before', async () => {
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.deactivated, { coveredUntil: null });
    const res = await kit.gql(UpdateMe, { input: { digest: {} } }, { token: tenant.viewer.token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateMe!.digest).toEqual({ frequency: 'DAILY', localTime: '08:00', weekday: null });
    onTestFinished(() => sql(`update users set digest_frequency = 'OFF' where id = ?`, [tenant.viewer.id]).then(() => undefined));
    const [row] = await sql<{ digest_covered_until: Date }>('select digest_covered_until from users where id = ?', [tenant.viewer.id]);
    expect(Math.abs(new Date(row!.digest_covered_until).getTime() - Date.now())).toBeLessThan(60_000);

    const now = new Date();
    const ids = async (at: Date) =>
      (await dueDigests(kit.orm.em.fork(), at)).map((due) => due.userId).filter((id) => [tenant.viewer.id, tenant.deactivated.id].includes(id));
    expect(await ids(now)).toEqual([]);
    expect(await ids(new Date(now.getTime() + 86_400_000))).toEqual([tenant.viewer.id]);
  });
});

describe('email digest content', () => {
  it('shows a viewer only events about what they can see, without people administration; an admin sees all of the tenant’s', async () => {
    const tenant = await kit.seedTenant();
    const other = await kit.seedTenant();
    const content = contentBuilders(kit, tenant.tenant);
    const shared = await content.dashboard({ owner: tenant.analyst, title: 'Shared sales' });
    const hidden = await content.dashboard({ owner: tenant.analyst, title: 'Hidden payroll' });
    await content.share('DASHBOARD', shared.id, { user: tenant.viewer });
    const foreign = await contentBuilders(kit, other.tenant).dashboard({ owner: other.analyst, title: 'Other tenant board' });
    for (const user of [tenant.viewer, tenant.admin]) await enableDigest(user, { coveredUntil: '2026-09-01T06:00:00Z' });

    const at = (minute: number) => `2026-09-01T10:${String(minute).padStart(2, '0')}:00Z`;
    await event(tenant, {
      at: at(1),
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: shared.id,
      summary: { title: { before: 'Sales draft', after: 'Shared sales' } },
    });
    await event(tenant, {
      at: at(2),
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: hidden.id,
      summary: { title: { before: 'x', after: 'Hidden payroll' } },
    });
    // A widget deleted from each dashboard: its dashboard is known from the summary.
    await event(tenant, {
      at: at(3),
      actor: tenant.analyst,
      action: 'widget.delete',
      resourceType: 'WIDGET',
      resourceId: uuidv7(),
      summary: { dashboardId: shared.id },
    });
    await event(tenant, {
      at: at(4),
      actor: tenant.analyst,
      action: 'widget.delete',
      resourceType: 'WIDGET',
      resourceId: uuidv7(),
      summary: { dashboardId: hidden.id },
    });
    await event(tenant, {
      at: at(5),
      actor: tenant.admin,
      action: 'user.update',
      resourceType: 'USER',
      resourceId: tenant.viewer.id,
      summary: { role: { before: 'EXPLORER', after: 'VIEWER' } },
    });
    await event(tenant, {
      at: at(6),
      actor: tenant.admin,
      action: 'group.create',
      resourceType: 'GROUP',
      resourceId: uuidv7(),
      summary: { name: 'Payroll team' },
    });
    await event(tenant, {
      at: at(7),
      actor: tenant.viewer,
      action: 'data.export',
      resourceType: 'DASHBOARD',
      resourceId: shared.id,
      summary: { datasetId: uuidv7() },
    });
    // An admin acting as the analyst.
    await event(tenant, {
      at: at(8),
      actor: tenant.analyst,
      impersonator: tenant.admin,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: shared.id,
      summary: { description: { before: '', after: 'Q3' } },
    });
    // A deleted dashboard: its visibility cannot be decided any more.
    await event(tenant, {
      at: at(9),
      actor: tenant.analyst,
      action: 'dashboard.delete',
      resourceType: 'DASHBOARD',
      resourceId: uuidv7(),
      summary: { title: 'Gone board' },
    });
    await event(other, {
      at: at(10),
      actor: other.admin,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: foreign.id,
      summary: { title: { before: 'a', after: 'b' } },
    });

    const outcomes = await tick(new Date('2026-09-02T06:00:00Z'));
    expect(outcomes.find((o) => o.userId === tenant.viewer.id)).toMatchObject({ status: 'SENT', events: 3 });
    expect(outcomes.find((o) => o.userId === tenant.admin.id)).toMatchObject({ status: 'SENT', events: 9 });

    const [viewerMail] = await mailsTo(tenant.viewer);
    expect(eventLines(viewerMail!)).toEqual([
      `- 2026-09-01 12:01  Analyst ${tenant.slug}: dashboard.update on dashboard "Shared sales"`,
      `- 2026-09-01 12:03  Analyst ${tenant.slug}: widget.delete on widget`,
      `- 2026-09-01 12:08  Admin ${tenant.slug} as Analyst ${tenant.slug}: dashboard.update on dashboard "Shared sales"`,
    ]);
    // Names of the changed fields only, never their values, and no one's email.
    expect(viewerMail!.body).toContain('    fields: title');
    expect(viewerMail!.body).not.toContain('Sales draft');
    for (const hiddenText of [
      'Hidden payroll',
      'Payroll team',
      'user.update',
      'data.export',
      'Gone board',
      'Other tenant board',
      tenant.analyst.email,
      tenant.admin.email,
    ]) {
      expect(viewerMail!.body).not.toContain(hiddenText);
    }

    const [adminMail] = await mailsTo(tenant.admin);
    const adminLines = eventLines(adminMail!).join('\n');
    for (const text of [
      '"Shared sales"',
      '"Hidden payroll"',
      'user.update on user',
      'group.create on group "Payroll team"',
      'data.export',
      'dashboard.delete on dashboard "Gone board"',
    ]) {
      expect(adminLines).toContain(text);
    }
    expect(adminLines).toContain(`Admin ${tenant.slug} <${tenant.admin.email}> as Analyst ${tenant.slug} <${tenant.analyst.email}>`);
    expect(adminMail!.body).toContain('role: "EXPLORER" → "VIEWER"');
    expect(adminMail!.body).not.toContain('Other tenant board');
  });

  it('shows a viewer the events of a dashboard once it is shared with them', async () => {
    const tenant = await kit.seedTenant();
    const content = contentBuilders(kit, tenant.tenant);
    const board = await content.dashboard({ owner: tenant.analyst, title: 'Soon shared' });
    await enableDigest(tenant.viewer, { coveredUntil: '2026-09-10T06:00:00Z' });
    await event(tenant, {
      at: '2026-09-10T10:00:00Z',
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: board.id,
      summary: { title: {} },
    });
    const [before] = (await tick(new Date('2026-09-11T06:00:00Z'))).filter((o) => o.userId === tenant.viewer.id);
    expect(before).toMatchObject({ status: 'EMPTY' });

    await content.share('DASHBOARD', board.id, { user: tenant.viewer });
    await event(tenant, {
      at: '2026-09-11T10:00:00Z',
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: board.id,
      summary: { title: {} },
    });
    const [after] = (await tick(new Date('2026-09-12T06:00:00Z'))).filter((o) => o.userId === tenant.viewer.id);
    expect(after).toMatchObject({ status: 'SENT', events: 1 });
    expect((await mailsTo(tenant.viewer))[0]!.body).toContain('"Soon shared"');
  });
});

describe('email digest delivery', () => {
  it('sends each digest once with two gateway instances scheduling and working the same queue', async () => {
    const smtp = await startSmtpServer({ acceptDelayMs: 20 });
    onTestFinished(() => smtp.close());
    const instances = await Promise.all([0, 1].map(() => createTestKit({ databaseUrl: scratch.url, config: { smtpUrl: smtp.url } })));
    onTestFinished(() => Promise.all(instances.map((instance) => instance.close())).then(() => undefined));
    const tenant = await kit.seedTenant();
    const users = [tenant.admin, tenant.analyst, tenant.explorer, tenant.viewer];
    const board = await contentBuilders(kit, tenant.tenant).dashboard({ owner: tenant.analyst, title: 'Everyone’s board' });
    await contentBuilders(kit, tenant.tenant).share('DASHBOARD', board.id, 'all');
    for (const user of users) await enableDigest(user, { coveredUntil: '2026-04-14T06:00:00Z' });
    await event(tenant, {
      at: '2026-04-14T12:00:00Z',
      actor: tenant.analyst,
      action: 'dashboard.update',
      resourceType: 'DASHBOARD',
      resourceId: board.id,
      summary: { title: {} },
    });
    // Mail written by the other tests (without SMTP) counts as delivered, so the server sees only this test's.
    await sql('update outbox_emails set sent_at = now() where sent_at is null');

    const workers = await Promise.all(instances.map((instance) => startWorker(instance.deps, { pollIntervalMs: 100, schedules: false })));
    onTestFinished(() => Promise.all(workers.map((worker) => worker?.stop())).then(() => undefined));
    const now = new Date('2026-04-15T06:00:00Z');
    // Both instances' schedulers run at the same time, twice.
    const scheduled = await Promise.all(instances.flatMap((instance) => [scheduleDigests(instance.deps, now), scheduleDigests(instance.deps, now)]));
    expect(scheduled.every((due) => due.length === users.length)).toBe(true);

    const received = await smtp.waitFor(users.length, 15_000);
    // A moment more: a duplicate would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(smtp.received).toHaveLength(users.length);
    expect(received.flatMap((mail) => mail.to).sort()).toEqual(users.map((user) => user.email).sort());
    expect(received.every((mail) => mail.text.includes('"Everyone’s board"'))).toBe(true);
    for (const user of users) expect(await mailsTo(user)).toHaveLength(1);
    // Covered now: a later scheduler run finds nothing due.
    expect((await dueDigests(kit.orm.em.fork(), now)).filter((due) => users.some((user) => user.id === due.userId))).toEqual([]);
  });

  it('sends a period once when two instances run its job at the same time', async () => {
    const second = await createTestKit({ databaseUrl: scratch.url });
    onTestFinished(() => second.close());
    const tenant = await kit.seedTenant();
    await enableDigest(tenant.admin, { coveredUntil: '2026-04-20T06:00:00Z' });
    await event(tenant, { at: '2026-04-20T12:00:00Z', actor: tenant.admin, action: 'group.create', resourceType: 'GROUP', summary: { name: 'Race' } });
    const job = { userId: tenant.admin.id, periodEnd: new Date('2026-04-21T06:00:00Z') };
    const outcomes = await Promise.all([sendDigest(kit.deps, job), sendDigest(second.deps, job), sendDigest(kit.deps, job)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['SENT', 'SKIPPED', 'SKIPPED']);
    expect(await mailsTo(tenant.admin)).toHaveLength(1);
  });
});
