// Package otlpproto decodes OTLP protobuf (ExportTraceServiceRequest,
// TracesData and the Collector file exporter's length-prefixed stream)
// straight into the trace model with protowire, skipping the generated
// types: two allocations per span instead of about fifty.
package otlpproto
