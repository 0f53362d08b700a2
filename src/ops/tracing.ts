/**
 * OpenTelemetry spans, through `@opentelemetry/api` only: without a registered tracer provider
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` unset, see tracing-sdk.ts) every span is a no-op, and the
 * statement spans below are not even started, since no request span is recording.
 *
 * What spans carry: names, kinds, HTTP methods, paths and statuses, operation names and types,
 * SQL statement text with every literal replaced by `?` (`$n` placeholders kept), data source ids. Never a variable's value, a
 * bound SQL parameter, a header or an error message (which may echo a value).
 */
import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type pg from 'pg';

export const tracer = trace.getTracer('tessera');

/** Statement text is cut here (long `in (...)` lists). */
const MAX_STATEMENT_LENGTH = 4_000;

/** Whether spans started now would be recorded: only inside a recording span (a traced request). */
export function tracing(): boolean {
  return trace.getActiveSpan()?.isRecording() === true;
}

/** Marks a span failed with the error's name and code only (messages may carry values). */
export function failSpan(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : undefined });
  span.setAttribute('error.type', typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error');
}

/** `fn` in a child span of the active one; without a recording parent, just `fn()`. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!tracing()) return fn();
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await fn();
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A statement's text without its values: string literals (the ORM inlines bound values into
 * the SQL it sends) and numbers become `?`, `$n` placeholders stay; cut at 4,000 characters.
 */
export function statementText(text: string): string {
  const sanitized = text
    .replace(/(?:(?<!\w)[eE])?'(?:[^']|'')*'/g, '?')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b/g, '?');
  return sanitized.length > MAX_STATEMENT_LENGTH ? `${sanitized.slice(0, MAX_STATEMENT_LENGTH)}…` : sanitized;
}

/** `SELECT`, `INSERT`, `WITH`, … (the statement's first word): its span's name. */
export function statementOperation(text: string): string {
  const match = /^\s*([a-z]+)/i.exec(text);
  return (match?.[1] ?? 'query').toUpperCase();
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * A span per statement sent on the pool's connections (`db.query.text`, never the values), when
 * sent inside a traced request. Statements given as text or `{ text }` with a promise answer are
 * traced; callbacks and submittables (cursors) pass through untouched.
 */
/** The metadata database's pool hook (`createOrm`'s `onPoolCreated`): a span per statement of a traced request. */
export const traceMetadataStatements = (clientUrl: string) => (pool: pg.Pool) =>
  traceStatements(pool, { 'db.namespace': new URL(clientUrl).pathname.slice(1) });

export function traceStatements(pool: pg.Pool, attributes: Attributes): void {
  pool.on('connect', (client) => {
    const original = client.query as unknown as QueryFn;
    const traced: QueryFn = function (this: unknown, ...args: unknown[]) {
      if (!tracing()) return original.apply(this, args);
      const [config] = args;
      const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
      const plain =
        typeof config === 'string' || (typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit !== 'function');
      if (typeof text !== 'string' || !plain || args.some((arg) => typeof arg === 'function')) return original.apply(this, args);
      const span = tracer.startSpan(statementOperation(text), {
        kind: SpanKind.CLIENT,
        attributes: { ...attributes, 'db.system.name': 'postgresql', 'db.operation.name': statementOperation(text), 'db.query.text': statementText(text) },
      });
      const result = context.with(trace.setSpan(context.active(), span), () => original.apply(this, args)) as Promise<unknown>;
      return result.then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          failSpan(span, error);
          span.end();
          throw error;
        },
      );
    };
    (client as unknown as { query: QueryFn }).query = traced;
  });
}
