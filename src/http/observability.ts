/**
 * What operators see of requests: Prometheus histograms (`GET /metrics`), one access log line
 * per request, and OpenTelemetry spans when tracing is on (src/ops/tracing-sdk.ts).
 *
 * None of them carries a variable's value, a header, a token or a query string: labels and log
 * fields are the method, the path (a download's token masked), the status, the operation's name
 * and type, the principal's kind and tenant, and the request id.
 */
import { context as otelContext, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import { tracer } from '../ops/tracing.ts';

/** What the access log and the labels read of a request's context (absent before it is built, e.g. for /healthz). */
interface ContextView {
  requestId?: string;
  viewer?: Principal | null;
  params?: { operationName?: string | null };
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
const ROUTES = new Set(['/graphql', ...PROBES]);
const MAX_PATH_LENGTH = 200;
const MAX_NAME_LENGTH = 100;

/** The path as logged: a download's token masked, long paths cut. */
export function loggedPath(pathname: string): string {
  if (pathname.startsWith('/downloads/')) return '/downloads/:token';
  return pathname.length > MAX_PATH_LENGTH ? `${pathname.slice(0, MAX_PATH_LENGTH)}…` : pathname;
}

/** The route as a span name: one of a few, so names stay bounded. */
function route(pathname: string): string {
  if (ROUTES.has(pathname)) return pathname;
  if (pathname.startsWith('/graphiql/')) return '/graphiql/*';
  if (pathname.startsWith('/downloads/')) return '/downloads/:token';
  return 'other';
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): { name: string | undefined; type: string | undefined } {
  const operation = getOperationAST(document, operationName ?? undefined);
  return { name: operation?.name?.value.slice(0, MAX_NAME_LENGTH), type: operation?.operation };
}

/** `ok` without errors, `partial` with data and errors, `error` without data. */
function outcomeOf(result: ExecutionResult): string {
  if (!result.errors?.length) return 'ok';
  return result.data ? 'partial' : 'error';
}

/**
 * The yoga Prometheus plugin, on this app's registry, with bounded labels: operation names are
 * capped (src/ops/metrics.ts: `BoundedLabel`), the URL label is off (it carries GET variables),
 * and only the request and operation histograms and the error counter are on.
 * `graphql_envelop_request_duration` carries the operation's outcome, which `outcomes` notes when
 * execution ends (this plugin must come before `usePrometheus` for that).
 */
export function useMetrics(metrics: Metrics): Plugin[] {
  const outcomes = new WeakMap<object, string>();
  const operationName = (params: FillLabelsFnParams, context: unknown) =>
    metrics.operationNames.of(params.operationName?.slice(0, MAX_NAME_LENGTH) ?? 'Anonymous', Boolean((context as ContextView | null)?.viewer));
  const registry = metrics.registry;
  const outcomePlugin: Plugin = {
    onExecute({ args }) {
      const context = args.contextValue as object;
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result)) outcomes.set(context, outcomeOf(result));
        },
      };
    },
    // After masking: every error has its final code here, whichever phase raised it.
    onResultProcess({ result }) {
      for (const item of Array.isArray(result) ? result : [result]) {
        if (!(Symbol.asyncIterator in item) && item.errors?.length) metrics.countErrors(item.errors);
      }
    },
  };
  const prometheus = usePrometheus({
    registry,
    endpoint: '/metrics',
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP requests to /graphql, by operation and status',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
        },
        fillLabelsFn: (params, context: { request: Request; response: Response }) => ({
          operationName: operationName(params, context),
          operationType: params.operationType ?? 'unknown',
          method: context.request.method,
          statusCode: context.response.status,
        }),
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time spent executing GraphQL operations, by operation and outcome (ok, partial, error)',
          labelNames: ['operationName', 'operationType', 'outcome'],
        },
        phases: ['execute'],
        fillLabelsFn: (params, context: object) => ({
          operationName: operationName(params, context),
          operationType: params.operationType ?? 'unknown',
          outcome: outcomes.get(context) ?? 'error',
        }),
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors of GraphQL operations, by operation and phase (parse, validate, context, execute)',
          labelNames: ['operationName', 'operationType', 'phase'],
        },
        fillLabelsFn: (params, context) => ({
          operationName: operationName(params, context),
          operationType: params.operationType ?? 'unknown',
          phase: params.errorPhase ?? 'unknown',
        }),
      }),
      graphql_envelop_request: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
    labels: { operationName: true, operationType: true, phase: true, path: false, method: true, statusCode: true, url: false },
  });
  return [outcomePlugin, prometheus];
}

