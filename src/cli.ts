import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './logger.ts';
import { openRuntime } from './runtime.ts';
import { DomainError } from './errors.ts';
import { createTenant } from './modules/tenant/tenant.service.ts';
import { createOrm } from './db/orm.ts';
import { resolveDatabase } from './db/database.ts';

const USAGE = `Usage: npm run tessera -- <command> [options]

Commands:
  create-tenant --slug S --name N --admin-email E [--json]
      Creates a tenant and its first admin (PENDING) and prints the invitation URL.
  migrate
      Applies pending migrations to the metadata database.
  migration:create [--name NAME]
      Writes a migration for the difference between the entities and the database (development).
`;

/** `adminEmail` → `--admin-email`: errors name the option the user typed. */
const optionName = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig(process.env);
  // Logs go to stderr so that --json output on stdout stays machine-readable.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr as never);

  switch (command) {
    case 'create-tenant': {
      const { values } = parseArgs({
        args: rest,
        options: {
          slug: { type: 'string' },
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      const missing = ['slug', 'name', 'admin-email'].filter((key) => !values[key as keyof typeof values]);
      if (missing.length > 0) {
        console.error(`create-tenant: missing --${missing.join(', --')}\n\n${USAGE}`);
        return 2;
      }
      const runtime = await openRuntime(config, logger);
      try {
        const created = await createTenant(runtime.orm.em.fork(), runtime.deps, {
          slug: values.slug!,
          name: values.name!,
          adminEmail: values['admin-email']!,
        });
        if (values.json) {
          console.log(
            JSON.stringify({
              tenant: created.tenant.slug,
              adminEmail: created.admin.email,
              invitationUrl: created.invitationUrl,
              invitationToken: created.invitationToken,
            }),
          );
        } else {
          console.log(`Tenant "${created.tenant.slug}" created.`);
          console.log(`Its first admin, ${created.admin.email}, accepts the invitation at:\n  ${created.invitationUrl}`);
        }
        return 0;
      } finally {
        await runtime.close();
      }
    }
    case 'migrate': {
      const runtime = await openRuntime(config, logger);
      await runtime.close();
      console.log('Migrations are up to date.');
      return 0;
    }
    case 'migration:create': {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' } } });
      const db = await resolveDatabase(config, logger);
      const orm = await createOrm({ clientUrl: db.url });
      try {
        await orm.migrator.up();
        const result = await orm.migrator.create(undefined, false, false, values.name);
        console.log(result.fileName ? `Wrote migrations/${result.fileName}` : 'No schema changes: nothing written.');
      } finally {
        await orm.close(true);
        await db.stop();
      }
      return 0;
    }
    default:
      console.error(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else if (error instanceof DomainError) console.error(`${error.field ? `${optionName(error.field)}: ` : ''}${error.message}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
