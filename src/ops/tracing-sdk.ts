/**
 * Turns tracing on: spans go over OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporter reads
 * it, and the other standard `OTEL_EXPORTER_OTLP_*` variables, itself), in batches. Loaded by
 * `main.ts` only when that variable is set, so a server without it never loads the SDK.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Registers the global tracer provider (with the async-local context manager); returns what flushes and stops it. */
export function startTracing(serviceName = process.env.OTEL_SERVICE_NAME || 'tessera'): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
