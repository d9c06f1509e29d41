// A test runner for `tracetui run` (see run_node_test.go): two tests, each
// a trace through OpenTelemetry's Node SDK configured by the environment
// alone (OTEL_EXPORTER_OTLP_ENDPOINT, as run sets it; the protocol is the
// SDK's default, http/protobuf, unless OTEL_EXPORTER_OTLP_PROTOCOL says).
// "checkout" passes; "refund" fails with an error span and an exception,
// and the program exits 1 as a failing test runner does.
'use strict';
const { NodeSDK } = require('@opentelemetry/sdk-node');
const api = require('@opentelemetry/api');

const sdk = new NodeSDK({ serviceName: 'shop-node' });
sdk.start();
const tracer = api.trace.getTracer('tests.js');

function test(name, call, fail) {
  const attrs = {
    'test.case.name': name,
    'test.suite.name': 'node-shop',
    'test.case.result.status': fail ? 'fail' : 'pass',
  };
  tracer.startActiveSpan(name, { attributes: attrs }, (root) => {
    tracer.startActiveSpan(call, { kind: api.SpanKind.CLIENT }, (span) => {
      if (fail) {
        span.recordException(new Error('card expired'));
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: 'refund declined' });
      }
      span.end();
    });
    root.end();
  });
  console.log(`${fail ? 'not ok' : 'ok'} - ${name}`);
}

test('checkout', 'GET /cart', false);
test('refund', 'POST /refund', true);

sdk.shutdown().then(
  () => { process.exitCode = 1; },
  (err) => { console.error('tests.js: export:', err); process.exitCode = 2; },
);
