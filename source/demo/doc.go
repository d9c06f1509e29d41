// Package demo embeds the example traces that `tracetui demo` shows: a
// checkout whose shipping call holds 5.2 of its 5.6 seconds, and a checkout
// whose payment fails two levels down. The file is OTLP JSON lines, the
// Collector file exporter's format, so `demo --write` gives users a real file
// to try `open` and `print` on.
package demo
