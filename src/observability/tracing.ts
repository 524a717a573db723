// OpenTelemetry traces over OTLP/HTTP (JSON), only when OTEL_EXPORTER_OTLP_ENDPOINT is set: the
// SDK is not even loaded otherwise, and with no tracer the hooks skip span work entirely.
// Spans: one per GraphQL operation, one per vendor call under it. Attributes carry templates and
// codes only, never query strings, variables or personal data.
import type { Tracer } from '@opentelemetry/api';
import type { TracingConfig } from '../config.js';

export interface Tracing {
  tracer: Tracer;
  /** Sends the spans still buffered and stops exporting. */
  shutdown(): Promise<void>;
}

export async function startTracing(config: TracingConfig | undefined): Promise<Tracing | undefined> {
  if (!config) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.endpoint}/v1/traces` }))],
  });
  // Not registered globally: each server owns its provider, so tests in one process stay apart.
  return { tracer: provider.getTracer('lead-graph'), shutdown: () => provider.shutdown() };
}
