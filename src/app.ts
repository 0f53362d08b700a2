import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { schema } from './graphql/schema.ts';
import { useWarehouseBudget } from './graphql/budget.ts';
import { createMaskError, isMappedError, useErrorScope } from './graphql/errors.ts';
import { createContextFactory } from './http/context.ts';
import type { RequestScope } from './scope/scope.ts';
import type { AppDeps } from './scope/deps.ts';
import { dashboardSizes } from './modules/dashboard/dashboard.service.ts';
import { usePublicViewAudit } from './modules/dashboard/public-views.ts';
import { renderLocalGraphiQL, useGraphiQLAssets } from './http/graphiql.ts';
import { useAccessLog, useMetrics, useTracing } from './http/observability.ts';
import { corsOptions, useVaryOrigin } from './http/cors.ts';
import {
  useDraining,
  useHealthRoutes,
  useIntrospectionPolicy,
  useMetadataCacheForQueries,
  useRequestErrorStatus,
  useRequestIdHeader,
  useRequestLimits,
} from './http/plugins.ts';
import { useDownloads } from './http/downloads.ts';

export type App = YogaServerInstance<{ clientAddress?: string }, RequestScope>;

/** The whole gateway as a fetch handler: what `main.ts` serves and what tests call in-process. */
export function createApp(deps: AppDeps): App {
  const accessLog = useAccessLog(deps.logger);
  return createYoga<{ clientAddress?: string }, RequestScope>({
    schema,
    graphqlEndpoint: '/graphql',
    context: createContextFactory(deps),
    graphiql: { title: 'Tessera GraphiQL', defaultQuery: '{ viewer { user { name role } tenant { slug } } }' },
    renderGraphiQL: renderLocalGraphiQL,
    landingPage: false,
    // yoga's default answers every origin; only the configured ones get CORS headers here.
    cors: corsOptions(deps.config.corsOrigins),
    maskedErrors: { maskError: createMaskError(deps.logger, { retryAfterSeconds: deps.config.retryAfterSeconds }) },
    logging: {
      debug: (...args) => deps.logger.debug({ yoga: args }, 'yoga'),
      info: (...args) => deps.logger.info({ yoga: args }, 'yoga'),
      warn: (...args) => deps.logger.warn({ yoga: args }, 'yoga'),
      // Errors the mapping handled are logged by it, if at all (a data source's words stay out).
      error: (...args) => {
        if (args.length !== 1 || !isMappedError(args[0])) deps.logger.error({ yoga: args }, 'yoga');
      },
    },
    plugins: [
      // Spans (when tracing is on) and the access log's start come first: they wrap everything else.
      useTracing(),
      accessLog.first,
      useErrorScope(),
      useVaryOrigin(deps.config.corsOrigins),
      useRequestLimits(deps.config.maxBodyBytes),
      useHealthRoutes(deps),
      useDraining(deps),
      useDownloads(deps),
      useGraphiQLAssets(),
      useRequestIdHeader(),
      useRequestErrorStatus(),
      // After the status is final (above); serves GET /metrics.
      ...useMetrics(deps.metrics),
      useMetadataCacheForQueries(),
      useIntrospectionPolicy(deps.config.introspection),
      // Who saw what: dashboards read by embeds and links go to the audit log when execution is done.
      usePublicViewAudit(),
      // Before execution (and the compiled executor): a request over the budget runs nothing.
      useWarehouseBudget(dashboardSizes),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 20 },
        maxTokens: { n: 5000 },
        costLimit: { maxCost: 20000 },
        maxDirectives: { n: 20 },
        // Validation errors do not suggest field names ("Did you mean …"): the schema is not told to whoever guesses.
        blockFieldSuggestion: { enabled: true },
      }),
      // Each validated document is compiled once to a JavaScript function (cached with the parsed
      // document): execution and variable coercion cost a fraction of graphql-js's interpreter.
      useGraphQlJit({}, { onError: (result) => deps.logger.warn({ errors: result.errors }, 'a document could not be compiled') }),
      // Last: sees the final response.
      accessLog.last,
    ],
  });
}
