import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { loadOrCreateLocalSecrets } from '../../src/db/local-secrets.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_SECRET_KEY } from '../testkit/kit.ts';
import { it } from '../testkit/fixture.ts';

const Accept = graphql(`
  mutation AcceptFromCli($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) { token user { email role status } }
  }
`);

const root = path.resolve(import.meta.dirname, '../..');

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['src/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const external = () => ({ DATABASE_URL: inject('databaseUrl'), TESSERA_SECRET_KEY: TEST_SECRET_KEY });

describe('tessera create-tenant', () => {
  it('creates a tenant whose first admin accepts the printed invitation', async ({ kit }) => {
    const slug = `cli-${Date.now().toString(36)}`;
    const out = cli(['create-tenant', '--slug', slug, '--name', 'CLI Co', '--admin-email', 'Boss@CLI.example.com', '--json'], external());
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const printed = JSON.parse(out.stdout) as Record<string, string>;
    expect(Object.keys(printed).sort()).toEqual(['adminEmail', 'invitationToken', 'invitationUrl', 'tenant']);
    expect(printed).toMatchObject({ tenant: slug, adminEmail: 'boss@cli.example.com' });
    expect(printed.invitationUrl).toContain(encodeURIComponent(printed.invitationToken!));

    const accepted = await kit.gql(Accept, { input: { token: printed.invitationToken!, name: 'The Boss', password: 'a long enough password' } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation?.user).toEqual({ email: 'boss@cli.example.com', role: 'ADMIN', status: 'ACTIVE' });
  });

  it('prints a readable summary without --json', () => {
    const out = cli(['create-tenant', '--slug', `cli-h-${Date.now().toString(36)}`, '--name', 'Human', '--admin-email', 'h@example.com'], external());
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/accepts the invitation at:\n\s+http:\/\/.*accept-invitation\?token=inv_/);
  });

  it('refuses a taken slug, a bad email and missing options with clear messages', () => {
    const slug = `cli-d-${Date.now().toString(36)}`;
    expect(cli(['create-tenant', '--slug', slug, '--name', 'A', '--admin-email', 'a@example.com'], external()).code).toBe(0);
    const again = cli(['create-tenant', '--slug', slug, '--name', 'B', '--admin-email', 'b@example.com'], external());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`A tenant with slug "${slug}" already exists`);
    const badEmail = cli(['create-tenant', '--slug', `${slug}-x`, '--name', 'C', '--admin-email', 'not-an-email'], external());
    expect(badEmail.code).toBe(1);
    expect(badEmail.stderr).toMatch(/--admin-email: .*not a valid email/);
    const missing = cli(['create-tenant', '--slug', `${slug}-y`], external());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --name, --admin-email');
    const unknown = cli(['frobnicate'], external());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('joins a running embedded database, or starts and stops one for the command', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tessera-cli-'));
    await chmod(dataDir, 0o755);
    const env = { TESSERA_DATA_DIR: dataDir };
    try {
      // No server running: the command starts the embedded database and stops it afterwards.
      const first = cli(['create-tenant', '--slug', 'alone', '--name', 'Alone', '--admin-email', 'a@example.com', '--json'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

      // A server already running on the data dir (as with `npm start`): the command joins it.
      const secrets = await loadOrCreateLocalSecrets(dataDir);
      const running = await startEmbeddedPostgres({
        pgDir: path.join(dataDir, 'pg'),
        password: secrets.postgresPassword,
        database: 'tessera',
        logger: createLogger('silent'),
      });
      try {
        const second = cli(['create-tenant', '--slug', 'joined', '--name', 'Joined', '--admin-email', 'j@example.com', '--json'], env);
        expect(second.code).toBe(0);
        const client = new pg.Client({ connectionString: running.url });
        await client.connect();
        const { rows } = await client.query('select slug from tenants order by slug');
        await client.end();
        expect(rows.map((r) => r.slug)).toEqual(['alone', 'joined']);
      } finally {
        await running.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
