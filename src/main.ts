import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './logger.ts';
import { openRuntime } from './runtime.ts';
import { createApp } from './app.ts';
import { serve } from './http/server.ts';
import { startWorker, type GatewayWorker } from './worker.ts';
import { DEMO_PASSWORD, DEMO_TENANT, DEMO_USERS, seedDemo } from './demo/seed.ts';
import { DEMO_WAREHOUSE_USERS, seedDemoWarehouse, syncDemoDataSourcePort } from './demo/warehouse.ts';
import type { Logger } from './logger.ts';
import type { Runtime } from './runtime.ts';

/** The demo workspace on first run; on later runs, the demo data source follows the database's port. */
async function seedDemoWorkspace(runtime: Runtime, logger: Logger): Promise<void> {
  const url = new URL(runtime.db.url);
  const connection = { host: url.hostname, port: Number(url.port || 5432), database: url.pathname.slice(1) };
  const seeded = await seedDemo(runtime.orm.em.fork());
  if (!seeded) {
    if (runtime.db.embedded) await syncDemoDataSourcePort(runtime.orm.em.fork(), connection.port);
    return;
  }
  logger.info('demo tenant seeded');
  const started = performance.now();
  try {
    await seedDemoWarehouse(runtime.orm.em.fork(), runtime.deps, { ...seeded, connection });
    logger.info({ ms: Math.round(performance.now() - started) }, 'demo warehouse seeded (schema demo_warehouse)');
  } catch (error) {
    // An external server may refuse to create the read-only role: the rest of the demo still works.
    logger.warn({ err: error }, 'the demo warehouse could not be seeded; the demo workspace has no data source');
  }
}

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
  // Before anything opens a connection or serves a request; the SDK is loaded only when asked for.
  const tracing = config.tracing ? (await import('./ops/tracing-sdk.ts')).startTracing() : undefined;
  if (tracing) logger.info('tracing on: spans are exported over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT)');
  const runtime = await openRuntime(config, logger);
  if (config.demo) await seedDemoWorkspace(runtime, logger);

  await runtime.deps.metadataCache.start();
  const app = createApp(runtime.deps);
  let server;
  let worker: GatewayWorker | null = null;
  try {
    worker = await startWorker(runtime.deps);
    server = await serve(app, { host: config.host, port: config.port, logger });
  } catch (error) {
    await worker?.stop();
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
    lines.push('  Row-level permission demo (see the README):');
    for (const user of DEMO_WAREHOUSE_USERS) lines.push(`  ${'EXPLORER'.padEnd(9)} ${user.email}  ${user.name}`);
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, 'shutting down: finishing in-flight requests');
    // `/readyz` says 503 from now on and new GraphQL requests are turned away; running ones finish.
    runtime.deps.lifecycle.draining = true;
    await server.close(config.shutdownGraceSeconds * 1000);
    // The job running now finishes (its mail is sent and marked) before the pools close.
    await worker?.stop().catch((error: unknown) => logger.error({ err: error }, 'the job worker did not stop cleanly'));
    await runtime.close();
    await tracing?.shutdown().catch(() => {});
    logger.info('stopped');
    process.exit(0);
  };
  // The embedded PostgreSQL library stops its database on these signals by itself, which would cut
  // off the requests still in flight; from here on `stop` closes it, after they have finished.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

main().catch((error: unknown) => {
  console.error('Tessera failed to start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack && process.env.LOG_LEVEL === 'debug') console.error(error.stack);
  process.exit(1);
});
