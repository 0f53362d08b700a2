import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startWorker, type GatewayWorker } from '../../src/worker.ts';
import { graphql } from '../generated/gql.ts';
import { createScratchDatabase, migrateDatabase, type ScratchDatabase } from '../testkit/database.ts';
import { createTestKit, type SeededTenant, type TestKit } from '../testkit/kit.ts';
import { startSmtpServer } from '../testkit/smtp.ts';

const Invite = graphql(`
  mutation MailDeliveryInvite($input: InviteUsersInput!) {
    inviteUsers(input: $input) { invitations { token user { id email } } }
  }
`);

interface OutboxRow {
  id: string;
  to_address: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

const address = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;
/** Retries run e^attempt seconds after a failure; the worker looks for due jobs this often. */
const POLL_MS = 100;

// Workers take every job of their database: this file has a database of its own, so that it
// delivers only its own mail and its queue-depth counts are exact.
let scratch: ScratchDatabase;
let seedKit: TestKit;
let tenant: SeededTenant;
beforeAll(async () => {
  scratch = await createScratchDatabase(inject('databaseUrl'), 'tessera_mail');
  await migrateDatabase(scratch.url, createLogger('warn'));
  seedKit = await createTestKit({ databaseUrl: scratch.url });
  tenant = await seedKit.seedTenant();
});
afterAll(async () => {
  await seedKit?.close();
  await scratch?.drop();
});

/** A gateway instance on the file's database: its own ORM, pools and logs. */
async function instance(config: Partial<Config>): Promise<TestKit> {
  const kit = await createTestKit({ databaseUrl: scratch.url, config });
  onTestFinished(() => kit.close());
  return kit;
}

async function worker(kit: TestKit): Promise<GatewayWorker> {
  const started = await startWorker(kit.deps, { pollIntervalMs: POLL_MS, concurrency: 2 });
  expect(started).not.toBeNull();
  onTestFinished(() => started!.stop());
  return started!;
}

async function invite(kit: TestKit, emails: string[]) {
  const res = await kit.gql(Invite, { input: { emails, role: 'VIEWER' } }, { token: tenant.admin.token });
  expect(res.errors).toBeUndefined();
  return res.data!.inviteUsers!.invitations;
}

async function outbox(kit: TestKit, to: string[]): Promise<OutboxRow[]> {
  return kit.orm.em
    .fork()
    .execute<OutboxRow[]>('select id, to_address, attempts, last_error, sent_at, failed_at from outbox_emails where to_address in (?) order by to_address', [
      to,
    ]);
}

async function waitUntil<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** mail.deliver jobs waiting, retrying or running. */
async function deliveryJobs(kit: TestKit): Promise<number> {
  const [row] = await kit.orm.em
    .fork()
    .execute<{ count: string }[]>("select count(*) as count from graphile_worker.jobs where task_identifier = 'mail.deliver'");
  return Number(row!.count);
}

/** The queue is empty again (a scheduled sweep may be running for a moment). */
const drained = (kit: TestKit) =>
  waitUntil(
    'an empty queue',
    () => kit.deps.jobs.depth(),
    (depth) => depth === 0,
    5_000,
  );

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const logged = (kit: TestKit, msg: string) => kit.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === msg);

