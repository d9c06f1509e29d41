// Package zipkin reads Zipkin v2 JSON (a list of spans, or a list of
// traces as /api/v2/traces answers) into the trace model, and is a client
// of Zipkin's HTTP API.
package zipkin
