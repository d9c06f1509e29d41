// Package otlpjson decodes OTLP/JSON straight from a stream of tokens into
// the trace model: one request, an array of them, the Collector file
// exporter's JSON lines, and the wrappers Jaeger and Tempo put around them.
//
// It never uses protojson (which reads OTLP's hex IDs as base64 without an
// error) and never holds the input in memory: a jsontext.Decoder reads the
// io.Reader and every value lands in a trace.Span as it is read.
package otlpjson
