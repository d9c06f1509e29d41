// Package datadog reads the trace payloads Datadog tracing libraries send
// to a local Datadog agent (msgpack, /v0.4/traces and /v0.5/traces) into
// the trace model.
package datadog
