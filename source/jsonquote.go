package source

import "github.com/go-json-experiment/json/jsontext"

// AppendQuote appends s as a JSON string for the encoders (OTLP JSON,
// Jaeger, Zipkin): invalid UTF-8 becomes U+FFFD, as the decoders read it,
// so the text is still written and never breaks the line.
func AppendQuote(b []byte, s string) []byte {
	out, _ := jsontext.AppendQuote(b, s)
	return out
}
