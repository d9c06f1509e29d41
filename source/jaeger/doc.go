// Package jaeger reads Jaeger's v1 JSON (the query service's /api/traces
// answers and the Jaeger UI's downloads) into the trace model, and is a
// client of the Jaeger query service (api/v3, falling back to v1).
package jaeger
