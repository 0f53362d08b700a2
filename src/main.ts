import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './logger.ts';
import { openRuntime } from './runtime.ts';
import { createApp } from './app.ts';
import { serve } from './http/server.ts';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, seedDemo } from './db/demo-seed.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger);
  if (config.demo && (await seedDemo(runtime.orm.em.fork()))) logger.info('demo tenant seeded');
  if (!config.smtpUrl) logger.info('SMTP_URL is not set: outgoing mail stays in the outbox_emails table');

  const app = createApp(runtime.deps);
  let server;
  try {
    server = await serve(app, { host: config.host, port: config.port, logger });
  } catch (error) {
    await runtime.close();
    throw error;
  }

  const lines = [
    '',
    `Tessera is listening on ${server.url}`,
    `GraphiQL: ${server.url}/graphql`,
    `Database: ${runtime.db.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (config.demo) {
    lines.push('', `Demo sign-ins (workspace "${DEMO_TENANT}", password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS.filter((u) => u.status === 'ACTIVE')) lines.push(`  ${user.role.padEnd(9)} ${user.email}`);
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await server.close();
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Tessera failed to start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack && process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  process.exit(1);
});
