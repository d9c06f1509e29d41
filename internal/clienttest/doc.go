// Package clienttest holds end-to-end tests that run the real client
// libraries of other tracing tools (zipkin-go, dd-trace-go) against
// tracetui's receiver. It is a module of its own so that those libraries
// and their dependencies stay out of tracetui's.
package clienttest