describe('mail delivery', () => {
  it('delivers an invitation by SMTP: recipient, subject and the link with its token; the row is marked sent', async () => {
    const smtp = await startSmtpServer();
    onTestFinished(() => smtp.close());
    const kit = await instance({ smtpUrl: smtp.url, mailFrom: 'Tessera <no-reply@tessera.test>' });
    const to = address('invitee');
    const [invitation] = await invite(kit, [to]);

    // Added in the invitation's transaction: the job is queued before any worker runs.
    expect(await kit.deps.jobs.depth()).toBe(1);
    const [pending] = await outbox(kit, [to]);
    expect(pending).toMatchObject({ sent_at: null, failed_at: null, attempts: 0 });

    await worker(kit);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([to]);
    expect(mail!.from).toBe('no-reply@tessera.test');
    expect(mail!.headers.get('to')).toBe(to);
    expect(mail!.subject).toBe(`Join ${tenant.tenant.name} on Tessera`);
    expect(mail!.text).toContain(`${kit.config.publicUrl}/accept-invitation?token=${encodeURIComponent(invitation!.token)}`);

    const [sent] = await waitUntil(
      'the row marked sent',
      () => outbox(kit, [to]),
      ([row]) => row?.sent_at != null,
    );
    expect(sent).toMatchObject({ attempts: 1, last_error: null, failed_at: null });
    await drained(kit);
    expect(smtp.received).toHaveLength(1);
  });

  it('sends mail written while SMTP was not configured once a worker with SMTP starts', async () => {
    const smtp = await startSmtpServer();
    onTestFinished(() => smtp.close());
    const withoutSmtp = await instance({ smtpUrl: undefined });
    expect(await startWorker(withoutSmtp.deps)).toBeNull();
    expect(logged(withoutSmtp, 'SMTP_URL is not set: outgoing mail stays in the outbox_emails table')).toHaveLength(1);

    const to = [address('early-a'), address('early-b')];
    await invite(withoutSmtp, to);
    // Without SMTP no job is queued: the rows wait in the outbox.
    expect(await withoutSmtp.deps.jobs.depth()).toBe(0);
    expect((await outbox(withoutSmtp, to)).map((row) => row.sent_at)).toEqual([null, null]);

    const kit = await instance({ smtpUrl: smtp.url });
    await worker(kit);
    const received = await smtp.waitFor(2);
    expect(received.flatMap((mail) => mail.to).sort()).toEqual([...to].sort());
    const rows = await waitUntil(
      'both rows sent',
      () => outbox(kit, to),
      (r) => r.every((row) => row.sent_at != null),
    );
    expect(rows.map((row) => row.attempts)).toEqual([1, 1]);
    expect(logged(kit, 'mail delivery by SMTP is on')[0]).toMatchObject({ smtp: `smtp://127.0.0.1:${smtp.port}` });
  });

  it('keeps a mail while the SMTP server is down and sends it on a later attempt', async () => {
    const port = await freePort();
    const kit = await instance({ smtpUrl: `smtp://127.0.0.1:${port}`, mailMaxAttempts: 3 });
    await worker(kit);
    const to = address('retry');
    await invite(kit, [to]);

    const [failedOnce] = await waitUntil(
      'a failed attempt',
      () => outbox(kit, [to]),
      ([row]) => row!.attempts >= 1,
    );
    expect(failedOnce).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(failedOnce!.last_error).toContain('ECONNREFUSED');
    expect(await deliveryJobs(kit)).toBe(1);
    expect(logged(kit, 'mail delivery failed: retrying later')[0]).toMatchObject({ attempt: 1, maxAttempts: 3 });

    // The server comes up before the retry (about e^1 seconds later).
    const smtp = await startSmtpServer({ port });
    onTestFinished(() => smtp.close());
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail!.to).toEqual([to]);
    const [sent] = await waitUntil(
      'the row marked sent',
      () => outbox(kit, [to]),
      ([row]) => row?.sent_at != null,
    );
    expect(sent).toMatchObject({ attempts: 2, failed_at: null });
    await drained(kit);
    expect(smtp.received).toHaveLength(1);
  });

  it('marks a mail failed, with the server’s answer, after its last attempt is rejected', { timeout: 60_000 }, async () => {
    const smtp = await startSmtpServer({ rejectRecipients: 550 });
    onTestFinished(() => smtp.close());
    const kit = await instance({ smtpUrl: smtp.url, mailMaxAttempts: 2 });
    await worker(kit);
    const to = address('rejected');
    await invite(kit, [to]);

    const [failed] = await waitUntil(
      'the row marked failed',
      () => outbox(kit, [to]),
      ([row]) => row?.failed_at != null,
      // The retry waits e^1 s; a loaded machine needs the margin.
      25_000,
    );
    expect(failed).toMatchObject({ attempts: 2, sent_at: null });
    expect(failed!.last_error).toMatch(/550/);
    // Retried once, then given up: the job is gone, the row is the record.
    expect(smtp.recipientsTried).toEqual([to, to]);
    expect(smtp.received).toHaveLength(0);
    // The job ends just after it marks the row (the worker removes it once the task returns).
    await waitUntil(
      'the delivery job gone',
      () => deliveryJobs(kit),
      (jobs) => jobs === 0,
      5_000,
    );
    await drained(kit);
    expect(logged(kit, 'mail delivery failed on the last attempt: marked failed')).toHaveLength(1);
  });

  it('sends each mail exactly once with two gateway instances working the same queue', async () => {
    const smtp = await startSmtpServer({ acceptDelayMs: 40 });
    onTestFinished(() => smtp.close());
    const first = await instance({ smtpUrl: smtp.url });
    const second = await instance({ smtpUrl: smtp.url });
    await Promise.all([worker(first), worker(second)]);
    const to = Array.from({ length: 40 }, (_, i) => address(`pair-${i}`));
    await invite(first, to);

    await smtp.waitFor(40);
    await waitUntil(
      'every row sent',
      () => outbox(first, to),
      (rows) => rows.every((row) => row.sent_at != null),
    );
    // A moment more: a duplicate would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const recipients = smtp.received.flatMap((mail) => mail.to);
    expect(recipients).toHaveLength(40);
    expect(new Set(recipients)).toEqual(new Set(to));
    expect((await outbox(first, to)).every((row) => row.attempts === 1)).toBe(true);
    // Both instances delivered a share.
    const sentBy = [logged(first, 'mail sent').length, logged(second, 'mail sent').length];
    expect(sentBy[0]! + sentBy[1]!).toBe(40);
    expect(sentBy[0]).toBeGreaterThan(0);
    expect(sentBy[1]).toBeGreaterThan(0);
  });

  it('finishes the mail it is sending when the worker stops', async () => {
    const smtp = await startSmtpServer({ acceptDelayMs: 800 });
    onTestFinished(() => smtp.close());
    const kit = await instance({ smtpUrl: smtp.url });
    const running = await worker(kit);
    const to = address('stopping');
    await invite(kit, [to]);
    await waitUntil(
      'the delivery to start',
      async () => smtp.recipientsTried.length,
      (n) => n === 1,
    );

    await running.stop();
    // Its completion was written before stop() returned: the job is not left locked.
    expect(smtp.received.map((mail) => mail.to)).toEqual([[to]]);
    const [row] = await outbox(kit, [to]);
    expect(row!.sent_at).not.toBeNull();
    expect(await deliveryJobs(kit)).toBe(0);
  });
});

