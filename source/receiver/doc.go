// Package receiver is a local OTLP receiver (HTTP and gRPC) for development
// and CI: apps export to it with their SDK's default settings and the spans
// land in a Store, optionally appended to a file as OTLP JSON lines.
package receiver
