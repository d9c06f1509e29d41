// Package tempo is a client of Grafana Tempo's HTTP API: fetch a trace by
// ID (api/v2, falling back to the v1 path of older Tempo) and TraceQL search.
package tempo