describe('the job queue', () => {
  it('adds a job only inside a transaction, and drops it when the transaction rolls back', async () => {
    const kit = await instance({});
    const before = await kit.deps.jobs.depth();
    await expect(kit.deps.jobs.add(kit.orm.em.fork(), 'mail.sweep', {})).rejects.toThrow(/transaction/);
    await expect(
      kit.orm.em.fork().transactional(async (em) => {
        await kit.deps.jobs.add(em, 'mail.sweep', {}, { jobKey: `rolled-back-${randomUUID()}` });
        expect(await kit.deps.jobs.depth()).toBe(before); // not visible before the commit
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await kit.deps.jobs.depth()).toBe(before);

    const jobKey = `committed-${randomUUID()}`;
    await kit.orm.em.fork().transactional((em) => kit.deps.jobs.add(em, 'mail.sweep', {}, { jobKey }));
    // The same key again is ignored while the job exists.
    await kit.orm.em.fork().transactional((em) => kit.deps.jobs.add(em, 'mail.sweep', {}, { jobKey }));
    expect(await kit.deps.jobs.depth()).toBe(before + 1);
    await kit.orm.em.fork().execute('select graphile_worker.remove_job(?)', [jobKey]);
    expect(await kit.deps.jobs.depth()).toBe(before);
  });
});