/**
 * One line per request, at info (`msg: 'request'`): method, path, status, ms, operation name,
 * principal kind (ANONYMOUS without one), tenant id and request id. Successful probes (/healthz,
 * /readyz, /metrics) are logged at debug. `first` must be the first plugin (it notes the start);
 * `last` the last (it sees the final status).
 */
export function useAccessLog(logger: Logger): { first: Plugin; last: Plugin } {
  // Keyed by the server context: the request object may be replaced on the way (body limits).
  const started = new WeakMap<object, number>();
  const operations = new WeakMap<object, string>();
  return {
    first: {
      onRequest({ serverContext }) {
        started.set(serverContext, performance.now());
      },
      onParse({ context }) {
        return ({ result }) => {
          if (result instanceof Error) return;
          const name = operationOf(result, (context as ContextView).params?.operationName).name;
          if (name) operations.set(context, name);
        };
      },
    },
    last: {
      onResponse({ request, response, serverContext }) {
        const start = started.get(serverContext);
        if (start === undefined) return;
        const context = serverContext as ContextView;
        const path = new URL(request.url).pathname;
        const quiet = PROBES.has(path) && response.status < 400;
        if (quiet && !logger.isLevelEnabled('debug')) return;
        const line = {
          method: request.method,
          path: loggedPath(path),
          status: response.status,
          ms: Math.round((performance.now() - start) * 10) / 10,
          operationName: operations.get(serverContext),
          principal: context.viewer?.kind ?? 'ANONYMOUS',
          tenantId: context.viewer?.tenantId,
          requestId: context.requestId,
        };
        if (quiet) logger.debug(line, 'request');
        else logger.info(line, 'request');
      },
    },
  };
}

/**
 * A server span per request and a span per GraphQL operation, named `<type> <name>` once parsed.
 * Statement spans (src/ops/tracing.ts) start inside the operation's context and become its
 * children. Without a tracer provider the spans do not record and nothing more is done.
 */
export function useTracing(): Plugin {
  const requestSpans = new WeakMap<object, Span>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const path = new URL(request.url).pathname;
        const span = tracer.startSpan(`${request.method} ${route(path)}`, {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'url.path': loggedPath(path), 'http.route': route(path) },
        });
        if (!span.isRecording()) return wrapped();
        return otelContext.with(trace.setSpan(otelContext.active(), span), async () => {
          try {
            await wrapped();
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw error;
          } finally {
            span.end();
          }
        });
      },
      operation(_payload, wrapped) {
        const parent = trace.getActiveSpan();
        if (!parent?.isRecording()) return wrapped();
        return tracer.startActiveSpan('GraphQL operation', { kind: SpanKind.INTERNAL }, async (span) => {
          try {
            await wrapped();
          } finally {
            span.end();
          }
        });
      },
    },
    onParse({ context }) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      return ({ result }) => {
        if (result instanceof Error) return;
        const { name, type } = operationOf(result, (context as ContextView).params?.operationName);
        if (type) span.setAttribute('graphql.operation.type', type);
        if (name) span.setAttribute('graphql.operation.name', name);
        if (type) span.updateName(name ? `${type} ${name}` : type);
      };
    },
    onExecute({ args }) {
      const span = trace.getActiveSpan();
      if (!span?.isRecording()) return;
      const viewer = (args.contextValue as ContextView).viewer;
      if (viewer) span.setAttributes({ 'tessera.principal.kind': viewer.kind, 'tessera.tenant.id': viewer.tenantId });
      return {
        onExecuteDone({ result }) {
          if (!(Symbol.asyncIterator in result) && result.errors?.length) {
            span.setStatus({ code: SpanStatusCode.ERROR });
            span.setAttribute('graphql.error.count', result.errors.length);
          }
        },
      };
    },
    onRequest({ serverContext }) {
      const span = trace.getActiveSpan();
      if (span?.isRecording()) requestSpans.set(serverContext, span);
    },
    onResponse({ response, serverContext }) {
      const span = requestSpans.get(serverContext);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    },
  };
}
