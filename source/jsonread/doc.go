// Package jsonread holds the small token-level helpers the Jaeger and
// Zipkin decoders share: walking objects and arrays of a jsontext stream
// and reading scalars leniently (numbers as strings, null as empty), the
// way those stores and their UIs actually write them.
package jsonread
