import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TENANT } from '../../src/demo/seed.ts';
import { startSmtpServer } from '../testkit/smtp.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm start` as a user runs it: `node src/main.ts` on a free port, read its banner. */
async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Tessera is listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

async function gql(url: string, query: string, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw HTTP answers, checked field by field below
  return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

const login = (email: string) =>
  `mutation { login(input: { tenant: "${DEMO_TENANT}", email: "${email}", password: "${DEMO_PASSWORD}" }) { token user { role } } }`;

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-start-'));
  await chmod(dataDir, 0o755);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('npm start on the embedded database', () => {
  it('serves the demo, shuts down cleanly on SIGTERM, and keeps its data across restarts', async () => {
    const first = await start({ TESSERA_DATA_DIR: dataDir });
    expect(first.output()).toContain('admin@demo.example.com');
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const signedIn = await gql(first.url, login('admin@demo.example.com'));
    const token = signedIn.data?.login?.token as string;
    expect(signedIn.data?.login?.user.role).toBe('ADMIN');
    const created = await gql(first.url, 'mutation { createGroup(input: { name: "Kept Across Restarts" }) { name } }', token);
    expect(created.data?.createGroup?.name).toBe('Kept Across Restarts');
    expect(await stop(first)).toBe(0);

    // The second run delivers mail: its worker stops with it, and the exit status is still 0.
    const smtp = await startSmtpServer();
    const second = await start({ TESSERA_DATA_DIR: dataDir, SMTP_URL: smtp.url });
    try {
      // Same secret key from the data dir: the earlier session token is still valid.
      const groups = await gql(second.url, '{ groups(first: 50) { edges { node { name } } } }', token);
      const names = (groups.data?.groups?.edges as { node: { name: string } }[]).map((e) => e.node.name).sort();
      expect(names).toEqual(['Indonesia', 'Kept Across Restarts', 'Malaysia', 'Marketing', 'Philippines', 'Sales', 'Singapore', 'United States', 'Vietnam']);
      const users = await gql(second.url, '{ users(first: 100) { edges { node { id } } } }', token);
      expect(users.data?.users?.edges).toHaveLength(12); // seeded once, not twice
      // The demo warehouse is reachable through its read-only data source after the restart.
      const sources = await gql(second.url, '{ dataSources { edges { node { id name } } } }', token);
      const source = sources.data?.dataSources?.edges[0]?.node as { id: string; name: string };
      expect(source.name).toBe('Demo warehouse');
      const probe = await gql(second.url, `mutation { testConnection(id: "${source.id}") { ok message } }`, token);
      expect(probe.data?.testConnection).toEqual({ ok: true, message: null });
      // A query opens the data source's pool, which must close before the database stops.
      const totals = await gql(
        second.url,
        '{ datasets { edges { node { query(input: { measures: [{ field: "orders.id", aggregation: COUNT }] }) { rowCount } } } } }',
        token,
      );
      expect(totals.data?.datasets?.edges[0]?.node.query.rowCount).toBe(1);
      const invited = await gql(
        second.url,
        'mutation { inviteUsers(input: { emails: ["mailed@example.com"], role: VIEWER }) { invitations { token } } }',
        token,
      );
      const invitationToken = invited.data?.inviteUsers?.invitations[0]?.token as string;
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['mailed@example.com']);
      expect(mail!.text).toContain(encodeURIComponent(invitationToken));
    } finally {
      expect(await stop(second)).toBe(0);
      await smtp.close();
    }
    // Shut down in order: no connection was cut from under the gateway.
    expect(second.output()).not.toMatch(/connection lost|terminating connection/);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', TESSERA_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT must be an integer');
  });
});
